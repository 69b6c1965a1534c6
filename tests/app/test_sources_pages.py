"""The Scorecard says where each question comes from, and brings an older evaluation's
checklist up to date without touching a score."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from itexit.checklist import Checklist
from itexit.evaluation import Evaluation, Score
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import click, latest, texts

UPDATE = "Update this evaluation's checklist"
OLD = "Made under checklist 2026.1"


def test_the_scorecard_shows_where_each_question_comes_from(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("scorecard")
    security = at.data_editor[0].value.set_index("Criterion")
    assert list(security.columns)[-2:] == ["Ask the provider", "Rests on"]
    mfa = "Two-step login for the provider's own staff"
    assert security.at[mfa, "Rests on"] == (
        "AA22-131A · NIST CSF 2.0 PR.AA-01 · NIST CSF 2.0 PR.AA-03"
    )
    assert all(editor.value["Rests on"].str.len().gt(0).all() for editor in at.data_editor)
    guide = next(e for e in at.expander if e.label == "Where the questions come from")
    advisory = "Protecting Against Cyber Threats to Managed Service Providers"
    assert advisory in guide.markdown[0].value
    assert UPDATE not in [b.label for b in at.button]


def _scorecard_of_old_evaluation(open_page: OpenPage, store: Store, old: Checklist) -> AppTest:
    evaluation = Evaluation.new(OLD, old).with_provider("Oldco IT")
    oldco = evaluation.providers[0].id
    scored = evaluation.with_scores(
        oldco, {"security.encryption": Score(rating=2, note="No report", verified=True)}
    ).with_must_haves({"security.encryption": 3})
    store.create(scored)
    return open_page("scorecard")


def test_an_older_evaluation_is_told_what_the_update_does_before_it_is_made(
    open_page: OpenPage, app_store: Store, old_checklist: Checklist
) -> None:
    at = _scorecard_of_old_evaluation(open_page, app_store, old_checklist)
    said = texts(at, "markdown")
    assert "shows the public guidance behind 36 questions and adds 2 new criteria" in said
    assert "No score, weight, must-have or note changes" in said
    assert (at.data_editor[0].value["Rests on"] == "").all()
    assert latest(app_store, OLD).checklist == old_checklist


def test_updating_an_older_evaluation_s_checklist_keeps_every_score(
    open_page: OpenPage, app_store: Store, old_checklist: Checklist, checklist: Checklist
) -> None:
    at = _scorecard_of_old_evaluation(open_page, app_store, old_checklist)
    before = latest(app_store, OLD)
    at = click(at, UPDATE)
    assert not at.exception and not at.error
    after = latest(app_store, OLD)
    assert after.providers == before.providers
    assert after.must_haves == before.must_haves
    assert [c.sources for c in after.checklist.criteria] == [c.sources for c in checklist.criteria]
    assert "1 of 38" in at.get("progress")[0].proto.text
    assert UPDATE not in [b.label for b in at.button]
    assert at.data_editor[0].value["Rests on"].iloc[0] == (
        "NIST CSF 2.0 PR.DS-01 · NIST CSF 2.0 PR.DS-02 · CIS 15.4"
    )


def test_the_checklist_update_can_be_undone(
    open_page: OpenPage, app_store: Store, old_checklist: Checklist
) -> None:
    at = _scorecard_of_old_evaluation(open_page, app_store, old_checklist)
    before = latest(app_store, OLD)
    at = click(at, UPDATE)
    assert latest(app_store, OLD) != before
    click(at, "Undo it")
    assert latest(app_store, OLD) == before
