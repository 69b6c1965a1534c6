"""The Compare page's tables and plain-words findings."""

from __future__ import annotations

import math

from itexit.compare import alerts, compare, comparison_table, gap_table, summary_sentences
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score


def test_the_side_by_side_table_lists_providers_best_rank_first_with_their_role() -> None:
    demo = demo_evaluation()
    table = comparison_table(demo, compare(demo))
    assert list(table["Provider"]) == [
        "Nimbus IT",
        "Castle Managed Services",
        "Bluegate Technology",
        "SwiftNet IT",
    ]
    assert list(table["Role"]) == ["Candidate", "Candidate", "Candidate", "Current"]
    assert list(table.columns[:7]) == [
        "Provider",
        "Role",
        "Rank",
        "Overall",
        "Coverage",
        "Verified",
        "Must-haves",
    ]
    assert list(table.columns[7:]) == [e.name for e in demo.checklist.essentials]
    assert list(table["Must-haves"]) == ["pass", "unverified", "pass", "fail"]


def test_the_gap_table_counts_the_essentials_below_target() -> None:
    demo = demo_evaluation()
    table = gap_table(demo, compare(demo)).set_index("Provider")
    assert table.at["SwiftNet IT", "Essentials below target"] == 6
    assert table.at["Nimbus IT", "Essentials below target"] == 0
    assert math.isnan(table.at["Castle Managed Services", "Server maintenance"])


def test_the_summary_names_the_current_provider_the_leader_and_thin_evidence() -> None:
    demo = demo_evaluation()
    sentences = summary_sentences(demo, compare(demo))
    assert sentences == [
        "Your current provider, SwiftNet IT, scores 28.7 out of 100 (rank 4 of 4) and is below "
        "your target on 6 of the 6 essentials scored.",
        "The best-ranked candidate is Nimbus IT with 85.3, 56.6 points above your current "
        "provider.",
        "Treat these scores with care, as fewer than half of the criteria are answered: "
        "Castle Managed Services.",
    ]


def test_the_summary_does_not_count_unscored_essentials_as_met(evaluation: Evaluation) -> None:
    current = evaluation.providers[0].id
    rated = evaluation.with_scores(current, {"security.encryption": Score(rating=5)})
    first = summary_sentences(rated, compare(rated))[0]
    assert "below your target on 0 of the 1 essentials scored; 5 more are not scored yet" in first


def test_the_summary_says_what_to_do_when_nothing_is_scored(evaluation: Evaluation) -> None:
    sentences = summary_sentences(evaluation, compare(evaluation))
    assert "has no scores yet" in sentences[0]
    assert sentences[1] == "No candidate has scores yet: score them on the Scorecard page."


def test_the_summary_without_a_current_provider_asks_to_mark_one(evaluation: Evaluation) -> None:
    unmarked = evaluation.with_current(None)
    assert summary_sentences(unmarked, compare(unmarked))[0].startswith("No provider is marked")


def test_warnings_list_red_flags_first_then_must_haves() -> None:
    demo = demo_evaluation().with_must_haves({"security.breach_notification": 3})
    lines = alerts(demo, compare(demo))
    assert lines[0].startswith("Red flag at SwiftNet IT:")
    flags = [line for line in lines if line.startswith("Red flag")]
    assert lines[: len(flags)] == flags
    assert any(line.startswith("Castle Managed Services: Not known yet") for line in lines)
