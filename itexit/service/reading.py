"""Reading a ticket export as uploaded: its encoding and separator, its columns and rows, what its
dates tell of the order of day and month, and guesses of which column holds what.

The file is read with Arrow's CSV reader, a megabyte at a time: once through when it is
uploaded (to count its rows, show the first few and gather its dates' clues), and again for the
columns the user maps. So a wide export of a million tickets is never held as a whole table, and
each pass takes about a second (docs/performance.md).
"""

from __future__ import annotations

import codecs
import csv
import ctypes
from collections.abc import Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from dataclasses import field as default
from functools import cache

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from itexit.input import InvalidInput
from itexit.service.normalising import DateClues, date_clues

__all__ = [
    "MAX_BYTES",
    "MAX_ROWS",
    "MOST_VALUES",
    "Export",
    "count_values",
    "guess_mapping",
    "read_export",
]


@cache
def _return_freed_memory() -> None:
    """Have freed memory go back to the system at once, so a server that imported a million
    tickets does not keep their peak for good: Arrow's jemalloc pool with no decay delay, and
    on glibc a fixed threshold above which allocations are mapped (and unmapped when freed);
    glibc otherwise raises it as arrays are freed and keeps their memory in its heap. Together
    they cut the peak of a million-row import by about 60 MB (docs/performance.md)."""
    with suppress(NotImplementedError):  # jemalloc is missing from some builds (Windows)
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)
    with suppress(OSError, AttributeError, TypeError):  # not glibc (macOS, Windows): leave it
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, 128 * 1024)


_M_MMAP_THRESHOLD = -3

MAX_BYTES = 200 * 1024 * 1024
MAX_ROWS = 1_000_000
_BLOCK = 1024 * 1024
"""Bytes of the file read at a time."""


# Column names used by well-known ticket systems, lower-cased with "_" read as a space, most
# specific first. Where each system's names come from (docs/formats.md, "Ticket exports"):
# - Zendesk: created_at, solved_at, reply_time_in_minutes, full_resolution_time_in_minutes
#   (https://developer.zendesk.com/rest_api/docs/core/ticket_metrics); its full export writes
#   first_reply_time_in_minutes;
# - Freshdesk: Ticket ID, Created time, Resolved time, First response time (in hrs), Resolution
#   time (in hrs), as its ticket export writes them;
# - Jira Service Management: Issue key (key), Created, Resolved, Status, Priority
#   (https://confluence.atlassian.com/adminjiraserver/data-pipeline-export-schema-1027142325.html);
# - HaloPSA: Ticket ID, Date Logged (dateoccurred), Response Date, Date Closed (dateclosed);
# - Autotask: Autotask Ticket Number, Create Date/Time, First Response Date/Time, Complete
#   Date/Time (https://autotask.net/help/content/4_admin/_UTILITIES_IMPORT/Ticket_Import.htm);
# - ConnectWise Manage: Ticket #, Date Entered, Date Responded, Date Resolved, Board.
_GUESSES: dict[str, tuple[str, ...]] = {
    "id": (
        "ticket id",
        "ticket #",
        "autotask ticket number",
        "ticket number",
        "ticket no",
        "ticket no.",
        "ticket_id",
        "issue key",
        "request id",
        "incident id",
        "case number",
        "case id",
        "id",
        "#",
        "number",
        "key",
        "ticket",
        "ref",
        "reference",
    ),
    "created": (
        "created at",
        "created time",
        "create date/time",
        "created date",
        "date occurred",
        "dateoccurred",
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
        "reply time in minutes",
        "first reply time",
        "first reply at",
        "first response time (in hrs)",
        "first response time",
        "time to first response",
        "date responded",
        "first response date/time",
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
        "complete date/time",
        "resolution date",
        "resolved at",
        "date resolved",
        "complete date",
        "completed date",
        "resolved_at",
        "resolved",
        "date closed",
        "dateclosed",
        "closed date",
        "closed at",
        "closed",
    ),
    "priority": ("priority", "urgency", "severity", "priority level", "impact"),
    "status": ("status", "state", "ticket status"),
    "category": ("category", "type", "ticket type", "issue type", "queue", "board"),
}


_EXACT_ONLY = frozenset({"id", "#", "number", "key", "ticket", "ref", "reference"})
"""Names too short or too common to look for inside other names ("Provider", "Phone number")."""


def guess_mapping(columns: Sequence[str]) -> dict[str, str | None]:
    """The likely column for each field (None where nothing looks right), and the kinds."""
    lowered = {_plain_name(c): c for c in columns}
    guessed: dict[str, str | None] = {}
    for field, names in _GUESSES.items():
        match = next((lowered[n] for n in names if n in lowered), None)
        if match is None:  # a looser look: a known name inside the column name
            match = next(
                (
                    c
                    for n in names
                    if n not in _EXACT_ONLY
                    for low, c in lowered.items()
                    if n in low and c not in guessed.values()
                ),
                None,
            )
        guessed[field] = match
    for field in ("first_response", "resolved"):
        guessed[f"{field}_kind"] = _kind_of(guessed[field])
    return guessed


def _plain_name(column: str) -> str:
    """A column name as the guesses are written: lower case, "_" read as a space
    (Zendesk's first_reply_time_in_minutes is "first reply time in minutes")."""
    return " ".join(column.replace("_", " ").split()).casefold()


def _kind_of(column: str | None) -> str:
    name = (column or "").casefold()
    if "minute" in name or "(min" in name:
        return "minutes"
    if "hour" in name or "hrs" in name:
        return "hours"
    return "timestamp"


@dataclass(frozen=True, eq=False)
class Export:
    """A ticket export as uploaded, read once through: its columns, how many rows, the first
    few, and what its dates tell. The columns are read in full only once mapped
    (`record_batches`)."""

    data: bytes
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    """The column names, stripped and made unique ('Notes', 'Notes.1')."""
    rows: int
    preview: pd.DataFrame
    """The first five rows."""
    dates: DateClues
    """What dates such as 05/09/2026 anywhere in the file tell of the order of day and month."""
    values: Mapping[str, Mapping[str, int]] = default(default_factory=dict)
    """For the column guessed to hold the priority: how many rows hold each value (counted
    while reading once through; left empty for a column of over `MOST_VALUES` values)."""

    def table(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The named columns (by default all), every row, as one table: for small files."""
        wanted = list(self.columns if columns is None else columns)
        batches = [b.to_pandas() for b in self.record_batches(wanted)]
        return pd.concat(batches, ignore_index=True) if batches else pd.DataFrame(columns=wanted)

    def record_batches(self, columns: Sequence[str]) -> Iterator[pa.RecordBatch]:
        """The named columns as text, every row, a megabyte of the file at a time."""
        positions = [self.columns.index(c) for c in columns]
        schema = pa.schema([(c, pa.string()) for c in columns])
        for number, batch in enumerate(_batches(self.data, self.encoding, self.delimiter)):
            chosen = pa.RecordBatch.from_arrays([batch.column(p) for p in positions], schema=schema)
            yield chosen.slice(1) if number == 0 else chosen


def read_export(data: bytes) -> Export:
    """The ticket export read once through; InvalidInput says what is wrong with the file."""
    _return_freed_memory()  # set once, by the first process that reads an export
    if not data or data.isspace():  # (not data.strip(), which would copy the whole file)
        raise InvalidInput("The file is empty. Export the tickets again, as CSV.")
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"The file is larger than {MAX_BYTES // 2**20} MB; export a shorter period."
        )
    encoding = _encoding(data)
    delimiter = _delimiter(data, encoding)
    columns: tuple[str, ...] = ()
    rows, clues, first = 0, DateClues(), pd.DataFrame()
    priority: str | None = None
    values: dict[str, int] = {}
    for number, batch in enumerate(_batches(data, encoding, delimiter)):
        if number == 0:
            columns = _names([batch.column(i)[0].as_py() for i in range(batch.num_columns)])
            batch = batch.slice(1)
            first = batch.slice(0, 5).rename_columns(list(columns)).to_pandas()
            priority = guess_mapping(columns)["priority"]
        for position in range(batch.num_columns):
            clues = clues.plus(date_clues(batch.column(position), rows + 2))
        if priority is not None:
            values = count_values(batch.column(columns.index(priority)), values)
        rows += batch.num_rows
        if rows > MAX_ROWS:
            raise InvalidInput(
                f"The file has more than {MAX_ROWS:,} rows; export a shorter period."
            )
    if len(columns) < 2:
        raise InvalidInput(
            "The file has only one column, so its separator was not recognised. Export it "
            "as CSV with commas or semicolons between the columns."
        )
    if rows == 0:
        raise InvalidInput("The file has column names but no tickets.")
    counted = {priority: values} if priority is not None and len(values) <= MOST_VALUES else {}
    return Export(data, encoding, delimiter, columns, rows, first, clues, counted)


MOST_VALUES = 1_000
"""A column with more different values than this holds no priorities (ids, texts): its values
are not counted on."""


def count_values(column: pa.Array, counts: dict[str, int]) -> dict[str, int]:
    """`counts` with the rows holding each value of `column` added (while there are at most
    `MOST_VALUES` different values; beyond, `counts` as it is)."""
    if len(counts) > MOST_VALUES:
        return counts
    for found in column.value_counts().to_pylist():
        word = str(found["values"])
        counts[word] = counts.get(word, 0) + int(found["counts"])
    return counts


def _batches(data: bytes, encoding: str, delimiter: str) -> Iterator[pa.RecordBatch]:
    """The file's records as text, the column names being the first; InvalidInput if it is not
    a CSV table."""
    try:
        count = len(_reader(data, encoding, delimiter, None).schema)
        yield from _reader(data, encoding, delimiter, count)
    except pa.ArrowInvalid as exc:
        reason = " ".join(str(exc).split())[:200]
        raise InvalidInput(f"The file is not a readable CSV table: {reason}") from None


def _reader(
    data: bytes, encoding: str, delimiter: str, columns: int | None
) -> pacsv.CSVStreamingReader:
    # Columns are named by position: the header is read as the first record, so duplicate or
    # empty names and quoted line breaks in them come through as the file has them.
    return pacsv.open_csv(
        pa.BufferReader(data),
        read_options=pacsv.ReadOptions(
            encoding=encoding, block_size=_BLOCK, autogenerate_column_names=True
        ),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={f"f{i}": pa.string() for i in range(columns or 0)},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _names(header: list[object]) -> tuple[str, ...]:
    """Column names as pandas would give them: stripped, an empty one 'Unnamed: 3', a repeated
    one 'Notes.1'."""
    names: list[str] = []
    for position, value in enumerate(header):
        name = str(value).strip() or f"Unnamed: {position}"
        base, repeat = name, 0
        while name in names:
            repeat += 1
            name = f"{base}.{repeat}"
        names.append(name)
    return tuple(names)


def _delimiter(data: bytes, encoding: str) -> str:
    sample = codecs.getincrementaldecoder(encoding)(errors="replace").decode(data[:65536])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _encoding(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 (with a byte-order mark, or without one
    when every other byte of plain text is zero), else Windows-1252 or Latin-1; InvalidInput for
    a file that is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf8"  # Arrow's own name: it reads UTF-8 without transcoding, skipping the mark
    utf16 = "utf-16" if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else _utf16(data)
    if utf16 is not None:
        if not _decodes(data, utf16):
            raise InvalidInput(
                "The file looks like UTF-16 text but cannot be read as such. Save it again as "
                "'CSV UTF-8' and upload that."
            )
        return utf16
    if b"\x00" in data:
        raise InvalidInput(
            "The file holds NUL characters, so it is not plain CSV text (a spreadsheet or "
            "another format?). Save it as 'CSV UTF-8' and upload that."
        )
    return next(e for e in ("utf8", "cp1252", "latin-1") if _decodes(data, e))


def _utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its zero bytes: the high byte of every Latin
    character, second (little-endian) or first (big-endian)."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    """True when the whole file is text in this encoding (checked a megabyte at a time)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for start in range(0, len(data), 1 << 20):
            decoder.decode(data[start : start + (1 << 20)])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
