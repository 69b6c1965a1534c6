"""Who may open ITexit once sign-in is configured, and what each person may do: the allow-list
kept in the secrets file, and the rule that reads it.

The rule, in sentences (docs/sign-in.md says the same to whoever configures it):

- Only a verified e-mail address counts: the identity provider must vouch for it
  (`email_verified`, or Microsoft Entra ID's `xms_edov`), or the provider must be named in
  `trust_email_from`. An unverified address is turned away.
- A line names an address (`ann@example.com`) or a whole domain (`example.com`), case
  insensitive. A person named by address gets exactly what their address lines say; the lines of
  their domain apply only to people of the domain who have no line of their own.
- A line gives `editor` (may change) or `viewer` (may only look), for every evaluation or only
  those it names, by id or by name. Where several lines cover one evaluation, the larger role
  wins. An evaluation no line covers is hidden from that person.
- Creating, duplicating and deleting evaluations needs an editor of every evaluation.
- An address no line names is turned away, with who to ask.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from itexit.input import InvalidInput, describe

__all__ = [
    "OVERRIDE",
    "SECTION",
    "Access",
    "AllowList",
    "Grant",
    "Role",
    "TurnedAway",
    "access",
    "allow_list",
    "is_loopback",
    "none_exists_yet",
    "problems",
    "refusal_to_serve",
    "unknown_evaluations",
    "verified_email",
]

SECTION = "itexit"
"""The section of the secrets file that holds the allow-list (beside Streamlit's `[auth]`)."""

Role = Literal["editor", "viewer"]
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^@?[a-z0-9-]+(\.[a-z0-9-]+)+$")
_ASK = "whoever runs ITexit for your organisation"


class Grant(BaseModel):
    """One line of the allow-list: who (an address or a domain), which role, and on which
    evaluations (all when `evaluations` is left out)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    who: str = Field(min_length=3, max_length=320)
    role: Role
    evaluations: tuple[int | str, ...] | None = Field(default=None, min_length=1)

    @field_validator("who")
    @classmethod
    def _address_or_domain(cls, value: str) -> str:
        who = value.strip().casefold()
        if not (_ADDRESS.match(who) or _DOMAIN.match(who)):
            raise ValueError(
                f"'{value}' is neither an e-mail address (ann@example.com) nor a domain "
                "(example.com)"
            )
        return who.removeprefix("@")

    @field_validator("evaluations")
    @classmethod
    def _names_folded(cls, value: tuple[int | str, ...] | None) -> tuple[int | str, ...] | None:
        if value is None:
            return None
        return tuple(v.strip().casefold() if isinstance(v, str) else v for v in value)

    @property
    def is_address(self) -> bool:
        """Whether the line names one address rather than a whole domain."""
        return "@" in self.who

    def covers(self, evaluation_id: int, name: str) -> bool:
        """Whether the line speaks of this evaluation (by id or by name)."""
        if self.evaluations is None:
            return True
        return evaluation_id in self.evaluations or name.strip().casefold() in self.evaluations


class AllowList(BaseModel):
    """The `[itexit]` section of the secrets file: the lines of the allow-list, who to ask for
    access, and the providers whose e-mail claim is trusted without a verification claim."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    allow: tuple[Grant, ...] = Field(min_length=1)
    ask: str = Field(default=_ASK, min_length=1, max_length=300)
    trust_email_from: tuple[str, ...] = ()


class TurnedAway(InvalidInput):
    """A signed-in person ITexit does not let in; the message says why and who to ask."""


def allow_list(secrets: Mapping[str, Any]) -> AllowList:
    """The allow-list of a secrets mapping; InvalidInput saying what to fix when it is missing
    or malformed."""
    section = secrets.get(SECTION)
    if section is None:
        raise InvalidInput(
            "Sign-in is configured ([auth] in secrets.toml) but there is no allow-list, so "
            "nobody may enter. Add an [itexit] section with [[itexit.allow]] lines (see "
            "docs/sign-in.md)."
        )
    if not isinstance(section, Mapping):
        raise InvalidInput("In secrets.toml, [itexit] must be a section (see docs/sign-in.md).")
    found = list(problems(_plain(section)))
    try:
        if not found:
            return AllowList.model_validate(_plain(section))
    except ValidationError as error:  # a rule the plain-words check missed: still say it
        found = [describe(error)]
    raise InvalidInput(
        f"The allow-list ([itexit] in secrets.toml) cannot be used. {' '.join(found)} "
        "Fix it as docs/sign-in.md shows; until then nobody may enter."
    )


_SETTINGS = ("allow", "ask", "trust_email_from")
_KEYS = ("who", "role", "evaluations")
_EXAMPLE_WHO = 'who = "ann@example.com" (one person) or who = "example.com" (everyone of a domain)'


def problems(section: Mapping[str, Any]) -> Iterator[str]:
    """Each thing wrong with an `[itexit]` section, one plain sentence per problem, naming the
    entry (its number in the file, and its `who`) and saying what to write instead."""
    yield from _unknown_keys(section, _SETTINGS, "in [itexit]")
    ask = section.get("ask", _ASK)
    if not isinstance(ask, str) or not 1 <= len(ask.strip()) <= 300:
        yield (
            "`ask` must say, in up to 300 characters, who a person turned away should ask, e.g. "
            'ask = "Jo Bloggs, office manager (jo@example.com)".'
        )
    trusted = section.get("trust_email_from", [])
    if not isinstance(trusted, list) or not all(isinstance(t, str) for t in trusted):
        yield (
            "`trust_email_from` must be a list of sign-in provider names, e.g. "
            'trust_email_from = ["microsoft"].'
        )
    entries = section.get("allow")
    if entries is None or entries == []:
        yield (
            "There is no [[itexit.allow]] entry, so nobody may enter: add one per person or "
            f'domain, with {_EXAMPLE_WHO} and role = "editor" or "viewer".'
        )
    elif not isinstance(entries, list):
        yield (
            f"`allow` must be a list of entries, not {_shown(entries)}: write each as its own "
            '[[itexit.allow]] block, with who = "…" and role = "editor" or "viewer".'
        )
    else:
        for number, entry in enumerate(entries, start=1):
            yield from _entry_problems(number, entry)


def _entry_problems(number: int, entry: object) -> Iterator[str]:
    """What is wrong with the allow-list's entry `number` (1-based), in plain sentences."""
    if not isinstance(entry, Mapping):
        yield (
            f"Entry {number} of the allow-list is {_shown(entry)}, not an entry: write it as an "
            f'[[itexit.allow]] block with {_EXAMPLE_WHO} and role = "editor" or "viewer".'
        )
        return
    who = entry.get("who")
    named = f"entry {number} of the allow-list"
    if isinstance(who, str) and who.strip():
        named += f" (who = {_shown(who)})"
    yield from _unknown_keys(entry, _KEYS, f"in {named}")
    if who is None:
        yield f"{_capital(named)} has no `who`: add {_EXAMPLE_WHO}."
    elif not isinstance(who, str) or not _is_address_or_domain(who):
        yield (
            f"In {named}, {_shown(who)} is neither an e-mail address nor a domain: write "
            f"{_EXAMPLE_WHO}."
        )
    role = entry.get("role")
    if role is None:
        yield (
            f'{_capital(named)} has no `role`: add role = "editor" (may change) or '
            'role = "viewer" (may only look).'
        )
    elif role not in ("editor", "viewer"):
        yield f'In {named}, `role` must be "editor" or "viewer", not {_shown(role)}.'
    yield from _evaluations_problems(named, entry.get("evaluations", ...))


def _evaluations_problems(named: str, evaluations: object) -> Iterator[str]:
    """What is wrong with an entry's `evaluations` (`...` when the entry has none)."""
    leave_out = "or leave `evaluations` out to cover every evaluation"
    if evaluations is ...:
        return
    if not isinstance(evaluations, list):
        instead = _shown([evaluations] if isinstance(evaluations, str | int) else ["Acme review"])
        yield (
            f"In {named}, `evaluations` must be a list of names and ids in square brackets, e.g. "
            f"evaluations = {instead}, {leave_out}."
        )
    elif not evaluations:
        yield (
            f"In {named}, `evaluations` is empty, so the entry covers nothing: name at least "
            f'one, e.g. evaluations = ["Acme review", 12], {leave_out}.'
        )
    else:
        for item in evaluations:
            if isinstance(item, bool) or not isinstance(item, str | int) or item == "":
                yield (
                    f"In {named}, {_shown(item)} in `evaluations` is neither an evaluation's "
                    'name (in quotes, "Acme review") nor its id (a whole number, 12).'
                )


def _unknown_keys(table: Mapping[str, Any], known: tuple[str, ...], where: str) -> Iterator[str]:
    """A sentence for each key of `table` that is not one of `known`, with the likely one."""
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key.casefold(), known, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "the keys are " + _listed(known)
            yield f"Unknown key `{key}` {where}: {hint}" + ("" if close else ".")


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _listed(keys: tuple[str, ...]) -> str:
    quoted = [f"`{k}`" for k in keys]
    return ", ".join(quoted[:-1]) + f" and {quoted[-1]}"


def _is_address_or_domain(who: str) -> bool:
    folded = who.strip().casefold()
    return 3 <= len(folded) <= 320 and bool(_ADDRESS.match(folded) or _DOMAIN.match(folded))


def _shown(value: object) -> str:
    """A value from the secrets file as it would be written there, cut short."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "…"


def _plain(value: Any) -> Any:
    """A secrets mapping (Streamlit's read-only kind) as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def verified_email(claims: Mapping[str, Any], allowed: AllowList) -> str:
    """The signed-in person's e-mail address, folded to lower case, when the identity provider
    vouches for it; TurnedAway otherwise."""
    email = claims.get("email")
    if not isinstance(email, str) or not _ADDRESS.match(email.strip()):
        raise TurnedAway(
            "Your identity provider did not give ITexit your e-mail address, so ITexit cannot "
            f"tell who you are. Ask {allowed.ask} to check the sign-in settings."
        )
    vouched = any(_true(claims.get(claim)) for claim in ("email_verified", "xms_edov"))
    if not vouched and claims.get("provider") not in allowed.trust_email_from:
        raise TurnedAway(
            f"Your identity provider has not verified the address {email.strip()}, so ITexit "
            f"cannot let you in with it. Ask {allowed.ask}."
        )
    return email.strip().casefold()


def _true(value: object) -> bool:
    # Some providers send the claim as the string "true".
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


@dataclass(frozen=True)
class Access:
    """What one signed-in person may do: the allow-list lines that apply to them."""

    email: str
    grants: tuple[Grant, ...]

    def role(self, evaluation_id: int, name: str) -> Role | None:
        """The person's role on this evaluation; None when it is hidden from them."""
        roles = {g.role for g in self.grants if g.covers(evaluation_id, name)}
        if not roles:
            return None
        return "editor" if "editor" in roles else "viewer"

    @property
    def manages(self) -> bool:
        """Whether the person is an editor of every evaluation, and so may create, duplicate
        and delete evaluations."""
        return any(g.role == "editor" and g.evaluations is None for g in self.grants)


def access(allowed: AllowList, claims: Mapping[str, Any]) -> Access:
    """What the person these identity claims describe may do; TurnedAway (saying who to ask)
    when the allow-list does not let them in."""
    email = verified_email(claims, allowed)
    mine = tuple(g for g in allowed.allow if g.is_address and g.who == email)
    if not mine:
        domain = email.rpartition("@")[2]
        mine = tuple(g for g in allowed.allow if not g.is_address and g.who == domain)
    if not mine:
        raise TurnedAway(
            f"{email} is not on ITexit's list of people who may enter. Ask {allowed.ask} to "
            "add you."
        )
    return Access(email, mine)


def unknown_evaluations(allowed: AllowList, known: Iterable[tuple[int, str]]) -> list[str]:
    """A warning line for each name or id the allow-list names that no evaluation (`known`: id
    and name of each) has: a typo there leaves someone an empty app. Not an error: the
    evaluation may be created later."""
    known = list(known)
    ids = {evaluation_id for evaluation_id, _ in known}
    names = {name.strip().casefold() for _, name in known}
    warnings = []
    for number, grant in enumerate(allowed.allow, start=1):
        for named in grant.evaluations or ():
            if named in (ids if isinstance(named, int) else names):
                continue
            what = f"id {named}" if isinstance(named, int) else f"name {_shown(named)}"
            warnings.append(
                f"Warning: entry {number} of the allow-list (who = {_shown(grant.who)}) names "
                f"the evaluation with the {what}, but no evaluation has it, so it covers nothing "
                "until one does. Check the spelling (itexit list shows names and ids)."
            )
    return warnings


def none_exists_yet(person: Access, known: Iterable[tuple[int, str]], ask: str) -> str | None:
    """What a person is told whose allow-list lines name only evaluations that do not exist
    (`known`: id and name of each evaluation); None when they have one to see, or may see
    every evaluation."""
    if any(g.evaluations is None for g in person.grants):
        return None
    if any(person.role(evaluation_id, name) for evaluation_id, name in known):
        return None
    return (
        "None of the evaluations you were given exists yet, so there is nothing to show you. "
        f"Ask {ask} to create it, or to check its name in ITexit's list of who may see what."
    )


def is_loopback(address: str) -> bool:
    """Whether a server address (`server.address`) serves this machine only."""
    host = address.strip().strip("[]").casefold()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a host name: it may resolve anywhere
        return False


OVERRIDE = "--allow-anyone-on-the-network"
"""The `itexit run` flag that serves another address without sign-in, on purpose."""


def refusal_to_serve(address: str, signed_in: bool, anyone: bool) -> str | None:
    """Why `itexit run` must not listen on `address` (None when it may): without sign-in it
    serves this machine only, unless the override flag says anyone on the network may enter."""
    if signed_in or anyone or is_loopback(address):
        return None
    return (
        f"Refusing to serve {address} without sign-in: anyone who reaches it could read and "
        "change every evaluation. Configure sign-in in .streamlit/secrets.toml (see "
        f"docs/sign-in.md), or add {OVERRIDE} if everyone on that network may."
    )
