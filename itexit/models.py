"""The ITexit domain model: the checklist, providers, scores and the evaluation holding them."""

from __future__ import annotations

import calendar
import math
import secrets
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    TypeAdapter,
    ValidationError,
    model_validator,
)

NAME_MAX = 100
NOTE_MAX = 2000
WEIGHT_MAX = 1000.0
UNKNOWN: Literal["unknown"] = "unknown"
NOT_APPLICABLE: Literal["n/a"] = "n/a"


class InvalidInput(ValueError):
    """Something a user typed, uploaded or imported breaks a rule; the message says what to fix."""


def _name(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("can't be empty or only spaces")
    if len(value) > NAME_MAX:
        raise ValueError(f"can be at most {NAME_MAX} characters (this one has {len(value)})")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("can't contain line breaks, tabs or other control characters")
    return value


def _note(value: str) -> str:
    value = value.strip()
    if len(value) > NOTE_MAX:
        raise ValueError(f"can be at most {NOTE_MAX} characters (this one has {len(value)})")
    return value


def _weight(value: float) -> float:
    if not math.isfinite(value) or not 0 <= value <= WEIGHT_MAX:
        raise ValueError(f"must be a number from 0 to {WEIGHT_MAX:g}")
    return float(value)


def _level(value: float) -> float:
    if not math.isfinite(value) or not 0 <= value <= 5:
        raise ValueError("must be a number from 0 to 5")
    return float(value)


Name = Annotated[str, AfterValidator(_name)]
Note = Annotated[str, AfterValidator(_note)]
Weight = Annotated[float, AfterValidator(_weight)]
Level = Annotated[float, AfterValidator(_level)]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9_.-]{1,64}$")]
Rating = Annotated[StrictInt, Field(ge=0, le=5)] | Literal["unknown", "n/a"]
"""A criterion's score: a whole number 0–5, "unknown" (not asked yet) or "n/a" (does not apply)."""
RATING_CHOICES = ("unknown", "0", "1", "2", "3", "4", "5", "n/a")
"""The ratings as a person picks them, in the order a picker lists them."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Criterion(_Model):
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


RED_FLAG_AT = 1
"""A criterion marked as a red flag raises it for a rating of this or lower."""


class Essential(_Model):
    id: Identifier
    name: Name
    summary: Annotated[str, Field(min_length=1, max_length=500)]
    weight: Weight = 1.0
    target: Level = 4.0
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]


class Checklist(_Model):
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
        return tuple(c for e in self.essentials for c in e.criteria)


class Score(_Model):
    rating: Rating = UNKNOWN
    note: Note = ""
    verified: bool = False
    """True: seen proof (a report, a test, a reference); False: the provider's claim."""


Money = Annotated[Decimal, Field(ge=0, le=Decimal("1e10"), decimal_places=2, allow_inf_nan=False)]
"""An amount in the evaluation's currency, exact to the cent."""
Text = Annotated[str, Field(max_length=500)]


class Contract(_Model):
    """A provider's contract, as the business has it on paper."""

    start: date
    term_months: Annotated[int, Field(ge=1, le=600)]
    auto_renews: bool = False
    renewal_months: Annotated[int, Field(ge=1, le=120)] = 12
    notice_days: Annotated[int, Field(ge=0, le=3650)] = 30
    end: date | None = None
    """The last day of the first term where the contract states it; else it is computed."""
    monthly_fee: Money = Decimal(0)
    termination_fee: Money = Decimal(0)

    @property
    def first_end(self) -> date:
        """The last day of the first term: as stated, or the day before start + term."""
        return self.end or add_months(self.start, self.term_months) - timedelta(days=1)

    @model_validator(mode="after")
    def _dates_make_sense(self) -> Self:
        if self.end is not None and self.end < self.start:
            raise ValueError("the end date is before the start date")
        days = (self.first_end - self.start).days + 1
        if self.notice_days > days:
            raise ValueError(
                f"the notice period ({self.notice_days} days) is longer than the contract's "
                f"first term ({days} days)"
            )
        return self


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a missing day becomes the month's last (31 Jan → 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


Percent = Annotated[Decimal, Field(ge=0, le=100, decimal_places=3, allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
Hours = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
Priority = Literal["P1", "P2", "P3"]
PRIORITIES: tuple[Priority, ...] = ("P1", "P2", "P3")


class Pricing(_Model):
    """What a provider charges: a monthly price from the business's counts, plus one-offs."""

    flat_monthly: Money = Decimal(0)
    per_user: Money = Decimal(0)
    per_device: Money = Decimal(0)
    per_server: Money = Decimal(0)
    per_site: Money = Decimal(0)
    add_ons: Money = Decimal(0)
    """Monthly extras outside the base price (backup storage, security add-ons...)."""
    onboarding: Money = Decimal(0)
    """One-time fee to start."""
    projects: Money = Decimal(0)
    """One-time project fees that come with the switch."""
    yearly_increase: Percent = Decimal(0)
    """Price rise each year, in percent."""
    billed_users: Count | None = None
    """For the billing check: how many users the provider's invoice charges for."""
    billed_devices: Count | None = None


class ServiceLevels(_Model):
    """What a provider promises: uptime, response and resolution times, service credits."""

    uptime: Annotated[Decimal, Field(ge=50, le=100, decimal_places=3)] | None = None
    """Guaranteed availability in percent, e.g. 99.9."""
    response_hours: dict[Priority, Hours] = Field(default_factory=dict)
    resolution_hours: dict[Priority, Hours] = Field(default_factory=dict)
    credits: Annotated[str, Field(max_length=500)] = ""


class Business(_Model):
    """The business's own figures that turn prices and promises into money."""

    users: Count = 0
    devices: Count = 0
    servers: Count = 0
    sites: Count = 1
    downtime_cost_per_hour: Money = Decimal(0)
    switch_hours: Hours = 0.0
    """Staff time the move takes (meetings, testing, training), in hours."""
    hourly_cost: Money = Decimal(0)
    horizon_months: Annotated[int, Field(ge=6, le=120)] = 36
    overlap_months: Annotated[int, Field(ge=0, le=12)] = 1
    """Months of paying both providers while the new one takes over."""


class TicketImport(_Model):
    """The current provider's ticket export as last imported; the tickets themselves are kept
    beside the evaluation in the store (they are many), these are the facts about them."""

    file_name: Annotated[str, Field(max_length=300)]
    imported_at: datetime
    tickets: Count
    skipped: Count
    mapping: dict[str, str | None]
    problems: tuple[Annotated[str, Field(max_length=500)], ...] = ()


class Answer(_Model):
    """A candidate's answer to a due-diligence question."""

    text: Note = ""
    worrying: bool = False


class Provider(_Model):
    id: Annotated[str, Field(pattern=r"^[a-z0-9]{1,32}$")]
    name: Name
    current: bool = False
    scores: dict[Identifier, Score] = Field(default_factory=dict)
    contract: Contract | None = None
    answers: dict[Identifier, Answer] = Field(default_factory=dict)
    pricing: Pricing | None = None
    service: ServiceLevels | None = None

    def score(self, criterion_id: str) -> Score:
        return self.scores.get(criterion_id, Score())


class Judgement(_Model):
    """One pairwise answer: `more` matters `times` as much as `less` (1: equally), Saaty 1–9."""

    more: Identifier
    less: Identifier
    times: Annotated[int, Field(ge=1, le=9)]

    @model_validator(mode="after")
    def _two_different(self) -> Self:
        if self.more == self.less:
            raise ValueError("a pairwise answer compares two different essentials")
        return self


GroundId = Literal["mutual", "damage", "billing", "performance", "acquired", "no_contract"]
"""The grounds a business may stand on to end a contract early (explained in itexit/exit.py)."""


class GroundClaim(_Model):
    applies: Literal["yes", "no", "unsure"] = "unsure"
    notes: Note = ""


class Incident(_Model):
    """A dated entry in the incident log: evidence of what went wrong with the current provider."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9]{1,32}$")]
    day: date
    what: Annotated[str, Field(min_length=1, max_length=500)]
    impact: Text = ""
    downtime_hours: Annotated[float, Field(ge=0, le=10_000, allow_inf_nan=False)] = 0.0
    ticket: Annotated[str, Field(max_length=100)] = ""
    grounds: tuple[GroundId, ...] = ()

    @model_validator(mode="after")
    def _not_in_the_future(self) -> Self:
        if self.day > date.today():
            raise ValueError(f"the incident date {self.day.isoformat()} is in the future")
        return self


class Task(_Model):
    """How one offboarding item stands in this evaluation."""

    owner: Annotated[str, Field(max_length=100)] = ""
    """Empty: the checklist's default owner."""
    days_from_cutover: Annotated[int, Field(ge=-365, le=365)] | None = None
    """None: the checklist's default timing."""
    status: Literal["to do", "in progress", "done", "not needed"] = "to do"


class ExitPlan(_Model):
    """Leaving the current provider: grounds, evidence, the letter, the dates, the handover."""

    grounds: dict[GroundId, GroundClaim] = Field(default_factory=dict)
    incidents: tuple[Incident, ...] = ()
    business_name: Annotated[str, Field(max_length=200)] = ""
    signatory: Annotated[str, Field(max_length=200)] = ""
    letter: Annotated[str, Field(max_length=50_000)] | None = None
    """The notice letter as the user edited it; None means: use the draft."""
    notice_date: date | None = None
    new_provider_start: date | None = None
    cutover: date | None = None
    tasks: dict[Identifier, Task] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.new_provider_start and self.cutover and self.new_provider_start > self.cutover:
            raise ValueError("the new provider's start is after the cut-over date")
        return self


def new_id() -> str:
    return secrets.token_hex(6)


_NAME = TypeAdapter(Name)


def clean_name(value: object, subject: str) -> str:
    """A valid name, stripped of surrounding spaces, or InvalidInput saying what is wrong."""
    try:
        return _NAME.validate_python(value)
    except ValidationError as exc:
        raise InvalidInput(describe(exc, subject=subject)) from None


def name_key(name: str) -> str:
    """How names are compared for duplicates: ignoring case and surrounding spaces."""
    return name.strip().casefold()


class Evaluation(_Model):
    """The unit a user works on: one business's scoring of its current and candidate providers."""

    name: Name
    checklist: Checklist
    essential_weights: dict[Identifier, Weight]
    criterion_weights: dict[Identifier, Weight]
    targets: dict[Identifier, Level]
    providers: tuple[Provider, ...] = ()
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    exit: ExitPlan = ExitPlan()
    must_haves: dict[Identifier, Annotated[int, Field(ge=0, le=5)]] = Field(default_factory=dict)
    """Criteria every acceptable provider must reach, with the minimum rating."""
    judgements: tuple[Judgement, ...] = ()
    """Answers to the pairwise questions over the essentials (see itexit/decide.py)."""
    business: Business = Business()
    tickets: TicketImport | None = None

    @classmethod
    def new(cls, name: str, checklist: Checklist) -> Evaluation:
        return validated(
            cls,
            name=clean_name(name, "evaluation name"),
            checklist=checklist,
            essential_weights={e.id: e.weight for e in checklist.essentials},
            criterion_weights={c.id: c.weight for c in checklist.criteria},
            targets={e.id: e.target for e in checklist.essentials},
        )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        essentials = {e.id for e in self.checklist.essentials}
        criteria = {c.id for c in self.checklist.criteria}
        for label, keys, expected in (
            ("essential weights", self.essential_weights, essentials),
            ("targets", self.targets, essentials),
            ("criterion weights", self.criterion_weights, criteria),
        ):
            if set(keys) != expected:
                raise ValueError(f"{label} must name each item of the checklist exactly once")
        strays = sorted(set(self.must_haves) - criteria)
        if strays:
            raise ValueError(f"must-haves name criteria not in the checklist: {', '.join(strays)}")
        pairs = [frozenset((j.more, j.less)) for j in self.judgements]
        if any(j.more not in essentials or j.less not in essentials for j in self.judgements):
            raise ValueError("pairwise answers must compare essentials of the checklist")
        if len(set(pairs)) != len(pairs):
            raise ValueError("each pair of essentials can be answered only once")
        if sum(p.current for p in self.providers) > 1:
            names = ", ".join(p.name for p in self.providers if p.current)
            raise ValueError(f"only one provider can be the current one (marked: {names})")
        seen: dict[str, Provider] = {}
        for p in self.providers:
            if name_key(p.name) in seen:
                raise ValueError(
                    f"there is already a provider called '{seen[name_key(p.name)].name}'; "
                    "give each provider its own name (names are compared ignoring case)"
                )
            seen[name_key(p.name)] = p
            unknown = sorted(set(p.scores) - criteria)
            if unknown:
                raise ValueError(
                    f"provider '{p.name}' has scores for criteria not in the checklist: "
                    + ", ".join(unknown)
                )
        if len({p.id for p in self.providers}) != len(self.providers):
            raise ValueError("provider ids must be unique")
        return self

    # Reading -----------------------------------------------------------------------------

    @property
    def current(self) -> Provider | None:
        return next((p for p in self.providers if p.current), None)

    @property
    def ordered_providers(self) -> tuple[Provider, ...]:
        """The current provider first, then the candidates in the order they were added."""
        return tuple(sorted(self.providers, key=lambda p: not p.current))

    def provider(self, provider_id: str) -> Provider:
        for p in self.providers:
            if p.id == provider_id:
                return p
        raise InvalidInput("That provider no longer exists in this evaluation; pick another.")

    # Changing: each returns a new, validated evaluation or raises InvalidInput -------------

    def renamed(self, name: str) -> Evaluation:
        return self._with(name=clean_name(name, "evaluation name"))

    def with_provider(self, name: str, *, current: bool | None = None) -> Evaluation:
        """Add a provider; the first one added becomes the current provider unless told."""
        is_current = (not self.providers) if current is None else current
        added = Provider(id=new_id(), name=self._free_name(name, None))
        evaluation = self._with(providers=(*self.providers, added))
        return evaluation.with_current(added.id) if is_current else evaluation

    def with_provider_renamed(self, provider_id: str, name: str) -> Evaluation:
        old = self.provider(provider_id)
        renamed = old.model_copy(update={"name": self._free_name(name, old.id)})
        return self._with(providers=tuple(renamed if p.id == old.id else p for p in self.providers))

    def without_provider(self, provider_id: str) -> Evaluation:
        self.provider(provider_id)
        return self._with(providers=tuple(p for p in self.providers if p.id != provider_id))

    def with_current(self, provider_id: str | None) -> Evaluation:
        """Mark one provider as current (None: no current provider); all others are candidates."""
        if provider_id is not None:
            self.provider(provider_id)
        providers = tuple(
            p.model_copy(update={"current": p.id == provider_id}) for p in self.providers
        )
        return self._with(providers=providers)

    def with_scores(self, provider_id: str, scores: Mapping[str, Score]) -> Evaluation:
        provider = self.provider(provider_id)
        known = {c.id for c in self.checklist.criteria}
        unknown = sorted(set(scores) - known)
        if unknown:
            raise InvalidInput(f"Unknown criteria: {', '.join(unknown)}")
        updated = provider.model_copy(update={"scores": {**provider.scores, **scores}})
        return self._with(
            providers=tuple(updated if p.id == provider.id else p for p in self.providers)
        )

    def with_essential_settings(
        self, weights: Mapping[str, float], targets: Mapping[str, float]
    ) -> Evaluation:
        """New essential weights and targets; refused if every essential would weigh 0."""
        merged = {**self.essential_weights, **weights}
        if all(w == 0 for w in merged.values()):
            raise InvalidInput(
                "Every essential would weigh 0, so no provider could get an overall score. "
                "Give at least one essential a weight above 0."
            )
        return self._with(essential_weights=merged, targets={**self.targets, **targets})

    def with_criterion_weights(self, weights: Mapping[str, float]) -> Evaluation:
        """New criterion weights; refused if all criteria of an essential would weigh 0."""
        merged = {**self.criterion_weights, **weights}
        for essential in self.checklist.essentials:
            if all(merged.get(c.id, 0) == 0 for c in essential.criteria):
                raise InvalidInput(
                    f"Every criterion of {essential.name} would weigh 0, so it could never be "
                    "scored. Give at least one of them a weight above 0."
                )
        return self._with(criterion_weights=merged)

    def with_defaults(self) -> Evaluation:
        """Every weight and target back to the checklist's defaults."""
        return self._with(
            essential_weights={e.id: e.weight for e in self.checklist.essentials},
            criterion_weights={c.id: c.weight for c in self.checklist.criteria},
            targets={e.id: e.target for e in self.checklist.essentials},
        )

    def with_must_haves(self, minimums: Mapping[str, int | None]) -> Evaluation:
        """Mark criteria as must-haves with a minimum rating; None unmarks one."""
        merged: dict[str, int | None] = {**self.must_haves, **minimums}
        return self._with(must_haves={c: m for c, m in merged.items() if m is not None})

    def with_judgements(self, judgements: Iterable[Judgement]) -> Evaluation:
        return self._with(judgements=tuple(judgements))

    def with_custom_criterion(self, essential_id: str, **fields: Any) -> Evaluation:
        """Add a criterion of the user's own under an essential, scored like any other."""
        essentials = {e.id: e for e in self.checklist.essentials}
        if essential_id not in essentials:
            raise InvalidInput("Choose the essential the new criterion belongs to.")
        name = clean_name(fields.get("name", ""), "criterion name")
        taken = {name_key(c.name): c.name for c in self.checklist.criteria}
        if name_key(name) in taken:
            raise InvalidInput(
                f"There is already a criterion called '{taken[name_key(name)]}'. "
                "Give the new one its own name."
            )
        for text in ("question", "means_0", "means_3", "means_5"):
            if not str(fields.get(text) or "").strip():
                label = {"question": "the question"}.get(text, f"what {text[-1]} means")
                raise InvalidInput(f"Fill in {label} for the new criterion.")
        criterion = validated(
            Criterion,
            **{**fields, "name": name, "id": f"{essential_id}.custom_{secrets.token_hex(4)}"},
            custom=True,
        )
        essential = essentials[essential_id]
        grown = essential.model_copy(update={"criteria": (*essential.criteria, criterion)})
        checklist = self.checklist.model_copy(
            update={
                "essentials": tuple(
                    grown if e.id == essential_id else e for e in self.checklist.essentials
                )
            }
        )
        return self._with(
            checklist=checklist,
            criterion_weights={**self.criterion_weights, criterion.id: criterion.weight},
        )

    def without_criterion(self, criterion_id: str) -> Evaluation:
        """Remove a criterion of the user's own, with its weight, must-have and every score."""
        criterion = next((c for c in self.checklist.criteria if c.id == criterion_id), None)
        if criterion is None or not criterion.custom:
            raise InvalidInput("Only criteria you added yourself can be removed.")
        checklist = self.checklist.model_copy(
            update={
                "essentials": tuple(
                    e.model_copy(
                        update={"criteria": tuple(c for c in e.criteria if c.id != criterion_id)}
                    )
                    for e in self.checklist.essentials
                )
            }
        )
        providers = tuple(
            p.model_copy(
                update={"scores": {c: s for c, s in p.scores.items() if c != criterion_id}}
            )
            for p in self.providers
        )
        return self._with(
            checklist=checklist,
            providers=providers,
            criterion_weights={
                c: w for c, w in self.criterion_weights.items() if c != criterion_id
            },
            must_haves={c: m for c, m in self.must_haves.items() if c != criterion_id},
        )

    def with_provider_details(self, provider_id: str, **changes: Any) -> Evaluation:
        """Change a provider's contract or due-diligence answers (validated)."""
        old = self.provider(provider_id)
        changed = validated(Provider, **{**dict(old), **changes})
        return self._with(providers=tuple(changed if p.id == old.id else p for p in self.providers))

    def with_exit(self, **changes: Any) -> Evaluation:
        """Change parts of the exit plan (validated)."""
        return self._with(exit=validated(ExitPlan, **{**dict(self.exit), **changes}))

    def with_business(self, **changes: Any) -> Evaluation:
        """Change the business's own figures (validated)."""
        return self._with(business=validated(Business, **{**dict(self.business), **changes}))

    def with_tickets(self, tickets: TicketImport | None) -> Evaluation:
        return self._with(tickets=tickets)

    def with_currency(self, currency: str) -> Evaluation:
        return self._with(currency=currency.strip().upper())

    def _free_name(self, name: str, provider_id: str | None) -> str:
        """A valid provider name no other provider has (ignoring case), or InvalidInput."""
        name = clean_name(name, "provider name")
        for other in self.providers:
            if other.id != provider_id and name_key(other.name) == name_key(name):
                raise InvalidInput(
                    f"There is already a provider called '{other.name}'. Give each provider its "
                    "own name (names are compared ignoring case)."
                )
        return name

    def _with(self, **changes: Any) -> Evaluation:
        # Sub-models that are already instances are not validated again, so this stays cheap.
        return validated(type(self), **{**dict(self), **changes})


M = TypeVar("M", bound=BaseModel)


def validated(cls: type[M], **fields: Any) -> M:
    """A model built from fields a person entered; InvalidInput says what is wrong."""
    try:
        return cls(**fields)
    except ValidationError as exc:
        raise InvalidInput(describe(exc)) from None


def parse_rating(value: object) -> int | Literal["unknown", "n/a"]:
    """Read a rating as a person or an editor cell gives it: 0–5, blank/unknown, or n/a."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return UNKNOWN
    if isinstance(value, bool):
        raise InvalidInput(f"'{value}' is not a score")
    if isinstance(value, int | float):
        if not math.isfinite(value) or value != int(value) or not 0 <= value <= 5:
            raise InvalidInput(f"{value:g} is not a whole number from 0 to 5")
        return int(value)
    text = str(value).strip().casefold()
    if text in ("", "unknown", "?"):
        return UNKNOWN
    if text in ("n/a", "na", "not applicable"):
        return NOT_APPLICABLE
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(
            f"'{value}' is not a score; use a whole number from 0 to 5, 'unknown' or 'n/a'"
        ) from None
    return parse_rating(number)


def read_number(value: object, low: float, high: float) -> float:
    """A number a person entered, checked against its range; InvalidInput says what is wrong."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        raise InvalidInput(f"it can't be empty; enter a number from {low:g} to {high:g}")
    if isinstance(value, bool):
        raise InvalidInput(f"'{value}' is not a number")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(f"'{value}' is not a number") from None
    if not math.isfinite(number) or not low <= number <= high:
        raise InvalidInput(f"{number:g} is out of range; enter a number from {low:g} to {high:g}")
    return number


def read_money(value: object, subject: str) -> Decimal:
    """An amount a person typed ("1,450.50", "1450", "") as an exact Decimal; empty is 0."""
    text = str(value if value is not None else "").strip().replace(",", "").replace(" ", "")
    if not text:
        return Decimal(0)
    try:
        amount = Decimal(text)
    except ArithmeticError:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise InvalidInput(f"{subject}: '{value}' is not an amount; type it like 1450.00")
    if amount < 0:
        raise InvalidInput(f"{subject} can't be negative")
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(f"{subject}: '{value}' has fractions of a cent; use at most 2 decimals")
    if amount > Decimal("1e10"):
        raise InvalidInput(f"{subject}: '{value}' is too large")
    return amount.quantize(Decimal("0.01"))


def score_from_cells(rating: object, note: object, verified: object = False) -> Score:
    """A score from what a person entered in a table; InvalidInput says what is wrong."""
    if note is None or (isinstance(note, float) and math.isnan(note)):
        note = ""
    if not isinstance(note, str):
        raise InvalidInput("the note must be text")
    if not isinstance(verified, bool):
        raise InvalidInput("'verified' is either ticked or not")
    parsed = parse_rating(rating)
    try:
        return Score(rating=parsed, note=note, verified=verified)
    except ValidationError as exc:
        raise InvalidInput(describe(exc)) from None


def describe(error: ValidationError, subject: str | None = None) -> str:
    """Plain sentences for the problems in a pydantic error, without pydantic's jargon."""
    sentences = []
    for item in error.errors(include_url=False):
        message = str(item["msg"]).removeprefix("Value error, ")
        label = subject or _location(item["loc"])
        if label and item["type"] == "value_error" and message[:1].islower():
            sentence = f"{label} {message}"
        elif label:
            sentence = f"{label}: {message}"
        else:
            sentence = message
        sentences.append(sentence[:1].upper() + sentence[1:].rstrip("."))
    return ". ".join(dict.fromkeys(sentences)) + "."


def _location(loc: Iterable[int | str]) -> str:
    return " ".join(str(p).replace("_", " ") for p in loc if not isinstance(p, int))
