"""Due diligence: the questions to ask a candidate before signing, its recorded answers, and the
printable kit.

- `kit`: the questions (`data/due_diligence.toml`), the answers an evaluation keeps, the kit;
- `views`: what the Due diligence page shows and the answers it sends back. It builds on the
  evaluation aggregate, which itself keeps the answers, so the package does not import it.
"""

from itexit.diligence.kit import (
    Answer,
    Block,
    BlockKind,
    Question,
    Topic,
    due_diligence_kit,
    due_diligence_topics,
    worrying_answers,
)

__all__ = [
    "Answer",
    "Block",
    "BlockKind",
    "Question",
    "Topic",
    "due_diligence_kit",
    "due_diligence_topics",
    "worrying_answers",
]
