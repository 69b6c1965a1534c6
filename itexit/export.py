"""Every file ITexit writes or reads back: the comparison CSV, the evaluation JSON document,
and the exit plan's calendar, letter and checklists.

The formats are described in docs/formats.md and docs/exit-plan.md. Every text cell of every
CSV goes through `neutralise`, the one guard against spreadsheet formula injection, and every
text of every file through `writable`, so no download fails on a character its format cannot
hold.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import NAMESPACE_URL, uuid5

import docx
import docx.shared
import icalendar
from pydantic import ValidationError

from itexit.compare.findings import must_have_cell
from itexit.compare.scoring import Comparison, compare
from itexit.cost.totals import monthly_price, options
from itexit.diligence import Block
from itexit.evaluation import PROVIDER_MAX, Evaluation
from itexit.exit.keydates import KeyDate
from itexit.exit.offboarding import PlannedTask
from itexit.input import InvalidInput, describe
from itexit.service.kept import TicketSet
from itexit.types import NOT_APPLICABLE
from itexit.words import plural, rounded

__all__ = [
    "CSV_COLUMNS",
    "DOCX_MIME",
    "FORMAT",
    "FORMAT_VERSION",
    "Cell",
    "calendar_ics",
    "comparison_csv",
    "comparison_rows",
    "csv_bytes",
    "docx_document",
    "evaluation_document",
    "file_name",
    "letter_docx",
    "letter_text",
    "money_cell",
    "neutralise",
    "offboarding_csv",
    "printable",
    "read_document_tickets",
    "read_evaluation_document",
    "text_document",
    "writable",
]

FORMAT = "itexit-evaluation"
FORMAT_VERSION = 5
"""The newest JSON format version; every version from 1 is read (2 added "tickets", 3 the
criteria's "sources", 4 the scores' "source": the questionnaire a claim came from, 5 the
evaluation's "review" and the scores' "carried": its place in a series of reviews)."""
_BEFORE_SERIES = 4
"""The version written for an evaluation in no series: its document holds nothing of version
5, so an older ITexit still reads it and an upgraded database exports the same bytes."""
CSV_COLUMNS = ("level", "essential", "criterion", "weight", "target", "sources")
"""The comparison CSV's first columns, before one per provider ("sources" added in 2026.2)."""
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# XML 1.0, so Word, holds no control character but tab, line feed and carriage return, and
# neither U+FFFE nor U+FFFF; iCalendar text holds no control either; UTF-8 holds no lone
# surrogate (a JSON import can carry one). Vertical tab and form feed are Word's own line and
# page breaks, so they become line breaks; the others go.
_BREAKS = str.maketrans({"\v": "\n", "\f": "\n"})
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

Cell = str | int | float | None


def writable(text: str) -> str:
    """Text that every file ITexit writes can hold (Word, calendar, CSV, plain text): without
    NUL, escape and the other control characters but tab and line breaks, lone surrogates,
    U+FFFE and U+FFFF; a vertical tab or form feed becomes a line break."""
    return _UNWRITABLE.sub("", text.translate(_BREAKS))


def printable(sheet: Any) -> None:
    """A workbook sheet set to print as people expect: landscape, as wide as one page, as many
    pages long as it needs, its header row repeated on each page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.freeze_panes:
        row = sheet[sheet.freeze_panes].row - 1
        if row >= 1:
            sheet.print_title_rows = f"1:{row}"


def neutralise(text: str) -> str:
    """Stop a spreadsheet from running a cell as a formula: prefix risky text with an apostrophe."""
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def file_name(evaluation_name: str, what: str, extension: str) -> str:
    """A safe download name such as 'itexit-acme-review-2027-comparison.csv'."""
    slug = re.sub(r"[^a-z0-9]+", "-", evaluation_name.casefold()).strip("-")[:60] or "evaluation"
    return f"itexit-{slug}-{what}.{extension}"


def comparison_rows(
    evaluation: Evaluation, comparison: Comparison, today: date | None = None
) -> list[list[Cell]]:
    """The comparison as rows of cells (header first), before any quoting or guarding."""
    providers = evaluation.ordered_providers
    ids = [p.id for p in providers]
    rows: list[list[Cell]] = [[*CSV_COLUMNS, *(p.name for p in providers)]]
    ratings = comparison.ratings[ids].to_numpy(dtype=float, na_value=float("nan"))
    not_applicable = comparison.not_applicable[ids].to_numpy(dtype=bool)
    row = 0
    for essential in evaluation.checklist.essentials:
        for criterion in essential.criteria:
            cells = [
                NOT_APPLICABLE if na else rounded(value, 0)
                for value, na in zip(ratings[row], not_applicable[row], strict=True)
            ]
            weight = rounded(evaluation.criterion_weights[criterion.id], 6)
            rows.append(
                [
                    "criterion",
                    essential.name,
                    criterion.name,
                    weight,
                    "",
                    criterion.rests_on,
                    *cells,
                ]
            )
            row += 1
    scores = comparison.essential_scores[ids].to_numpy(dtype=float, na_value=float("nan"))
    for essential, essential_scores in zip(evaluation.checklist.essentials, scores, strict=True):
        rows.append(
            [
                "essential",
                essential.name,
                "",
                rounded(evaluation.essential_weights[essential.id], 6),
                rounded(evaluation.targets[essential.id], 6),
                "",
                *(rounded(score, 2) for score in essential_scores),
            ]
        )
    for level, series, decimals in (
        ("overall", comparison.overall, 1),
        ("rank", comparison.rank, 0),
        ("coverage", comparison.coverage, 0),
    ):
        rows.append([level, "", "", "", "", "", *(rounded(series[p], decimals) for p in ids)])
    cells = [must_have_cell(evaluation, comparison, p) for p in ids]
    rows.append(["must_have", "", "", "", "", "", *cells])
    prices = [monthly_price(p, evaluation.business) for p in providers]
    rows.append(["monthly_cost", "", "", "", "", "", *(money_cell(price) for price in prices)])
    totals = {
        option.provider.id: option.total for option in options(evaluation, today or date.today())
    }
    horizon = str(evaluation.business.horizon_months)
    rows.append(["total_cost", "", horizon, "", "", "", *(money_cell(totals.get(p)) for p in ids)])
    return rows


def money_cell(amount: Decimal | None) -> str:
    """An amount as the CSV writes it: two decimals, a point, no thousands separator."""
    return "" if amount is None else f"{amount:.2f}"


def comparison_csv(
    evaluation: Evaluation, comparison: Comparison | None = None, today: date | None = None
) -> bytes:
    """The comparison CSV: UTF-8 with a byte-order mark, comma-separated, one header row."""
    rows = comparison_rows(evaluation, comparison or compare(evaluation), today)
    return csv_bytes(rows)


def csv_bytes(rows: Iterable[Sequence[Cell]]) -> bytes:
    """Rows as CSV for spreadsheets: BOM, CRLF line ends, every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(writable(c)) if isinstance(c, str) else c for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def evaluation_document(evaluation: Evaluation, tickets: bytes | None = None) -> str:
    """The whole evaluation as a versioned JSON document (`itexit export --format json`), with
    the ticket set kept beside it in the store (`tickets`), if any."""
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION if _in_a_series(evaluation) else _BEFORE_SERIES,
        "evaluation": evaluation.model_dump(mode="json"),
        "tickets": None,
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return text.removesuffix("null\n}") + _tickets_text(evaluation, tickets) + "\n}\n"


def _in_a_series(evaluation: Evaluation) -> bool:
    """The evaluation holds what version 5 added: a review, or a score carried from one."""
    scores = (s for p in evaluation.providers for s in p.scores.values())
    return evaluation.review is not None or any(s.carried is not None for s in scores)


def read_evaluation_document(text: str | bytes, *, name: str | None = None) -> Evaluation:
    """An evaluation from a JSON document, or InvalidInput naming the first problem found.

    The file is held to the rules the app applies to what people enter (`Evaluation.checked`),
    so an import can never hold what the app would refuse.
    """
    document = _parsed(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput(f'The file is not an ITexit evaluation (expected "format": "{FORMAT}").')
    version = document.get("version")
    if version not in range(1, FORMAT_VERSION + 1) or isinstance(version, bool):
        raise InvalidInput(
            f"The file has format version {version!r}; this ITexit reads versions 1 to "
            f"{FORMAT_VERSION}."
        )
    tickets = () if version == 1 else ("tickets",)  # see "The tickets in the JSON document"
    extra = sorted(set(document) - {"format", "version", "evaluation", *tickets})
    if extra:
        raise InvalidInput(f"The file has fields ITexit does not know: {', '.join(extra)}.")
    body = document.get("evaluation")
    if not isinstance(body, dict):
        raise InvalidInput('The file has no "evaluation" object.')
    if isinstance(body.get("providers"), list) and len(body["providers"]) > PROVIDER_MAX:
        raise InvalidInput(
            f"The evaluation in the file has {len(body['providers']):,} providers; ITexit compares "
            f"at most {PROVIDER_MAX} in one evaluation. Remove some, or split them over two files."
        )
    if name is not None:
        body = {**body, "name": name}
    try:
        evaluation = Evaluation.model_validate(body)
    except ValidationError as exc:
        raise InvalidInput(f"The evaluation in the file is not valid: {describe(exc)}") from None
    try:
        return evaluation.checked()
    except InvalidInput as exc:
        raise InvalidInput(f"The evaluation in the file breaks a rule: {exc}") from None


_DIGITS_MAX = 30
"""No number in an export has more digits; longer ones are refused before Python reads them
(it refuses integers of more than 4,300 digits with an error of its own)."""


def _parsed(text: str | bytes) -> Any:
    """The JSON value in `text`; InvalidInput for anything JSON or ITexit cannot read safely:
    bad syntax, nesting deeper than Python can follow, repeated keys, very long numbers, and
    text that is not Unicode (a lone surrogate)."""
    try:
        document = json.loads(text, object_pairs_hook=_object, parse_int=_whole_number)
    except InvalidInput:
        raise
    except RecursionError:
        raise InvalidInput(
            "The file nests lists or objects far too deeply to be an ITexit evaluation."
        ) from None
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise InvalidInput(f"The file is not valid JSON: {exc}") from None
    _refuse_lone_surrogates(document)
    return document


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; InvalidInput if a key appears twice (JSON would keep the last silently)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise InvalidInput(
                f'The file gives the key "{_shown(key)}" twice in one object; keep only the '
                "right one."
            )
        found[key] = value
    return found


def _whole_number(digits: str) -> int:
    if len(digits.lstrip("-")) > _DIGITS_MAX:
        raise InvalidInput(
            f"The file holds a number {len(digits.lstrip('-')):,} digits long "
            f"({_shown(digits[:12])}...); no value in an ITexit evaluation is that large."
        )
    return int(digits)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogates(document: Any) -> None:
    """InvalidInput if any text holds half of a UTF-16 pair, such as "\\ud800": JSON lets a
    file write one, but it is no character and cannot be saved."""
    pending = [document]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            pending += item
        elif isinstance(item, str) and _LONE_SURROGATE.search(item):
            raise InvalidInput(
                f'The file holds text that is not valid Unicode: "{_shown(item)}" contains a '
                "lone surrogate (half of a character). Correct that text and import again."
            )


def _shown(text: str, limit: int = 60) -> str:
    """Text from a file as a one-line message can show it: escapes for what cannot be printed."""
    shown = text.encode("utf-8", "backslashreplace").decode("utf-8")
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in shown)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


# The tickets in the JSON document ----------------------------------------------------------------
# Version 2 carries the ticket set kept beside the evaluation under "tickets" (null for none): the
# mapped columns of the export as the file wrote them, and the mapping that reads them, so an
# import into another database shows the same figures without the file. A version 1 document
# has no tickets; its evaluation keeps the record of their import.


def _tickets_text(evaluation: Evaluation, tickets: bytes | None) -> str:
    """The ticket set kept beside an evaluation as the document writes it ("null" when there is
    none, or the evaluation has no record of an import): its mapping, then each column's cells
    on one line, written one column at a time (a million tickets as Python lists at once would
    take gigabytes)."""
    if tickets is None or evaluation.tickets is None:
        return "null"
    kept = TicketSet.from_bytes(tickets)
    columns = ",\n".join(
        f"      {json.dumps(name, ensure_ascii=False)}: {json.dumps(cells, ensure_ascii=False)}"
        for name, cells in kept.columns()
    )
    mapping = json.dumps(kept.mapping.model_dump(mode="json"), ensure_ascii=False)
    return f'{{\n    "mapping": {mapping},\n    "columns": {{\n{columns}\n    }}\n  }}'


def read_document_tickets(text: str | bytes, evaluation: Evaluation) -> bytes | None:
    """The ticket set of a document that `read_evaluation_document` read as `evaluation`, as
    the store keeps it (None: the document has none); InvalidInput when the set is not valid or
    does not give what the evaluation's record of the import says."""
    tickets = json.loads(text).get("tickets")
    if tickets is None:
        return None
    info = evaluation.tickets
    if info is None:
        raise InvalidInput(
            'The file has tickets, but its evaluation has no record of their import ("tickets").'
        )
    kept = TicketSet.from_document(tickets)
    derived = kept.tickets()
    if (len(derived.frame), derived.skipped) != (info.tickets, info.skipped):
        raise InvalidInput(
            f"The tickets in the file give {len(derived.frame):,} tickets and "
            f"{derived.skipped:,} skipped rows, but the record of their import says "
            f"{info.tickets:,} and {info.skipped:,}."
        )
    return kept.to_bytes()


# Exit plan documents ------------------------------------------------------------------------------


def calendar_ics(dates: Sequence[KeyDate], calendar_name: str) -> bytes:
    """Key dates as an iCalendar file (RFC 5545) with reminders, for Outlook, Google or Apple.

    Each date is an all-day event. Its UID is derived from the calendar name and the event
    title, so importing an updated file again replaces the old entries instead of doubling them.
    The name and titles are one line each (a calendar refuses a line break in its name).
    """
    calendar_name = _one_line(calendar_name)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ITexit//Exit plan//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for given in dates:
        key_date = replace(
            given, title=_one_line(given.title), description=writable(given.description)
        )
        event = icalendar.Event()
        event.add(
            "uid", f"{uuid5(NAMESPACE_URL, f'itexit:{calendar_name}:{key_date.title}')}@itexit"
        )
        event.add("dtstamp", stamp)
        event.add("dtstart", key_date.day)
        event.add("dtend", key_date.day + timedelta(days=1))
        event.add("summary", key_date.title)
        event.add("description", key_date.description)
        event.add("transp", "TRANSPARENT")
        for days in key_date.reminders:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"In {plural(days, 'day')}: {key_date.title}")
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def _one_line(text: str) -> str:
    return " ".join(writable(text).split())


def docx_document(blocks: Sequence[Block]) -> bytes:
    """A Word document (.docx) of titled, headed, bulleted text, ready to print."""
    document = docx.Document()
    for kind, typed in blocks:
        text = writable(typed)
        if kind == "title":
            document.add_heading(text, level=1)
        elif kind == "heading":
            document.add_heading(text, level=2)
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind == "small":
            run = document.add_paragraph().add_run(text)
            run.italic = True
            run.font.size = docx.shared.Pt(9)
        elif kind == "answer":
            document.add_paragraph(text + ("\n" + "_" * 60 if text.endswith(":") else ""))
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def letter_docx(text: str) -> bytes:
    """The notice letter as a Word document: one paragraph per block of lines."""
    document = docx.Document()
    for block in writable(text).strip().split("\n\n"):
        paragraph = document.add_paragraph()
        for number, line in enumerate(block.split("\n")):
            run = paragraph.add_run(line)
            if number < block.count("\n"):
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def text_document(blocks: Sequence[Block]) -> bytes:
    """The same document as plain UTF-8 text."""
    lines: list[str] = []
    for kind, typed in blocks:
        text = writable(typed)
        if kind == "title":
            lines += [text, "=" * len(text), ""]
        elif kind == "heading":
            lines += ["", text, "-" * len(text)]
        elif kind == "bullet":
            lines.append(f"* {text}")
        elif kind == "answer":
            lines += [f"  {text}" + (" " + "_" * 50 if text.endswith(":") else ""), ""]
        else:
            lines.append(f"  {text}" if kind == "small" else text)
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def letter_text(text: str) -> bytes:
    """The notice letter as plain UTF-8 text."""
    return writable(text).encode("utf-8")


def offboarding_csv(tasks: Sequence[PlannedTask]) -> bytes:
    """The offboarding checklist for a spreadsheet (same conventions as the comparison CSV)."""
    rows: list[list[Cell]] = [
        ["phase", "item", "details", "owner", "days_from_cutover", "due", "status"]
    ]
    for task in tasks:
        rows.append(
            [
                task.item.phase,
                task.item.title,
                task.item.detail,
                task.owner,
                task.days_from_cutover,
                task.due.isoformat() if task.due else "",
                task.status,
            ]
        )
    return csv_bytes(rows)
