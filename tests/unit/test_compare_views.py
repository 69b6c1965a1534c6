"""What the Providers, Scorecard and Compare pages show, and the score edits they send back."""

from __future__ import annotations

from datetime import date

import pytest

from itexit.checklist import Checklist
from itexit.compare import compare
from itexit.compare.views import (
    compare_view,
    comparison_file,
    provider_added,
    provider_cards,
    radar_chart,
    role_default,
    scorecard_view,
    scores_edited,
)
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score
from itexit.export import comparison_csv
from itexit.input import InvalidInput
from itexit.words import rounded


def test_provider_cards_list_the_current_provider_first_with_what_is_answered(
    evaluation: Evaluation,
) -> None:
    nimbus = evaluation.providers[1].id
    rated = evaluation.with_current(nimbus).with_scores(
        nimbus, {"security.encryption": Score(rating=4), "security.edr": Score(rating="n/a")}
    )
    cards = provider_cards(rated)
    assert [(c.name, c.current, c.answered.scored, c.answered.entered) for c in cards] == [
        ("Nimbus IT", True, 1, 2),
        ("Oldco IT", False, 0, 0),
        ("Bluegate", False, 0, 0),
    ]
    total = len(evaluation.checklist.criteria)
    assert [c.answered.applicable for c in cards] == [total - 1, total, total]


def test_each_scorecard_tab_names_the_essential_with_the_provider_s_score() -> None:
    demo = demo_evaluation()
    current = demo.current
    assert current is not None
    view = scorecard_view(demo, current.id)
    scores = compare(demo).essential_scores[current.id]
    assert [t.label for t in view.tabs] == [
        f"{e.name} · {rounded(scores[e.id], 2)}" for e in demo.checklist.essentials
    ]
    assert (view.answered.scored, view.answered.applicable) == (32, 38)


def test_a_scorecard_tab_lists_each_criterion_with_its_score_note_and_question(
    evaluation: Evaluation,
) -> None:
    old = evaluation.providers[0].id
    rated = evaluation.with_scores(
        old,
        {"security.encryption": Score(rating=2, note="Seen unencrypted laptops", verified=True)},
    )
    security = scorecard_view(rated, old).tabs[0]
    assert security.label == "Security & encryption · 2"
    first = security.table.iloc[0]
    assert (first["Score"], first["Verified"], first["Evidence / note"]) == (
        "2",
        True,
        "Seen unencrypted laptops",
    )
    assert list(security.table["Score"][1:]) == ["unknown"] * (len(security.table) - 1)
    assert list(security.meanings.columns) == ["Criterion", "0 means", "3 means", "5 means"]


def test_an_unscored_essential_reads_not_scored_in_its_tab(evaluation: Evaluation) -> None:
    tabs = scorecard_view(evaluation, evaluation.providers[0].id).tabs
    assert all(t.label.endswith(" · not scored") for t in tabs)


def test_score_edits_change_only_the_cells_edited(evaluation: Evaluation) -> None:
    old = evaluation.providers[0].id
    edited = scores_edited(
        evaluation,
        old,
        {"security": {0: {"Score": "4", "Evidence / note": "Report of May"}}, "backup": {}},
    )
    assert edited.provider(old).score("security.encryption") == Score(
        rating=4, note="Report of May"
    )
    assert len(edited.provider(old).scores) == 1


def test_bad_score_edits_name_every_bad_cell_and_change_nothing(evaluation: Evaluation) -> None:
    old = evaluation.providers[0].id
    with pytest.raises(InvalidInput) as refused:
        scores_edited(
            evaluation,
            old,
            {
                "security": {0: {"Score": "7"}, 1: {"Score": "3"}},
                "backup": {0: {"Verified": "yes"}},
            },
        )
    message = str(refused.value)
    assert message.startswith("Nothing was saved.")
    assert "7 is not a whole number from 0 to 5" in message
    assert "'verified' is either ticked or not" in message


def test_the_compare_view_offers_the_current_provider_and_the_best_four_for_the_radar() -> None:
    demo = demo_evaluation()
    view = compare_view(demo, "as scored")
    assert list(view.radar_choices.values()) == [
        "SwiftNet IT",
        "Nimbus IT",
        "Castle Managed Services",
        "Bluegate Technology",
    ]
    assert view.radar_default == list(view.radar_choices)
    assert view.summary[0].startswith("Your current provider, SwiftNet IT, scores 28.7")


def test_the_gap_columns_say_each_essential_s_target(evaluation: Evaluation) -> None:
    view = compare_view(evaluation, "as scored")
    assert view.gap_help["Security & encryption"] == (
        "Target 4: how far below it the provider scores (0.00: reaches it)"
    )


def test_the_radar_shows_only_the_providers_chosen() -> None:
    demo = demo_evaluation()
    nimbus = next(p.id for p in demo.providers if p.name == "Nimbus IT")
    names = [trace.name for trace in radar_chart(demo, "as scored", (nimbus,)).data]
    assert names == ["Target", "Nimbus IT"]


def test_the_page_s_csv_is_the_comparison_csv_of_the_day() -> None:
    demo = demo_evaluation()
    day = date(2026, 11, 27)
    assert comparison_file(demo, day) == comparison_csv(demo, compare(demo), day)


def test_the_first_provider_s_part_is_chosen_by_the_user_never_ticked_in_advance(
    checklist: Checklist,
) -> None:
    empty = Evaluation.new("Roles", checklist)
    assert role_default(empty) is None
    with pytest.raises(InvalidInput, match="current provider or a candidate"):
        provider_added(empty, "Oldco IT", None)
    first = provider_added(empty, "Oldco IT", "current")
    assert first.current is not None and first.current.name == "Oldco IT"
    assert role_default(first) == "candidate"
    second = provider_added(first, "Nimbus IT", "candidate")
    assert second.current == first.current


def test_a_score_the_candidate_claimed_in_its_questionnaire_says_whose_word_it_is(
    evaluation: Evaluation,
) -> None:
    from datetime import date

    from itexit.evaluation import ScoreSource

    nimbus = evaluation.providers[1].id
    source = ScoreSource(
        questionnaire="q-0123abcd", made=date(2026, 11, 2), accepted=date(2026, 11, 3)
    )
    claimed = evaluation.with_scores(
        nimbus,
        {
            "security.encryption": Score(rating=4, source=source),
            "security.provider_mfa": Score(rating=5, source=source, verified=True),
        },
    )
    words = list(scorecard_view(claimed, nimbus).tabs[0].table["Whose word"])
    assert words[0] == "their questionnaire (2 Nov 2026)"
    assert words[1] == ""  # verified: your word now
