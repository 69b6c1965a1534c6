"""What the Evaluations page shows and makes: the list of evaluations, a new one, a copy's name,
and the boxes asking for a name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from itexit.checklist import builtin_checklist
from itexit.evaluation import Evaluation
from itexit.input import Entry
from itexit.types import NAME_MAX

if TYPE_CHECKING:
    from itexit.store import Summary

__all__ = [
    "NEW_EVALUATION",
    "copy_name",
    "duplicate_entry",
    "evaluation_list",
    "new_evaluation",
    "rename_entry",
]

NEW_EVALUATION = Entry(
    "Name",
    "",
    placeholder="e.g. Acme Ltd: provider review 2027",
    help="Up to 100 characters; each evaluation needs its own name.",
    text=True,
)
"""The box asking for a new evaluation's name."""


def evaluation_list(summaries: Sequence[Summary], open_id: int | None) -> pd.DataFrame:
    """Every evaluation kept: its name, how many providers it has, when it last changed, and
    whether it is the one open now."""
    return pd.DataFrame(
        {
            "Evaluation": [s.name for s in summaries],
            "Providers": [s.provider_count for s in summaries],
            "Last change": [s.updated_at for s in summaries],
            "Open": [s.id == open_id for s in summaries],
        }
    )


def copy_name(name: str) -> str:
    """The name a copy of an evaluation is offered: "Copy of" its name, cut to fit a name."""
    return f"Copy of {name}"[:NAME_MAX]


def new_evaluation(name: str) -> Evaluation:
    """A new, empty evaluation called `name`, scored against the built-in checklist."""
    return Evaluation.new(name, builtin_checklist())


def rename_entry(name: str) -> Entry:
    """The box asking for an evaluation's new name, offering the one it has."""
    return Entry("Rename to", name, text=True)


def duplicate_entry(name: str) -> Entry:
    """The box asking for the name of an evaluation's copy, offering "Copy of" its name."""
    return Entry(
        "Duplicate as",
        copy_name(name),
        help="A full copy, scores and notes included, to try other weights or keep a snapshot.",
        text=True,
    )
