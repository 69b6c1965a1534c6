"""The board report: the decision as a PDF of a few A4 pages a partner reads in five minutes.

`board_report` gathers what the report says from the same view functions the app's pages use
(so every figure is the app's and the CSV's, rounded by `itexit.words`); `report_pdf` lays it
out with fpdf2, in DejaVu Sans (shipped with matplotlib; it covers Latin, Greek and Cyrillic),
with the radar and the gap chart drawn by matplotlib as SVG, so they stay vector graphics.
The choice of libraries and the report's contents are described in docs/report.md.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, cast

import matplotlib
import pandas as pd
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from itexit.compare.findings import alerts
from itexit.compare.scoring import Comparison, compare, ranked_providers
from itexit.compare.tables import comparison_table
from itexit.compare.views import RADAR_AT_FIRST
from itexit.cost.totals import options, switch_now_options
from itexit.cost.views import PAYBACK_COLUMN, cost_table, leaving_sentences, saving
from itexit.decide.decision import Shortfall
from itexit.decide.verdict import ADVICE_RULES
from itexit.decide.views import decide_view
from itexit.exit.views import contract_view
from itexit.export import writable
from itexit.style import CURRENT_COLOUR, TARGET_COLOUR, colours, short
from itexit.words import figure, long_date, money, plural

if TYPE_CHECKING:
    from itexit.evaluation import Evaluation, Provider

__all__ = [
    "FONT_FILES",
    "PDF_MIME",
    "PROVIDERS_SHOWN",
    "BoardReport",
    "Table",
    "board_report",
    "board_report_pdf",
    "gap_svg",
    "radar_svg",
    "report_pdf",
]

PDF_MIME = "application/pdf"
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_FILES = {"": _FONTS / "DejaVuSans.ttf", "B": _FONTS / "DejaVuSans-Bold.ttf"}
"""DejaVu Sans, as matplotlib ships it: Latin, Greek and Cyrillic, in the text and the charts."""
PROVIDERS_SHOWN = 12
"""The side-by-side table lists the best-ranked providers and the current one; the CSV has all."""
ALERTS_SHOWN = 14
QUESTIONS_SHOWN = 6
"""The report asks the questions that could move an overall most; the Decide page lists more."""
LEAVING_SHOWN = 4
_FONT = "DejaVu Sans"  # the name the charts' SVG text asks for, too
# Dates the views set in bold for the screen ("**1 March 2027**"); only a date, so no name
# that happens to hold asterisks is touched.
_BOLD_DATE = re.compile(r"\*\*(\d{1,2} [A-Z][a-z]+ \d{4})\*\*")
_VIEW_BOX = re.compile(rb'viewBox="0 0 ([\d.]+) ([\d.]+)"')
_SVG_METADATA = re.compile(rb"<metadata>.*?</metadata>", re.DOTALL)
NOT_LEGAL_ADVICE = (
    "This report is not legal advice. The notice deadline and the contract's dates are worked "
    "out from the contract terms as they were typed into ITexit: check them against the signed "
    "contract, and ask a lawyer before you rely on them to give notice or claim grounds."
)


@dataclass(frozen=True)
class Table:
    """A table as the report prints it: a header and rows of text, with relative widths."""

    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]
    widths: tuple[int, ...]
    note: str = ""
    """A line under the table (what was left out, and where to find it)."""


@dataclass(frozen=True)
class BoardReport:
    """What the board report says, section by section, every figure already in words."""

    title: str
    prepared: str
    advice: str
    reasons: list[str]
    would_change: list[str]
    robustness: str
    providers: Table
    radar: bytes
    gap: bytes
    charted: str
    costs: Table | None
    cost_sentences: list[str]
    deadline: list[str]
    alerts: list[str]
    questions: Table | None
    method: list[str]


def board_report(
    evaluation: Evaluation, today: date, shortfalls: Sequence[Shortfall] = ()
) -> BoardReport:
    """Everything the board report says about `evaluation` as of `today`, from the views."""
    comparison = compare(evaluation)
    decided = decide_view(evaluation, today, shortfalls)
    shown = _shown_providers(evaluation, comparison)
    charted = _charted(evaluation, comparison)
    advice = decided.verdict
    return BoardReport(
        title=f"Board report: {evaluation.name}",
        prepared=f"Prepared with ITexit on {long_date(today)}.",
        advice=advice.headline,
        reasons=[f"{r.text} (From {r.source}.)" for r in advice.reasons],
        would_change=advice.would_change,
        robustness=decided.robustness,
        providers=_providers_table(evaluation, comparison, shown),
        radar=radar_svg(evaluation, comparison, charted),
        gap=gap_svg(evaluation, comparison, charted),
        charted=_charted_sentence(charted),
        costs=_costs_table(evaluation, today, shown),
        cost_sentences=_cost_sentences(evaluation, today),
        deadline=_deadline(evaluation, today),
        alerts=_alerts(evaluation, comparison, shown),
        questions=_questions_table(decided.questions),
        method=_method(),
    )


def board_report_pdf(
    evaluation: Evaluation, today: date, shortfalls: Sequence[Shortfall] = ()
) -> bytes:
    """The board report of `evaluation` as of `today`, as PDF bytes."""
    return report_pdf(board_report(evaluation, today, shortfalls))


# What the report says -----------------------------------------------------------------------------


def _shown_providers(evaluation: Evaluation, comparison: Comparison) -> list[Provider]:
    """The best-ranked providers, and the current one wherever it ranks, in rank order."""
    ranked = ranked_providers(evaluation, comparison)
    shown = ranked[:PROVIDERS_SHOWN]
    current = evaluation.current
    if current is not None and current not in shown:
        shown = [*ranked[: PROVIDERS_SHOWN - 1], current]
    return shown


def _charted(evaluation: Evaluation, comparison: Comparison) -> list[Provider]:
    """The providers the charts show: as the Compare page's radar first shows them."""
    ranked = sorted(
        evaluation.ordered_providers, key=lambda p: (not p.current, comparison.rank[p.id])
    )
    return ranked[:RADAR_AT_FIRST]


def _charted_sentence(charted: list[Provider]) -> str:
    if not charted:
        return "The charts show no provider yet: add and score them first."
    names = ", ".join(_label(p) for p in charted)
    return f"The charts show {names} (the current provider and the best-ranked candidates)."


def _label(provider: Provider) -> str:
    return f"{provider.name} (current)" if provider.current else provider.name


def _fixed(value: float, decimals: int, suffix: str = "") -> str:
    """A figure to a fixed number of decimals, as the app's tables show it ('' if missing)."""
    number = figure(value, decimals)
    return "" if number is None else f"{number}{suffix}"


def _providers_table(
    evaluation: Evaluation, comparison: Comparison, shown: list[Provider]
) -> Table:
    """Rank, overall, coverage, verified share and must-haves of the providers shown."""
    table = comparison_table(evaluation, comparison)
    names = {p.name for p in shown}
    rows = [
        (
            row["Provider"],
            row["Role"],
            str(row["Rank"]),
            _fixed(row["Overall"], 1),
            _fixed(row["Coverage"], 0, "%"),
            _fixed(row["Verified"], 0, "%"),
            row["Must-haves"],
        )
        for _, row in table.iterrows()
        if row["Provider"] in names
    ]
    left = len(evaluation.providers) - len(shown)
    note = (
        f"{plural(left, 'more provider')} rank lower; the Compare page and the comparison CSV "
        "list every one."
        if left > 0
        else ""
    )
    return Table(
        ("Provider", "Role", "Rank", "Overall (0–100)", "Coverage", "Verified", "Must-haves"),
        rows,
        (34, 12, 7, 12, 11, 10, 14),
        note,
    )


def _costs_table(evaluation: Evaluation, today: date, shown: list[Provider]) -> Table | None:
    """Staying against switching to each candidate shown: the monthly price, the total over the
    horizon and the month switching pays for itself, as the Costs page has them."""
    ids = {p.id for p in shown}
    chosen = [o for o in options(evaluation, today) if o.stay or o.provider.id in ids]
    if not chosen:
        return None
    table = cost_table(evaluation, chosen)
    currency = evaluation.currency
    horizon = evaluation.business.horizon_months
    rows = [
        (
            row["Option"],
            money(Decimal(repr(row["Monthly price now"])), currency),
            money(Decimal(repr(row["Total"])), currency),
            _month(row[PAYBACK_COLUMN]),
        )
        for _, row in table.iterrows()
    ]
    return Table(
        ("Option", "Monthly price now", f"Total over {horizon} months", "Pays for itself"),
        rows,
        (40, 20, 24, 16),
        "Totals count the fees, the months until the switch, termination, overlap, one-off "
        "fees, your own time and expected downtime, as the Costs page shows them.",
    )


def _month(value: object) -> str:
    """The payback month as the Costs page words it: 'month 7', 'not within 36 months', ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value)
    return f"month {text}" if text.isdigit() else ("" if text == "—" else text)


def _cost_sentences(evaluation: Evaluation, today: date) -> list[str]:
    """The cheapest option, and how switching is planned (the first few sentences)."""
    default = options(evaluation, today)
    said = []
    found = saving(default, evaluation.currency, evaluation.business.horizon_months)
    if found is not None:
        said.append(f"{found.option} {found.sentence}" if found.option else found.sentence)
    early = switch_now_options(evaluation, today)
    said += leaving_sentences(evaluation, today, default, early)[:LEAVING_SHOWN]
    return [_unbold(s) for s in said]


def _deadline(evaluation: Evaluation, today: date) -> list[str]:
    """The current provider's notice deadline as the Contract page says it."""
    current = evaluation.current
    if current is None:
        return ["No provider is marked as the current one, so there is no notice deadline."]
    view = contract_view(evaluation, current.id, today)
    said = [f"{m.label}: {m.value}" + (f" ({m.delta})" if m.delta else "") for m in view.metrics]
    for text in (view.missing, view.over, view.ends, view.missed, view.near, view.notice_period):
        if text:
            said.append(_unbold(text))
    return said


def _unbold(text: str) -> str:
    return _BOLD_DATE.sub(r"\1", text)


def _alerts(evaluation: Evaluation, comparison: Comparison, shown: list[Provider]) -> list[str]:
    """Red flags and failed or unverified must-haves of the providers shown, as on Compare."""
    starts = tuple(s for p in shown for s in (f"Red flag at {p.name}: ", f"{p.name}: "))
    found = [line for line in alerts(evaluation, comparison) if line.startswith(starts)]
    if len(found) <= ALERTS_SHOWN:
        return found
    left = len(found) - ALERTS_SHOWN
    return [*found[:ALERTS_SHOWN], f"And {left} more on the Compare page."]


def _questions_table(questions: pd.DataFrame) -> Table | None:
    """The open questions that could change the outcome, as the Decide page lists them."""
    if questions.empty:
        return None
    rows = [
        (row["Ask"], row["About"], row["Question"], f"up to {_fixed(row.iloc[3], 1)} points")
        for _, row in questions.head(QUESTIONS_SHOWN).iterrows()
    ]
    left = len(questions) - QUESTIONS_SHOWN
    note = f"{plural(left, 'more question')} on the Decide page." if left > 0 else ""
    return Table(
        ("Ask", "About", "Question", "Could move its overall by"), rows, (20, 20, 44, 16), note
    )


def _method() -> list[str]:
    rules = ADVICE_RULES.replace("**", "")
    return [
        "Each criterion is rated 0–5, unknown or not applicable. An essential's score is the "
        "weighted average of its criteria rated 0–5; the overall (0–100) is 20 times the "
        "weighted average of the essential scores. Coverage is the share of the criteria that "
        "apply which have a 0–5 rating; verified is the share of ratings backed by proof seen. "
        "A provider failing a must-have ranks after every provider that passes; one with nothing "
        "scored ranks last.",
        "Figures are rounded once, half away from zero, exactly as the app and the comparison "
        "CSV show them. Money counts every cost over the horizon set on the Costs page.",
        rules,
        "The rules in full are in ITexit itself: each page explains its figures (Decide: how the "
        "advice is worked out; Costs: what each total holds; Contract & deadlines: how the "
        "notice deadline is counted), and ITexit's documentation gives every rule with a worked "
        "example.",
    ]


# Charts -------------------------------------------------------------------------------------------


# matplotlib's settings are global, and downloads are built on threads of their own: one lock
# keeps two reports built at once from drawing with each other's settings.
_DRAWING = threading.Lock()


@contextmanager
def _chart_style() -> Iterator[None]:
    """How the report's charts are drawn, whatever matplotlib's settings elsewhere."""
    with (
        _DRAWING,
        matplotlib.rc_context(
            {
                "text.parse_math": False,  # a name holding "$...$" is text, not mathematics
                "font.family": "DejaVu Sans",
                "font.size": 9,
                "svg.fonttype": "none",  # text stays text, in the font the PDF embeds
                "svg.hashsalt": "itexit",  # the same SVG for the same figure
            }
        ),
    ):
        yield


def radar_svg(evaluation: Evaluation, comparison: Comparison, shown: Sequence[Provider]) -> bytes:
    """The essential scores of `shown` on a 0–5 radar, the targets as a dashed outline."""
    essentials = evaluation.checklist.essentials
    angles = [2 * math.pi * i / len(essentials) for i in range(len(essentials))]
    closed = [*angles, angles[0]]
    with _chart_style():
        chart = Figure(figsize=(7.0, 4.4))
        axes = cast(PolarAxes, chart.add_subplot(projection="polar"))
        axes.set_theta_offset(math.pi / 2)
        axes.set_theta_direction(-1)
        axes.set_ylim(0, 5)
        axes.set_xticks(angles, [short(e.name, 28) for e in essentials])
        targets = [evaluation.targets[e.id] for e in essentials]
        axes.plot(closed, [*targets, targets[0]], "--", color=TARGET_COLOUR, label="Target")
        palette = colours(evaluation)
        for provider in shown:
            scores = comparison.essential_scores[provider.id].tolist()
            axes.plot(
                closed,
                [*scores, scores[0]],
                marker="o",
                markersize=4 if provider.current else 3,
                linewidth=2.5 if provider.current else 1.3,
                color=palette[provider.id],
                label=short(_label(provider), 40),
            )
        axes.legend(loc="upper left", bbox_to_anchor=(1.12, 1.0), frameon=False)
        chart.subplots_adjust(left=0.16, right=0.6, top=0.9, bottom=0.1)
        return _svg(chart)


def gap_svg(evaluation: Evaluation, comparison: Comparison, shown: Sequence[Provider]) -> bytes:
    """Per essential: the target, the current provider's shortfall, and the candidates shown."""
    essentials = evaluation.checklist.essentials
    rows = list(range(len(essentials)))
    targets = [evaluation.targets[e.id] for e in essentials]
    palette = colours(evaluation)
    with _chart_style():
        chart = Figure(figsize=(7.0, 0.45 * len(essentials) + 1.4))
        axes = chart.add_subplot()
        current = evaluation.current
        if current is not None:
            scores = comparison.essential_scores[current.id].tolist()
            for row, score, target in zip(rows, scores, targets, strict=True):
                if not math.isnan(score) and score < target:
                    axes.plot([score, target], [row, row], color=CURRENT_COLOUR, alpha=0.3, lw=7)
        axes.scatter(targets, rows, marker="|", s=220, color=TARGET_COLOUR, label="Target")
        for provider in sorted(shown, key=lambda p: p.current):
            axes.scatter(
                comparison.essential_scores[provider.id].tolist(),
                rows,
                marker="D" if provider.current else "o",
                s=40 if provider.current else 22,
                color=palette[provider.id],
                label=short(_label(provider), 40),
                zorder=3,
            )
        axes.set_yticks(rows, [short(e.name, 34) for e in essentials])
        axes.invert_yaxis()
        axes.set_xlim(0, 5.2)
        axes.set_xlabel("Score (0–5)")
        axes.grid(axis="x", color="#DDDDDD")
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        chart.subplots_adjust(left=0.3, right=0.7, top=0.95, bottom=0.2)
        return _svg(chart)


def _svg(chart: Figure) -> bytes:
    buffer = io.BytesIO()
    chart.savefig(buffer, format="svg", metadata={"Date": None})
    # fpdf2 reads no <metadata> (it would log that it skips it); the chart needs none.
    return _SVG_METADATA.sub(b"", buffer.getvalue())


# The PDF ----------------------------------------------------------------------------------------

_INK = (33, 33, 33)
_GREY = (90, 90, 90)
_LINE = 4.6
"""The height of a line of body text, in millimetres."""


class _Pages(FPDF):
    """A4 pages in DejaVu Sans with the report's title and page number at the foot."""

    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.report_title = title
        self.set_margins(16, 14, 16)
        self.set_auto_page_break(True, margin=16)
        for style, file in FONT_FILES.items():
            self.add_font(_FONT, style=style, fname=str(file))
        self.set_font(_FONT, size=9.5)
        self.set_text_color(*_INK)
        self.set_title(title)
        self.set_creator("ITexit")

    def footer(self) -> None:
        self.set_y(-11)
        self.set_font(_FONT, size=7.5)
        self.set_text_color(*_GREY)
        self.cell(0, 4, short(self.report_title, 90), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(*_INK)


def report_pdf(report: BoardReport) -> bytes:
    """The board report laid out on A4 pages: text, tables and the two charts as vector art."""
    pdf = _Pages(writable(report.title))
    pdf.add_page()
    pdf.set_font(_FONT, "B", 15)
    _text(pdf, report.title, 7)
    pdf.set_font(_FONT, size=8.5)
    pdf.set_text_color(*_GREY)
    _text(pdf, f"{report.prepared} {NOT_LEGAL_ADVICE}", 4)
    pdf.set_text_color(*_INK)
    _advice(pdf, report)
    _heading(pdf, "The providers side by side")
    if report.providers.rows:
        _table(pdf, report.providers)
    else:
        _text(pdf, "No providers yet: add them on the Providers page.")
    _charts(pdf, report)
    _heading(pdf, "Staying against switching")
    if report.costs is not None:
        _table(pdf, report.costs)
    else:
        _text(pdf, "No prices are entered yet: enter them on the Costs page to compare costs.")
    _bullets(pdf, report.cost_sentences)
    _heading(pdf, "The notice deadline")
    _bullets(pdf, report.deadline)
    _heading(pdf, "Red flags and must-haves")
    _bullets(pdf, report.alerts or ["No red flag, and no must-have failed or unverified."])
    _heading(pdf, "Open questions that could change the outcome")
    if report.questions is not None:
        _table(pdf, report.questions)
    else:
        _text(pdf, "Every question that counts is answered for the leading providers.")
    _heading(pdf, "How these figures were made")
    pdf.set_font(_FONT, size=8.5)
    for paragraph in report.method:
        _text(pdf, paragraph, 4)
        pdf.ln(1)
    return bytes(pdf.output())


def _advice(pdf: FPDF, report: BoardReport) -> None:
    _heading(pdf, f"Advice: {report.advice}")
    _bullets(pdf, report.reasons)
    if report.would_change:
        pdf.set_font(_FONT, "B", 9.5)
        _text(pdf, "What would change this advice")
        pdf.set_font(_FONT, size=9.5)
        _bullets(pdf, report.would_change)
    if not any(report.robustness in reason for reason in report.reasons):
        pdf.set_font(_FONT, "B", 9.5)
        _text(pdf, "How sure the ranking is")
        pdf.set_font(_FONT, size=9.5)
        _text(pdf, report.robustness)


def _charts(pdf: FPDF, report: BoardReport) -> None:
    """The two charts, each on the page where it fits whole, its heading with it."""
    for title, chart, width in (
        ("Where each provider stands against your targets", report.gap, pdf.epw),
        ("The essentials at a glance", report.radar, pdf.epw * 0.9),
    ):
        height = width * _aspect(chart)
        if pdf.will_page_break(height + 16):
            pdf.add_page()
        _heading(pdf, title)
        pdf.image(io.BytesIO(chart), w=width, h=height)
    pdf.set_font(_FONT, size=8.5)
    _text(pdf, report.charted, 4)


def _aspect(svg: bytes) -> float:
    """Height over width of a chart, from its SVG's viewBox."""
    box = _VIEW_BOX.search(svg)
    return float(box[2]) / float(box[1]) if box else 0.6


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.will_page_break(22):
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(_FONT, "B", 12)
    _text(pdf, text, 6)
    pdf.set_font(_FONT, size=9.5)


def _text(pdf: FPDF, text: str, height: float = _LINE) -> None:
    pdf.multi_cell(0, height, writable(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _bullets(pdf: FPDF, lines: Sequence[str]) -> None:
    for line in lines:
        pdf.cell(5, _LINE, "•")
        pdf.multi_cell(0, _LINE, writable(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font(_FONT, size=8)
    with pdf.table(
        col_widths=table.widths,
        line_height=4,
        padding=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=(238, 238, 238)),
        borders_layout="HORIZONTAL_LINES",
        text_align="LEFT",
    ) as printed:
        for row in (table.header, *table.rows):
            cells = printed.row()
            for text in row:
                cells.cell(writable(text))
    if table.note:
        pdf.set_text_color(*_GREY)
        _text(pdf, table.note, 4)
        pdf.set_text_color(*_INK)
    pdf.set_font(_FONT, size=9.5)
