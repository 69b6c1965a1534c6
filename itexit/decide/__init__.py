"""Deciding with confidence: weights from pairwise answers, how sure the ranking is, which open
questions matter, and the stay / renegotiate / switch advice.

- `models`: the pairwise answers an evaluation keeps;
- `weights`: the analytic hierarchy process (Saaty);
- `sensitivity`: how far each weight can move before the leader changes;
- `questions`: the unanswered questions that could move an overall most;
- `decision`: the advice from the facts; `verdict`: the advice in words;
- `charts`: the tornado chart.

The pages use `itexit.decide.views` (Decide) and `itexit.decide.priorities` (Priorities,
Criteria & must-haves): what they show and the changes they send back. Those build on the
evaluation aggregate, which is itself built from the areas' models, so the package does not
import them (that would be an import cycle).
"""

from itexit.decide.charts import TORNADO_CAPTION, tornado
from itexit.decide.decision import (
    SERIOUS_GAP,
    STAY_MARGIN,
    SWITCH_LEAD,
    THIN_EVIDENCE,
    Advice,
    Standing,
    advise,
    standing,
)
from itexit.decide.models import Judgement
from itexit.decide.questions import OpenQuestion, open_questions
from itexit.decide.sensitivity import (
    ROBUST_CHANGE,
    Robustness,
    Tipping,
    contenders,
    leader,
    robustness,
    sensitivity,
)
from itexit.decide.verdict import Verdict, verdict
from itexit.decide.weights import CONSISTENT_ENOUGH, SCALE, Weighing, pairs, priority_vector, weigh

__all__ = [
    "CONSISTENT_ENOUGH",
    "ROBUST_CHANGE",
    "SCALE",
    "SERIOUS_GAP",
    "STAY_MARGIN",
    "SWITCH_LEAD",
    "THIN_EVIDENCE",
    "TORNADO_CAPTION",
    "Advice",
    "Judgement",
    "OpenQuestion",
    "Robustness",
    "Standing",
    "Tipping",
    "Verdict",
    "Weighing",
    "advise",
    "contenders",
    "leader",
    "open_questions",
    "pairs",
    "priority_vector",
    "robustness",
    "sensitivity",
    "standing",
    "tornado",
    "verdict",
    "weigh",
]
