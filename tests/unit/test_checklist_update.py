"""Updating an evaluation's copy of the checklist: it gains the sources and the new criteria,
and keeps every score, weight, must-have, note, wording and criterion of the user's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itexit.checklist import Checklist, checklist_update, offered_update
from itexit.compare import compare
from itexit.compare.scoring import answered
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score
from itexit.store import Store
from itexit.words import rounded
from tests.conftest import NEW_IN_2026_2


@pytest.fixture
def scored(old_checklist: Checklist) -> Evaluation:
    """An evaluation made under checklist 2026.1: scored, weighted, with a must-have, a note
    and a criterion of the user's own."""
    evaluation = (
        Evaluation.new("Made in 2026.1", old_checklist)
        .with_provider("Oldco IT", current=True)
        .with_provider("Nimbus IT")
        .with_custom_criterion(
            "policies",
            name="Knows our practice software",
            question="Have you supported Dentrix before?",
            means_0="Never heard of it.",
            means_3="One client uses it.",
            means_5="Many clients, a named expert.",
            weight=2.0,
        )
    )
    oldco, nimbus = (p.id for p in evaluation.providers)
    own = evaluation.checklist.criteria[-1].id
    return (
        evaluation.with_scores(
            oldco,
            {
                "security.encryption": Score(rating=2, note="No report."),
                "backup.restore_testing": Score(rating=0, note="Never tested.", verified=True),
                own: Score(rating=4),
            },
        )
        .with_scores(nimbus, {"security.encryption": Score(rating="n/a")})
        .with_criterion_weights({"security.encryption": 3.0})
        .with_essential_settings({"backup": 2.0}, {"backup": 4.5})
        .with_must_haves({"backup.restore_testing": 3})
    )


def test_the_update_keeps_every_score_weight_target_must_have_and_note(
    scored: Evaluation, checklist: Checklist
) -> None:
    updated = scored.with_checklist_update(checklist)
    assert updated.providers == scored.providers
    assert updated.essential_weights == scored.essential_weights
    assert updated.targets == scored.targets
    assert updated.must_haves == scored.must_haves
    assert {c: updated.criterion_weights[c] for c in scored.criterion_weights} == (
        scored.criterion_weights
    )


def test_the_update_changes_no_essential_score_overall_or_rank(
    scored: Evaluation, checklist: Checklist
) -> None:
    before, after = compare(scored), compare(scored.with_checklist_update(checklist))
    assert before.essential_scores.equals(after.essential_scores)
    assert before.overall.equals(after.overall)
    assert before.rank.equals(after.rank)


def test_the_update_adds_sources_and_the_new_criteria_as_unknown_at_their_default_weight(
    scored: Evaluation, checklist: Checklist
) -> None:
    updated = scored.with_checklist_update(checklist)
    template = {c.id: c for c in checklist.criteria}
    for criterion in updated.checklist.criteria:
        if not criterion.custom:
            assert criterion.sources == template[criterion.id].sources
    for new in NEW_IN_2026_2:
        assert updated.criterion_weights[new] == template[new].weight
        assert all(p.score(new).rating == "unknown" for p in updated.providers)
    assert updated.checklist.version == checklist.version


def test_the_update_keeps_the_wording_each_score_was_given_against(
    scored: Evaluation, checklist: Checklist
) -> None:
    reworded = checklist.model_copy(
        update={
            "essentials": tuple(
                e.model_copy(
                    update={
                        "criteria": tuple(
                            c.model_copy(update={"means_5": "Something else."}) for c in e.criteria
                        )
                    }
                )
                for e in checklist.essentials
            )
        }
    )
    updated = scored.with_checklist_update(reworded)
    kept = {c.id: c for c in updated.checklist.criteria}
    for criterion in scored.checklist.criteria:
        assert kept[criterion.id].model_copy(update={"sources": ()}) == criterion


def test_the_user_s_own_criteria_stay_last_in_their_essential_and_unchanged(
    scored: Evaluation, checklist: Checklist
) -> None:
    updated = scored.with_checklist_update(checklist)
    policies = updated.checklist.essentials[-1].criteria
    assert [c.id for c in policies[-2:]] == ["policies.exit_offboarding", policies[-1].id]
    assert policies[-1] == scored.checklist.essentials[-1].criteria[-1]
    assert policies[-1].sources == ()


def test_a_new_criterion_named_like_one_of_the_user_s_own_is_left_out_and_said(
    old_checklist: Checklist, checklist: Checklist
) -> None:
    evaluation = Evaluation.new("Has its own", old_checklist).with_custom_criterion(
        "policies",
        name="Data returned and access removed when you leave",
        question="Will you give our data back?",
        means_0="No.",
        means_3="Some of it.",
        means_5="All of it, in writing.",
    )
    update = checklist_update(evaluation.checklist, checklist)
    assert [c.id for c in update.added] == ["security.provider_least_privilege"]
    assert update.left_out == ("Data returned and access removed when you leave",)
    assert "Not added, because a criterion of your own has the same name" in update.summary()
    updated = evaluation.with_checklist_update(checklist)
    assert updated.checked() == updated


def test_the_update_says_in_plain_words_what_it_does(scored: Evaluation) -> None:
    update = offered_update(scored)
    assert update.pending
    assert update.summary() == (
        "Updating this evaluation's checklist shows the public guidance behind 36 questions and "
        "adds 2 new criteria: 'Provider's access limited to what it needs (least privilege)', "
        "'Data returned and access removed when you leave'. No score, weight, must-have or note "
        "changes: new criteria start as unknown, at their default weight, and the wording of "
        "every question you have scored stays as it is."
    )


def test_an_evaluation_on_today_s_checklist_has_nothing_to_update(
    evaluation: Evaluation, checklist: Checklist
) -> None:
    update = offered_update(evaluation)
    assert not update.pending
    assert update.summary().startswith("This evaluation's checklist is up to date")
    assert evaluation.with_checklist_update(checklist) is evaluation


def test_updating_twice_changes_nothing_the_second_time(
    scored: Evaluation, checklist: Checklist
) -> None:
    once = scored.with_checklist_update(checklist)
    assert once.with_checklist_update(checklist) is once


def test_the_worked_example_of_the_sources_doc_holds(old_checklist: Checklist) -> None:
    demo = demo_evaluation()
    made_in_2026_1 = Evaluation.model_validate(
        {
            **dict(demo),
            "checklist": old_checklist,
            "criterion_weights": {
                c: w for c, w in demo.criterion_weights.items() if c not in NEW_IN_2026_2
            },
        }
    )
    updated = made_in_2026_1.with_checklist_update(demo.checklist)
    current = demo.providers[0].id
    assert demo.providers[0].current
    for evaluation, total, coverage in ((made_in_2026_1, 36, 89), (updated, 38, 84)):
        comparison = compare(evaluation)
        counts = answered(evaluation, current)
        assert (counts.scored, counts.applicable) == (32, total)
        assert rounded(comparison.essential_scores[current]["security"], 2) == "1.56"
        assert rounded(comparison.overall[current], 1) == "28.7"
        assert rounded(comparison.coverage[current], 0) == str(coverage)
    assert updated.checklist == demo.checklist


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "itexit-v1.db"


def test_every_evaluation_of_an_old_database_updates_keeping_its_scores(
    tmp_path: Path, checklist: Checklist
) -> None:
    copy = tmp_path / "itexit-v1.db"
    shutil.copyfile(FIXTURE, copy)
    store = Store(f"sqlite:///{copy}")
    try:
        for summary in store.summaries():
            old = store.load(summary.id).evaluation
            assert not any(c.sources for c in old.checklist.criteria)
            updated = old.with_checklist_update(checklist)
            assert updated.providers == old.providers
            assert updated.must_haves == old.must_haves
            assert compare(updated).overall.equals(compare(old).overall)
            assert all(c.sources for c in updated.checklist.criteria if not c.custom)
            store.save(summary.id, updated, summary.revision)
            assert store.load(summary.id).evaluation == updated
    finally:
        store.dispose()
