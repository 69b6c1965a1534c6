"""What a change did: found between two versions, made again on a newer one, and put in words."""

from __future__ import annotations

import pytest

from itexit.changes import ABSENT, applied, changes, described, value_at
from itexit.checklist import Checklist
from itexit.evaluation import Evaluation, Score
from itexit.exit import GroundClaim
from itexit.input import InvalidInput


def test_a_new_score_differs_only_where_it_was_filled_in(evaluation: Evaluation) -> None:
    old = evaluation.providers[0].id
    scored = evaluation.with_scores(old, {"backup.restore_testing": Score(rating=4)})
    (change,) = changes(evaluation, scored)
    assert change.path == ("providers", old, "scores", "backup.restore_testing", "rating")
    assert (change.before, change.after) == ("unknown", 4)
    assert described(change, scored) == (
        "Oldco IT · Backup & disaster recovery · Restores tested regularly · score: unknown → 4"
    )


def test_nothing_changed_means_no_change(evaluation: Evaluation) -> None:
    assert changes(evaluation, evaluation.renamed(evaluation.name)) == []


def test_a_ground_is_described_by_its_title_and_an_empty_note_as_none(
    evaluation: Evaluation,
) -> None:
    claimed = evaluation.with_grounds({"billing": GroundClaim(applies="yes", notes="Invoice 7")})
    assert [described(c, claimed) for c in changes(evaluation, claimed)] == [
        "You were billed for services you did not receive · applies: unsure → yes",
        "You were billed for services you did not receive · notes: none → Invoice 7",
    ]


def test_providers_added_and_removed_are_named(evaluation: Evaluation) -> None:
    grown = evaluation.with_provider("Castle")
    (added,) = changes(evaluation, grown)
    assert described(added, grown) == "Castle: added"
    (removed,) = changes(grown, evaluation)
    assert removed.after is ABSENT


def test_changes_made_on_an_old_version_keep_what_was_saved_since(
    evaluation: Evaluation,
) -> None:
    # A saves a note on one ground; B, still looking at the old version, marks another.
    a_saved = evaluation.with_grounds({"performance": GroundClaim(notes="Outage 3 May")})
    b_typed = evaluation.with_grounds({"billing": GroundClaim(applies="yes")})
    merged = applied(changes(evaluation, b_typed), a_saved)
    assert merged.exit.grounds["performance"].notes == "Outage 3 May"
    assert merged.exit.grounds["billing"].applies == "yes"


def test_changes_made_again_keep_providers_added_since_and_their_order(
    evaluation: Evaluation,
) -> None:
    nimbus = evaluation.providers[1].id
    someone = evaluation.with_provider("Castle")
    mine = evaluation.with_scores(nimbus, {"security.edr": Score(rating=2)})
    merged = applied(changes(evaluation, mine), someone)
    assert [p.name for p in merged.providers] == ["Oldco IT", "Nimbus IT", "Bluegate", "Castle"]
    assert merged.provider(nimbus).score("security.edr").rating == 2


def test_a_change_that_no_longer_fits_is_refused(evaluation: Evaluation) -> None:
    nimbus = evaluation.providers[1].id
    renamed = evaluation.with_provider_renamed(nimbus, "Castle")
    someone = evaluation.with_provider("Castle")  # took the name meanwhile
    with pytest.raises(InvalidInput, match="already a provider called 'Castle'"):
        applied(changes(evaluation, renamed), someone)


def test_the_value_now_saved_at_a_change_s_path_can_be_shown_beside_it(
    evaluation: Evaluation,
) -> None:
    old = evaluation.providers[0].id
    path = ("providers", old, "scores", "security.edr", "rating")
    rated = evaluation.with_scores(old, {"security.edr": Score(rating=1)})
    assert value_at(rated, path) == 1
    assert value_at(evaluation, path) is ABSENT


def test_a_setting_is_named_by_what_it_is_for(evaluation: Evaluation) -> None:
    marked = evaluation.with_must_haves({"backup.restore_testing": 3})
    (change,) = changes(evaluation, marked)
    assert described(change, marked) == "Restores tested regularly · must-have minimum: none → 3"
    (unmarked,) = changes(marked, evaluation)
    assert described(unmarked, evaluation) == (
        "Restores tested regularly · must-have minimum: 3 → none"
    )


def test_the_first_record_of_a_kind_is_named_as_added(checklist: Checklist) -> None:
    empty = Evaluation.new("Acme review", checklist)
    first = empty.with_provider("Oldco IT")
    assert [described(c, first) for c in changes(empty, first)] == ["Oldco IT: added"]


def test_a_removed_record_is_named_from_the_version_that_still_has_it(
    evaluation: Evaluation,
) -> None:
    castle = evaluation.with_provider("Castle")
    gone = castle.without_provider(castle.providers[-1].id)
    (removed,) = changes(castle, gone)
    assert described(removed, gone, castle) == "Castle: removed"


def test_a_change_to_something_removed_since_says_so_in_plain_words(
    evaluation: Evaluation,
) -> None:
    nimbus = evaluation.providers[1].id
    scored = evaluation.with_scores(nimbus, {"security.edr": Score(rating=4)})
    removed = evaluation.without_provider(nimbus)
    with pytest.raises(InvalidInput, match="someone else has removed since"):
        applied(changes(evaluation, scored), removed)
