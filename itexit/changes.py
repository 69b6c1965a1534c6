"""What a change did to an evaluation, in data and in words: found by comparing two versions,
applied again to a newer version, and described for the person who made it.

An evaluation is compared as the tree of its JSON form, where every list of records with an
`id` (providers, essentials, criteria, incidents) is keyed by that id. A change is one leaf
(or one whole record) that differs, with its path in that tree. Applying the changes of a
refused save to the latest version therefore touches only what the user changed, never a
value someone else saved meanwhile.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from itexit.input import InvalidInput, validated
from itexit.words import long_date, rounded

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "ABSENT",
    "SUMMARY_LINES",
    "Change",
    "added",
    "applied",
    "changes",
    "described",
    "in_words",
    "parts",
    "removed",
    "summarised",
    "value_at",
]

Path = tuple[str, ...]


class _Absent:
    """Marks a value that is not there: a record added or removed, a key set or unset."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class Change:
    """One value that differs between two versions of an evaluation."""

    path: Path
    before: Any
    """The value in the older version (ABSENT where it was added)."""
    after: Any
    """The value in the newer version (ABSENT where it was removed)."""


class _Keyed(dict[str, Any]):
    """A list of records with ids, keyed by id (its order is the list's)."""


_RECORDS = {"providers", "incidents", "essentials", "criteria"}
"""The lists of records with ids: keyed by id, even while they are empty."""


_PAIRS = "judgements"
"""The pairwise answers: a list of records without ids, keyed by their pair of essentials, each
one compared (and described) whole."""


def _tree(value: Any, key: str = "") -> Any:
    if key == _PAIRS and isinstance(value, list):
        return _Keyed((" vs ".join(sorted((j["more"], j["less"]))), j) for j in value)
    if isinstance(value, dict):
        return {k: _tree(v, k) for k, v in value.items()}
    records = isinstance(value, list) and (bool(value) or key in _RECORDS)
    if records and all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in value):
        return _Keyed((item["id"], _tree(item)) for item in value)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, _Keyed):
        return [_plain(v) for v in value.values()]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _dump(evaluation: Evaluation) -> Any:
    return _tree(evaluation.model_dump(mode="json"))


def changes(before: Evaluation, after: Evaluation) -> list[Change]:
    """Every value that differs between two versions, in the order of the evaluation."""
    return list(_diff(_dump(before), _dump(after), ()))


def _diff(old: Any, new: Any, path: Path) -> list[Change]:
    # An entry added to (or removed from) a map of small records, such as a score, differs
    # from the record's defaults only where it was filled in.
    if path and path[-2:-1] and path[-2] in _records():
        default = _records()[path[-2]]
        old = default if old is ABSENT and isinstance(new, dict) else old
        new = default if new is ABSENT and isinstance(old, dict) else new
    whole = _pairwise(path)
    if isinstance(old, dict) and isinstance(new, dict) and type(old) is type(new) and not whole:
        found: list[Change] = []
        for key in [*old, *(k for k in new if k not in old)]:
            found += _diff(old.get(key, ABSENT), new.get(key, ABSENT), (*path, key))
        return found
    return [] if old == new else [Change(path, old, new)]


@cache
def _records() -> dict[str, dict[str, Any]]:
    """The maps of small records in an evaluation, with each record's defaults."""
    from itexit.diligence import Answer
    from itexit.evaluation import Score
    from itexit.exit.models import GroundClaim, Task

    return {
        "scores": Score().model_dump(mode="json"),
        "grounds": GroundClaim().model_dump(mode="json"),
        "tasks": Task().model_dump(mode="json"),
        "answers": Answer().model_dump(mode="json"),
    }


def value_at(evaluation: Evaluation, path: Path) -> Any:
    """The value at a change's path in a version of the evaluation (ABSENT if not there)."""
    node = _dump(evaluation)
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return ABSENT
        node = node[key]
    return node


def applied(found: Sequence[Change], evaluation: Evaluation) -> Evaluation:
    """The evaluation with the changes made again on it: each path set to its new value (or
    removed), everything else as it is; InvalidInput if the result breaks a rule."""
    tree = _dump(evaluation)
    for change in found:
        _set(tree, change.path, copy.deepcopy(change.after))
    return validated(type(evaluation), **_plain(tree))


def _set(tree: dict[str, Any], path: Path, value: Any) -> None:
    node = tree
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            if value is ABSENT:
                return  # removing under something already gone
            if isinstance(node, _Keyed):  # a provider, incident... removed meanwhile
                raise InvalidInput(
                    "Part of your change is about something someone else has removed since "
                    "(a provider, a criterion or an incident), so it cannot be made again. "
                    "Let your change go and make what still applies anew."
                )
            node[key] = {}
        node = node[key]
    if value is ABSENT:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


# In words ----------------------------------------------------------------------------------------


def described(change: Change, *versions: Evaluation, limit: int = 40) -> str:
    """A change as a person reads it: 'Nimbus IT · Restores tested regularly: score 2 → 4'.

    Names are looked up in the versions given (the first that knows one), falling back to ids.
    """
    where, before, after = parts(change, *versions, limit=limit)
    if added(change):
        return f"{where}: added"
    if removed(change):
        return f"{where}: removed"
    return f"{where}: {before} → {after}"


def parts(change: Change, *versions: Evaluation, limit: int = 40) -> tuple[str, str, str]:
    """Where a change is, and its value before and after, as a person reads them (a pairwise
    answer whole: 'Security & encryption 3× as important as Backup')."""
    if _pairwise(change.path):
        names = _names(versions[-1]) | _names(versions[0])
        return "pairwise answer", _pair(change.before, names), _pair(change.after, names)
    where = _where(change.path, *versions)
    return where, in_words(change.before, limit), in_words(change.after, limit)


def added(change: Change) -> bool:
    """Whether the change adds a whole record (a provider, an incident, a score...)."""
    gone = change.before in (ABSENT, None)
    return gone and isinstance(change.after, dict) and not _pairwise(change.path)


def removed(change: Change) -> bool:
    """Whether the change removes a whole record."""
    gone = change.after in (ABSENT, None)
    return gone and isinstance(change.before, dict) and not _pairwise(change.path)


def _pairwise(path: Path) -> bool:
    """Whether the path is one pairwise answer's, which is compared and described whole."""
    return len(path) == 2 and path[0] == _PAIRS


SUMMARY_LINES = 100
"""At most this many changes are described in a revision's summary; the rest are counted."""
SUMMARY_WIDTH = 120
"""A value in a summary is cut after this many characters (a long note is not kept twice)."""


def summarised(
    before: Evaluation, after: Evaluation, found: Sequence[Change] | None = None
) -> tuple[str, ...]:
    """What a save changed, one sentence per change, as the History page lists it: at most
    SUMMARY_LINES sentences, then how many more (a checklist update can change hundreds).
    `found`: `changes(before, after)`, when the caller has it already."""
    found = changes(before, after) if found is None else found
    lines = [
        described(change, after, before, limit=SUMMARY_WIDTH) for change in found[:SUMMARY_LINES]
    ]
    if len(found) > SUMMARY_LINES:
        lines.append(f"… and {len(found) - SUMMARY_LINES} more changes")
    return tuple(lines)


def _pair(judgement: Any, names: dict[str, str]) -> str:
    """A pairwise answer in words: 'Security & encryption 3× as important as Backup'."""
    if not isinstance(judgement, dict):
        return "not answered"
    more, less = (names.get(judgement[k], judgement[k]) for k in ("more", "less"))
    if judgement["times"] == 1:
        return f"{more} as important as {less}"
    return f"{more} {judgement['times']}× as important as {less}"


def _where(path: Path, *versions: Evaluation) -> str:
    names: dict[str, str] = {}
    for version in reversed(versions):
        names |= _names(version)
    evaluation = versions[0]
    if len(path) == 2 and path[0] in _SETTINGS:  # "Backups · weight", not "weight · Backups"
        path = (path[1], path[0])
    if len(path) > 3 and path[2] == "scores":  # the criterion's essential, before it
        essential = evaluation.checklist.essential_of().get(path[3])
        path = (*path[:3], essential, *path[3:]) if essential else path
    if path == ("name",):
        return "evaluation name"
    words = [names.get(key, key.replace("_", " ")) for key in path if key not in _QUIET]
    return " · ".join(words) if words else "the evaluation"


_SETTINGS = {"essential_weights", "criterion_weights", "targets", "must_haves"}
_QUIET = {"providers", "scores", "exit", "grounds", "tasks", "incidents", "answers"}
"""Levels of the tree that only group what follows; a description leaves them out."""


def _names(evaluation: Evaluation) -> dict[str, str]:
    names = {p.id: p.name for p in evaluation.providers}
    names |= {e.id: e.name for e in evaluation.checklist.essentials}
    names |= {c.id: c.name for c in evaluation.checklist.criteria}
    names |= {i.id: f"incident of {long_date(i.day)}" for i in evaluation.exit.incidents}
    return names | _labels() | _FIELDS


@cache
def _labels() -> dict[str, str]:
    """The names of the built-in grounds, offboarding items and due-diligence questions."""
    from itexit.diligence import due_diligence_topics
    from itexit.exit.grounds import GROUNDS
    from itexit.exit.offboarding import offboarding_items

    labels: dict[str, str] = {g.id: g.title for g in GROUNDS}
    labels |= {i.id: i.title for i in offboarding_items()}
    labels |= {q.id: q.question for t in due_diligence_topics() for q in t.questions}
    return labels


_FIELDS = {
    "rating": "score",
    "note": "note",
    "verified": "verified",
    "carried": "carried from the review of",
    "essential_weights": "weight",
    "criterion_weights": "weight",
    "targets": "target",
    "must_haves": "must-have minimum",
    "notice_days": "notice (days)",
    "notice_months": "notice (months)",
    "term_months": "term (months)",
    "business_name": "your company's name",
}


def in_words(value: Any, limit: int = 40) -> str:
    """A value of a change as a person reads it: 'none', 'yes', a text of at most `limit`
    characters."""
    if value is None or value == "" or value is ABSENT:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return "changed"
    # A weight of 2 reads "2", not "2.0"; one worked out from pairwise answers "1.158", not
    # "1.157546" (three decimals keep an uptime of 99.999 %).
    text = rounded(value, 3) if isinstance(value, float) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
