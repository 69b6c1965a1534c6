"""Where each criterion comes from: every criterion cites known public guidance, the files
carry it, the docs list it, and an import cannot invent it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from itexit.checklist import (
    CHECKLIST_FILE,
    GUIDANCE,
    SOURCES,
    Checklist,
    guidance_of,
    guidance_text,
    parse_checklist,
)
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.export import comparison_csv, evaluation_document, read_evaluation_document
from itexit.input import InvalidInput

ROOT = Path(__file__).resolve().parents[2]


def test_every_criterion_rests_on_at_least_one_source(checklist: Checklist) -> None:
    assert [c.id for c in checklist.criteria if not c.sources] == []


def test_every_source_is_an_identifier_from_the_known_list(checklist: Checklist) -> None:
    cited = {s for c in checklist.criteria for s in c.sources}
    assert cited <= set(SOURCES)


def test_every_known_identifier_belongs_to_a_listed_document() -> None:
    assert set(SOURCES.values()) <= {g.short for g in GUIDANCE}


def test_no_criterion_cites_the_same_identifier_twice(checklist: Checklist) -> None:
    assert all(len(set(c.sources)) == len(c.sources) for c in checklist.criteria)


def test_each_criterion_the_guidance_asks_for_is_in_the_checklist(checklist: Checklist) -> None:
    ids = {c.id for c in checklist.criteria}
    assert {"security.provider_least_privilege", "policies.exit_offboarding"} <= ids
    exit_ = next(c for c in checklist.criteria if c.id == "policies.exit_offboarding")
    assert {"CIS 15.7", "NIST CSF 2.0 GV.SC-10"} <= set(exit_.sources)


def test_a_criterion_shows_its_sources_on_one_readable_line(checklist: Checklist) -> None:
    mfa = next(c for c in checklist.criteria if c.id == "security.provider_mfa")
    assert mfa.rests_on == "AA22-131A · NIST CSF 2.0 PR.AA-01 · NIST CSF 2.0 PR.AA-03"


def test_the_documents_of_a_criterion_are_named_once_each(checklist: Checklist) -> None:
    mfa = next(c for c in checklist.criteria if c.id == "security.provider_mfa")
    assert [g.short for g in guidance_of(mfa.sources)] == ["AA22-131A", "NIST CSF 2.0"]


def test_the_guidance_list_gives_each_document_s_title_and_address() -> None:
    text = guidance_text()
    for guidance in GUIDANCE:
        assert guidance.title in text and f"<{guidance.url}>" in text
        assert guidance.url.startswith("https://")


def _with_sources(line: str) -> str:
    text = CHECKLIST_FILE.read_text(encoding="utf-8")
    old = '  sources = ["AA22-131A", "NIST CSF 2.0 DE.CM-09"]'
    assert old in text
    return text.replace(old, line, 1)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('  sources = ["CIS 99.9"]', "Sources ITexit does not know: CIS 99.9"),
        ("  sources = []", "must name the guidance it rests on.*security.edr"),
        ("", "must name the guidance it rests on.*security.edr"),
        ('  sources = ["**bold**"]', "breaks a rule"),
    ],
    ids=["unknown", "empty", "missing", "markup"],
)
def test_a_checklist_file_without_known_sources_is_refused(line: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        parse_checklist(_with_sources(line))


def test_the_json_export_round_trips_the_sources() -> None:
    demo = demo_evaluation()
    text = evaluation_document(demo)
    criteria = json.loads(text)["evaluation"]["checklist"]["essentials"][0]["criteria"]
    assert criteria[0]["sources"] == ["NIST CSF 2.0 PR.DS-01", "NIST CSF 2.0 PR.DS-02", "CIS 15.4"]
    again = read_evaluation_document(text, name="Again")
    assert [c.sources for c in again.checklist.criteria] == [
        c.sources for c in demo.checklist.criteria
    ]


def test_a_copy_without_sources_is_written_without_the_key(old_checklist: Checklist) -> None:
    text = evaluation_document(Evaluation.new("Old", old_checklist))
    assert '"sources"' not in text
    assert evaluation_document(read_evaluation_document(text)) == text


def test_an_import_citing_an_unknown_source_is_refused() -> None:
    document = json.loads(evaluation_document(demo_evaluation()))
    document["evaluation"]["checklist"]["essentials"][0]["criteria"][0]["sources"] = ["CIS 99.9"]
    with pytest.raises(InvalidInput, match=r"sources ITexit does not know: CIS 99\.9"):
        read_evaluation_document(json.dumps(document))


def test_the_comparison_csv_carries_each_criterion_s_sources_beside_its_name() -> None:
    demo = demo_evaluation()
    rows = list(csv.DictReader(io.StringIO(comparison_csv(demo).decode("utf-8-sig"))))
    sources = {r["criterion"]: r["sources"] for r in rows if r["level"] == "criterion"}
    assert sources == {c.name: c.rests_on for c in demo.checklist.criteria}
    assert all(r["sources"] == "" for r in rows if r["level"] != "criterion")


def test_docs_sources_lists_every_criterion_with_its_sources(checklist: Checklist) -> None:
    doc = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    for criterion in checklist.criteria:
        assert f"| {criterion.name} | {criterion.rests_on} |" in doc, criterion.id
    for guidance in GUIDANCE:
        assert guidance.title in doc and guidance.url in doc
