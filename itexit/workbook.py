"""The comparison as an Excel workbook: the advice, the providers side by side, every criterion,
costs, service levels and deadlines, each on its own sheet (docs/formats.md, "The comparison
workbook").

Every figure is the one the pages and the comparison CSV show, rounded once by
`itexit.words.figure` and stored as a number, so a spreadsheet can sort and sum it. Every text
is stored as text, never as a formula, whatever it holds: a name such as "=HYPERLINK(...)"
stays the words typed in Excel and in LibreOffice.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from itexit.compare.findings import summary_sentences
from itexit.compare.scoring import compare
from itexit.compare.tables import comparison_table, role
from itexit.cost.totals import options
from itexit.cost.views import cost_table
from itexit.decide.views import decide_view
from itexit.exit.dates import ends_after_notice, next_deadline
from itexit.export import CSV_COLUMNS, comparison_rows, printable, writable
from itexit.types import PRIORITIES
from itexit.words import figure, long_date

if TYPE_CHECKING:
    from itexit.decide.decision import Shortfall
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "WORKBOOK_FORMAT",
    "WORKBOOK_VERSION",
    "XLSX_MIME",
    "comparison_xlsx",
]

WORKBOOK_FORMAT = "itexit-comparison-workbook"
WORKBOOK_VERSION = 1
"""The workbook format version written in its hidden "about" sheet (docs/formats.md)."""
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Value = str | int | float | date | None
"""What one cell of the workbook holds: text, a number already rounded, a date, or nothing."""

SCORE = "0.00"
OVERALL = "0.0"
PERCENT = '0"%"'
WHOLE = "0"
MONEY = "#,##0.00"
GENERAL = "General"  # "0.##" would show 8 hours as "8."; the figure is already rounded
DAY = "d mmm yyyy"
_WIDEST = 60
_CELL_MAX = 32_767
"""Excel holds no more characters in one cell (it would offer to "repair" the file)."""
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Sheet:
    """One sheet as it is written: its title, header, rows, and a number format per column."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Value]]
    formats: dict[int, str]
    """Column index (0-based) → Excel number format."""
    frozen: str = "B2"
    """The first cell that scrolls: headers (and the first column) stay in view."""
    row_formats: dict[int, str] = field(default_factory=dict)
    """Row index (0-based, after the header) → the number format of its cells from
    `row_formats_from` on (the criteria sheet formats each level of row its own way)."""
    row_formats_from: int = 0


def comparison_xlsx(
    evaluation: Evaluation, today: date, shortfalls: Sequence[Shortfall] | None = None
) -> bytes:
    """The comparison workbook (.xlsx) as the Compare page downloads it, as of `today`, the
    advice weighing the service `shortfalls` as the Decide page does (None: no tickets)."""
    sheets = [
        summary_sheet(evaluation, today, shortfalls or ()),
        side_by_side_sheet(evaluation),
        criteria_sheet(evaluation, today),
        costs_sheet(evaluation, today),
        service_sheet(evaluation),
        deadlines_sheet(evaluation, today),
    ]
    book = Workbook()
    book.remove(book.worksheets[0])
    for sheet in sheets:
        _write(book.create_sheet(sheet.title), sheet)
        printable(book[sheet.title])
    _about(book.create_sheet("about"), evaluation, today)
    book.properties.title = writable(evaluation.name)[:255]
    book.properties.subject = f"{WORKBOOK_FORMAT} {WORKBOOK_VERSION}"
    book.properties.creator = "ITexit"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def summary_sheet(
    evaluation: Evaluation, today: date, shortfalls: Sequence[Shortfall] = ()
) -> Sheet:
    """The advice, its reasons, what would change it, how sure it is, the findings."""
    view = decide_view(evaluation, today, shortfalls)
    comparison = compare(evaluation)
    advice = view.verdict
    rows: list[Sequence[Value]] = [
        ["Evaluation", evaluation.name],
        ["As of", today],
        ["Advice", advice.headline],
        *(["Reason", str(reason)] for reason in advice.reasons),
        *(["Would change the advice", text] for text in advice.would_change),
        ["How sure", view.robustness],
        *(["Finding", text] for text in summary_sentences(evaluation, comparison)),
        *(
            ["Ask " + str(row["Ask"]), f"{row['About']}: {row['Question']}"]
            for row in view.questions.to_dict("records")
        ),
    ]
    return Sheet("Summary", ["Item", "Detail"], rows, {}, frozen="A2")


def side_by_side_sheet(evaluation: Evaluation) -> Sheet:
    """The Compare page's side-by-side table: rank, overall, coverage, verified, must-haves
    and each essential's score, best rank first."""
    comparison = compare(evaluation)
    table = comparison_table(evaluation, comparison)
    essentials = [e.name for e in evaluation.checklist.essentials]
    header = ["Provider", "Role", "Rank", "Overall (0–100)", "Coverage", "Verified", "Must-haves"]
    rows = []
    for record in table.itertuples(index=False):
        values = list(record)
        scores = [_rounded(v, 2) for v in values[7:]]
        figures = [_whole(values[2]), *map(_number, values[3:6])]
        rows.append([*values[:2], *figures, values[6], *scores])
    formats = {2: WHOLE, 3: OVERALL, 4: PERCENT, 5: PERCENT}
    formats |= {7 + n: SCORE for n in range(len(essentials))}
    return Sheet("Side by side", [*header, *essentials], rows, formats)


def criteria_sheet(evaluation: Evaluation, today: date) -> Sheet:
    """The comparison CSV's rows, numbers as numbers: every criterion with its sources and each
    provider's rating, then the essential scores, overall, rank, coverage, must-haves and costs."""
    header, *rows = comparison_rows(evaluation, compare(evaluation), today)
    fixed = len(CSV_COLUMNS)
    formats_by_level = {
        "criterion": WHOLE,
        "essential": SCORE,
        "overall": OVERALL,
        "rank": WHOLE,
        "coverage": PERCENT,
        "monthly_cost": MONEY,
        "total_cost": MONEY,
    }
    shown: list[list[Value]] = []
    row_formats = {}
    for number, row in enumerate(rows):
        level = str(row[0])
        numeric = level in formats_by_level
        cells: list[Value] = list(row[:2])
        cells.append(_as_number(row[2]) if level == "total_cost" else row[2])
        cells += [_as_number(row[3]), _as_number(row[4]), row[5]]
        cells += [_as_number(c) if numeric else c for c in row[fixed:]]
        shown.append(cells)
        if numeric:
            row_formats[number] = formats_by_level[level]
    names = [str(c) for c in header]
    return Sheet(
        "Every criterion",
        names,
        shown,
        {3: GENERAL, 4: GENERAL},  # weights and targets, as the CSV writes them
        frozen="D2",
        row_formats=row_formats,
        row_formats_from=fixed,
    )


def costs_sheet(evaluation: Evaluation, today: date) -> Sheet:
    """The Costs page's table: per option, the monthly price now, each part of the total over
    the horizon, the total (to the cent) and the month switching pays for itself."""
    table: pd.DataFrame = cost_table(evaluation, options(evaluation, today))
    currency = evaluation.currency
    header, formats = [], {}
    for number, column in enumerate(table.columns):
        money = column not in ("Option", table.columns[-1])
        header.append(f"{column} ({currency})" if money else str(column))
        if money:
            formats[number] = MONEY
    formats[len(header) - 1] = WHOLE
    rows = [
        [values[0], *(_rounded(v, 2) for v in values[1:-1]), _whole(values[-1])]
        for values in table.itertuples(index=False)
    ]
    header[0] = f"Option (over {evaluation.business.horizon_months} months)"
    return Sheet("Costs", header, rows, formats)


def service_sheet(evaluation: Evaluation) -> Sheet:
    """What each provider promises: uptime, hours to respond and resolve per priority and how
    they are counted, and the service credits."""
    header = ["Provider", "Role", "Uptime (%)"]
    for priority in PRIORITIES:
        header += [f"{priority} respond (h)", f"{priority} resolve (h)", f"{priority} counted"]
    header.append("Service credits")
    rows: list[list[Value]] = []
    for provider in evaluation.ordered_providers:
        rows.append([provider.name, role(provider), *_promises(provider)])
    formats = {2: "0.0##"} | {3 + 3 * n + k: GENERAL for n in range(3) for k in (0, 1)}
    return Sheet("Service levels", header, rows, formats)


def _promises(provider: Provider) -> list[Value]:
    promised = provider.service
    if promised is None:
        return [*(None for _ in range(1 + 3 * len(PRIORITIES))), "not entered"]
    cells: list[Value] = [_rounded(promised.uptime, 3)]
    for priority in PRIORITIES:
        cells += [
            _rounded(promised.response_hours.get(priority), 2),
            _rounded(promised.resolution_hours.get(priority), 2),
            promised.clock(priority),
        ]
    return [*cells, promised.credits]


def deadlines_sheet(evaluation: Evaluation, today: date) -> Sheet:
    """Each provider's contract: the last day to give notice, the days left, when it ends with
    notice, when it renews without, the notice period and the fees."""
    currency = evaluation.currency
    header = [
        "Provider",
        "Role",
        "Where it stands",
        "Last day to give notice",
        "Days left",
        "Ends (with notice)",
        "Renews (without notice) on",
        "Notice period",
        f"Monthly fee in the contract ({currency})",
        f"Early-termination fee ({currency})",
    ]
    given = evaluation.exit.notice_date
    rows = [
        [p.name, role(p), *_deadline(p, today, given if p.current else None)]
        for p in evaluation.ordered_providers
    ]
    formats = {3: DAY, 4: WHOLE, 5: DAY, 6: DAY, 8: MONEY, 9: MONEY}
    return Sheet("Deadlines", header, rows, formats)


def _deadline(provider: Provider, today: date, given: date | None) -> list[Value]:
    """Where the contract stands, as the Contract page says it: notice given (on the
    Offboarding page) and when that ends it, else the next deadline."""
    contract = provider.contract
    if contract is None:
        return ["no contract recorded", None, None, None, None, None, None, None]
    deadline = next_deadline(contract, today)
    fees: list[Value] = [_rounded(contract.monthly_fee, 2), _rounded(contract.termination_fee, 2)]
    if deadline is None:
        return ["the term is over; it does not renew", None, None, None, None, None, *fees]
    if deadline.notice_by is None:
        ends = deadline.term_end
        return ["ends on its date; does not renew", None, None, ends, None, None, *fees]
    if given is not None and (end := ends_after_notice(contract, given)) is not None:
        said = f"notice given on {long_date(given)}"
        return [said, None, None, end, None, contract.notice_words, *fees]
    return [
        "renews unless notice is given in time",
        deadline.notice_by,
        deadline.days_left,
        deadline.term_end,
        deadline.renewal,
        contract.notice_words,
        *fees,
    ]


def _about(sheet: Worksheet, evaluation: Evaluation, today: date) -> None:
    """The hidden sheet that says what the file is: its format, version and checklist."""
    rows: list[list[Value]] = [
        ["format", WORKBOOK_FORMAT],
        ["version", WORKBOOK_VERSION],
        ["checklist", evaluation.checklist.version],
        ["as_of", today.isoformat()],
    ]
    for number, row in enumerate(rows, start=1):
        _append(sheet, number, row)
    sheet.sheet_state = "hidden"


def _write(sheet: Worksheet, given: Sheet) -> None:
    """Header in bold, frozen; rows as given; number formats; widths fitted to the text."""
    _append(sheet, 1, given.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(given.rows, start=2):
        _append(sheet, number, row)
    for column, number_format in given.formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
            cell.number_format = number_format
    for index, number_format in given.row_formats.items():
        line = sheet.iter_rows(
            min_row=index + 2, max_row=index + 2, min_col=given.row_formats_from + 1
        )
        for cell in next(line):
            cell.number_format = number_format
    sheet.freeze_panes = given.frozen
    for column, width in enumerate(_widths(given), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    if given.title == "Summary":
        for (cell,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _append(sheet: Worksheet, row: int, values: Iterable[Value]) -> None:
    """One row; text is written as text (data type "s"), so nothing typed is a formula."""
    for column, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            cell.value = writable(value)[:_CELL_MAX]
            cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; this is text
        else:
            cell.value = value
            if isinstance(value, date):
                cell.number_format = DAY


def _widths(sheet: Sheet) -> list[float]:
    """Each column as wide as its longest line (header words or a value), within limits."""
    columns = max([len(sheet.header), *(len(r) for r in sheet.rows)])
    widths = []
    for column in range(columns):
        texts = [sheet.header[column]] if column < len(sheet.header) else []
        texts += [_text(r[column]) for r in sheet.rows if column < len(r)]
        longest = max((len(line) for t in texts for line in t.split("\n")), default=8)
        limit = 100 if sheet.title == "Summary" and column == 1 else _WIDEST
        widths.append(float(min(max(longest + 2, 8), limit)))
    return widths


def _text(value: Value) -> str:
    if isinstance(value, date):
        return "00 Mmm 0000"  # a date as DAY shows it: 11 characters at most
    if isinstance(value, float):
        return f"{value:,.2f}"
    return "" if value is None else str(value)


def _rounded(value: float | Decimal | None, decimals: int) -> float | None:
    """A figure rounded by the one rule, stored as a number (None when missing)."""
    number = figure(value, decimals)
    return None if number is None else float(number)


def _number(value: object) -> float | None:
    """A figure a view has already rounded, as a number (None for NaN)."""
    return None if value is None or value != value else float(str(value))


def _whole(value: object) -> int | str | None:
    """A whole number as a number; a figure the page writes in words ('—', 'not within 36
    months') as that text."""
    if value is None or value != value:
        return None
    text = str(value).split(".")[0]
    return int(text) if text.isdigit() else str(value)


def _as_number(cell: object) -> Value:
    """A CSV cell as the workbook stores it: a figure as a number, other text as it is."""
    if not isinstance(cell, str) or not _NUMBER.fullmatch(cell):
        return cell if isinstance(cell, (str, int, float)) else None
    number = Decimal(cell)
    return int(number) if number == number.to_integral_value() and "." not in cell else float(cell)
