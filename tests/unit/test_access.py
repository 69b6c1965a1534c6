"""Who may enter once sign-in is configured, and what each person may do (itexit/access.py)."""

from __future__ import annotations

from typing import Any

import pytest

from itexit.access import (
    AllowList,
    TurnedAway,
    access,
    allow_list,
    is_loopback,
    none_exists_yet,
    refusal_to_serve,
    unknown_evaluations,
)
from itexit.input import InvalidInput

SECRETS: dict[str, Any] = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback"},
    "itexit": {
        "ask": "Jo, the office manager",
        "allow": [
            {"who": "Jo@Example.com", "role": "editor"},
            {"who": "example.com", "role": "viewer"},
            {"who": "partner@example.com", "role": "viewer"},
            {"who": "client@acme.test", "role": "viewer", "evaluations": ["Acme review", 7]},
            {"who": "client@acme.test", "role": "editor", "evaluations": [7]},
        ],
    },
}


def allowed() -> AllowList:
    return allow_list(SECRETS)


def claims(email: str, **more: object) -> dict[str, object]:
    return {"is_logged_in": True, "email": email, "email_verified": True, **more}


def test_each_evaluation_the_allow_list_names_that_none_has_is_one_warning() -> None:
    warnings = unknown_evaluations(allowed(), [(3, "Acme Review"), (8, "Other")])
    assert warnings == [
        'Warning: entry 4 of the allow-list (who = "client@acme.test") names the evaluation '
        "with the id 7, but no evaluation has it, so it covers nothing until one does. Check "
        "the spelling (itexit list shows names and ids).",
        'Warning: entry 5 of the allow-list (who = "client@acme.test") names the evaluation '
        "with the id 7, but no evaluation has it, so it covers nothing until one does. Check "
        "the spelling (itexit list shows names and ids).",
    ]


def test_an_allow_list_naming_only_evaluations_that_exist_warns_of_nothing() -> None:
    assert unknown_evaluations(allowed(), [(7, "Acme review")]) == []


def test_a_person_whose_evaluations_do_not_exist_is_told_so_and_who_to_ask() -> None:
    client = access(allowed(), claims("client@acme.test"))
    said = none_exists_yet(client, [(1, "Other client")], "Jo")
    assert said is not None and said.startswith("None of the evaluations you were given exists")
    assert "Ask Jo" in said


@pytest.mark.parametrize(
    ("email", "known"),
    [("client@acme.test", [(7, "Seven")]), ("jo@example.com", []), ("sam@example.com", [])],
)
def test_a_person_with_an_evaluation_or_every_one_is_not_told_none_exists(
    email: str, known: list[tuple[int, str]]
) -> None:
    assert none_exists_yet(access(allowed(), claims(email)), known, "Jo") is None


def test_a_listed_address_gets_its_role_on_every_evaluation() -> None:
    assert access(allowed(), claims("jo@example.com")).role(1, "Anything") == "editor"


def test_addresses_are_compared_without_regard_to_case() -> None:
    assert access(allowed(), claims("JO@EXAMPLE.COM")).email == "jo@example.com"


def test_anyone_of_a_listed_domain_gets_the_domain_role() -> None:
    assert access(allowed(), claims("sam@example.com")).role(1, "Anything") == "viewer"


def test_an_address_line_beats_the_domain_line() -> None:
    person = access(allowed(), claims("jo@example.com"))
    assert person.role(1, "x") == "editor"
    assert person.grants == (allowed().allow[0],)


def test_a_domain_does_not_let_in_its_subdomains() -> None:
    with pytest.raises(TurnedAway):
        access(allowed(), claims("sam@mail.example.com"))


def test_a_named_evaluation_is_the_only_one_a_client_sees() -> None:
    client = access(allowed(), claims("client@acme.test"))
    assert client.role(3, "Acme review") == "viewer"
    assert client.role(4, "Other client") is None


def test_evaluation_names_are_matched_without_regard_to_case_or_spaces() -> None:
    assert access(allowed(), claims("client@acme.test")).role(3, " ACME Review ") == "viewer"


def test_where_two_lines_cover_an_evaluation_the_larger_role_wins() -> None:
    assert access(allowed(), claims("client@acme.test")).role(7, "Acme 2027") == "editor"


def test_only_an_editor_of_every_evaluation_manages_evaluations() -> None:
    assert access(allowed(), claims("jo@example.com")).manages
    assert not access(allowed(), claims("client@acme.test")).manages
    assert not access(allowed(), claims("sam@example.com")).manages


def test_an_unknown_address_is_turned_away_with_who_to_ask() -> None:
    with pytest.raises(TurnedAway, match=r"stranger@else\.test is not on .* Ask Jo, the office"):
        access(allowed(), claims("stranger@else.test"))


@pytest.mark.parametrize("verified", [False, "false", None])
def test_an_unverified_address_is_refused(verified: object) -> None:
    with pytest.raises(TurnedAway, match="has not verified"):
        access(allowed(), claims("jo@example.com", email_verified=verified))


def test_an_address_verified_as_a_string_counts() -> None:
    assert access(allowed(), claims("jo@example.com", email_verified="true")).email


def test_entra_ids_domain_owner_verified_claim_counts() -> None:
    entra = {"email": "jo@example.com", "xms_edov": True, "provider": "microsoft"}
    assert access(allowed(), entra).role(1, "x") == "editor"


def test_a_provider_named_as_trusted_needs_no_verification_claim() -> None:
    secrets = {"itexit": {**SECRETS["itexit"], "trust_email_from": ["microsoft"]}}
    person = {"email": "jo@example.com", "provider": "microsoft"}
    assert access(allow_list(secrets), person).role(1, "x") == "editor"
    with pytest.raises(TurnedAway):
        access(allow_list(secrets), {**person, "provider": "google"})


def test_without_an_email_claim_the_person_is_turned_away() -> None:
    with pytest.raises(TurnedAway, match="did not give ITexit your e-mail"):
        access(allowed(), {"is_logged_in": True, "sub": "123"})


def test_sign_in_without_an_allow_list_is_refused_saying_what_to_add() -> None:
    with pytest.raises(InvalidInput, match=r"no allow-list.*\[\[itexit\.allow\]\]"):
        allow_list({"auth": {}})


JO = {"who": "jo@example.com", "role": "editor"}
BAD_ALLOW_LISTS = {
    "role not editor or viewer": (
        {"allow": [JO, {**JO, "role": "admin"}]},
        [
            'In entry 2 of the allow-list (who = "jo@example.com"), `role` must be "editor" or '
            '"viewer", not "admin".'
        ],
    ),
    "no role": (
        {"allow": [{"who": "jo@example.com"}]},
        ['Entry 1 of the allow-list (who = "jo@example.com") has no `role`: add role = "editor"'],
    ),
    "misspelt key": (
        {"allow": [{**JO, "evaluatons": ["Acme"]}]},
        [
            'Unknown key `evaluatons` in entry 1 of the allow-list (who = "jo@example.com"): did '
            "you mean `evaluations`?"
        ],
    ),
    "unknown key, nothing close": (
        {"allow": [{**JO, "colour": "red"}]},
        [
            'Unknown key `colour` in entry 1 of the allow-list (who = "jo@example.com"): the keys '
            "are `who`, `role` and `evaluations`."
        ],
    ),
    "misspelt setting": (
        {"alow": [JO]},
        [
            "Unknown key `alow` in [itexit]: did you mean `allow`?",
            "There is no [[itexit.allow]] entry, so nobody may enter",
        ],
    ),
    "allow as a plain string": (
        {"allow": "jo@example.com"},
        [
            '`allow` must be a list of entries, not "jo@example.com": write each as its own '
            "[[itexit.allow]] block"
        ],
    ),
    "an entry that is a plain string": (
        {"allow": ["jo@example.com"]},
        [
            'Entry 1 of the allow-list is "jo@example.com", not an entry: write it as an '
            "[[itexit.allow]] block"
        ],
    ),
    "entry without who": (
        {"allow": [JO, {"role": "viewer"}]},
        [
            'Entry 2 of the allow-list has no `who`: add who = "ann@example.com" (one person) or '
            'who = "example.com" (everyone of a domain).'
        ],
    ),
    "who neither address nor domain": (
        {"allow": [{**JO, "who": "not an address"}]},
        [
            'In entry 1 of the allow-list (who = "not an address"), "not an address" is neither an '
            'e-mail address nor a domain: write who = "ann@example.com"'
        ],
    ),
    "evaluations as a plain string": (
        {"allow": [{**JO, "evaluations": "Acme review"}]},
        [
            "`evaluations` must be a list of names and ids in square brackets, e.g. evaluations = "
            '["Acme review"], or leave `evaluations` out to cover every evaluation.'
        ],
    ),
    "evaluations empty": (
        {"allow": [{**JO, "evaluations": []}]},
        ["`evaluations` is empty, so the entry covers nothing: name at least one"],
    ),
    "evaluation neither name nor id": (
        {"allow": [{**JO, "evaluations": ["Acme", 1.5]}]},
        [
            '1.5 in `evaluations` is neither an evaluation\'s name (in quotes, "Acme review") nor '
            "its id (a whole number, 12)."
        ],
    ),
    "no entry": (
        {"allow": []},
        ["There is no [[itexit.allow]] entry, so nobody may enter: add one per person or domain"],
    ),
    "ask not a sentence": (
        {"allow": [JO], "ask": ""},
        ["`ask` must say, in up to 300 characters, who a person turned away should ask"],
    ),
    "trusted providers not a list": (
        {"allow": [JO], "trust_email_from": "microsoft"},
        [
            "`trust_email_from` must be a list of sign-in provider names, e.g. trust_email_from = "
            '["microsoft"].'
        ],
    ),
}
"""A bad `[itexit]` section, and the sentences (one per problem) the refusal must hold."""
JARGON = ("Input should", "Tuple", "validation", "Extra inputs", "type=", "pydantic")


@pytest.mark.parametrize(
    ("section", "sentences"), BAD_ALLOW_LISTS.values(), ids=BAD_ALLOW_LISTS.keys()
)
def test_a_malformed_allow_list_says_which_entry_what_is_wrong_and_what_to_write(
    section: dict[str, object], sentences: list[str]
) -> None:
    with pytest.raises(InvalidInput) as refused:
        allow_list({"itexit": section})
    message = str(refused.value)
    assert message.startswith("The allow-list ([itexit] in secrets.toml) cannot be used.")
    assert message.endswith("Fix it as docs/sign-in.md shows; until then nobody may enter.")
    for sentence in sentences:
        assert sentence in message
    assert not [word for word in JARGON if word in message]


def test_each_problem_of_an_allow_list_is_said_once() -> None:
    section = {"allow": [{"who": "jo", "role": "admin"}, {"who": "sam@example.com"}]}
    with pytest.raises(InvalidInput) as refused:
        allow_list({"itexit": section})
    message = str(refused.value)
    assert message.count("entry 1") == 2 and message.count("ntry 2") == 1
    assert message.count("neither an e-mail address") == 1


def test_an_empty_allow_list_is_refused() -> None:
    with pytest.raises(InvalidInput, match="allow"):
        allow_list({"itexit": {"allow": []}})


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("::", False),
        ("itexit.example.com", False),
    ],
)
def test_only_loopback_addresses_serve_this_machine_alone(address: str, local: bool) -> None:
    assert is_loopback(address) is local


def test_serving_the_network_without_sign_in_is_refused_saying_how_to_configure_it() -> None:
    refusal = refusal_to_serve("0.0.0.0", signed_in=False, anyone=False)
    assert refusal is not None
    assert "docs/sign-in.md" in refusal
    assert "--allow-anyone-on-the-network" in refusal


@pytest.mark.parametrize(
    ("address", "signed_in", "anyone"),
    [("0.0.0.0", True, False), ("0.0.0.0", False, True), ("127.0.0.1", False, False)],
)
def test_sign_in_the_override_or_a_loopback_address_lets_the_server_start(
    address: str, signed_in: bool, anyone: bool
) -> None:
    assert refusal_to_serve(address, signed_in, anyone) is None
