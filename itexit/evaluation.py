"""The evaluation: the unit a user works on, holding its providers, their scores, the weights and
targets, and each area's part (costs, service levels, the exit plan, the pairwise answers).

Every change goes through a typed setter that returns a new, validated evaluation or raises
InvalidInput saying what to fix; nothing changes an evaluation in place.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Self

from pydantic import Field, TypeAdapter, ValidationError, ValidationInfo, model_validator

from itexit.checklist import Checklist, Criterion, Essential, checklist_update, unknown_sources
from itexit.cost.models import Business, Pricing
from itexit.decide.models import Judgement
from itexit.diligence import Answer, due_diligence_topics
from itexit.exit.models import Contract, ExitPlan, GroundClaim, GroundId, Incident, Task
from itexit.exit.offboarding import offboarding_items
from itexit.input import InvalidInput, clean_name, describe, parse_rating, validated
from itexit.series.models import Review
from itexit.service.models import ServiceLevels, TicketImport
from itexit.types import (
    STORED,
    UNKNOWN,
    Frozen,
    Identifier,
    Level,
    Name,
    Note,
    Rating,
    Weight,
    loading,
    name_key,
    new_id,
)

__all__ = [
    "PROVIDER_MAX",
    "Evaluation",
    "Provider",
    "Score",
    "ScoreSource",
    "score_from_cells",
]

PROVIDER_MAX = 50
"""The most providers one evaluation compares. Every page stays fast up to here (the rerun
benchmark runs at this limit); an input rule, so a stored evaluation with more still opens."""

_ProviderId = Annotated[str, Field(pattern=r"^[a-z0-9]{1,32}$")]


class ScoreSource(Frozen):
    """Where a claimed score came from: a questionnaire the candidate filled in itself."""

    questionnaire: Annotated[str, Field(pattern=r"^q-[0-9a-f]{8}$")]
    """The questionnaire's reference, as its file carries it."""
    made: date
    """The day the questionnaire was made."""
    accepted: date
    """The day its answer was accepted as this score."""


class Score(Frozen):
    """A provider's answer on one criterion: the rating, the note on the evidence, whether
    the user has seen proof, and where a claim came from."""

    rating: Rating = UNKNOWN
    note: Note = ""
    verified: bool = False
    """True: seen proof (a report, a test, a reference); False: the provider's claim."""
    source: Annotated[ScoreSource | None, Field(exclude_if=lambda source: source is None)] = None
    """The questionnaire the claim came from; None when the user entered it. Left out of the
    stored and exported JSON when None, so revisions saved before it existed read back as
    they were stored."""
    carried: Annotated[date | None, Field(exclude_if=lambda day: day is None)] = None
    """The date of the earlier review this score was carried over from, until someone changes
    it on the scorecard (re-checks it); None when it was given in this review. Left out of the
    JSON when None, like `source`."""


class Provider(Frozen):
    """A managed IT provider in the evaluation: the current one or a candidate, with its scores,
    contract, pricing, promises and due-diligence answers."""

    id: _ProviderId
    name: Name
    current: bool = False
    scores: dict[Identifier, Score] = Field(default_factory=dict)
    contract: Contract | None = None
    answers: dict[Identifier, Answer] = Field(default_factory=dict)
    pricing: Pricing | None = None
    service: ServiceLevels | None = None

    def score(self, criterion_id: str) -> Score:
        """Its score on a criterion; unknown where it has none."""
        return self.scores.get(criterion_id, Score())


class Evaluation(Frozen):
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
    """Answers to the pairwise questions over the essentials (see itexit/decide)."""
    business: Business = Business()
    tickets: TicketImport | None = None
    review: Annotated[Review | None, Field(exclude_if=lambda review: review is None)] = None
    """Its place in a series of dated reviews (see itexit/series); None until the next review
    of it is started. Left out of the JSON when None, so older revisions read as stored."""

    @classmethod
    def new(cls, name: str, checklist: Checklist) -> Evaluation:
        """A new evaluation with the checklist's default weights and targets, and no providers."""
        return validated(
            cls,
            name=clean_name(name, "evaluation name"),
            checklist=checklist,
            essential_weights={e.id: e.weight for e in checklist.essentials},
            criterion_weights={c.id: c.weight for c in checklist.criteria},
            targets={e.id: e.target for e in checklist.essentials},
        )

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Self:
        _check_settings(self)
        _check_providers(self, loading(info))
        return self

    def checked(self) -> Evaluation:
        """This evaluation if it keeps the rules the app applies to each change a person makes
        beyond what the model checks (the provider limit, a weight above 0 in every group, only
        known questions and offboarding items, criteria named apart); else InvalidInput naming
        the first rule broken. Imports call it; loading a stored revision does not."""
        _refuse_too_many_providers(len(self.providers))
        _refuse_weightless_essentials(self.essential_weights)
        _refuse_weightless_criteria(self.checklist, self.criterion_weights)
        for provider in self.providers:
            _refuse_unknown_questions(provider.answers, provider.name)
        _refuse_unknown_tasks(self.exit.tasks)
        _refuse_repeated_criterion_names(self.checklist)
        _refuse_unknown_sources(self.checklist)
        return self

    # Reading -----------------------------------------------------------------------------

    @property
    def current(self) -> Provider | None:
        """The provider the business has now, if one is marked."""
        return next((p for p in self.providers if p.current), None)

    @property
    def ordered_providers(self) -> tuple[Provider, ...]:
        """The current provider first, then the candidates in the order they were added."""
        return tuple(sorted(self.providers, key=lambda p: not p.current))

    @property
    def candidates(self) -> tuple[Provider, ...]:
        """Every provider but the current one, in the order they were added."""
        return tuple(p for p in self.providers if not p.current)

    def provider(self, provider_id: str) -> Provider:
        """The provider with this id; InvalidInput if it is gone."""
        for p in self.providers:
            if p.id == provider_id:
                return p
        raise InvalidInput("That provider no longer exists in this evaluation; pick another.")

    # Changing: each returns a new, validated evaluation or raises InvalidInput -------------

    def renamed(self, name: str) -> Evaluation:
        """The same evaluation under another name."""
        return self._with(name=clean_name(name, "evaluation name"))

    def with_provider(self, name: str, *, current: bool | None = None) -> Evaluation:
        """Add a provider; the first one added becomes the current provider unless told."""
        is_current = (not self.providers) if current is None else current
        _refuse_too_many_providers(len(self.providers) + 1)
        added = Provider(id=new_id(), name=self._free_name(name, None))
        evaluation = self._with(providers=(*self.providers, added))
        return evaluation.with_current(added.id) if is_current else evaluation

    def with_provider_renamed(self, provider_id: str, name: str) -> Evaluation:
        """A provider under another name, unique in the evaluation."""
        old = self.provider(provider_id)
        return self._with_provider(old.model_copy(update={"name": self._free_name(name, old.id)}))

    def without_provider(self, provider_id: str) -> Evaluation:
        """The evaluation without a provider and everything recorded about it."""
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
        """A provider's scores on some criteria replaced; the others kept."""
        provider = self.provider(provider_id)
        known = {c.id for c in self.checklist.criteria}
        unknown = sorted(set(scores) - known)
        if unknown:
            raise InvalidInput(f"Unknown criteria: {', '.join(unknown)}")
        return self._with_provider(
            provider.model_copy(update={"scores": {**provider.scores, **scores}})
        )

    def with_contract(self, provider_id: str, contract: Contract | None) -> Evaluation:
        """A provider's contract recorded, replaced, or (None) removed."""
        return self._with_provider(self.provider(provider_id), contract=contract)

    def with_pricing(self, provider_id: str, pricing: Pricing | None) -> Evaluation:
        """A provider's pricing recorded or replaced."""
        return self._with_provider(self.provider(provider_id), pricing=pricing)

    def with_service_levels(self, provider_id: str, service: ServiceLevels | None) -> Evaluation:
        """A provider's promised service levels recorded or replaced."""
        return self._with_provider(self.provider(provider_id), service=service)

    def with_answers(self, provider_id: str, answers: Mapping[str, Answer]) -> Evaluation:
        """A candidate's due-diligence answers to some questions replaced; the others kept."""
        provider = self.provider(provider_id)
        _refuse_unknown_questions(answers, provider.name)
        return self._with_provider(provider, answers={**provider.answers, **answers})

    def with_essential_settings(
        self, weights: Mapping[str, float], targets: Mapping[str, float]
    ) -> Evaluation:
        """New essential weights and targets; refused if every essential would weigh 0."""
        merged = {**self.essential_weights, **_entered(_WEIGHTS, weights, "weight")}
        _refuse_weightless_essentials(merged)
        targets = {**self.targets, **_entered(_LEVELS, targets, "target")}
        return self._with(essential_weights=merged, targets=targets)

    def with_criterion_weights(self, weights: Mapping[str, float]) -> Evaluation:
        """New criterion weights; refused if all criteria of an essential would weigh 0."""
        merged = {**self.criterion_weights, **_entered(_WEIGHTS, weights, "weight")}
        _refuse_weightless_criteria(self.checklist, merged)
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
        """The answers to the pairwise questions, replacing the earlier ones."""
        return self._with(judgements=tuple(judgements))

    def with_custom_criterion(
        self,
        essential_id: str,
        *,
        name: str,
        question: str,
        means_0: str,
        means_3: str,
        means_5: str,
        weight: float = 1.0,
    ) -> Evaluation:
        """Add a criterion of the user's own under an essential, scored like any other."""
        essentials = {e.id: e for e in self.checklist.essentials}
        if essential_id not in essentials:
            raise InvalidInput("Choose the essential the new criterion belongs to.")
        name = self._free_criterion_name(name)
        texts = {"question": question, "means_0": means_0, "means_3": means_3, "means_5": means_5}
        for field, value in texts.items():
            if not value.strip():
                label = "the question" if field == "question" else f"what {field[-1]} means"
                raise InvalidInput(f"Fill in {label} for the new criterion.")
        criterion = validated(
            Criterion,
            id=f"{essential_id}.custom_{secrets.token_hex(4)}",
            name=name,
            weight=weight,
            custom=True,
            **{field: value.strip() for field, value in texts.items()},
        )
        essential = essentials[essential_id]
        grown = essential.model_copy(update={"criteria": (*essential.criteria, criterion)})
        return self._with(
            checklist=self._checklist_with(grown),
            criterion_weights={**self.criterion_weights, criterion.id: criterion.weight},
        )

    def without_criterion(self, criterion_id: str) -> Evaluation:
        """Remove a criterion of the user's own, with its weight, must-have and every score."""
        criterion = next((c for c in self.checklist.criteria if c.id == criterion_id), None)
        if criterion is None or not criterion.custom:
            raise InvalidInput("Only criteria you added yourself can be removed.")
        essentials = [
            e.model_copy(update={"criteria": tuple(c for c in e.criteria if c.id != criterion_id)})
            for e in self.checklist.essentials
        ]
        providers = tuple(
            p.model_copy(
                update={"scores": {c: s for c, s in p.scores.items() if c != criterion_id}}
            )
            for p in self.providers
        )
        return self._with(
            checklist=self.checklist.model_copy(update={"essentials": tuple(essentials)}),
            providers=providers,
            criterion_weights={
                c: w for c, w in self.criterion_weights.items() if c != criterion_id
            },
            must_haves={c: m for c, m in self.must_haves.items() if c != criterion_id},
        )

    def with_checklist_update(self, template: Checklist) -> Evaluation:
        """This evaluation's copy of the checklist brought up to `template` (the built-in one):
        sources added, the template's new criteria added as unknown at their default weight
        (see `checklist.checklist_update`); every score, weight, must-have and note kept."""
        update = checklist_update(self.checklist, template)
        if not update.pending:
            return self
        weights = {c.id: c.weight for c in update.added}
        return self._with(
            checklist=update.checklist,
            criterion_weights={**self.criterion_weights, **weights},
        )

    def with_business(self, business: Business) -> Evaluation:
        """The business's own figures (counts, costs, horizon) replaced."""
        return self._with(business=business)

    def with_tickets(self, tickets: TicketImport | None) -> Evaluation:
        """The facts of the current provider's ticket import recorded (None: forgotten), marked
        as that provider's, so they stay its tickets if another becomes current."""
        if tickets is not None and tickets.provider is None and self.current is not None:
            tickets = tickets.model_copy(update={"provider": self.current.id})
        return self._with(tickets=tickets)

    @property
    def tickets_current(self) -> bool:
        """The imported tickets are the current provider's (imports from before providers were
        recorded count as the current provider's)."""
        info, current = self.tickets, self.current
        return info is not None and current is not None and info.provider in (None, current.id)

    def with_review(self, review: Review | None) -> Evaluation:
        """Its place in a series of reviews recorded (None: in none)."""
        return self._with(review=review)

    def with_currency(self, currency: str) -> Evaluation:
        """Amounts read in another currency (a 3-letter code such as EUR); nothing is converted."""
        return self._with(currency=currency.strip().upper())

    # The exit plan ---------------------------------------------------------------------------

    def with_exit_plan(self, plan: ExitPlan) -> Evaluation:
        """The whole exit plan replaced."""
        return self._with(exit=plan)

    def with_grounds(self, claims: Mapping[GroundId, GroundClaim]) -> Evaluation:
        """Which grounds for leaving apply, with the notes on each; the others kept."""
        return self._with_plan(grounds={**self.exit.grounds, **claims})

    def with_incident(self, incident: Incident) -> Evaluation:
        """An incident added to the log."""
        return self._with_plan(incidents=(*self.exit.incidents, incident))

    def without_incident(self, incident_id: str) -> Evaluation:
        """The incident log without one entry."""
        return self._with_plan(
            incidents=tuple(i for i in self.exit.incidents if i.id != incident_id)
        )

    def with_sender(self, business_name: str, signatory: str) -> Evaluation:
        """Who the notice letter comes from and who signs it."""
        return self._with_plan(business_name=business_name.strip(), signatory=signatory.strip())

    def with_letter(self, letter: str | None) -> Evaluation:
        """The user's own version of the notice letter (None: back to the draft)."""
        return self._with_plan(letter=letter)

    def with_move_dates(
        self, *, notice: date | None, new_provider_start: date | None, cutover: date | None
    ) -> Evaluation:
        """The dates of the move: notice given, the new provider's start, the cut-over."""
        return self._with_plan(
            notice_date=notice, new_provider_start=new_provider_start, cutover=cutover
        )

    def with_tasks(self, tasks: Mapping[str, Task]) -> Evaluation:
        """How some offboarding items stand (owner, timing, status); the others kept."""
        _refuse_unknown_tasks(tasks)
        return self._with_plan(tasks={**self.exit.tasks, **tasks})

    # Helpers ---------------------------------------------------------------------------------

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

    def _free_criterion_name(self, name: str) -> str:
        name = clean_name(name, "criterion name")
        taken = {name_key(c.name): c.name for c in self.checklist.criteria}
        if name_key(name) in taken:
            raise InvalidInput(
                f"There is already a criterion called '{taken[name_key(name)]}'. "
                "Give the new one its own name."
            )
        return name

    def _checklist_with(self, changed: Essential) -> Checklist:
        essentials = tuple(changed if e.id == changed.id else e for e in self.checklist.essentials)
        return self.checklist.model_copy(update={"essentials": essentials})

    def _with_provider(self, provider: Provider, **changes: object) -> Evaluation:
        changed = validated(Provider, **{**dict(provider), **changes}) if changes else provider
        return self._with(
            providers=tuple(changed if p.id == changed.id else p for p in self.providers)
        )

    def _with_plan(self, **changes: object) -> Evaluation:
        return self._with(exit=validated(ExitPlan, **{**dict(self.exit), **changes}))

    def _with(self, **changes: object) -> Evaluation:
        # Each setter checks what is new against today's input rules; what was already there
        # keeps the rules it was saved under, so a value an older ITexit allowed never blocks an
        # unrelated change. Sub-models that are already instances are not validated again.
        try:
            return type(self).model_validate({**dict(self), **changes}, context=STORED)
        except ValidationError as exc:
            raise InvalidInput(describe(exc)) from None


_WEIGHTS = TypeAdapter(dict[str, Weight])
_LEVELS = TypeAdapter(dict[str, Level])


def _entered(
    adapter: TypeAdapter[dict[str, float]], values: Mapping[str, float], what: str
) -> dict[str, float]:
    """New weights or targets checked against today's input rules."""
    try:
        return adapter.validate_python(dict(values))
    except ValidationError as exc:
        raise InvalidInput(describe(exc, subject=what)) from None


def _check_settings(evaluation: Evaluation) -> None:
    essentials = {e.id for e in evaluation.checklist.essentials}
    criteria = {c.id for c in evaluation.checklist.criteria}
    for label, keys, expected in (
        ("essential weights", evaluation.essential_weights, essentials),
        ("targets", evaluation.targets, essentials),
        ("criterion weights", evaluation.criterion_weights, criteria),
    ):
        if set(keys) != expected:
            raise ValueError(f"{label} must name each item of the checklist exactly once")
    strays = sorted(set(evaluation.must_haves) - criteria)
    if strays:
        raise ValueError(f"must-haves name criteria not in the checklist: {', '.join(strays)}")
    judgements = evaluation.judgements
    if any(j.more not in essentials or j.less not in essentials for j in judgements):
        raise ValueError("pairwise answers must compare essentials of the checklist")
    pairs = [frozenset((j.more, j.less)) for j in judgements]
    if len(set(pairs)) != len(pairs):
        raise ValueError("each pair of essentials can be answered only once")


def _check_providers(evaluation: Evaluation, stored: bool) -> None:
    """The providers' structure; names apart is an input rule (how names compare has grown
    stricter: a stored revision whose names were apart under the rule of its day still loads)."""
    providers = evaluation.providers
    criteria = {c.id for c in evaluation.checklist.criteria}
    if sum(p.current for p in providers) > 1:
        names = ", ".join(p.name for p in providers if p.current)
        raise ValueError(f"only one provider can be the current one (marked: {names})")
    seen: dict[str, Provider] = {}
    for p in providers:
        if not stored and name_key(p.name) in seen:
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
    if len({p.id for p in providers}) != len(providers):
        raise ValueError("provider ids must be unique")


def _refuse_too_many_providers(count: int) -> None:
    if count > PROVIDER_MAX:
        raise InvalidInput(
            f"An evaluation compares at most {PROVIDER_MAX} providers (this one would have "
            f"{count:,}), so every page stays quick. Remove the providers you no longer "
            "consider, or split them over two evaluations."
        )


def _refuse_weightless_essentials(weights: Mapping[str, float]) -> None:
    if all(w == 0 for w in weights.values()):
        raise InvalidInput(
            "Every essential would weigh 0, so no provider could get an overall score. "
            "Give at least one essential a weight above 0."
        )


def _refuse_weightless_criteria(checklist: Checklist, weights: Mapping[str, float]) -> None:
    for essential in checklist.essentials:
        if all(weights.get(c.id, 0) == 0 for c in essential.criteria):
            raise InvalidInput(
                f"Every criterion of {essential.name} would weigh 0, so it could never be "
                "scored. Give at least one of them a weight above 0."
            )


def _refuse_unknown_questions(answers: Iterable[str], provider: str) -> None:
    known = {q.id for topic in due_diligence_topics() for q in topic.questions}
    strays = sorted(set(answers) - known)
    if strays:
        raise InvalidInput(
            f"The answers of {provider} name due-diligence questions ITexit does not have: "
            f"{', '.join(strays)}. Remove those answers."
        )


def _refuse_unknown_tasks(tasks: Iterable[str]) -> None:
    strays = sorted(set(tasks) - {item.id for item in offboarding_items()})
    if strays:
        raise InvalidInput(
            f"The offboarding plan names items the checklist does not have: {', '.join(strays)}. "
            "Remove those items."
        )


def _refuse_repeated_criterion_names(checklist: Checklist) -> None:
    seen: dict[str, str] = {}
    for criterion in checklist.criteria:
        if name_key(criterion.name) in seen:
            raise InvalidInput(
                f"Two criteria are called '{seen[name_key(criterion.name)]}' (names are compared "
                "ignoring case). Give each criterion its own name."
            )
        seen[name_key(criterion.name)] = criterion.name


def _refuse_unknown_sources(checklist: Checklist) -> None:
    unknown = unknown_sources(checklist)
    if unknown:
        raise InvalidInput(
            f"The checklist cites sources ITexit does not know: {', '.join(unknown)}. "
            "Remove them (docs/sources.md lists the known ones)."
        )


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
