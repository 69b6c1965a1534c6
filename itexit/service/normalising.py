"""Tickets in one shape from the columns of an export, as the user mapped them.

Creation, response and resolution times come as text in any common format (with or without a
time zone; without one, UTC), as spreadsheet serial numbers (Excel's days since 1899-12-30), or
as durations in minutes or hours. Priorities come as words, numbers or long labels. Dates such
as 05/09/2026 are read as the file shows (a 13/09/2026 somewhere, or dots) or as the user chose;
when neither tells, nothing is read and the user is asked. Rows that cannot be used, and rows
repeating a ticket id, are left out and reported with their row numbers; if none can be used,
nothing is imported.

The columns arrive in batches (a file or a kept ticket set is read a few megabytes at a time),
so a million rows never sit in memory as text at once: only the tickets' figures do.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from itexit.input import InvalidInput
from itexit.service.models import DateOrder, DurationKind, PriorityWord, Reading, TicketColumns
from itexit.types import PRIORITIES, Priority
from itexit.words import long_date, plural

__all__ = [
    "BATCH_ROWS",
    "FIRST_YEAR",
    "LAST_YEAR",
    "Batches",
    "DateClues",
    "Problem",
    "Progress",
    "Tickets",
    "date_clues",
    "derive",
    "normalise",
    "normalise_priorities",
    "read_both_ways",
    "reading_of",
]

FIRST_YEAR = 1990
LAST_YEAR = 2100
"""A time stamp outside FIRST_YEAR to LAST_YEAR is an id or a number read as a date."""
BATCH_ROWS = 32_768
"""Rows read at a time from a table already in memory."""

Progress = Callable[[float, str], None]
Batches = Callable[[], Iterator[pd.DataFrame]]
"""The mapped columns of an export, batch after batch from the first row, on every call."""


@dataclass(frozen=True)
class Problem:
    """A reason some rows of an export could not be used, how many, and a few row numbers."""

    reason: str
    rows: int
    examples: tuple[int, ...]
    """Row numbers as a spreadsheet shows them (the header is row 1)."""

    def sentence(self) -> str:
        """The problem in words: '3 rows with no creation date ... (row 4, 9, 12)'."""
        shown = ", ".join(str(r) for r in self.examples)
        more = ", ..." if self.rows > len(self.examples) else ""
        return f"{plural(self.rows, 'row')} {self.reason} (row {shown}{more})"


@dataclass(frozen=True)
class Tickets:
    """Tickets in one shape: created (UTC), month, priority, hours to first response and to
    resolution (NaN if none), open."""

    frame: pd.DataFrame
    problems: tuple[Problem, ...]
    total_rows: int
    words: tuple[PriorityWord, ...] = ()
    """The export's priority words, most frequent first (at most 50), and their readings."""

    @property
    def skipped(self) -> int:
        """How many rows of the export were left out."""
        return self.total_rows - len(self.frame)


# The order of day and month ----------------------------------------------------------------------

_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})[/.-]\d{2,4}")


@dataclass(frozen=True)
class DateClues:
    """What the dates written like 05/09/2026 in some columns tell of the order of day and month."""

    day_over_12: bool = False
    """Some date reads only day first (13/09/2026)."""
    month_over_12: bool = False
    """Some date reads only month first (09/13/2026)."""
    dots: bool = False
    """Some date is written with dots (05.09.2026), as day-first countries do."""
    examples: tuple[tuple[int, str], ...] = ()
    """Up to two cells (row as a spreadsheet numbers it, text) that read differently each way."""

    @property
    def order(self) -> DateOrder | None:
        """The order the dates tell; None when they cannot (or nothing depends on it)."""
        if self.day_over_12:
            return "day first"
        if self.month_over_12:
            return "month first"
        return "day first" if self.dots else None

    @property
    def ambiguous(self) -> bool:
        """True when some date reads differently each way and nothing tells which is meant."""
        return self.order is None and bool(self.examples)

    def plus(self, other: DateClues) -> DateClues:
        """What these clues and another column's (or batch's) tell together."""
        return DateClues(
            self.day_over_12 or other.day_over_12,
            self.month_over_12 or other.month_over_12,
            self.dots or other.dots,
            (self.examples + other.examples)[:2],
        )

    def order_or(self, chosen: DateOrder | None) -> DateOrder | None:
        """The order to read the dates in: the file's where it tells, else the user's choice;
        InvalidInput when it cannot tell and nobody chose."""
        if self.order is not None or not self.ambiguous:
            return self.order
        if chosen is None:
            row, text = self.examples[0]
            first, second = read_both_ways(text)
            raise InvalidInput(
                f"Dates such as {text.strip()} (row {row}) could be {first} (day first) or "
                f"{second} (month first): choose how the file writes its dates."
            )
        return chosen


def date_clues(column: pd.Series | pa.Array, first_row: int = 2) -> DateClues:
    """What a column's dates like 05/09/2026 tell of the order of day and month; `first_row` is
    the spreadsheet row of its first cell."""
    # Only the distinct starts of the cells are looked at (a few thousand dates, not a million
    # time stamps), and Arrow's vectorised regular expressions pick the ones worth parsing.
    if isinstance(column, pd.Series):
        column = pa.array(column.astype("str"), from_pandas=True)
    starts = pc.utf8_slice_codeunits(column, 0, 11)
    unique = pc.unique(starts).drop_null()
    maybe = pc.filter(unique, pc.match_substring_regex(unique, _NUMERIC_DATE.pattern))
    if len(maybe) == 0:
        return DateClues()
    found = pd.Series(maybe.to_pylist(), dtype=object).str.extract(_NUMERIC_DATE)
    first, second = found[0].astype(int), found[2].astype(int)
    differ = (first != second) & (first <= 12) & (second <= 12)
    examples: tuple[tuple[int, str], ...] = ()
    if differ.any():
        wanted = pa.array([maybe[i].as_py() for i in found.index[differ]], type=starts.type)
        rows = pc.indices_nonzero(pc.is_in(starts, value_set=wanted)).to_pylist()[:2]
        examples = tuple((first_row + r, str(column[r].as_py())) for r in rows)
    return DateClues(
        bool((first > 12).any()), bool((second > 12).any()), bool((found[1] == ".").any()), examples
    )


def read_both_ways(text: str) -> tuple[str, str]:
    """A date such as 05/09/2026 read day first and month first, as people write dates."""
    readings = []
    for dayfirst in (True, False):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            moment = pd.to_datetime(text.strip(), dayfirst=dayfirst, errors="coerce")
        if pd.isna(moment):
            readings.append("not a date")
            continue
        clock = f" {moment:%H:%M}" if (moment.hour, moment.minute) != (0, 0) else ""
        readings.append(long_date(moment.date()) + clock)
    return readings[0], readings[1]


# Reading the tickets -----------------------------------------------------------------------------


def normalise(
    frame: pd.DataFrame, mapping: TicketColumns, progress: Progress | None = None
) -> Tickets:
    """Tickets from the export's columns, as the mapping says; unusable rows reported."""
    _check_columns(list(frame.columns), mapping)

    def batches() -> Iterator[pd.DataFrame]:
        for start in range(0, len(frame), BATCH_ROWS):
            yield frame.iloc[start : start + BATCH_ROWS]

    return derive(batches, mapping, len(frame), progress)


def derive(
    batches: Batches, mapping: TicketColumns, rows: int, progress: Progress | None = None
) -> Tickets:
    """Tickets from an export's mapped columns read batch by batch (`rows` in all); unusable
    rows reported; InvalidInput when a column cannot be what it is mapped as, when dates such as
    05/09/2026 could be read either way and the mapping does not say which, or when no row can
    be used."""
    tell = progress or (lambda _share, _text: None)
    read, clues, words = _read_all(batches, mapping, rows, tell)
    if mapping.date_order is None:
        order = clues.order_or(None)
        if order == "day first":  # read month first above, as nothing was known yet
            mapping = mapping.model_copy(update={"date_order": order})
            read, _, words = _read_all(batches, mapping, rows, tell)
    _refuse_misread_columns(read, mapping)
    tell(0.9, "Putting the tickets together")
    tickets = _usable(read, mapping)
    tell(1.0, "Done")
    return Tickets(tickets.frame, tickets.problems, tickets.total_rows, words)


# What is kept of each row while the batches are read: a few numbers, about 40 bytes a row.
_READ = {
    "created": "datetime64[us]",  # in UTC
    "created_cells": "int8",  # what each cell of a time column held (_EMPTY ... _SERIAL_NEAR)
    "response_hours": "float64",
    "response_cells": "int8",
    "resolution_hours": "float64",
    "resolution_cells": "int8",
    "priority": "int8",  # position in PRIORITIES; -1 if not recognised
    "closed": "bool",  # the status says closed
    "reopened": "bool",  # the status says still open
    "id": "uint64",  # the ticket id's 64-bit hash
    "has_id": "bool",
}


def _read_all(
    batches: Batches, mapping: TicketColumns, rows: int, tell: Progress
) -> tuple[dict[str, pd.Series], DateClues, tuple[PriorityWord, ...]]:
    """Every batch read into tickets' values; while the mapping does not say how dates such as
    05/09/2026 read, what they tell; the priority words and their readings."""
    read = {name: np.zeros(rows, dtype) for name, dtype in _READ.items()}
    clues, done = DateClues(), 0
    words: dict[str, int] = {}
    for batch in batches():
        batch = batch.reset_index(drop=True)
        if len(words) <= _MOST_DISTINCT:  # more: a column of ids or texts, not priorities
            for word, count in batch[mapping.priority].astype("str").value_counts().items():
                words[str(word)] = words.get(str(word), 0) + int(count)
        if mapping.date_order is None:
            for column in _timestamp_columns(mapping):
                clues = clues.plus(date_clues(batch[column], done + 2))
        end = done + len(batch)
        if end > len(read["created"]):  # more rows than announced: make room
            read = {name: np.resize(values, end) for name, values in read.items()}
        for name, values in _read_batch(batch, mapping).items():
            read[name][done:end] = values
        done = end
        tell(0.85 * done / max(rows, 1), "Reading the tickets")
    columns: dict[str, pd.Series] = {
        name: pd.Series(values[:done], copy=False) for name, values in read.items()
    }
    columns["created"] = pd.Series(pd.to_datetime(read["created"][:done], utc=True))
    columns["priority"] = _categories(read["priority"][:done], list(PRIORITIES))
    return columns, clues, _words(words, mapping)


_MOST_WORDS = 50
_MOST_DISTINCT = 1_000
"""A priority column with more different values holds no priorities: they are not counted on."""


def _words(counts: dict[str, int], mapping: TicketColumns) -> tuple[PriorityWord, ...]:
    """The most frequent priority words, each with what it is read as and whether chosen."""
    chosen = {k.strip().casefold(): v for k, v in mapping.priority_words.items()}
    frequent = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:_MOST_WORDS]
    return tuple(
        PriorityWord(
            word=word[:200],
            rows=rows,
            read_as=reading_of(word, mapping.priority_words),
            chosen=word.strip().casefold() in chosen,
        )
        for word, rows in frequent
    )


def reading_of(word: object, chosen: dict[str, Reading] | None = None) -> Reading:
    """What a priority word is read as: the user's choice for it if any, else ITexit's rule."""
    key = str(word).strip().casefold()
    for written, reading in (chosen or {}).items():
        if written.strip().casefold() == key:
            return reading
    return _priority(word) or "left out"


def _timestamp_columns(mapping: TicketColumns) -> list[str]:
    columns = [mapping.created]
    for column, kind in (
        (mapping.first_response, mapping.first_response_kind),
        (mapping.resolved, mapping.resolved_kind),
    ):
        if column is not None and kind == "timestamp":
            columns.append(column)
    return list(dict.fromkeys(columns))


def _check_columns(columns: list[str], mapping: TicketColumns) -> None:
    missing = [c for c in mapping.used() if c not in columns]
    if missing:
        names = ", ".join(repr(m) for m in missing)
        raise InvalidInput(f"The file has no column called {names}. Check the column choices.")


# Cells of a time column, by what they hold (to tell a misread column from a few odd cells).
_EMPTY, _TEXT, _NUMBER, _SERIAL, _SERIAL_NEAR = 0, 1, 2, 3, 4


def _read_batch(batch: pd.DataFrame, mapping: TicketColumns) -> dict[str, np.ndarray]:
    """One batch of rows read into tickets' values (see _READ)."""
    dayfirst = mapping.date_order == "day first"
    created, created_cells = _times(batch[mapping.created], dayfirst)
    read = {
        "created": created.dt.tz_localize(None).to_numpy("datetime64[us]"),
        "created_cells": created_cells.to_numpy(),
    }
    for field, column, kind in (
        ("response", mapping.first_response, mapping.first_response_kind),
        ("resolution", mapping.resolved, mapping.resolved_kind),
    ):
        hours, cells = _hours_after(batch, column, kind, created, dayfirst)
        read[f"{field}_hours"], read[f"{field}_cells"] = hours.to_numpy(), cells.to_numpy()
    words = mapping.priority_words or None
    read["priority"] = normalise_priorities(batch[mapping.priority], words).cat.codes.to_numpy()
    if mapping.status is not None:
        closed, reopened = _status(batch[mapping.status])
        read["closed"], read["reopened"] = closed.to_numpy(), reopened.to_numpy()
    if mapping.id is not None:
        ids = batch[mapping.id].astype("str").str.strip().to_numpy(dtype=object, na_value="")
        read["id"] = pd.util.hash_array(ids, categorize=False)
        read["has_id"] = ids != ""
    return read


def _times(column: pd.Series, dayfirst: bool) -> tuple[pd.Series, pd.Series]:
    """Time stamps in UTC (NaT where a cell cannot be read), and what each cell held."""
    text = column.astype("str").str.strip().replace("", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "could not infer format": read per cell
        parsed = pd.to_datetime(text, utc=True, errors="coerce", dayfirst=dayfirst)
    parsed = parsed.dt.as_unit("us")  # one resolution, whatever the cells hold
    cells = pd.Series(np.where(text.isna(), _EMPTY, _TEXT), index=text.index, dtype="int8")
    left = parsed.isna() & text.notna()
    if left.any():
        parsed = parsed.copy()
        numbers = _numbers(text[left])
        serial = numbers.between(_FIRST_SERIAL, _LAST_SERIAL, inclusive="left")
        cells[numbers.index[numbers.notna()]] = _NUMBER
        cells[serial.index[serial]] = _SERIAL
        parsed[serial.index[serial]] = _from_serial(numbers[serial])
        others = text[left & cells.eq(_TEXT)]
        parsed[others.index] = _one_by_one(others, dayfirst)
    # A year outside these bounds is an id or a number read as a date, not a ticket's time.
    usable = (parsed.dt.year >= FIRST_YEAR) & (parsed.dt.year <= LAST_YEAR)
    return parsed.where(usable), cells


def _one_by_one(text: pd.Series, dayfirst: bool) -> pd.Series:
    """Cells in formats other than the column's first, each read on its own (once per value)."""
    values = text.unique()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        read = pd.to_datetime(
            pd.Series(values, dtype=object),
            utc=True,
            errors="coerce",
            format="mixed",
            dayfirst=dayfirst,
        )
    return pd.to_datetime(text.map(dict(zip(values, read, strict=True))), utc=True).dt.as_unit("us")


_EXCEL_EPOCH = pd.Timestamp("1899-12-30", tz="UTC")
_FIRST_SERIAL = (pd.Timestamp(f"{FIRST_YEAR}-01-01", tz="UTC") - _EXCEL_EPOCH).days
_LAST_SERIAL = (pd.Timestamp(f"{LAST_YEAR + 1}-01-01", tz="UTC") - _EXCEL_EPOCH).days


def _from_serial(days: pd.Series) -> pd.Series:
    """Spreadsheet serial numbers (days since 1899-12-30, the time as a fraction) as UTC time
    stamps, to the second."""
    return (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).dt.round("s").dt.as_unit("us")


def _hours_after(
    batch: pd.DataFrame,
    column: str | None,
    kind: DurationKind,
    created: pd.Series,
    dayfirst: bool,
) -> tuple[pd.Series, pd.Series]:
    """Hours from creation to a response or resolution, and what each cell held (spreadsheet
    dates within a year of the ticket's creation told apart from other numbers)."""
    if column is None:
        return pd.Series(np.nan, index=batch.index), pd.Series(_EMPTY, batch.index, dtype="int8")
    if kind == "timestamp":
        moments, cells = _times(batch[column], dayfirst)
        hours = (moments - created).dt.total_seconds() / 3600
        near = cells.eq(_SERIAL) & hours.between(-24, 400 * 24)
        return hours, cells.mask(near, _SERIAL_NEAR)
    numbers = _numbers(batch[column])
    as_dates = _from_serial(numbers.where(numbers.between(_FIRST_SERIAL, _LAST_SERIAL)))
    lag = (as_dates - created).dt.total_seconds() / 3600
    cells = pd.Series(
        np.where(
            numbers.isna(), _EMPTY, np.where(lag.between(-24, 400 * 24), _SERIAL_NEAR, _NUMBER)
        ),
        index=batch.index,
        dtype="int8",
    )
    return numbers / 60 if kind == "minutes" else numbers, cells


def _numbers(column: pd.Series) -> pd.Series:
    """Numbers written with a decimal point or comma; NaN for anything else."""
    return pd.to_numeric(
        column.astype("str").str.replace(",", ".", regex=False).str.strip(), errors="coerce"
    )


def _refuse_misread_columns(read: dict[str, pd.Series], mapping: TicketColumns) -> None:
    """InvalidInput when most of a time column is not what it is mapped as: numbers in a date
    column (unless they are spreadsheet dates), or spreadsheet dates in a duration column."""
    for field, column, kind in (
        ("created", mapping.created, "timestamp"),
        ("response", mapping.first_response, mapping.first_response_kind),
        ("resolution", mapping.resolved, mapping.resolved_kind),
    ):
        cells = read[f"{field}_cells"]
        counts = cells.value_counts()
        filled = len(cells) - counts.get(_EMPTY, 0)
        numbers, serials = counts.get(_NUMBER, 0), counts.get(_SERIAL, 0)
        near = counts.get(_SERIAL_NEAR, 0)
        if kind != "timestamp":
            if near > filled / 2:
                raise InvalidInput(
                    f"The column '{column}' holds dates written as spreadsheet numbers, not "
                    f"{kind} after creation: choose 'a date and time' for it."
                )
        elif field == "created" and numbers + serials > filled / 2:
            if numbers >= serials or _a_numbering(read["created"][cells.eq(_SERIAL)]):
                raise InvalidInput(_numbers_not_dates(str(column), field))
        elif numbers + serials > filled / 2:
            raise InvalidInput(_numbers_not_dates(str(column), field))


def _a_numbering(days: pd.Series) -> bool:
    """True when spreadsheet 'dates' are whole, different and consecutive days: a count (ticket
    numbers) rather than the days tickets were created."""
    days = days.dropna()
    if len(days) < 2 or not days.eq(days.dt.floor("D")).all() or not days.is_unique:
        return False
    return bool((days.max() - days.min()).days == len(days) - 1)


def _numbers_not_dates(column: str, field: str) -> str:
    if field == "created":
        return (
            f"The column '{column}' holds numbers, not dates: choose the column with the date "
            "and time each ticket was created."
        )
    return (
        f"The column '{column}' holds numbers, not dates: choose 'minutes after creation' or "
        "'hours after creation' for it."
    )


def _usable(read: dict[str, pd.Series], mapping: TicketColumns) -> Tickets:
    """The tickets of the rows that can be used, and why the others cannot. Takes the columns
    out of `read` as it goes, so a million rows are never held twice."""
    created, resolution = read.pop("created"), read.pop("resolution_hours")
    is_open = resolution.isna() & ~read.pop("closed") | read.pop("reopened")
    resolution = resolution.where(~is_open)
    checks = [
        ("with no creation date that can be read", created.isna()),
        ("with a priority that is not recognised", read["priority"].isna()),
        ("with a first response before the ticket was created", read["response_hours"] < 0),
        ("resolved before they were created", resolution < 0),
    ]
    bad, problems = _unusable_rows(checks)
    if mapping.id is not None:
        repeated = _repeated(read, bad)
        more, found = _unusable_rows([("repeating an earlier row's ticket id", repeated)])
        bad, problems = bad | more, problems + found
    good = (~bad).to_numpy()
    if not good.any():
        raise InvalidInput(
            "No ticket in the file could be used: "
            + "; ".join(p.sentence() for p in problems)
            + ". Check the column choices."
        )
    columns = {"created": created, "priority": read.pop("priority")}
    columns |= {"response_hours": read.pop("response_hours"), "resolution_hours": resolution}
    tickets = pd.DataFrame({"open": is_open[good].to_numpy()})
    del created, resolution, is_open
    for name in ("created", "priority", "response_hours", "resolution_hours"):
        tickets[name] = columns.pop(name)[good].array
    tickets["month"] = _months(tickets["created"])
    order = ["created", "priority", "response_hours", "resolution_hours", "open", "month"]
    return Tickets(tickets[order], tuple(problems), len(good))


def _repeated(read: dict[str, pd.Series], bad: pd.Series) -> pd.Series:
    """The usable rows whose ticket id an earlier usable row has (an empty id repeats nothing).
    Ids are compared by a 64-bit hash: among a million, two different ids share one about once
    in thirty million imports."""
    usable = (read.pop("has_id") & ~bad).to_numpy()
    repeated = np.zeros(len(bad), dtype=bool)
    repeated[usable] = pd.Series(read.pop("id").to_numpy()[usable]).duplicated().to_numpy()
    return pd.Series(repeated, index=bad.index)


def _months(created: pd.Series) -> pd.Series:
    """Each ticket's month as 2026-09 (a category: a few dozen months, a million tickets)."""
    codes, numbers = pd.factorize(created.dt.year * 100 + created.dt.month, sort=True)
    names = [f"{n // 100:04d}-{n % 100:02d}" for n in numbers]
    return _categories(codes, names).set_axis(created.index)


def _categories(codes: np.ndarray, categories: list[str]) -> pd.Series:
    """A categorical column from each row's position among `categories` (-1: none)."""
    dtype = pd.CategoricalDtype(categories)
    return pd.Series(pd.Categorical.from_codes(codes.astype(np.int64), dtype=dtype))


def _unusable_rows(checks: Iterable[tuple[str, pd.Series]]) -> tuple[pd.Series, list[Problem]]:
    """The rows that fail a check (each counted under its first failed check), and why."""
    bad: pd.Series | None = None
    problems = []
    for reason, failed in checks:
        bad = pd.Series(False, index=failed.index) if bad is None else bad
        mask = failed & ~bad
        count = int(mask.sum())
        if count:
            examples = tuple(int(i) + 2 for i in np.flatnonzero(mask.to_numpy())[:5])
            problems.append(Problem(reason, count, examples))
        bad = bad | mask
    return (bad if bad is not None else pd.Series(dtype=bool)), problems


# Priorities and status ---------------------------------------------------------------------------

_PRIORITY_WORDS: dict[str, Priority] = {
    "urgent": "P1",
    "critical": "P1",
    "emergency": "P1",
    "highest": "P1",
    "blocker": "P1",
    "high": "P2",
    "major": "P2",
    "medium": "P2",
    "normal": "P3",
    "moderate": "P2",
    "low": "P3",
    "lowest": "P3",
    "minor": "P3",
    "planning": "P3",
    "trivial": "P3",
}


def normalise_priorities(column: pd.Series, chosen: dict[str, Reading] | None = None) -> pd.Series:
    """P1, P2 or P3 from words ("Urgent"), numbers ("1", "P2") or long labels
    ("Priority 1 - Emergency Response", "3 - Moderate"); NaN if not recognised or chosen to be
    left out. Four-level systems fold in: their 3 and 4 (and "normal", "low") become P3. The
    user's `chosen` readings of some words come first."""

    def code(value: object) -> int:
        reading = reading_of(value, chosen)
        return PRIORITIES.index(reading) if reading != "left out" else -1

    codes = _per_value(column, code, -1)
    return _categories(codes, list(PRIORITIES)).set_axis(column.index)


def _priority(value: object) -> Priority | None:
    text = str(value).strip().casefold()
    number = re.search(r"\b(?:p|priority|prio|sev|severity)?\s*([1-5])\b", text)
    if number:
        return PRIORITIES[min(int(number.group(1)), 3) - 1]
    for word, priority in _PRIORITY_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return priority
    return None


# Status words of the well-known ticket systems (docs/formats.md, "Ticket exports"): Zendesk
# new, open, pending, hold, solved, closed; Freshdesk Open, Pending, Resolved, Closed; Jira
# Service Management Waiting for support, Waiting for customer, In progress, Escalated,
# Resolved, Closed, Done, Canceled; HaloPSA New, In Progress, On Hold, Waiting on Client,
# Resolved, Closed; Autotask New, In Progress, Waiting Customer, Escalated, Complete;
# ConnectWise New, In Progress, Scheduled, Waiting on Customer, Re-opened, Completed, >Closed.
_CLOSED = re.compile(r"\b(?:closed|resolved|solved|complete|completed|done|cancel)")
_OPEN = re.compile(
    r"\b(?:open|new|pending|in progress|waiting|on hold|hold|assigned|escalated|scheduled"
    r"|re-?opened)"
)


def _status(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Per ticket: whether its status says closed, and whether it says still open."""
    closed = _per_value(column, lambda v: bool(_CLOSED.search(str(v).casefold())), False)
    still_open = _per_value(column, lambda v: bool(_OPEN.search(str(v).casefold())), False)
    return pd.Series(closed, index=column.index), pd.Series(still_open, index=column.index)


def _per_value(column: pd.Series, rule: Callable[[object], Any], missing: Any) -> np.ndarray:
    """`rule` applied once to each different value of a column (a status or priority column of
    a million tickets holds a handful), spread over the rows; `missing` for empty cells."""
    codes, values = pd.factorize(column)
    results = np.array([*(rule(v) for v in values), missing])
    return results[codes]
