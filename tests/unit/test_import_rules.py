"""An import follows the app's rules exactly, and any file, however strange, is refused in words."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from itexit.demo import demo_evaluation
from itexit.evaluation import PROVIDER_MAX, Evaluation, Provider
from itexit.exit import Task
from itexit.export import evaluation_document, read_evaluation_document
from itexit.input import InvalidInput
from itexit.types import STORED

Change = Callable[[dict[str, Any]], None]


def _demo() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(evaluation_document(demo_evaluation()))
    return document


def _refused(change: Change) -> str:
    document = _demo()
    change(document["evaluation"])
    with pytest.raises(InvalidInput) as refused:
        read_evaluation_document(json.dumps(document))
    return str(refused.value)


def _weights_zero(body: dict[str, Any]) -> None:
    body["essential_weights"] = dict.fromkeys(body["essential_weights"], 0)


def _backup_criteria_zero(body: dict[str, Any]) -> None:
    for criterion in body["criterion_weights"]:
        if criterion.startswith("backup."):
            body["criterion_weights"][criterion] = 0


def _unknown_answer(body: dict[str, Any]) -> None:
    body["providers"][1]["answers"]["made.up"] = {"text": "Yes", "worrying": False}


def _unknown_task(body: dict[str, Any]) -> None:
    body["exit"]["tasks"]["no_such_item"] = {"status": "done"}


def _repeated_criterion_name(body: dict[str, Any]) -> None:
    criteria = body["checklist"]["essentials"][0]["criteria"]
    criteria[1]["name"] = criteria[0]["name"].upper()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            _weights_zero,
            "The evaluation in the file breaks a rule: Every essential would weigh 0, so no "
            "provider could get an overall score. Give at least one essential a weight above 0.",
        ),
        (
            _backup_criteria_zero,
            "The evaluation in the file breaks a rule: Every criterion of Backup & disaster "
            "recovery would weigh 0, so it could never be scored. Give at least one of them a "
            "weight above 0.",
        ),
        (
            _unknown_answer,
            "The evaluation in the file breaks a rule: The answers of Nimbus IT name "
            "due-diligence questions ITexit does not have: made.up. Remove those answers.",
        ),
        (
            _unknown_task,
            "The evaluation in the file breaks a rule: The offboarding plan names items the "
            "checklist does not have: no_such_item. Remove those items.",
        ),
        (
            _repeated_criterion_name,
            "The evaluation in the file breaks a rule: Two criteria are called 'Encryption of "
            "stored and transmitted data' (names are compared ignoring case). Give each "
            "criterion its own name.",
        ),
    ],
    ids=[
        "all essential weights 0",
        "all criteria of an essential 0",
        "unknown question",
        "unknown offboarding item",
        "two criteria of one name",
    ],
)
def test_an_import_is_refused_for_what_the_app_refuses(change: Change, message: str) -> None:
    assert _refused(change) == message


def test_the_app_refuses_the_same_answers_and_tasks(evaluation: Evaluation) -> None:
    from itexit.diligence import Answer

    with pytest.raises(InvalidInput, match=r"questions ITexit does not have: made\.up"):
        evaluation.with_answers(evaluation.providers[1].id, {"made.up": Answer(text="Yes")})
    with pytest.raises(InvalidInput, match="does not have: no_such_item"):
        evaluation.with_tasks({"no_such_item": Task(status="done")})


# The provider limit ------------------------------------------------------------------------------


def test_an_evaluation_takes_providers_up_to_the_limit_and_no_more(checklist: Any) -> None:
    evaluation = Evaluation.new("Many", checklist)
    for number in range(PROVIDER_MAX):
        evaluation = evaluation.with_provider(f"Provider {number}")
    with pytest.raises(InvalidInput) as refused:
        evaluation.with_provider("One too many")
    assert str(refused.value) == (
        f"An evaluation compares at most {PROVIDER_MAX} providers (this one would have "
        f"{PROVIDER_MAX + 1}), so every page stays quick. Remove the providers you no longer "
        "consider, or split them over two evaluations."
    )


def _providers(count: int) -> list[dict[str, Any]]:
    return [
        Provider(id=f"p{n}", name=f"Provider {n}").model_dump(mode="json") for n in range(count)
    ]


def test_an_import_with_providers_up_to_the_limit_is_read(evaluation: Evaluation) -> None:
    document = json.loads(evaluation_document(evaluation))
    document["evaluation"]["providers"] = _providers(PROVIDER_MAX)
    assert len(read_evaluation_document(json.dumps(document)).providers) == PROVIDER_MAX


def test_an_import_with_ten_thousand_providers_is_refused_before_reading_them(
    evaluation: Evaluation, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = json.loads(evaluation_document(evaluation))
    document["evaluation"]["providers"] = _providers(10_000)
    monkeypatch.setattr(Evaluation, "model_validate", pytest.fail)
    with pytest.raises(InvalidInput) as refused:
        read_evaluation_document(json.dumps(document))
    assert str(refused.value) == (
        f"The evaluation in the file has 10,000 providers; ITexit compares at most "
        f"{PROVIDER_MAX} in one evaluation. Remove some, or split them over two files."
    )


def test_a_stored_evaluation_with_more_providers_than_the_limit_still_loads(
    evaluation: Evaluation,
) -> None:
    body = json.loads(evaluation.model_dump_json())
    body["providers"] = _providers(PROVIDER_MAX + 10)
    loaded = Evaluation.model_validate(body, context=STORED)
    assert len(loaded.providers) == PROVIDER_MAX + 10
    with pytest.raises(InvalidInput, match=f"at most {PROVIDER_MAX} providers"):
        loaded.with_provider("Another")


def test_rules_the_app_applies_do_not_stop_a_stored_revision_loading(
    evaluation: Evaluation,
) -> None:
    body = json.loads(evaluation.model_dump_json())
    _weights_zero(body)
    _unknown_task(body)
    loaded = Evaluation.model_validate(body, context=STORED)
    assert set(loaded.essential_weights.values()) == {0}


# Files JSON allows but ITexit cannot take ---------------------------------------------------------


def _text_refused(text: str | bytes) -> str:
    with pytest.raises(InvalidInput) as refused:
        read_evaluation_document(text)
    return str(refused.value)


def test_a_key_given_twice_is_refused_naming_the_key() -> None:
    text = evaluation_document(demo_evaluation()).replace(
        '"currency": "USD"', '"currency": "USD", "currency": "EUR"', 1
    )
    assert _text_refused(text) == (
        'The file gives the key "currency" twice in one object; keep only the right one.'
    )


def test_a_key_given_twice_deep_inside_is_refused_too() -> None:
    text = evaluation_document(demo_evaluation()).replace(
        '"rating": 2,', '"rating": 2, "rating": 5,', 1
    )
    assert 'the key "rating" twice' in _text_refused(text)


def test_nesting_a_hundred_thousand_deep_is_refused_in_words() -> None:
    assert _text_refused("[" * 100_000 + "]" * 100_000) == (
        "The file nests lists or objects far too deeply to be an ITexit evaluation."
    )


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_number_five_thousand_digits_long_is_refused_in_words(sign: str) -> None:
    text = evaluation_document(demo_evaluation()).replace(
        '"notice_days": 90', f'"notice_days": {sign}{"9" * 5000}', 1
    )
    assert _text_refused(text) == (
        "The file holds a number 5,000 digits long "
        f"({(sign + '9' * 12)[:12]}...); no value in an ITexit evaluation is that large."
    )


def test_a_huge_decimal_number_is_refused_by_the_rule_of_its_field() -> None:
    text = evaluation_document(demo_evaluation()).replace(
        '"security": 1.5', f'"security": 1{"0" * 5000}.5', 1
    )
    assert "from 0 to 1000" in _text_refused(text)


@pytest.mark.parametrize("where", ["a note", "a key"])
def test_a_lone_surrogate_is_refused_in_words(where: str) -> None:
    document = _demo()
    provider = document["evaluation"]["providers"][0]
    if where == "a note":
        provider["scores"]["security.encryption"]["note"] = "Checked \ud800 on site"
    else:
        provider["answers"]["\udc00"] = {"text": "", "worrying": False}
    assert _text_refused(json.dumps(document)) == (
        'The file holds text that is not valid Unicode: "'
        + ("Checked \\ud800 on site" if where == "a note" else "\\udc00")
        + '" contains a lone surrogate (half of a character). Correct that text and import again.'
    )


def test_a_surrogate_pair_is_one_character_and_welcome() -> None:
    document = _demo()
    document["evaluation"]["providers"][0]["scores"]["security.encryption"]["note"] = "ok 😀"
    evaluation = read_evaluation_document(json.dumps(document))  # ensure_ascii writes a pair
    assert evaluation.providers[0].score("security.encryption").note == "ok 😀"
