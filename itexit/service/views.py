"""What the Service levels page shows (a provider's promises, the mapping of an uploaded ticket
export, promised against delivered), and the changes it sends back.

The views of the promises depend only on the evaluation, so the app caches them per saved
revision. The mapping form depends on an uploaded file and the delivered figures on the tickets
kept beside the evaluation: the page asks for those directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary
from zoneinfo import available_timezones

import pandas as pd
import plotly.graph_objects as go

from itexit.input import Choice, Entry, InvalidInput, read_decimal, validated
from itexit.service.charts import sla_trend
from itexit.service.delivered import Hours, delivered, measured, monthly_trend
from itexit.service.kept import TicketSet
from itexit.service.models import (
    BusinessHours,
    Clock,
    DateOrder,
    DurationKind,
    Reading,
    ServiceLevels,
    TicketColumns,
    TicketImport,
    holiday_countries,
)
from itexit.service.normalising import Progress, read_both_ways, reading_of
from itexit.service.reading import MOST_VALUES, Export, count_values, guess_mapping
from itexit.types import PRIORITIES, Priority
from itexit.words import figure_number, plural

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation

__all__ = [
    "CHOOSE",
    "CLOCKS",
    "DATE_ORDERS",
    "DURATION_KINDS",
    "HOURS_COLUMNS",
    "MAPPED_FIELDS",
    "MET_COLUMNS",
    "NOT_IN_FILE",
    "NO_TICKETS",
    "READINGS",
    "SHOWN_WORDS",
    "WORDS_EXPLAINED",
    "WORDS_FIXED",
    "DeliveredView",
    "MappingForm",
    "PromisesForm",
    "TicketUpload",
    "column_choices",
    "delivered_table",
    "delivered_view",
    "import_tickets",
    "mapping_form",
    "priorities_reread",
    "promises_entered",
    "promises_form",
    "ticket_columns",
    "working_week",
]


# Promises ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromisesForm:
    """A provider's promises as their form starts: the uptime (as text), the hours to respond
    and to resolve per priority (empty: not promised), the service credits."""

    name: str
    """The provider's name."""
    uptime: Entry
    hours: dict[Priority, tuple[Entry, Entry]]
    """Per priority, the hours to respond and to resolve, in a row of the promises table."""
    credits: Entry
    clocks: dict[Priority, Choice]
    """Per priority, how its hours are counted (`CLOCKS`), at the end of its row."""
    week: dict[str, Choice]
    """The working week the business hours are counted on (see `working_week`)..."""
    region: Entry
    """... and the region whose public holidays count too."""
    week_title: str
    """What the working week is, in a few words: the title of its section."""


def promises_form(evaluation: Evaluation, provider_id: str) -> PromisesForm:
    """What the promises form of one provider starts with: its saved promises, or none."""
    provider = evaluation.provider(provider_id)
    service = provider.service or ServiceLevels()
    return PromisesForm(
        name=provider.name,
        uptime=Entry(
            "Uptime guarantee (%)",
            "" if service.uptime is None else f"{service.uptime}",
            help="99.9 % allows about 8.8 hours of downtime a year; 99.5 % about 44 hours.",
            placeholder="e.g. 99.9",
            text=True,
        ),
        hours={
            p: (
                _hours(f"{p} response", service.response_hours.get(p)),
                _hours(f"{p} resolution", service.resolution_hours.get(p)),
            )
            for p in PRIORITIES
        },
        credits=Entry(
            "Service credits",
            service.credits,
            placeholder="e.g. 5 % of the monthly fee for each hour below the uptime guarantee",
            text=True,
            max_chars=500,
        ),
        clocks={p: _clock_choice(p, service.clock(p)) for p in PRIORITIES},
        week=_week_form(service.business_hours),
        region=Entry(
            "Region (for regional holidays)",
            service.business_hours.region or "",
            help="A region's code, such as ENG (England), CA (California) or BY (Bavaria); "
            "empty for the country's national holidays only.",
            placeholder="e.g. ENG",
            text=True,
            max_chars=10,
        ),
        week_title=f"Business hours: {_week_words(service.business_hours)}",
    )


CLOCKS: dict[Clock, str] = {
    "24/7": "24/7 (every hour counts)",
    "business hours": "business hours only",
}
"""How a promised time can be counted, in words."""
_DAYS = {
    "0,1,2,3,4": "Monday to Friday",
    "0,1,2,3,4,5": "Monday to Saturday",
    "0,1,2,3,4,5,6": "every day",
    "1,2,3,4,5": "Tuesday to Saturday",
    "6,0,1,2,3": "Sunday to Thursday",
}
_HOURS = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30)]
_NO_HOLIDAYS = "(no public holidays)"


def _clock_choice(priority: Priority, clock: Clock) -> Choice:
    options: list[str] = list(CLOCKS)
    return Choice(
        f"{priority} hours are counted",
        options,
        options.index(clock),
        help="Most contracts promise, say, '4 business hours': that clock stops outside the "
        "business hours below, at weekends and on public holidays. '24/7' counts every hour.",
        words={str(k): v for k, v in CLOCKS.items()},
        buttons=True,
    )


@cache
def _zones() -> list[str]:
    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


@cache
def _countries() -> dict[str, str]:
    """Each country whose public holidays are known: its code, and its name."""
    from holidays.registry import COUNTRIES

    names = {entry[1]: module.replace("_", " ").title() for module, entry in COUNTRIES.items()}
    return {code: f"{names.get(code, code)} ({code})" for code in holiday_countries()}


def _week_form(week: BusinessHours) -> dict[str, Choice]:
    days = ",".join(str(d) for d in sorted(week.days))
    day_options = list(_DAYS) if days in _DAYS else [*_DAYS, days]
    zones = _zones() if week.time_zone in _zones() else [week.time_zone, *_zones()]
    countries = [_NO_HOLIDAYS, *_countries()]
    start, end = f"{week.start:%H:%M}", f"{week.end:%H:%M}"
    hours = sorted({*_HOURS, start, end})
    return {
        "time_zone": Choice(
            "Time zone", zones, zones.index(week.time_zone), help="Where the business works"
        ),
        "days": Choice("Working days", day_options, day_options.index(days), words=_DAYS),
        "start": Choice("Working day starts", hours, hours.index(start)),
        "end": Choice("Working day ends", hours, hours.index(end)),
        "country": Choice(
            "Public holidays of",
            countries,
            countries.index(week.country or _NO_HOLIDAYS),
            words=_countries(),
        ),
    }


def _week_words(week: BusinessHours) -> str:
    days = ",".join(str(d) for d in sorted(week.days))
    where = f", public holidays of {week.country}" if week.country else ""
    region = f"-{week.region}" if week.region else ""
    return (
        f"{_DAYS.get(days, 'days ' + days)}, {week.start:%H:%M} to {week.end:%H:%M} "
        f"({week.time_zone}){where}{region}"
    )


def working_week(picked: Mapping[str, str]) -> BusinessHours:
    """The working week as picked on the promises form; InvalidInput says what to fix."""
    start, end = picked.get("start", "09:00"), picked.get("end", "17:00")
    country = picked.get("country")
    return validated(
        BusinessHours,
        time_zone=picked.get("time_zone", "UTC"),
        days=tuple(int(d) for d in picked.get("days", "0,1,2,3,4").split(",")),
        start=time.fromisoformat(start),
        end=time.fromisoformat(end),
        country=None if country in (None, _NO_HOLIDAYS) else country,
        region=(picked.get("region") or "").strip().upper() or None,
    )


def _hours(label: str, value: float | None) -> Entry:
    return Entry(
        label, value, 0.0, 10_000.0, step=0.5, placeholder="not promised", show_label=False
    )


def promises_entered(
    evaluation: Evaluation,
    provider_id: str,
    uptime: str,
    times: Mapping[Priority, tuple[float | None, float | None]],
    credits: str,
    clocks: Mapping[Priority, str] | None = None,
    week: Mapping[str, str] | None = None,
) -> Evaluation:
    """The evaluation with a provider's promises as typed: the uptime in percent (empty: none),
    the hours to respond and resolve per priority (None: not promised), the credits, how each
    priority's hours are counted (none given: 24/7) and the working week they are counted on;
    InvalidInput says what to fix, and nothing changes."""
    promises = validated(
        ServiceLevels,
        uptime=read_decimal(uptime, "Uptime guarantee"),
        response_hours={p: r for p, (r, _) in times.items() if r is not None},
        resolution_hours={p: r for p, (_, r) in times.items() if r is not None},
        credits=credits.strip(),
        clocks={p: c for p, c in (clocks or {}).items() if c != "24/7"},
        business_hours=working_week(week or {}),
    )
    return evaluation.with_service_levels(provider_id, promises)


# Importing a ticket export -----------------------------------------------------------------------

NOT_IN_FILE = "(not in this file)"
CHOOSE = "(choose a column)"
"""What a column picker shows while no column is chosen: for an optional field, a required one."""
MAPPED_FIELDS = ("id", "created", "priority", "status", "category", "first_response", "resolved")
"""The fields of `TicketColumns` a user maps to the export's columns."""
DATE_ORDERS: tuple[DateOrder, ...] = ("day first", "month first")
"""How a file may write dates such as 05/09/2026, as the date order picker offers them."""
_NOT_CHOSEN = "(choose)"
_REQUIRED = ("created", "priority")
DURATION_KINDS: dict[DurationKind, str] = {
    "timestamp": "a date and time",
    "minutes": "minutes after creation",
    "hours": "hours after creation",
}
"""How a response or resolution can be written in an export, in words."""


def column_choices(evaluation: Evaluation, columns: list[str]) -> dict[str, str | None]:
    """The column for each field, how durations are written and the order of day and month:
    the guesses from the column names, overridden by the last import's choices where the file
    has those columns (so a user maps a provider's export once)."""
    chosen = guess_mapping(columns)
    recorded = evaluation.tickets.mapping if evaluation.tickets is not None else {}
    last = {k: v for k, v in recorded.items() if not isinstance(v, dict)}
    for field in MAPPED_FIELDS:
        if last.get(field) in columns:
            chosen[field] = last[field]
            if f"{field}_kind" in last:
                chosen[f"{field}_kind"] = last[f"{field}_kind"]
    if last.get("created") == chosen["created"]:  # the same system's export: the same dates
        chosen["date_order"] = last.get("date_order")
    return chosen


@dataclass(frozen=True)
class MappingForm:
    """The form that maps an uploaded export's columns: its size, a preview, the pickers."""

    rows: str
    """How many rows the file has: '1,250 rows'."""
    preview: pd.DataFrame
    columns: dict[str, Choice]
    """Per mapped field: a placeholder (`CHOOSE` or `NOT_IN_FILE`), then the file's columns."""
    kinds: dict[str, Choice]
    """For the first response and the resolution: how the file writes them (`DURATION_KINDS`);
    for "dates", while the file cannot tell, the order of day and month (`DATE_ORDERS`)."""
    dates: pd.DataFrame | None
    """While the file cannot tell the order of day and month: two of its dates read both ways."""
    words: dict[str, Choice]
    """The priority column's most frequent words (at most `SHOWN_WORDS`), each with what it is
    read as (the last import's choice, else ITexit's rule): its option texts name the word."""

    def layout(self) -> list[list[tuple[str, str, Choice]]]:
        """The pickers column by column, each as (columns or kinds, field, picker): what each
        ticket has on the left, the times and how they are written on the right."""
        columns = self.columns
        left = ("id", "created", "priority", "status", "category")
        right: list[tuple[str, str, Choice]] = [
            ("columns", "first_response", columns["first_response"]),
            ("kinds", "first_response", self.kinds["first_response"]),
            ("columns", "resolved", columns["resolved"]),
            ("kinds", "resolved", self.kinds["resolved"]),
        ]
        if "dates" in self.kinds:
            right.append(("kinds", "dates", self.kinds["dates"]))
        right.extend(("words", word, pick) for word, pick in self.words.items())
        return [[("columns", f, columns[f]) for f in left], right]


def mapping_form(evaluation: Evaluation, export: Export) -> MappingForm:
    """The mapping form for an uploaded export, starting on the likely or remembered columns."""
    columns = list(export.columns)
    chosen = column_choices(evaluation, columns)
    pickers = {}
    for field in MAPPED_FIELDS:
        options = [CHOOSE if field in _REQUIRED else NOT_IN_FILE, *columns]
        label, help = _PICKERS[field]
        pickers[field] = Choice(
            label, options, options.index(chosen.get(field) or options[0]), help=help
        )
    kinds: list[str] = list(DURATION_KINDS)
    pick_kinds = {
        field: Choice(
            f"{_PICKERS[field][0]} is",
            kinds,
            kinds.index(chosen.get(f"{field}_kind") or "timestamp"),
            words={str(k): v for k, v in DURATION_KINDS.items()},
            buttons=True,
        )
        for field in ("first_response", "resolved")
    }
    dates = None
    if export.dates.ambiguous:
        pick_kinds["dates"], dates = _date_order_choice(export, chosen.get("date_order"))
    return MappingForm(
        rows=f"{export.rows:,} rows",
        preview=export.preview,
        columns=pickers,
        kinds=pick_kinds,
        dates=dates,
        words=_word_choices(export, chosen.get("priority"), _last_words(evaluation)),
    )


SHOWN_WORDS = 12
"""The priority words the mapping form offers to read otherwise (the most frequent)."""
READINGS: dict[Reading, str] = {
    "P1": "P1 (urgent)",
    "P2": "P2 (important)",
    "P3": "P3 (routine)",
    "left out": "not a priority: leave these tickets out",
}
"""What a priority word can be read as, in words."""


def _last_words(evaluation: Evaluation) -> dict[str, Reading]:
    recorded = evaluation.tickets.mapping if evaluation.tickets is not None else {}
    words = recorded.get("priority_words")
    return dict(words) if isinstance(words, dict) else {}


def _word_counts(export: Export, column: str) -> Mapping[str, int]:
    """How many rows hold each value of a column: counted while the file was read once through
    for the guessed priority column, else read now, once per uploaded file and column (the
    form is shown again on every rerun). Kept only as long as the upload itself."""
    if column in export.values:
        return export.values[column]
    known = _COUNTED.setdefault(export, {})
    if column not in known:
        counts: dict[str, int] = {}
        for batch in export.record_batches([column]):
            counts = count_values(batch.column(0), counts)
            if len(counts) > MOST_VALUES:
                break
        known[column] = counts
    return known[column]


_COUNTED: WeakKeyDictionary[Export, dict[str, dict[str, int]]] = WeakKeyDictionary()
"""The values counted per uploaded file and column, forgotten with the file."""


def _word_choices(
    export: Export, column: str | None, chosen: dict[str, Reading]
) -> dict[str, Choice]:
    """A picker per frequent word of the priority column: what its tickets are read as."""
    if column is None or column not in export.columns:
        return {}
    counts = _word_counts(export, column)
    frequent = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:SHOWN_WORDS]
    options: list[str] = list(READINGS)
    pickers = {}
    for number, (word, rows) in enumerate(frequent, start=1):
        shown = " ".join(word.split())[:60] or "(empty)"
        pickers[word] = Choice(
            f"Priority word {number} of {len(frequent)} ({plural(rows, 'row')})",
            options,
            options.index(reading_of(word, chosen)),
            help="What the tickets with this priority in the file count as. ITexit's guess is "
            "filled in; words it does not recognise are left out unless you say.",
            words={str(r): f"{shown} → {text}" for r, text in READINGS.items()},
        )
    return pickers


def _date_order_choice(export: Export, remembered: str | None) -> tuple[Choice, pd.DataFrame]:
    """The picker of the order of day and month, and the file's dates that show the difference."""
    readings = [(row, text.strip(), *read_both_ways(text)) for row, text in export.dates.examples]
    _, text, day_first, month_first = readings[0]
    options = [_NOT_CHOSEN, *DATE_ORDERS]
    choice = Choice(
        f"Dates such as {text} are",
        options,
        options.index(remembered) if remembered in DATE_ORDERS else 0,
        help="The file's dates fit either order, so ITexit cannot tell which your provider's "
        "system writes. Check a ticket whose date you know.",
        words={
            "day first": f"day first: {text} is {day_first}",
            "month first": f"month first: {text} is {month_first}",
        },
    )
    table = pd.DataFrame(
        readings, columns=["Row", "Date in the file", "Read day first", "Read month first"]
    )
    return choice, table


_PICKERS: dict[str, tuple[str, str | None]] = {
    "id": ("Ticket id", "A ticket the export repeats in several rows is counted once"),
    "created": ("Created", None),
    "priority": ("Priority", None),
    "status": ("Status", "Used to tell which tickets are still open"),
    "category": ("Category", None),
    "first_response": ("First response", None),
    "resolved": ("Resolved", None),
}


def ticket_columns(
    columns: Mapping[str, str | None],
    kinds: Mapping[str, str | None],
    words: Mapping[str, str] | None = None,
) -> TicketColumns:
    """The columns picked on the mapping form (a placeholder: none) as a mapping of the export,
    with how its times are written (and, if picked, the order of day and month); InvalidInput
    when the creation date or the priority has no column."""
    picked = {
        f: None if columns.get(f) in (None, CHOOSE, NOT_IN_FILE) else columns[f]
        for f in MAPPED_FIELDS
    }
    if picked["created"] is None or picked["priority"] is None:
        raise InvalidInput("Choose the columns that hold the creation date and the priority.")
    order = kinds.get("dates")
    return validated(
        TicketColumns,
        **picked,
        first_response_kind=kinds.get("first_response") or "timestamp",
        resolved_kind=kinds.get("resolved") or "timestamp",
        date_order=order if order in DATE_ORDERS else None,
        priority_words={w: r for w, r in (words or {}).items() if r != reading_of(w)},
    )


@dataclass(frozen=True)
class TicketUpload:
    """An export read as the mapping says: the facts to save with the evaluation, the ticket
    set to keep beside it, and what to tell the user once it is saved."""

    summary: TicketImport
    body: bytes
    message: str


def import_tickets(
    export: Export,
    columns: Mapping[str, str | None],
    kinds: Mapping[str, str | None],
    file_name: str,
    imported_at: datetime,
    progress: Progress | None = None,
    words: Mapping[str, str] | None = None,
) -> TicketUpload:
    """The tickets of an uploaded export, read with the columns and date order picked on the
    mapping form (the file's own dates decide the order where they can); InvalidInput says why
    nothing can be imported."""
    mapping = ticket_columns(columns, kinds, words)
    order = export.dates.order_or(mapping.date_order)
    mapping = mapping.model_copy(update={"date_order": order})
    tell = progress or (lambda _share, _text: None)
    tell(0.0, "Keeping the mapped columns")
    kept = TicketSet.from_export(export, mapping)
    return _upload(kept, file_name, imported_at, lambda share, text: tell(0.3 + 0.7 * share, text))


def _rows_skipped(rows: int) -> str:
    """'1 row was skipped', '2,000 rows were skipped'."""
    return f"{rows:,} row{'s were' if rows != 1 else ' was'} skipped"


def priorities_reread(
    evaluation: Evaluation,
    body: bytes,
    words: pd.DataFrame,
    read_at: datetime,
    progress: Progress | None = None,
) -> TicketUpload:
    """The kept tickets read again with the priority words as edited in the words table (its
    "Read as" column, in READINGS' words); InvalidInput if there are no tickets to read."""
    info = evaluation.tickets
    if info is None:
        raise InvalidInput("There are no imported tickets to read again.")
    label = {text: reading for reading, text in READINGS.items()}
    chosen = {
        str(word): label[str(read)]
        for word, read in zip(words["Priority in the file"], words["Read as"], strict=True)
        if label.get(str(read), reading_of(word)) != reading_of(word)
    }
    kept = TicketSet.from_bytes(body)
    mapping = kept.mapping.model_copy(update={"priority_words": chosen})
    return _upload(kept.remapped(mapping), info.file_name, read_at, progress, again=True)


def _upload(
    kept: TicketSet,
    file_name: str,
    imported_at: datetime,
    progress: Progress | None,
    again: bool = False,
) -> TicketUpload:
    """A kept ticket set read through its mapping: the facts to save, and what to say."""
    tickets = kept.tickets(progress)
    summary = TicketImport(
        file_name=file_name[:300],
        imported_at=imported_at,
        tickets=len(tickets.frame),
        skipped=tickets.skipped,
        mapping=kept.mapping.model_dump(),
        problems=tuple(p.sentence() for p in tickets.problems),
        priority_words=tickets.words,
    )
    skipped = f" {_rows_skipped(tickets.skipped)} (see below)." if tickets.skipped else ""
    done = "Read the tickets again with your priorities:" if again else "Imported"
    return TicketUpload(
        summary, kept.to_bytes(), f"{done} {len(tickets.frame):,} tickets.{skipped}"
    )


# Promised against delivered ----------------------------------------------------------------------

MET_COLUMNS = ("Respond: met", "Resolve: met")
"""The columns of the delivered table that hold a share of tickets, in percent."""
WORDS_EXPLAINED = (
    "How the priorities written in the file became P1, P2 and P3. To read a word otherwise, "
    "change its **Read as** and press *Read the priorities this way*: the tickets are read "
    "again, and ITexit remembers your choice for the next file."
)
"""What the table of the file's priority words is for."""
WORDS_FIXED = ["Priority in the file", "Rows", "Decided by"]
"""The columns of the words table the user cannot change."""
NO_TICKETS = (
    "No tickets imported yet. Export the tickets from your provider's system as CSV and drop "
    "the file above: ITexit measures them against the promises."
)
"""What the page says while no tickets are imported."""
HOURS_COLUMNS = (
    "Respond: promised (h)",
    "Respond: median (h)",
    "Respond: 90 % within (h)",
    "Resolve: promised (h)",
    "Resolve: median (h)",
    "Resolve: 90 % within (h)",
)
"""The columns of the delivered table that hold hours."""


@dataclass(frozen=True)
class DeliveredView:
    """What the current provider delivered against what it promised."""

    caption: str
    """Which tickets were imported, when, and the dates they were created."""
    skipped: str | None
    """The rows of the export left out, and why."""
    hint: str | None
    """A pointer to enter the promises, while there are none to measure against."""
    table: pd.DataFrame
    trend: go.Figure | None
    """Month by month, when there is a resolution promise to measure against."""
    explained: str
    """What the table's figures mean, and the clock each priority is measured on."""
    words: pd.DataFrame | None
    """How the file's priority words were read (None for imports made before this was kept)."""


def delivered_view(evaluation: Evaluation, tickets: pd.DataFrame) -> DeliveredView:
    """The current provider's imported tickets measured against its promises."""
    info, current = evaluation.tickets, evaluation.current
    if info is None or current is None:
        raise ValueError("Only the imported tickets of a current provider can be measured.")
    promised = current.service
    caption = (
        f"{info.tickets:,} tickets from {info.file_name}, imported {info.imported_at:%d %b %Y}; "
        f"created {tickets['created'].min():%d %b %Y} to {tickets['created'].max():%d %b %Y}."
    )
    skipped = f"{_rows_skipped(info.skipped)}: " + "; ".join(info.problems) + "."
    hint = None
    if promised is None or not (promised.response_hours or promised.resolution_hours):
        hint = f"Enter what {current.name} promises above to see how often it kept its word."
    if not evaluation.tickets_current:
        owner = next((p.name for p in evaluation.providers if p.id == info.provider), None)
        hint = (
            f"These tickets were imported for {owner or 'a provider since removed'}, not for "
            f"{current.name}: the figures below measure them against {current.name}'s "
            "promises, and the advice on Decide leaves them out. Import "
            f"{current.name}'s own tickets to measure it."
        )
    hours = measured(tickets, promised)  # on each priority's clock, once for the table and chart
    trend = monthly_trend(tickets, promised, hours)
    return DeliveredView(
        caption=caption,
        skipped=skipped if info.problems else None,
        hint=hint,
        table=delivered_table(tickets, promised, hours),
        trend=sla_trend(trend) if trend["resolution met %"].notna().any() else None,
        explained=_explained(promised or ServiceLevels()),
        words=_words_table(info),
    )


def _words_table(info: TicketImport) -> pd.DataFrame | None:
    """The file's priority words: how many rows each, what it was read as, and who said so."""
    if not info.priority_words:
        return None
    return pd.DataFrame(
        {
            "Priority in the file": [w.word for w in info.priority_words],
            "Rows": [w.rows for w in info.priority_words],
            "Read as": [READINGS[w.read_as] for w in info.priority_words],
            "Decided by": ["you" if w.chosen else "ITexit" for w in info.priority_words],
        }
    )


def _explained(promised: ServiceLevels) -> str:
    """What the delivered table's figures mean, with the clock of each priority."""
    business = [p for p in PRIORITIES if promised.clock(p) == "business hours"]
    clock = "Hours are counted 24/7 (every hour of every day)."
    if business:
        clock = (
            f"{' and '.join(business)} hours are business hours only "
            f"({_week_words(promised.business_hours)}); the others are counted 24/7."
        )
    return (
        "'Met' is the share of tickets answered or resolved within the promised hours (open "
        "tickets have no resolution time yet). Half of the tickets took less than the median; "
        f"9 in 10 took less than the '90 %' figure. {clock}"
    )


def delivered_table(
    tickets: pd.DataFrame, promised: ServiceLevels | None, hours: Hours | None = None
) -> pd.DataFrame:
    """Per priority, as the page's table names them: tickets, still open, and for responding and
    resolving the hours promised, the share met, the median and the 90th percentile."""
    table = delivered(tickets, promised, hours)
    return pd.DataFrame(
        {
            "Priority": table.index,
            "Tickets": table["tickets"],
            "Still open": table["open"],
            "Respond: promised (h)": table["response promised h"],
            "Respond: met": [figure_number(v, 0) for v in table["response met %"]],
            "Respond: median (h)": [figure_number(v, 1) for v in table["response median h"]],
            "Respond: 90 % within (h)": [figure_number(v, 1) for v in table["response p90 h"]],
            "Resolve: promised (h)": table["resolution promised h"],
            "Resolve: met": [figure_number(v, 0) for v in table["resolution met %"]],
            "Resolve: median (h)": [figure_number(v, 1) for v in table["resolution median h"]],
            "Resolve: 90 % within (h)": [figure_number(v, 1) for v in table["resolution p90 h"]],
            "Counted": [CLOCKS[c] for c in table["clock"]],  # last: the caption says it too
        }
    )
