"""The checklist: the essentials a business should expect, their criteria, the public guidance
each criterion rests on, and the loader of the human-editable `data/checklist.toml`. An
evaluation keeps its own copy of the checklist; `checklist_update` brings a copy up to date."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Annotated, Self

from pydantic import Field, ValidationError, model_validator

from itexit.input import InvalidInput, describe
from itexit.paths import DATA
from itexit.types import Frozen, Identifier, Level, Name, Weight, name_key

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "CHECKLIST_FILE",
    "ESSENTIALS",
    "GUIDANCE",
    "RED_FLAG_AT",
    "SOURCES",
    "Checklist",
    "ChecklistUpdate",
    "Criterion",
    "Essential",
    "Guidance",
    "SourceId",
    "builtin_checklist",
    "checklist_update",
    "guidance_of",
    "guidance_text",
    "offered_update",
    "parse_checklist",
    "unknown_sources",
]

CHECKLIST_FILE = DATA / "checklist.toml"
ESSENTIALS = ("security", "maintenance", "helpdesk", "monitoring", "backup", "policies")
CRITERIA_PER_ESSENTIAL = range(4, 9)
RED_FLAG_AT = 1
"""A criterion marked as a red flag raises it for a rating of this or lower."""


# Where the questions come from ---------------------------------------------------------------


@dataclass(frozen=True)
class Guidance:
    """A public document the checklist's criteria rest on: its short name, as the Scorecard and
    the exports cite it, with its full title, who published it, and where to read it."""

    short: str
    title: str
    publisher: str
    url: str


GUIDANCE = (
    Guidance(
        "AA22-131A",
        "Protecting Against Cyber Threats to Managed Service Providers and their Customers",
        "CISA, NSA and FBI with the cyber security centres of the UK, Australia, Canada and "
        "New Zealand; joint advisory AA22-131A, May 2022",
        "https://www.cisa.gov/news-events/cybersecurity-advisories/aa22-131a",
    ),
    Guidance(
        "CISA MSP risks",
        "Risk Considerations for Managed Service Provider Customers",
        "CISA (CISA Insights), September 2021",
        "https://www.cisa.gov/publication/risk-considerations-msp-customers",
    ),
    Guidance(
        "ACSC MSP questions",
        "Questions to ask Managed Service Providers",
        "Australian Cyber Security Centre, March 2018",
        "https://asd.gov.au/publications/protect/questions-for-service-providers.htm",
    ),
    Guidance(
        "ACSC MSP guidance",
        "How to Manage Your Security When Engaging a Managed Service Provider",
        "Australian Cyber Security Centre, December 2018",
        "https://www.cyber.gov.au/publications/how-to-manage-your-security-when-engaging-a-managed-service-provider",
    ),
    Guidance(
        "NIST CSF 2.0",
        "The NIST Cybersecurity Framework (CSF) 2.0 (NIST CSWP 29)",
        "National Institute of Standards and Technology, February 2024",
        "https://doi.org/10.6028/NIST.CSWP.29",
    ),
    Guidance(
        "CIS",
        "CIS Critical Security Controls Version 8, Control 15: Service Provider Management",
        "Center for Internet Security, 2021",
        "https://www.cisecurity.org/controls/v8",
    ),
    Guidance(
        "ISO 27001",
        "ISO/IEC 27001:2022 Information security management systems: Requirements, Annex A",
        "ISO and IEC, 2022",
        "https://www.iso.org/standard/27001",
    ),
)
"""Every document a criterion may cite, in the order docs/sources.md lists them."""

_NIST = (
    *(f"GV.SC-{n:02}" for n in (2, 5, 7, 8, 10)),
    "GV.PO-01",
    "GV.PO-02",
    *(f"ID.AM-{n:02}" for n in (1, 2, 3, 8)),
    "ID.RA-01",
    "ID.RA-07",
    *(f"PR.AA-{n:02}" for n in (1, 3, 5)),
    "PR.AT-01",
    "PR.AT-02",
    *(f"PR.DS-{n:02}" for n in (1, 2, 11)),
    *(f"PR.PS-{n:02}" for n in (1, 2, 3, 4)),
    "DE.CM-01",
    "DE.CM-09",
)
SOURCES: dict[str, str] = {
    "AA22-131A": "AA22-131A",
    "CISA MSP risks": "CISA MSP risks",
    "ACSC MSP questions": "ACSC MSP questions",
    "ACSC MSP guidance": "ACSC MSP guidance",
    **{f"NIST CSF 2.0 {outcome}": "NIST CSF 2.0" for outcome in _NIST},
    **{f"CIS 15.{n}": "CIS" for n in range(1, 8)},
    **{f"ISO 27001 A.5.{n}": "ISO 27001" for n in range(19, 24)},
}
"""Every identifier a criterion may cite, with the short name of its document (GUIDANCE)."""

SourceId = Annotated[
    str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9 .-]*$")
]
"""An identifier of public guidance, such as 'NIST CSF 2.0 GV.SC-07' or 'CIS 15.4'."""


def guidance_of(identifiers: tuple[str, ...]) -> tuple[Guidance, ...]:
    """The documents these identifiers come from, each once, in GUIDANCE's order."""
    cited = {SOURCES.get(i) for i in identifiers}
    return tuple(g for g in GUIDANCE if g.short in cited)


def guidance_text() -> str:
    """The documents behind the questions as a Markdown list of the app's own words: short
    name, full title, publisher and address."""
    return "\n".join(f"- **{g.short}**: *{g.title}*, {g.publisher}. <{g.url}>" for g in GUIDANCE)


def unknown_sources(checklist: Checklist) -> list[str]:
    """The identifiers the checklist's criteria cite that are not in SOURCES, sorted."""
    return sorted({s for c in checklist.criteria for s in c.sources} - set(SOURCES))


class Criterion(Frozen):
    """One thing to ask a provider, with plain words for what a 0, a 3 and a 5 look like."""

    id: Identifier
    name: Name
    question: Annotated[str, Field(min_length=1, max_length=500)]
    weight: Weight = 1.0
    means_0: Annotated[str, Field(min_length=1, max_length=500)]
    means_3: Annotated[str, Field(min_length=1, max_length=500)]
    means_5: Annotated[str, Field(min_length=1, max_length=500)]
    red_flag: Annotated[str, Field(max_length=300)] = ""
    """Why a rating of RED_FLAG_AT or less is dangerous whatever the weights; empty: never."""
    custom: bool = False
    """Added by the user to this evaluation, not part of the built-in checklist."""
    sources: Annotated[
        tuple[SourceId, ...], Field(max_length=12, exclude_if=lambda sources: not sources)
    ] = ()
    """The public guidance the criterion rests on (identifiers of SOURCES); empty for a
    criterion of the user's own, and in a copy made before checklist 2026.2. Left out of the
    stored and exported JSON when empty, so a revision saved before it existed reads back as
    it was stored."""

    @property
    def rests_on(self) -> str:
        """Its sources on one line: 'NIST CSF 2.0 GV.SC-07 · CIS 15.4 · AA22-131A'."""
        return " · ".join(self.sources)


class Essential(Frozen):
    """One of the six things every business should expect from its provider, with its criteria,
    default weight and target."""

    id: Identifier
    name: Name
    summary: Annotated[str, Field(min_length=1, max_length=500)]
    weight: Weight = 1.0
    target: Level = 4.0
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]


class Checklist(Frozen):
    """The essentials and their criteria; an evaluation keeps its own copy of it."""

    version: Annotated[str, Field(min_length=1, max_length=40)]
    essentials: Annotated[tuple[Essential, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Self:
        ids = [e.id for e in self.essentials] + [c.id for c in self.criteria]
        duplicated = sorted({i for i in ids if ids.count(i) > 1})
        if duplicated:
            raise ValueError(f"ids must be unique; repeated: {', '.join(duplicated)}")
        return self

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, essential by essential."""
        return tuple(c for e in self.essentials for c in e.criteria)

    def essential_of(self) -> dict[str, str]:
        """The id of each criterion's essential, by criterion id."""
        return {c.id: e.id for e in self.essentials for c in e.criteria}


def parse_checklist(text: str) -> Checklist:
    """Read a checklist from TOML text; InvalidInput names what is wrong with it."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"The checklist is not valid TOML: {exc}") from None
    try:
        checklist = Checklist.model_validate(data)
    except ValidationError as exc:
        raise InvalidInput(f"The checklist breaks a rule: {describe(exc)}") from None
    _check_shape(checklist)
    return checklist


def _check_shape(checklist: Checklist) -> None:
    ids = tuple(e.id for e in checklist.essentials)
    if ids != ESSENTIALS:
        raise InvalidInput(f"The checklist must list the essentials {ESSENTIALS}, in that order.")
    for essential in checklist.essentials:
        if len(essential.criteria) not in CRITERIA_PER_ESSENTIAL:
            raise InvalidInput(
                f"Essential '{essential.id}' has {len(essential.criteria)} criteria; "
                "it needs 4 to 8."
            )
        strays = [c.id for c in essential.criteria if not c.id.startswith(f"{essential.id}.")]
        if strays:
            raise InvalidInput(
                f"Criterion ids must start with their essential's id: {', '.join(strays)}"
            )
    unsourced = [c.id for c in checklist.criteria if not c.sources]
    if unsourced:
        raise InvalidInput(
            f"Every criterion must name the guidance it rests on (sources): {', '.join(unsourced)}"
        )
    unknown = unknown_sources(checklist)
    if unknown:
        raise InvalidInput(
            f"Sources ITexit does not know: {', '.join(unknown)}. Use the identifiers listed in "
            "docs/sources.md."
        )


@cache
def builtin_checklist() -> Checklist:
    """The checklist shipped with ITexit, read once per process."""
    return parse_checklist(CHECKLIST_FILE.read_text(encoding="utf-8"))


# Bringing an evaluation's copy up to date ----------------------------------------------------


@dataclass(frozen=True)
class ChecklistUpdate:
    """What updating an evaluation's copy of the checklist to the built-in one does: the copy
    it gives, and, in words, what it adds and what it leaves out."""

    checklist: Checklist
    """The updated copy: every criterion kept with its texts, sources added, new criteria
    appended to their essential (before the user's own)."""
    added: tuple[Criterion, ...]
    """Built-in criteria the copy did not have."""
    sourced: int
    """How many criteria of the copy gain or change their sources."""
    left_out: tuple[str, ...]
    """Names of built-in criteria not added because a criterion of the user's own has that name."""

    @property
    def pending(self) -> bool:
        """True when the update would change anything."""
        return bool(self.added or self.sourced)

    def summary(self) -> str:
        """What the update does, in one paragraph a business owner can read."""
        if not self.pending:
            return "This evaluation's checklist is up to date: every question shows its sources."
        parts = []
        if self.sourced:
            parts.append(f"shows the public guidance behind {_count(self.sourced, 'question')}")
        if self.added:
            names = ", ".join(f"'{c.name}'" for c in self.added)
            parts.append(
                f"adds {_count(len(self.added), 'new criterion', 'new criteria')}: {names}"
            )
        text = f"Updating this evaluation's checklist {' and '.join(parts)}."
        text += (
            " No score, weight, must-have or note changes: new criteria start as unknown, at "
            "their default weight, and the wording of every question you have scored stays as "
            "it is."
        )
        if self.left_out:
            names = ", ".join(f"'{n}'" for n in self.left_out)
            text += f" Not added, because a criterion of your own has the same name: {names}."
        return text


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def checklist_update(copy: Checklist, template: Checklist) -> ChecklistUpdate:
    """`copy` (an evaluation's checklist) brought up to `template` (the built-in one): sources
    taken from the template for every criterion it has, and the template's criteria the copy
    lacks added, unless a criterion already has the name. Nothing else in the copy changes:
    names, questions, what 0/3/5 mean, red flags, default weights and the user's own criteria
    stay as they are, so no score ever changes meaning."""
    known = {c.id: c for c in template.criteria}
    names = {name_key(c.name) for c in copy.criteria}
    added: list[Criterion] = []
    left_out: list[str] = []
    sourced = 0
    essentials = []
    for essential in copy.essentials:
        kept = []
        for criterion in essential.criteria:
            new = known.get(criterion.id)
            if new is not None and not criterion.custom and new.sources != criterion.sources:
                criterion = criterion.model_copy(update={"sources": new.sources})
                sourced += 1
            kept.append(criterion)
        have = {c.id for c in essential.criteria}
        new_ones = []
        for criterion in _template_criteria(template, essential.id):
            if criterion.id in have:
                continue
            if name_key(criterion.name) in names:
                left_out.append(criterion.name)
                continue
            new_ones.append(criterion)
        added += new_ones
        builtin = [c for c in kept if not c.custom]
        own = [c for c in kept if c.custom]
        criteria = (*builtin, *new_ones, *own)
        essentials.append(essential.model_copy(update={"criteria": criteria}))
    version = template.version if added or sourced else copy.version
    updated = copy.model_copy(update={"essentials": tuple(essentials), "version": version})
    return ChecklistUpdate(updated, tuple(added), sourced, tuple(left_out))


def _template_criteria(template: Checklist, essential_id: str) -> tuple[Criterion, ...]:
    return next((e.criteria for e in template.essentials if e.id == essential_id), ())


def offered_update(evaluation: Evaluation) -> ChecklistUpdate:
    """What updating the evaluation's checklist to the built-in one would do (the Scorecard
    offers it while it is pending; `Evaluation.with_checklist_update` makes it)."""
    return checklist_update(evaluation.checklist, builtin_checklist())
