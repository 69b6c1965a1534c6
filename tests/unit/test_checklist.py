"""The built-in checklist file: its shape, its content, and how a broken file is reported."""

from __future__ import annotations

import pytest

from itexit.checklist import (
    CHECKLIST_FILE,
    ESSENTIALS,
    Checklist,
    builtin_checklist,
    parse_checklist,
)
from itexit.input import InvalidInput


def test_the_checklist_has_the_six_essentials_in_order(checklist: Checklist) -> None:
    assert tuple(e.id for e in checklist.essentials) == ESSENTIALS


def test_every_essential_has_four_to_eight_criteria(checklist: Checklist) -> None:
    assert all(4 <= len(e.criteria) <= 8 for e in checklist.essentials)


def test_every_criterion_has_a_question_and_says_what_0_3_and_5_mean(
    checklist: Checklist,
) -> None:
    for criterion in checklist.criteria:
        assert criterion.question.endswith("?"), criterion.id
        assert criterion.means_0 and criterion.means_3 and criterion.means_5, criterion.id
        assert len({criterion.means_0, criterion.means_3, criterion.means_5}) == 3, criterion.id


def test_criterion_ids_are_unique_and_start_with_their_essential(checklist: Checklist) -> None:
    ids = [c.id for c in checklist.criteria]
    assert len(ids) == len(set(ids))
    for essential in checklist.essentials:
        assert all(c.id.startswith(f"{essential.id}.") for c in essential.criteria)


@pytest.mark.parametrize(
    ("essential", "theme"),
    [
        ("security", "encrypt"),
        ("security", "two-step login"),
        ("security", "detection and response"),
        ("security", "phishing"),
        ("security", "vulnerability"),
        ("security", "soc 2"),
        ("security", "insurance"),
        ("security", "breach"),
        ("maintenance", "emergency"),
        ("maintenance", "tested"),
        ("maintenance", "hardening"),
        ("maintenance", "downtime"),
        ("helpdesk", "around the clock"),
        ("helpdesk", "escalation"),
        ("helpdesk", "certifications"),
        ("helpdesk", "export"),
        ("monitoring", "woken up"),
        ("monitoring", "security event"),
        ("monitoring", "six months"),
        ("backup", "offsite"),
        ("backup", "restore"),
        ("backup", "recovery time"),
        ("backup", "damaged equipment"),
        ("policies", "reviewed yearly"),
        ("policies", "responsibility matrix"),
        ("policies", "change"),
        ("policies", "subcontractors"),
        ("policies", "network diagram"),
    ],
)
def test_the_checklist_covers_the_themes_the_business_expects(
    checklist: Checklist, essential: str, theme: str
) -> None:
    (found,) = [e for e in checklist.essentials if e.id == essential]
    text = " ".join(
        f"{c.name} {c.question} {c.means_0} {c.means_3} {c.means_5}" for c in found.criteria
    ).casefold()
    assert theme in text


def test_the_builtin_checklist_is_read_once(checklist: Checklist) -> None:
    assert builtin_checklist() is checklist


def _file_with(change: str) -> str:
    data = CHECKLIST_FILE.read_text(encoding="utf-8")
    return data.replace('id = "security.edr"', change, 1)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not = [valid", "not valid TOML"),
        ('version = "x"', "breaks a rule"),
        (_file_with('id = "security.encryption"'), "Ids must be unique"),
        (_file_with('id = "backup.edr"'), "must start with their essential's id"),
        (_file_with('id = "Security EDR"'), "breaks a rule"),
        (CHECKLIST_FILE.read_text().replace("weight = 1.5", "weight = -1", 1), "breaks a rule"),
    ],
    ids=["bad toml", "no essentials", "duplicate id", "stray id", "bad id", "negative weight"],
)
def test_a_broken_checklist_file_is_refused_with_the_reason(text: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        parse_checklist(text)


def test_an_essential_with_too_few_criteria_is_refused() -> None:
    blocks = CHECKLIST_FILE.read_text(encoding="utf-8").split("[[essentials.criteria]]")
    policies_with_three = "[[essentials.criteria]]".join(blocks[:-4])
    with pytest.raises(InvalidInput, match="'policies' has 3 criteria; it needs 4 to 8"):
        parse_checklist(policies_with_three)
