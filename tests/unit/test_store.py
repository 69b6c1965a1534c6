"""The store, on SQLite and PostgreSQL: revisions, conflicts, names, history, body versions."""

from __future__ import annotations

import getpass
import json
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

import itexit.store
import itexit.types
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score
from itexit.exit import new_incident
from itexit.input import InvalidInput
from itexit.store import (
    BODY_UPGRADES,
    BODY_VERSION,
    Conflict,
    NotFound,
    Store,
    database_url,
    revisions,
    upgrade_body,
)


def test_a_created_evaluation_loads_back_unchanged(store: Store, evaluation: Evaluation) -> None:
    stored = store.create(evaluation)
    loaded = store.load(stored.id)
    assert (loaded.revision, loaded.evaluation) == (1, evaluation)


def test_each_save_adds_a_revision_and_keeps_the_old_ones(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation)
    second = store.save(stored.id, evaluation.with_provider("Castle"), base_revision=1)
    assert second.revision == 2
    assert [r.revision for r in store.history(stored.id)] == [2, 1]
    assert len(store.load(stored.id, revision=1).evaluation.providers) == 3
    assert len(store.load(stored.id).evaluation.providers) == 4


def test_a_save_on_top_of_an_old_revision_is_refused_and_changes_nothing(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation)
    store.save(stored.id, evaluation.with_provider("First"), base_revision=1)
    with pytest.raises(Conflict, match="Someone else changed this evaluation"):
        store.save(stored.id, evaluation.with_provider("Second"), base_revision=1)
    latest = store.load(stored.id)
    assert latest.revision == 2
    assert [p.name for p in latest.evaluation.providers][-1] == "First"


def test_the_list_shows_name_provider_count_and_revision_without_reading_bodies(
    store: Store, evaluation: Evaluation
) -> None:
    store.create(evaluation)
    store.create(evaluation.renamed("Another"))
    summaries = store.summaries()
    assert [(s.name, s.provider_count, s.revision) for s in summaries] == [
        ("Acme review", 3, 1),
        ("Another", 3, 1),
    ]
    assert all(s.updated_at.tzinfo is not None for s in summaries)


@pytest.mark.parametrize("name", ["Acme review", "ACME REVIEW", "  acme review "])
def test_evaluation_names_are_unique_ignoring_case(
    store: Store, evaluation: Evaluation, name: str
) -> None:
    store.create(evaluation)
    with pytest.raises(InvalidInput, match="already exists"):
        store.create(evaluation.renamed(name))
    assert len(store.summaries()) == 1


def test_renaming_to_a_taken_name_is_refused_and_keeps_the_old_name(
    store: Store, evaluation: Evaluation
) -> None:
    store.create(evaluation)
    other = store.create(evaluation.renamed("Other"))
    with pytest.raises(InvalidInput, match="already exists"):
        store.rename(other.id, "acme REVIEW", base_revision=1)
    assert store.summary(other.id).name == "Other"
    assert store.load(other.id).revision == 1


def test_an_evaluation_may_keep_its_own_name_in_another_case(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation)
    store.rename(stored.id, "ACME Review", base_revision=1)
    assert store.summary(stored.id).name == "ACME Review"


def test_duplicating_copies_everything_under_a_new_name(
    store: Store, evaluation: Evaluation
) -> None:
    rated = evaluation.with_scores(evaluation.providers[0].id, {"security.edr": Score(rating=2)})
    original = store.create(rated)
    copy = store.duplicate(original.id, "Acme review (copy)")
    assert copy.id != original.id
    assert store.load(copy.id).evaluation == rated.renamed("Acme review (copy)")


def test_deleting_removes_only_that_evaluation_and_its_history(
    store: Store, evaluation: Evaluation
) -> None:
    doomed = store.create(evaluation)
    store.save(doomed.id, evaluation.with_provider("X"), base_revision=1)
    kept = store.create(evaluation.renamed("Kept"))
    store.delete(doomed.id)
    assert [s.name for s in store.summaries()] == ["Kept"]
    assert store.history(doomed.id) == []
    assert store.load(kept.id).evaluation.name == "Kept"
    with pytest.raises(NotFound):
        store.load(doomed.id)


def test_saving_a_deleted_evaluation_says_it_is_gone(store: Store, evaluation: Evaluation) -> None:
    stored = store.create(evaluation)
    store.delete(stored.id)
    with pytest.raises(NotFound):
        store.save(stored.id, evaluation, base_revision=1)


def test_an_evaluation_is_found_by_id_or_exact_name(store: Store, evaluation: Evaluation) -> None:
    stored = store.create(evaluation)
    assert store.find(str(stored.id)).id == stored.id
    assert store.find("Acme review").id == stored.id
    with pytest.raises(NotFound):
        store.find("acme")
    with pytest.raises(NotFound):
        store.find("999")


def test_the_demo_is_added_once_to_an_empty_database_and_never_again(store: Store) -> None:
    assert store.seed_once(demo_evaluation) is not None
    assert [s.name for s in store.summaries()] == ["Harbourside Dental: provider review"]
    store.delete(store.summaries()[0].id)
    assert store.seed_once(demo_evaluation) is None
    assert store.summaries() == []


def test_a_database_with_evaluations_gets_no_demo(store: Store, evaluation: Evaluation) -> None:
    store.create(evaluation)
    assert store.seed_once(demo_evaluation) is None
    assert len(store.summaries()) == 1


def test_everything_saved_is_there_after_reopening(
    database_url: str, evaluation: Evaluation
) -> None:
    first = Store(database_url)
    stored = first.create(evaluation)
    first.save(stored.id, evaluation.with_provider("Castle"), base_revision=1)
    first.dispose()
    again = Store(database_url)
    assert [p.name for p in again.load(stored.id).evaluation.providers][-1] == "Castle"
    again.dispose()


@pytest.mark.slow
def test_concurrent_read_modify_write_loses_no_change(store: Store, evaluation: Evaluation) -> None:
    """8 threads each log 50 incidents, reloading and retrying whenever another save won."""
    stored = store.create(evaluation)
    threads, changes = 8, 50
    conflicts = []

    def work(thread: int) -> None:
        for change in range(changes):
            incident = new_incident(day=date(2026, 1, 5), what=f"T{thread}-{change}")
            while True:
                latest = store.load(stored.id)
                changed = latest.evaluation.with_incident(incident)
                try:
                    store.save(stored.id, changed, base_revision=latest.revision)
                    break
                except Conflict:
                    conflicts.append(1)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    final = store.load(stored.id)
    names = {i.what for i in final.evaluation.exit.incidents}
    expected = {f"T{t}-{c}" for t in range(threads) for c in range(changes)}
    assert expected <= names
    assert final.revision == 1 + threads * changes
    assert len(store.history(stored.id)) == 1 + threads * changes


def test_the_database_url_comes_from_the_argument_then_the_environment_then_the_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("ITEXIT_DATABASE_URL", raising=False)
    assert database_url(None).startswith("sqlite:///") and database_url(None).endswith(
        "data/itexit.db"
    )
    monkeypatch.setenv("ITEXIT_DATABASE_URL", "sqlite:///from-env.db")
    assert database_url(None) == "sqlite:///from-env.db"
    assert database_url("sqlite:///given.db") == "sqlite:///given.db"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("nonsense", "Cannot open the database"),
        ("foo://x", "Can't load plugin"),
        ("postgresql+psycopg://user:secret@127.0.0.1:1/x", r"user:\*\*\*@"),
    ],
)
def test_a_database_that_cannot_be_opened_is_reported_without_its_password(
    url: str, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        Store(url)


# Body format versions ------------------------------------------------------------------------


def _stored_body(store: Store, evaluation_id: int, revision: int) -> tuple[dict[str, Any], int]:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(revisions.c.body, revisions.c.body_version).where(
                revisions.c.evaluation_id == evaluation_id, revisions.c.revision == revision
            )
        ).one()
    return json.loads(row.body), row.body_version


def _rewrite(store: Store, evaluation_id: int, body: dict[str, Any], version: int) -> None:
    """Make revision 1 look as another version of ITexit wrote it."""
    with store.engine.begin() as conn:
        conn.execute(
            update(revisions)
            .where(revisions.c.evaluation_id == evaluation_id, revisions.c.revision == 1)
            .values(body=json.dumps(body), body_version=version)
        )


def test_every_body_version_below_the_current_one_has_an_upgrade_step() -> None:
    assert set(BODY_UPGRADES) == set(range(1, BODY_VERSION))


def test_each_revision_records_the_format_version_of_its_body(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation)
    store.save(stored.id, evaluation.with_provider("Castle"), base_revision=1)
    assert [_stored_body(store, stored.id, r)[1] for r in (1, 2)] == [BODY_VERSION] * 2


def test_upgrade_steps_apply_in_order_from_the_stored_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(itexit.store, "BODY_VERSION", 4)
    steps = {v: lambda body, v=v: {**body, "steps": [*body["steps"], v]} for v in (1, 2, 3)}
    monkeypatch.setattr(itexit.store, "BODY_UPGRADES", steps)
    assert upgrade_body({"steps": []}, 1) == {"steps": [1, 2, 3]}
    assert upgrade_body({"steps": []}, 3) == {"steps": [3]}
    assert upgrade_body({"steps": []}, 4) == {"steps": []}


def _title_to_name(body: dict[str, Any]) -> dict[str, Any]:
    """A made-up step: format 1 called the evaluation's name its title; format 2 says name."""
    upgraded = dict(body)
    upgraded["name"] = upgraded.pop("title")
    return upgraded


def test_an_old_body_is_upgraded_on_load_and_saved_anew_at_the_current_version(
    store: Store, evaluation: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(itexit.store, "BODY_VERSION", 2)
    monkeypatch.setattr(itexit.store, "BODY_UPGRADES", {1: _title_to_name})
    stored = store.create(evaluation)
    old = json.loads(evaluation.model_dump_json())
    old["title"] = old.pop("name")
    _rewrite(store, stored.id, old, version=1)

    loaded = store.load(stored.id)
    assert loaded.evaluation == evaluation
    saved = store.save(stored.id, loaded.evaluation.with_provider("Castle"), loaded.revision)

    body, version = _stored_body(store, saved.id, saved.revision)
    assert version == 2 and body["name"] == "Acme review" and "title" not in body
    assert _stored_body(store, stored.id, 1) == (old, 1)  # the old revision stays as written
    assert store.load(stored.id, revision=1).evaluation == evaluation


def test_a_body_newer_than_the_code_is_refused_with_a_clear_message(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation)
    _rewrite(store, stored.id, json.loads(evaluation.model_dump_json()), BODY_VERSION + 1)
    with pytest.raises(InvalidInput) as refused:
        store.load(stored.id)
    assert str(refused.value) == (
        f"This evaluation was saved by a newer ITexit (body format {BODY_VERSION + 1}; this one "
        f"reads up to {BODY_VERSION}); install that version or newer to open it."
    )


# Input rules grow stricter; stored revisions stay readable ---------------------------------------


def test_a_revision_saved_under_looser_rules_still_loads(
    store: Store, evaluation: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = evaluation.providers[0].id
    noted = evaluation.with_scores(old, {"security.encryption": Score(rating=3, note="x" * 40)})
    stored = store.create(noted.renamed("A name of thirty-one characters"))
    # Later ITexit versions allow shorter names and notes, and weights up to 10 only.
    monkeypatch.setattr(itexit.types, "NAME_MAX", 20)
    monkeypatch.setattr(itexit.types, "NOTE_MAX", 10)
    monkeypatch.setattr(itexit.types, "WEIGHT_MAX", 0.5)
    loaded = store.load(stored.id).evaluation
    assert loaded.name == "A name of thirty-one characters"
    assert loaded.provider(old).score("security.encryption").note == "x" * 40
    with pytest.raises(InvalidInput, match="at most 20 characters"):
        loaded.renamed("Another name far too long for the new rule")
    # What an older ITexit allowed never blocks an unrelated change; new input gets the rules.
    grown = loaded.with_provider("Castle")
    assert grown.name == "A name of thirty-one characters"
    with pytest.raises(InvalidInput, match=r"from 0 to 0\.5"):
        loaded.with_essential_settings({"security": 2.0}, {})


def test_an_import_applies_today_s_input_rules(
    evaluation: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from itexit.export import evaluation_document, read_evaluation_document

    document = evaluation_document(evaluation.renamed("A name of thirty-one characters"))
    monkeypatch.setattr(itexit.types, "NAME_MAX", 20)
    with pytest.raises(InvalidInput, match="at most 20 characters"):
        read_evaluation_document(document)


def test_an_incident_dated_after_today_s_date_still_loads(
    store: Store, evaluation: Evaluation
) -> None:
    # Saved by a clock ahead of this one, or in another time zone: loading must not refuse it.
    stored = store.create(evaluation)
    body = json.loads(evaluation.model_dump_json())
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    body["exit"]["incidents"] = [{"id": "later", "day": tomorrow, "what": "Outage"}]
    with store.engine.begin() as conn:
        conn.execute(
            update(revisions)
            .where(revisions.c.evaluation_id == stored.id)
            .values(body=json.dumps(body))
        )
    assert store.load(stored.id).evaluation.exit.incidents[0].id == "later"


def test_a_revision_and_its_new_ticket_set_are_saved_together_or_not_at_all(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation, b"old tickets")
    store.save(stored.id, evaluation.with_provider("Castle"), base_revision=1)
    with pytest.raises(Conflict):  # a stale save: neither the revision nor the tickets
        store.save(stored.id, evaluation, base_revision=1, tickets=b"new tickets")
    assert store.tickets(stored.id) == b"old tickets"
    store.save(stored.id, evaluation, base_revision=2, tickets=b"new tickets")
    assert store.tickets(stored.id) == b"new tickets"


def test_an_id_is_never_given_to_another_evaluation(store: Store, evaluation: Evaluation) -> None:
    first = store.create(evaluation)
    newest = store.create(evaluation.renamed("Newest"))
    store.delete(newest.id)
    again = store.create(evaluation.renamed("Created after the delete"))
    assert again.id not in (first.id, newest.id)


def test_a_save_records_who_made_it_and_what_it_changed_in_words(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation, author="ann@example.com")
    renamed = stored.evaluation.renamed("Second look")
    store.save(stored.id, renamed, stored.revision, author="bob@example.com")
    newest, first = store.history(stored.id)
    assert (first.author, first.summary) == ("ann@example.com", ("Created",))
    assert newest.author == "bob@example.com"
    assert newest.summary == (f"evaluation name: {evaluation.name} → Second look",)


def test_without_an_author_a_save_is_recorded_as_the_operating_system_user(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation)
    assert store.history(stored.id)[0].author == getpass.getuser()


def test_a_copy_says_what_it_was_copied_from(store: Store, evaluation: Evaluation) -> None:
    stored = store.create(evaluation)
    copy = store.duplicate(stored.id, "The copy", author="ann@example.com")
    assert store.history(copy.id)[0].summary == (f"Copied from '{evaluation.name}' (revision 1)",)


def test_a_save_on_a_revision_that_does_not_exist_is_a_conflict(
    store: Store, evaluation: Evaluation
) -> None:
    stored = store.create(evaluation)
    with pytest.raises(Conflict):
        store.save(stored.id, stored.evaluation.renamed("Later"), base_revision=7)
    assert store.summary(stored.id).revision == 1
