"""Names: one line, composed (NFC), compared ignoring case, the same rules on every database."""

from __future__ import annotations

import json
import threading
import unicodedata
from typing import Any

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, Text, select, text

from itexit.evaluation import Evaluation
from itexit.input import InvalidInput, clean_name
from itexit.store import Store, engine_for, evaluations
from itexit.types import NAME_MAX, STORED, name_key

CAFE_COMPOSED = "Caf\u00e9"  # é as one character
CAFE_DECOMPOSED = "Cafe\u0301"  # e followed by a combining acute accent


# The rule ----------------------------------------------------------------------------------------


def test_a_name_typed_decomposed_is_kept_composed() -> None:
    assert clean_name(CAFE_DECOMPOSED, "name") == CAFE_COMPOSED


@pytest.mark.parametrize(
    "character",
    [
        "\n",
        "\r",
        "\t",
        "\x00",
        "\x1b",
        "\x7f",
        "\x80",
        "\x85",
        "\x9f",
        "\u2028",
        "\u2029",
        "\udcff",
    ],
    ids=[
        "line feed",
        "carriage return",
        "tab",
        "NUL",
        "escape",
        "delete",
        "first C1 control",
        "next line U+0085",
        "last C1 control",
        "line separator U+2028",
        "paragraph separator U+2029",
        "lone surrogate",
    ],
)
def test_line_breaks_and_control_characters_inside_a_name_are_refused_saying_where(
    character: str,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_name(f"Nim{character}bus", "provider name")
    assert str(refused.value) == (
        "Provider name can't contain line breaks, tabs or other control characters; remove the "
        f"one at character 4 (U+{ord(character):04X}) and keep it on one line."
    )


@pytest.mark.parametrize(
    "name",
    ["Zoë & Søn", "Ｆｕｌｌｗｉｄｔｈ", "日本のIT", "Straße", "👩‍💻 Helpdesk", "a\u00a0b"],
    ids=["accents", "fullwidth", "CJK", "sharp s", "emoji with joiner", "no-break space"],
)
def test_letters_of_every_script_emoji_and_spaces_are_valid(name: str) -> None:
    assert clean_name(name, "name") == name


def test_the_length_is_counted_after_composing() -> None:
    decomposed = CAFE_DECOMPOSED * 25  # 100 characters composed, 125 as typed
    assert len(clean_name(decomposed, "name")) == NAME_MAX


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (CAFE_COMPOSED, CAFE_DECOMPOSED),
        ("Café", "CAFÉ"),
        ("Straße", "STRASSE"),
        ("  Nimbus ", "nimbus"),
    ],
)
def test_names_that_differ_only_in_case_or_composition_have_the_same_key(
    one: str, other: str
) -> None:
    assert name_key(one) == name_key(other)


def test_a_provider_typed_decomposed_is_the_same_as_one_typed_composed(
    evaluation: Evaluation,
) -> None:
    with_cafe = evaluation.with_provider(CAFE_COMPOSED)
    with pytest.raises(InvalidInput, match="already a provider called 'Café'"):
        with_cafe.with_provider(CAFE_DECOMPOSED.upper())


def _stored_body(evaluation: Evaluation, **changes: Any) -> dict[str, Any]:
    body = json.loads(evaluation.model_dump_json())
    body.update(changes)
    return body


def test_names_saved_before_these_rules_still_load(evaluation: Evaluation) -> None:
    body = _stored_body(evaluation, name="Old\u2028name\x85")
    body["providers"][1]["name"] = CAFE_COMPOSED
    body["providers"][2]["name"] = CAFE_DECOMPOSED  # apart under the old rule
    loaded = Evaluation.model_validate(body, context=STORED)
    assert loaded.name == "Old\u2028name\x85"
    assert [p.name for p in loaded.providers][1:] == [CAFE_COMPOSED, CAFE_DECOMPOSED]
    with pytest.raises(InvalidInput, match="line breaks"):
        loaded.renamed("New\u2028name")


# In the store, on SQLite and PostgreSQL ----------------------------------------------------------


def test_an_evaluation_typed_decomposed_is_the_one_typed_composed(
    store: Store, evaluation: Evaluation
) -> None:
    store.create(evaluation.renamed(CAFE_COMPOSED))
    with pytest.raises(InvalidInput, match="already exists"):
        store.create(evaluation.renamed(CAFE_DECOMPOSED))
    assert [s.name for s in store.summaries()] == [CAFE_COMPOSED]


@pytest.mark.parametrize("name", ["ß" * NAME_MAX, "ﬃ" * NAME_MAX, "İ" * NAME_MAX])
def test_a_valid_name_whose_key_is_longer_than_the_name_is_stored_on_every_database(
    store: Store, evaluation: Evaluation, name: str
) -> None:
    """Case folding makes "ß" "ss" and "ﬃ" "ffi": the key outgrows the name."""
    assert len(name_key(name)) > NAME_MAX
    stored = store.create(evaluation.renamed(name))
    assert store.summary(stored.id).name == name
    other = store.create(evaluation.renamed("Other"))
    with pytest.raises(InvalidInput, match="already exists"):
        store.rename(other.id, name, base_revision=1)
    store.rename(other.id, name[:-1], base_revision=1)
    assert sorted(s.name for s in store.summaries()) == sorted([name, name[:-1]])


def test_a_name_longer_than_the_limit_is_refused_the_same_way_on_every_database(
    store: Store, evaluation: Evaluation
) -> None:
    with pytest.raises(InvalidInput, match=f"at most {NAME_MAX} characters"):
        store.create(evaluation.renamed("x" * (NAME_MAX + 1)))


def test_simultaneous_creates_of_one_name_add_it_once_and_tell_the_others_it_exists(
    store: Store, evaluation: Evaluation
) -> None:
    start, outcomes = threading.Barrier(8), []

    def create(name: str) -> None:
        start.wait()
        try:
            store.create(evaluation.renamed(name))
            outcomes.append("created")
        except Exception as exc:  # anything but InvalidInput fails the test below
            outcomes.append(f"{type(exc).__name__}: {exc}")

    names = ["Acme", "ACME", "acme", "Acme ", " acme", "AcMe", "acmE", "ACme"]
    workers = [threading.Thread(target=create, args=(name,)) for name in names]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    created, *refused = sorted(outcomes, reverse=True)  # "created" sorts after the refusals
    assert created == "created" and len(refused) == 7
    assert all(o.startswith("InvalidInput: An evaluation called") for o in refused), refused
    assert all(
        o.endswith("already exists (names are compared ignoring case). Choose another name.")
        for o in refused
    )
    assert len(store.summaries()) == 1


def test_renaming_into_a_name_taken_at_the_same_moment_says_it_exists(
    store: Store, evaluation: Evaluation
) -> None:
    first = store.create(evaluation.renamed("First"))
    second = store.create(evaluation.renamed("Second"))
    start, outcomes = threading.Barrier(2), []

    def rename(evaluation_id: int) -> None:
        start.wait()
        try:
            store.rename(evaluation_id, "Taken", base_revision=1)
            outcomes.append("renamed")
        except Exception as exc:  # anything but InvalidInput fails the test below
            outcomes.append(f"{type(exc).__name__}: {exc}")

    workers = [threading.Thread(target=rename, args=(e.id,)) for e in (first, second)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(outcomes)[-1] == "renamed"
    assert sorted(outcomes)[0].startswith("InvalidInput: An evaluation called 'Taken' already")
    assert sorted(s.name for s in store.summaries())[-1] == "Taken"


def test_a_save_that_keeps_the_name_never_checks_it_again(
    store: Store, evaluation: Evaluation
) -> None:
    """A name stored under older rules never blocks saving other changes to the evaluation."""
    stored = store.create(evaluation)
    with store.engine.begin() as conn:
        conn.execute(evaluations.update().values(name="Old\u2028name"))
    changed = evaluation.with_currency("EUR").model_copy(update={"name": "Old\u2028name"})
    saved = store.save(stored.id, changed, base_revision=1)
    assert store.summary(saved.id).name == "Old\u2028name"
    assert store.load(saved.id).evaluation.currency == "EUR"


# Exact names and ids -----------------------------------------------------------------------------


def test_an_evaluation_is_found_by_exact_name_or_by_id(
    store: Store, evaluation: Evaluation
) -> None:
    first = store.create(evaluation)
    second = store.create(evaluation.renamed("Second"))
    assert store.find("Second").id == second.id
    assert store.find(f" {first.id} ").id == first.id
    with pytest.raises(LookupError, match="There is no evaluation with the id or name 'second'"):
        store.find("second")


def test_an_evaluation_named_like_a_number_is_found_by_that_name(
    store: Store, evaluation: Evaluation
) -> None:
    store.create(evaluation)
    store.create(evaluation.renamed("Second"))
    named = store.create(evaluation.renamed("42"))
    assert store.find("42").id == named.id
    assert store.find("42", by="name").id == named.id


def test_a_name_that_is_another_evaluation_s_id_is_ambiguous_unless_told_which(
    store: Store, evaluation: Evaluation
) -> None:
    first = store.create(evaluation)
    named = store.create(evaluation.renamed(str(first.id)))
    with pytest.raises(InvalidInput) as ambiguous:
        store.find(str(first.id))
    assert str(ambiguous.value) == (
        f"'{first.id}' could mean evaluation {named.id} ('{first.id}') or evaluation "
        f"{first.id} ('Acme review')."
    )
    assert store.find(str(first.id), by="id").id == first.id
    assert store.find(str(first.id), by="name").id == named.id


def test_a_name_typed_decomposed_finds_the_evaluation(store: Store, evaluation: Evaluation) -> None:
    cafe = store.create(evaluation.renamed(CAFE_COMPOSED))
    assert store.find(CAFE_DECOMPOSED).id == cafe.id


@pytest.mark.parametrize("reference", ["²", "١", "99999999999", "9" * 5000, "-1", "1.0"])
def test_references_that_no_id_column_can_hold_are_simply_not_found(
    store: Store, evaluation: Evaluation, reference: str
) -> None:
    store.create(evaluation)
    with pytest.raises(LookupError, match="There is no evaluation with the id or name"):
        store.find(reference)


# Old databases ---------------------------------------------------------------------------------


def _database_of_schema_0002(url: str, names: list[str]) -> None:
    """The evaluations table as schema 0002 had it (varchar(100), the old key), with rows, and
    an empty revisions table as 0002 had it."""
    engine = engine_for(url)
    old = MetaData()
    table = Table(
        "evaluations",
        old,
        Column("id", Integer, primary_key=True),
        Column("name", String(100), nullable=False),
        Column("name_key", String(100), nullable=False, unique=True),
        Column("revision", Integer, nullable=False),
        Column("provider_count", Integer, nullable=False),
        Column("updated_at", String(40), nullable=False),
    )
    Table(  # as 0002 had it too: later migrations change it
        "revisions",
        old,
        Column("evaluation_id", Integer, ForeignKey("evaluations.id"), primary_key=True),
        Column("revision", Integer, primary_key=True),
        Column("saved_at", String(40), nullable=False),
        Column("body", Text, nullable=False),
        Column("body_version", Integer, nullable=False, server_default="1"),
    )
    Store(url).dispose()  # today's schema, then the tables put back as 0002 had them
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE revisions"))
        conn.execute(text("DROP TABLE ticket_sets"))
        conn.execute(text("DROP TABLE evaluations"))
    old.create_all(engine)
    with engine.begin() as conn:
        for number, name in enumerate(names, start=1):
            conn.execute(
                table.insert().values(
                    id=number,
                    name=name,
                    name_key=name.strip().casefold(),
                    revision=1,
                    provider_count=0,
                    updated_at="2026-01-01 00:00:00",
                )
            )
        conn.execute(text("UPDATE itexit_schema_version SET version_num = '0002'"))
    engine.dispose()


def test_upgrading_composes_the_keys_and_keeps_names_only_today_s_rule_finds_equal(
    database_url: str,
) -> None:
    names = [CAFE_DECOMPOSED, CAFE_COMPOSED, "Straße", "Other"]
    _database_of_schema_0002(database_url, names)
    store = Store(database_url)
    with store.engine.connect() as conn:
        keys = dict(conn.execute(select(evaluations.c.name, evaluations.c.name_key)).all())
    store.dispose()
    assert keys[CAFE_DECOMPOSED] == name_key(CAFE_COMPOSED)
    assert keys[CAFE_COMPOSED] == name_key(CAFE_COMPOSED) + "\x1f2"
    assert keys["Straße"] == "strasse"
    assert len(set(keys.values())) == len(names)
    assert unicodedata.is_normalized("NFC", keys["Other"])
