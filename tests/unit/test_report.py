"""The board report as PDF: its figures are the CSV's, every name shows as text in a font that
covers it, the charts are vector graphics, and it fits two to six A4 pages."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from itexit.cli import main
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation
from itexit.exit.dates import next_deadline
from itexit.export import comparison_csv
from itexit.report import FONT_FILES, board_report, board_report_pdf
from itexit.store import Store
from itexit.words import long_date
from tests.hostile import hostile_evaluation

TODAY = date(2026, 11, 27)
GREEK = "Ελληνική Πληροφορική ΑΕ"
CYRILLIC = "Сибирские Системы ООО"


@cache
def demo_report() -> tuple[bytes, Evaluation]:
    evaluation = demo_evaluation()
    return board_report_pdf(evaluation, TODAY), evaluation


def text_of(pdf: bytes) -> str:
    """The PDF's text as pypdf reads it, every run of white space made one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def csv_rows(evaluation: Evaluation) -> dict[str, dict[str, str]]:
    """The comparison CSV's summary rows: level → provider name → cell."""
    written = comparison_csv(evaluation, today=TODAY).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(written)))
    names = rows[0][6:]
    return {row[0]: dict(zip(names, row[6:], strict=True)) for row in rows[1:] if not row[1]}


def fifty_providers() -> Evaluation:
    evaluation = demo_evaluation()
    scored = evaluation.ordered_providers[1]
    for number in range(len(evaluation.providers), 50):
        evaluation = evaluation.with_provider(f"Candidate {number:02d} Managed IT")
        evaluation = evaluation.with_scores(evaluation.providers[-1].id, scored.scores)
    return evaluation


# The figures are the CSV's -----------------------------------------------------------------------


def test_each_provider_s_rank_overall_and_coverage_in_the_report_are_the_csv_s() -> None:
    pdf, evaluation = demo_report()
    text = text_of(pdf)
    expected = csv_rows(evaluation)
    for provider in evaluation.providers:
        found = re.search(
            rf"{re.escape(provider.name)} (?:Current|Candidate) (\d+) ([\d.]+) (\d+)%", text
        )
        assert found is not None, provider.name
        rank, overall, coverage = found.groups()
        assert rank == expected["rank"][provider.name]
        assert Decimal(overall) == Decimal(expected["overall"][provider.name])
        assert Decimal(coverage) == Decimal(expected["coverage"][provider.name])
        assert len(overall.split(".")[1]) == 1  # to one decimal, as the Compare page shows it


def test_each_total_cost_in_the_report_is_the_csv_s_to_the_cent() -> None:
    pdf, evaluation = demo_report()
    text = text_of(pdf)
    totals = {name: cell for name, cell in csv_rows(evaluation)["total_cost"].items() if cell}
    assert len(totals) == 3
    for cell in totals.values():
        assert f"{evaluation.currency} {Decimal(cell):,.2f}" in text


def test_the_month_switching_pays_for_itself_is_in_the_report() -> None:
    text = text_of(demo_report()[0])
    assert re.search(r"Switch to Nimbus IT at the term's end \S+ [\d,.]+ \S+ [\d,.]+ month 7", text)


def test_the_notice_deadline_in_the_report_is_the_contract_s() -> None:
    pdf, evaluation = demo_report()
    assert evaluation.current is not None and evaluation.current.contract is not None
    deadline = next_deadline(evaluation.current.contract, TODAY)
    assert deadline is not None and deadline.notice_by is not None
    text = text_of(pdf)
    assert f"Last day to give notice: {long_date(deadline.notice_by)}" in text
    assert f"Contract ends (with notice): {long_date(deadline.term_end)}" in text


def test_the_report_gives_the_advice_with_its_reasons_and_their_sources() -> None:
    text = text_of(demo_report()[0])
    assert "Advice: Switch to Nimbus IT" in text
    assert "(From your must-haves.)" in text and "(From the Costs page.)" in text
    assert "What would change this advice" in text
    assert "Open questions that could change the outcome" in text
    assert "How these figures were made" in text


def test_the_report_says_it_is_not_legal_advice() -> None:
    assert "This report is not legal advice." in text_of(demo_report()[0])


# Names, fonts and charts -------------------------------------------------------------------------


def test_greek_and_cyrillic_names_show_as_text_in_a_font_that_covers_them() -> None:
    evaluation = demo_evaluation()
    first, second = evaluation.ordered_providers[:2]
    evaluation = evaluation.with_provider_renamed(first.id, GREEK)
    evaluation = evaluation.with_provider_renamed(second.id, CYRILLIC)
    pdf = board_report_pdf(evaluation, TODAY)
    text = text_of(pdf)
    assert GREEK in text and CYRILLIC in text
    embedded = embedded_fonts(pdf)
    assert embedded and all("DejaVuSans" in name for name in embedded)
    regular = next(cmap for name, cmap in embedded.items() if name.endswith("Book"))
    assert all(ord(char) in regular for char in GREEK + CYRILLIC)
    for file in FONT_FILES.values():  # the font shipped covers them, in bold too
        assert all(ord(char) in TTFont(file).getBestCmap() for char in GREEK + CYRILLIC)


def embedded_fonts(pdf: bytes) -> dict[str, set[int]]:
    """Each font the PDF's pages use: its name and the characters its embedded program maps
    (none for a font that is not embedded, such as the standard Helvetica)."""
    fonts: dict[str, set[int]] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for reference in page["/Resources"]["/Font"].values():  # type: ignore[index, union-attr]
            font = reference.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font.get("/FontDescriptor")
            )
            program = descriptor.get("/FontFile2") if descriptor else None
            cmap = (
                TTFont(io.BytesIO(program.get_object().get_data())).getBestCmap() if program else {}
            )
            fonts.setdefault(str(font["/BaseFont"]), set()).update(cmap)
    return fonts


def test_hostile_names_show_as_the_text_they_are() -> None:
    evaluation = hostile_evaluation()
    text = "".join(text_of(board_report_pdf(evaluation, TODAY)).split())
    for provider in evaluation.providers:
        assert "".join(provider.name.split()) in text, provider.name


def test_names_in_the_charts_are_text_never_mathematics_or_markup() -> None:
    evaluation = hostile_evaluation()
    report = board_report(evaluation, TODAY)
    for chart in (report.radar, report.gap):
        assert b"$zq-math$" in chart  # matplotlib would have set it as a formula
        assert b"&lt;img src=x onerror=alert(1)&gt;zq-html" in chart  # escaped as SVG text
        assert b"<text" in chart


def test_the_charts_are_vector_graphics_not_pictures() -> None:
    pdf, evaluation = demo_report()
    report = board_report(evaluation, TODAY)
    assert b"<svg" in report.radar and b"<svg" in report.gap
    assert not [image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]


@pytest.mark.parametrize("make", [demo_evaluation, fifty_providers], ids=["demo", "50 providers"])
def test_the_report_fits_two_to_six_a4_pages(make: type[Evaluation]) -> None:
    pages = PdfReader(io.BytesIO(board_report_pdf(make(), TODAY))).pages
    assert 2 <= len(pages) <= 6
    assert all(round(float(p.mediabox.width)) == 595 for p in pages)  # A4: 210 mm


def test_with_fifty_providers_the_report_lists_twelve_and_says_the_others_are_in_the_csv() -> None:
    evaluation = fifty_providers()
    text = text_of(board_report_pdf(evaluation, TODAY))
    assert "38 more providers rank lower" in text
    listed = re.findall(r"(?:Current|Candidate) (\d+) [\d.]+ \d+%", text)
    assert len(listed) == 12
    current = evaluation.current
    assert current is not None
    rank = csv_rows(evaluation)["rank"][current.name]
    assert int(rank) > 12, "the current provider ranks below the twelfth..."
    assert f"{current.name} Current {rank} " in text, "...and is listed all the same"


# The command ------------------------------------------------------------------------------------


def test_itexit_export_format_pdf_writes_the_board_report_weighing_the_imported_tickets(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(sqlite_url)
    store.create(demo_evaluation(), demo_ticket_set())
    store.dispose()
    output = tmp_path / "report.pdf"
    code = main(["export", "1", "--format", "pdf", "-o", str(output), "--database-url", sqlite_url])
    assert code == 0 and capsys.readouterr().err == f"Wrote {output}\n"
    assert output.read_bytes().startswith(b"%PDF-")
    text = text_of(output.read_bytes())
    assert "Advice: Switch to Nimbus IT" in text
    assert "SwiftNet IT handled tickets in time far less often than it promised" in text
    assert "(From the imported tickets.)" in text


def test_itexit_export_format_pdf_refuses_to_write_over_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "itexit.db"
    url = f"sqlite:///{database}"
    store = Store(url)
    store.create(demo_evaluation())
    store.dispose()
    before = database.read_bytes()
    code = main(["export", "1", "--format", "pdf", "-o", str(database), "--database-url", url])
    assert code == 1 and "is the database in use" in capsys.readouterr().err
    assert database.read_bytes() == before
