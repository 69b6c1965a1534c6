"""What the current provider actually delivered: reading a ticket export from its ticket system
and measuring it against the promised response and resolution times.

Ticket systems differ, so the user maps columns once (guesses pre-filled). Each of these shapes
is accepted: time stamps for the first response and the resolution, or durations (minutes or
hours), or only a status; priorities as words, numbers or long labels; time stamps with or
without a time zone (without one, UTC). Rows that cannot be used are skipped and reported with
their reason and row numbers; if none can be used, the file is refused.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from itexit.input import InvalidInput
from itexit.service.models import DurationKind, TicketColumns
from itexit.types import PRIORITIES, Priority
from itexit.words import plural

__all__ = [
    "MAX_BYTES",
    "Problem",
    "Progress",
    "Tickets",
    "guess_mapping",
    "normalise",
    "normalise_priorities",
    "read_export",
]

MAX_BYTES = 200 * 1024 * 1024

# Column names used by well-known ticket systems, lower-cased, most specific first.
_GUESSES: dict[str, tuple[str, ...]] = {
    "created": (
        "created at",
        "created time",
        "created",
        "date entered",
        "create date",
        "created date",
        "opened_at",
        "opened at",
        "opened",
        "date logged",
        "date opened",
        "creation date",
        "submitted",
        "date created",
        "created_at",
    ),
    "first_response": (
        "first reply time in minutes",
        "first reply time",
        "first reply at",
        "first response time (in hrs)",
        "first response time",
        "time to first response",
        "date responded",
        "first response date",
        "first response",
        "responded",
        "response date",
        "first_response_at",
        "responded at",
    ),
    "resolved": (
        "full resolution time in minutes",
        "resolution time (in hrs)",
        "resolution time",
        "solved at",
        "resolved time",
        "resolved at",
        "date resolved",
        "complete date",
        "completed date",
        "resolved_at",
        "resolved",
        "date closed",
        "closed at",
        "closed",
    ),
    "priority": ("priority", "urgency", "severity", "priority level", "impact"),
    "status": ("status", "state", "ticket status"),
    "category": ("category", "type", "ticket type", "issue type", "queue", "board"),
}


def guess_mapping(columns: Sequence[str]) -> dict[str, str | None]:
    """The likely column for each field (None where nothing looks right), and the kinds."""
    lowered = {c.strip().casefold(): c for c in columns}
    guessed: dict[str, str | None] = {}
    for field, names in _GUESSES.items():
        match = next((lowered[n] for n in names if n in lowered), None)
        if match is None:  # a looser look: a known name inside the column name
            match = next(
                (
                    c
                    for n in names
                    for low, c in lowered.items()
                    if n in low and c not in guessed.values()
                ),
                None,
            )
        guessed[field] = match
    for field in ("first_response", "resolved"):
        guessed[f"{field}_kind"] = _kind_of(guessed[field])
    return guessed


def _kind_of(column: str | None) -> str:
    name = (column or "").casefold()
    if "minute" in name or "(min" in name:
        return "minutes"
    if "hour" in name or "hrs" in name:
        return "hours"
    return "timestamp"


def read_export(data: bytes) -> pd.DataFrame:
    """The ticket export as text columns; InvalidInput says what is wrong with the file."""
    if not data.strip():
        raise InvalidInput("The file is empty. Export the tickets again, as CSV.")
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"The file is larger than {MAX_BYTES // 2**20} MB; export a shorter period."
        )
    text = _decode(data)
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InvalidInput(
            f"The file is not a readable CSV table: {' '.join(str(exc).split())}"
        ) from None
    if frame.shape[1] < 2:
        raise InvalidInput(
            "The file has only one column, so its separator was not recognised. Export it "
            "as CSV with commas or semicolons between the columns."
        )
    if frame.empty:
        raise InvalidInput("The file has column names but no tickets.")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _decode(data: bytes) -> str:
    for encoding in (
        ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",)
    ):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")  # what Excel on Windows writes
    except UnicodeDecodeError:
        return data.decode("latin-1")


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

    @property
    def skipped(self) -> int:
        """How many rows of the export were left out."""
        return self.total_rows - len(self.frame)


Progress = Callable[[float, str], None]


def normalise(
    frame: pd.DataFrame, mapping: TicketColumns, progress: Progress | None = None
) -> Tickets:
    """Tickets from the export's columns, as the mapping says; unusable rows reported."""
    tell = progress or (lambda _share, _text: None)
    _check_columns(frame, mapping)
    tell(0.1, "Reading the creation dates")
    created = _creation_times(frame[mapping.created])
    tell(0.35, "Reading the response and resolution times")
    response = _hours_after(frame, mapping.first_response, mapping.first_response_kind, created)
    resolution = _hours_after(frame, mapping.resolved, mapping.resolved_kind, created)
    tell(0.6, "Reading the priorities")
    priority = normalise_priorities(frame[mapping.priority])
    is_open = resolution.isna()
    if mapping.status is not None:
        status = frame[mapping.status]
        is_open = is_open & ~_closed_status(status) | _open_status(status)
        resolution = resolution.where(~is_open)
    bad, problems = _unusable_rows(
        [
            ("with no creation date that can be read", created.isna()),
            ("with a priority that is not recognised", priority.isna()),
            ("with a first response before the ticket was created", response < 0),
            ("resolved before they were created", resolution < 0),
        ]
    )
    tell(0.85, "Putting the tickets together")
    good = ~bad
    if not good.any():
        raise InvalidInput(
            "No ticket in the file could be used: "
            + "; ".join(p.sentence() for p in problems)
            + ". Check the column choices."
        )
    tickets = pd.DataFrame(
        {
            "created": created[good],
            "priority": priority[good],
            "response_hours": response[good],
            "resolution_hours": resolution[good],
            "open": is_open[good],
        }
    ).reset_index(drop=True)
    tickets["month"] = tickets["created"].dt.strftime("%Y-%m")
    tell(1.0, "Done")
    return Tickets(tickets, tuple(problems), len(frame))


def _check_columns(frame: pd.DataFrame, mapping: TicketColumns) -> None:
    chosen = (
        mapping.created,
        mapping.priority,
        mapping.first_response,
        mapping.resolved,
        mapping.status,
        mapping.category,
    )
    missing = [c for c in chosen if c is not None and c not in frame.columns]
    if missing:
        names = ", ".join(repr(m) for m in missing)
        raise InvalidInput(f"The file has no column called {names}. Check the column choices.")


def _creation_times(column: pd.Series) -> pd.Series:
    if _mostly(_numbers(column), column):
        raise InvalidInput(
            f"The column '{column.name}' holds numbers, not dates: choose the column with "
            "the date and time each ticket was created."
        )
    return _timestamps(column)


def _unusable_rows(checks: list[tuple[str, pd.Series]]) -> tuple[pd.Series, list[Problem]]:
    """The rows that fail a check (each counted under its first failed check), and why."""
    bad = pd.Series(False, index=checks[0][1].index)
    problems = []
    for reason, failed in checks:
        mask = failed & ~bad
        count = int(mask.sum())
        if count:
            examples = tuple(int(i) + 2 for i in np.flatnonzero(mask.to_numpy())[:5])
            problems.append(Problem(reason, count, examples))
        bad |= mask
    return bad, problems


def _timestamps(column: pd.Series) -> pd.Series:
    """Time stamps in UTC; text without a zone is taken as UTC; unreadable ones NaT.

    Dates like 05/09/2026 are read day first when some date in the column only makes sense
    that way (13/09/2026), or when they are written with dots (05.09.2026); otherwise month
    first, as US systems write them.
    """
    text = column.astype(str).str.strip().replace("", None)
    dayfirst = _day_first(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "could not infer format": we retry below
        parsed = pd.to_datetime(text, utc=True, errors="coerce", dayfirst=dayfirst)
        retry = parsed.isna() & text.notna()
        if retry.any():  # a file mixing formats: read the rest one by one
            parsed = parsed.copy()
            parsed[retry] = pd.to_datetime(
                text[retry], utc=True, errors="coerce", format="mixed", dayfirst=dayfirst
            )
    # A year outside these bounds is an id or a number read as a date, not a ticket's time.
    return parsed.where((parsed.dt.year >= FIRST_YEAR) & (parsed.dt.year <= LAST_YEAR))


FIRST_YEAR, LAST_YEAR = 1990, 2100
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})[/.-]\d{2,4}")


def _day_first(text: pd.Series) -> bool:
    parts = text.dropna().head(5000).str.extract(_NUMERIC_DATE)
    if parts.dropna().empty:
        return False
    first, separator, second = parts[0].astype(float), parts[1], parts[2].astype(float)
    if (first > 12).any():
        return True
    if (second > 12).any():
        return False
    return bool((separator == ".").any())


def _hours_after(
    frame: pd.DataFrame, column: str | None, kind: DurationKind, created: pd.Series
) -> pd.Series:
    if column is None:
        return pd.Series(np.nan, index=frame.index)
    numbers = _numbers(frame[column])
    if kind == "timestamp":
        if _mostly(numbers, frame[column]):
            raise InvalidInput(
                f"The column '{column}' holds numbers, not dates: choose 'minutes after "
                "creation' or 'hours after creation' for it."
            )
        return (_timestamps(frame[column]) - created).dt.total_seconds() / 3600
    return numbers / 60 if kind == "minutes" else numbers


def _numbers(column: pd.Series) -> pd.Series:
    """Numbers written with a decimal point or comma; NaN for anything else."""
    return pd.to_numeric(column.str.replace(",", ".", regex=False).str.strip(), errors="coerce")


def _mostly(numbers: pd.Series, column: pd.Series) -> bool:
    """True when most filled-in cells of a column are plain numbers."""
    filled = column.str.strip().ne("")
    return bool(filled.any() and numbers[filled].notna().mean() > 0.5)


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


def normalise_priorities(column: pd.Series) -> pd.Series:
    """P1, P2 or P3 from words ("Urgent"), numbers ("1", "P2") or long labels
    ("Priority 1 - Emergency Response", "3 - Moderate"); NaN if not recognised. Four-level
    systems fold in: their 3 and 4 (and "normal", "low") become P3."""
    mapping = {value: _priority(value) for value in column.unique()}
    return column.map(mapping)


def _priority(value: object) -> Priority | None:
    text = str(value).strip().casefold()
    number = re.search(r"\b(?:p|priority|prio|sev|severity)?\s*([1-5])\b", text)
    if number:
        return PRIORITIES[min(int(number.group(1)), 3) - 1]
    for word, priority in _PRIORITY_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return priority
    return None


def _closed_status(column: pd.Series) -> pd.Series:
    return column.str.casefold().str.contains(
        r"\b(?:closed|resolved|solved|complete|completed|done|cancel)", regex=True
    )


def _open_status(column: pd.Series) -> pd.Series:
    return column.str.casefold().str.contains(
        r"\b(?:open|new|pending|in progress|waiting|on hold|assigned)", regex=True
    )
