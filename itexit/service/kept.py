"""The current provider's ticket export as ITexit keeps it: whole, as the file wrote it.

A ticket set is the export's mapped columns (the ticket ids, the time stamps as written with
their time zones, the priority words, status, category, and responses and resolutions as
written), every row, with the mapping that reads them. The tickets the Service levels page
measures are derived from it through that mapping whenever it is read (`TicketSet.tickets`), so
a later rule, such as clocks that stop outside business hours, can recompute an old import.

In the store a set is a Parquet file (columnar and compressed) whose metadata holds the
mapping. The sets ITexit kept before (the derived tickets only, as gzip-compressed CSV) are
still read: as a set of the columns they hold (created, priority, status, response and
resolution hours), which derive to the same tickets.
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from itexit.input import InvalidInput, describe
from itexit.service.models import TicketColumns
from itexit.service.normalising import BATCH_ROWS, Progress, Tickets, derive
from itexit.service.reading import MAX_ROWS, Export
from itexit.types import Frozen

__all__ = ["SET_FORMAT", "TicketSet", "tickets_from_bytes"]

SET_FORMAT = 2
"""The format of the ticket sets this code keeps; 1 was the derived tickets as CSV."""
_METADATA = b"itexit-tickets"
_PARQUET, _GZIP = b"PAR1", b"\x1f\x8b"
_OLD_MAPPING = TicketColumns(
    created="created",
    priority="priority",
    status="status",
    first_response="response_hours",
    first_response_kind="hours",
    resolved="resolution_hours",
    resolved_kind="hours",
)
"""How a set of format 1 reads: its own columns, its `open` flag turned into a status."""


@dataclass(frozen=True, eq=False)
class TicketSet:
    """A ticket export as kept: the mapping that reads it and its mapped columns, every row as
    the file wrote it (in `body`, the Parquet file the store keeps)."""

    mapping: TicketColumns
    body: bytes

    @property
    def rows(self) -> int:
        """How many rows the export had."""
        return int(_parquet(self.body).metadata.num_rows)

    def batches(self) -> Iterator[pd.DataFrame]:
        """The kept columns, every row, some thousands at a time."""
        kept = _parquet(self.body)
        for group in range(kept.num_row_groups):
            batch = kept.read_row_group(group, use_threads=False)
            yield batch.to_pandas()

    def tickets(self, progress: Progress | None = None) -> Tickets:
        """The tickets derived through the mapping, with the rows that could not be used."""
        return derive(self.batches, self.mapping, self.rows, progress)

    def remapped(self, mapping: TicketColumns) -> TicketSet:
        """The same rows read through another mapping of the same columns (such as other
        readings of the priority words)."""
        if sorted(mapping.used()) != sorted(self.mapping.used()):
            raise InvalidInput("The kept tickets do not have the columns that mapping reads.")
        kept = _parquet(self.body)
        return TicketSet(mapping, _write(mapping, kept.iter_batches(use_threads=False)))

    def columns(self) -> Iterator[tuple[str, list[str]]]:
        """Each kept column's name and cells, one column at a time."""
        kept = _parquet(self.body)
        for name in kept.schema_arrow.names:
            yield name, kept.read([name], use_threads=False).column(0).to_pylist()

    def document(self) -> dict[str, Any]:
        """The set as the JSON export carries it: the mapping, and each column as a list."""
        return {"mapping": self.mapping.model_dump(mode="json"), "columns": dict(self.columns())}

    @classmethod
    def from_export(cls, export: Export, mapping: TicketColumns) -> TicketSet:
        """The mapped columns of an uploaded export, kept whole."""
        columns = mapping.used()
        missing = [c for c in columns if c not in export.columns]
        if missing:
            names = ", ".join(repr(m) for m in missing)
            raise InvalidInput(f"The file has no column called {names}. Check the column choices.")
        return cls(mapping, _write(mapping, export.record_batches(columns)))

    @classmethod
    def from_columns(
        cls, mapping: TicketColumns, columns: Mapping[str, Sequence[str] | pd.Series]
    ) -> TicketSet:
        """A set of columns given as lists of text, one per column the mapping reads."""
        table = pa.table({c: pa.array(columns[c], type=pa.string()) for c in mapping.used()})
        return cls(mapping, _write(mapping, iter(table.to_batches())))

    @classmethod
    def from_bytes(cls, body: bytes) -> TicketSet:
        """The set the store keeps, of this format or the one before; InvalidInput if neither."""
        if body.startswith(_GZIP):
            return _from_format_1(body)
        if not body.startswith(_PARQUET):
            raise InvalidInput("The kept tickets are in a format ITexit does not know.")
        kept = json.loads(_parquet(body).schema_arrow.metadata[_METADATA])
        if kept.get("format", SET_FORMAT) > SET_FORMAT:
            raise InvalidInput(
                "The tickets were kept by a newer ITexit; install that version or newer."
            )
        return cls(TicketColumns.model_validate(kept["mapping"]), body)

    @classmethod
    def from_document(cls, document: object) -> TicketSet:
        """The set as the JSON export carries it; InvalidInput naming what is wrong."""
        try:
            read = _Document.model_validate(document)
        except ValidationError as exc:
            raise InvalidInput(f"The tickets in the file are not valid: {describe(exc)}") from None
        wanted, given = read.mapping.used(), list(read.columns)
        if sorted(wanted) != sorted(given):
            raise InvalidInput(
                f"The tickets in the file have the columns {', '.join(given)}, but their "
                f"mapping reads {', '.join(wanted)}."
            )
        lengths = {len(values) for values in read.columns.values()}
        if len(lengths) != 1 or not 0 < lengths.pop() <= MAX_ROWS:
            raise InvalidInput(
                f"The tickets' columns in the file must have the same number of rows, from 1 to "
                f"{MAX_ROWS:,}."
            )
        return cls.from_columns(read.mapping, read.columns)

    def to_bytes(self) -> bytes:
        """The set as the store keeps it."""
        return self.body


class _Document(Frozen):
    mapping: TicketColumns
    columns: dict[str, list[str]]


def tickets_from_bytes(body: bytes) -> pd.DataFrame:
    """The tickets of a kept set, derived through its mapping, ready for the figures."""
    return TicketSet.from_bytes(body).tickets().frame


def _parquet(body: bytes) -> pq.ParquetFile:
    return pq.ParquetFile(pa.BufferReader(body))


def _write(mapping: TicketColumns, batches: Iterator[pa.RecordBatch]) -> bytes:
    """The columns the mapping reads, as a compressed Parquet file that names the mapping, in
    row groups of BATCH_ROWS (as they are read back)."""
    kept = {"format": SET_FORMAT, "mapping": mapping.model_dump(mode="json")}
    schema = pa.schema(
        [(c, pa.string()) for c in mapping.used()], metadata={_METADATA: json.dumps(kept)}
    )
    sink = io.BytesIO()
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        waiting: list[pa.RecordBatch] = []
        for batch in chain(batches, [None]):
            if batch is not None:
                waiting.append(batch.replace_schema_metadata(schema.metadata))
            if waiting and (batch is None or sum(len(b) for b in waiting) >= BATCH_ROWS):
                writer.write_table(pa.Table.from_batches(waiting, schema), BATCH_ROWS)
                waiting = []
    return sink.getvalue()  # (hands over the buffer: no copy)


def _from_format_1(body: bytes) -> TicketSet:
    """A set kept before sets were kept whole: the derived tickets, read as a set of columns."""
    frame = pd.read_csv(io.BytesIO(gzip.decompress(body)), dtype=str, keep_default_na=False)
    frame["status"] = frame["open"].map({"True": "open", "False": "closed"})
    return TicketSet.from_columns(_OLD_MAPPING, {c: frame[c] for c in _OLD_MAPPING.used()})
