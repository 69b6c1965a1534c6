"""The comparison workbook: the figures the pages and the CSV show, as numbers; text as text."""

from __future__ import annotations

import csv
import io
import math
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from itexit.checklist import Checklist
from itexit.cli import main
from itexit.compare.scoring import compare
from itexit.compare.tables import comparison_table
from itexit.decide.delivery import shortfalls_of
from itexit.decide.views import decide_view
from itexit.demo import demo_evaluation, demo_ticket_set
from itexit.evaluation import Evaluation
from itexit.exit.views import contract_view
from itexit.export import comparison_csv
from itexit.store import Store
from itexit.workbook import (
    WORKBOOK_FORMAT,
    WORKBOOK_VERSION,
    _append,
    comparison_xlsx,
)
from tests.hostile import hostile_evaluation

TODAY = date(2026, 11, 2)
HOSTILE_NAMES = (
    '=HYPERLINK("https://example.invalid/zq","zq-link")',
    "+SUM(1,2) zq-plus",
    "-1+2 zq-minus",
    "@SUM(A1:A2) zq-at",
    "=1+1",
)
"""Names a spreadsheet would run as formulas if they were written as formulas."""


def _csv(evaluation: Evaluation) -> list[list[str]]:
    text = comparison_csv(evaluation, today=TODAY).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def _sheets(data: bytes) -> dict[str, pd.DataFrame]:
    """Every sheet as pandas reads it, text as written ("n/a" stays "n/a"; empty is "")."""
    return pd.read_excel(
        io.BytesIO(data), sheet_name=None, engine="openpyxl", dtype=object, keep_default_na=False
    )


@pytest.fixture(scope="module")
def demo() -> Evaluation:
    return demo_evaluation()


@pytest.fixture(scope="module")
def demo_book(demo: Evaluation) -> bytes:
    return comparison_xlsx(demo, TODAY)


def _same(csv_cell: str, workbook_cell: object) -> bool:
    """A CSV cell and the workbook's cell hold the same figure (or the same text)."""
    if csv_cell == "":
        return workbook_cell in (None, "") or (
            isinstance(workbook_cell, float) and math.isnan(workbook_cell)
        )
    if re.fullmatch(r"-?\d+(\.\d+)?", csv_cell):
        return isinstance(workbook_cell, int | float) and float(csv_cell) == workbook_cell
    return csv_cell == workbook_cell


def test_every_criterion_sheet_holds_the_csvs_rows_with_figures_as_numbers(
    demo: Evaluation, demo_book: bytes
) -> None:
    rows = _csv(demo)
    sheet = _sheets(demo_book)["Every criterion"]
    assert list(sheet.columns) == rows[0]
    assert len(sheet) == len(rows) - 1
    for csv_row, sheet_row in zip(rows[1:], sheet.itertuples(index=False), strict=True):
        for csv_cell, cell in zip(csv_row, sheet_row, strict=True):
            assert _same(csv_cell, cell), (csv_row[:3], csv_cell, cell)
    levels = {row[0] for row in rows[1:]}
    assert {"criterion", "essential", "overall", "rank", "coverage", "total_cost"} <= levels


def test_the_figures_are_stored_as_numbers_not_text(demo_book: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(demo_book))
    sheet = book["Every criterion"]
    by_level = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    overall = by_level["overall"][6]
    assert overall.data_type == "n" and overall.number_format == "0.0"
    total = by_level["total_cost"][6]
    assert total.data_type == "n" and total.number_format == "#,##0.00"


def test_the_side_by_side_sheet_equals_the_compare_page_and_the_csv(
    demo: Evaluation, demo_book: bytes
) -> None:
    page = comparison_table(demo, compare(demo))
    sheet = _sheets(demo_book)["Side by side"]
    assert list(sheet["Provider"]) == list(page["Provider"])
    assert list(sheet["Rank"]) == list(page["Rank"])
    assert list(sheet["Overall (0–100)"]) == list(page["Overall"])
    assert list(sheet["Coverage"]) == list(page["Coverage"])
    rows = {row[0]: row[6:] for row in _csv(demo)}
    names = _csv(demo)[0][6:]
    overall = dict(zip(names, rows["overall"], strict=True))
    coverage = dict(zip(names, rows["coverage"], strict=True))
    rank = dict(zip(names, rows["rank"], strict=True))
    for record in sheet.to_dict("records"):
        name = record["Provider"]
        assert _same(overall[name], record["Overall (0–100)"])
        assert _same(coverage[name], record["Coverage"])
        assert _same(rank[name], record["Rank"])
    essential = demo.checklist.essentials[0]
    scores = {r[1]: r[6:] for r in _csv(demo) if r[0] == "essential"}[essential.name]
    for record in sheet.to_dict("records"):
        assert _same(scores[names.index(record["Provider"])], record[essential.name])


def test_the_costs_sheet_totals_equal_the_csvs_total_cost(
    demo: Evaluation, demo_book: bytes
) -> None:
    rows = _csv(demo)
    totals = dict(zip(rows[0][6:], next(r for r in rows if r[0] == "total_cost")[6:], strict=True))
    sheet = _sheets(demo_book)["Costs"]
    by_option = dict(zip(sheet.iloc[:, 0], sheet["Total (USD)"], strict=True))
    for name, total in totals.items():
        if total:
            option = next(o for o in by_option if o.endswith(name) or f" {name} " in o)
            assert _same(total, by_option[option]), name
    assert len(by_option) == sum(1 for t in totals.values() if t)


def test_the_advice_is_the_decide_pages_with_the_same_tickets(demo: Evaluation) -> None:
    shortfalls = shortfalls_of(demo, demo_ticket_set(TODAY))
    data = comparison_xlsx(demo, TODAY, shortfalls)
    summary = _sheets(data)["Summary"]
    advice = summary.loc[summary["Item"] == "Advice", "Detail"].item()
    assert advice == decide_view(demo, TODAY, shortfalls).verdict.headline
    assert shortfalls_of(demo, None) == ()


def test_service_levels_and_deadlines_show_each_providers_promises_and_dates(
    demo: Evaluation, demo_book: bytes
) -> None:
    sheets = _sheets(demo_book)
    service = sheets["Service levels"]
    assert list(service["Provider"]) == [p.name for p in demo.ordered_providers]
    current = demo.current
    assert current is not None and current.service is not None
    assert service["Uptime (%)"][0] == float(current.service.uptime or 0)
    deadlines = openpyxl.load_workbook(io.BytesIO(demo_book))["Deadlines"]
    notice = deadlines.cell(row=2, column=4)
    assert isinstance(notice.value, date) and notice.number_format == "d mmm yyyy"


def test_notice_given_shows_when_it_ends_the_contract_as_the_contract_page_says(
    demo: Evaluation,
) -> None:
    current = demo.current
    assert current is not None and current.contract is not None
    given = date(2026, 11, 20)
    evaluation = demo.with_move_dates(notice=given, new_provider_start=None, cutover=None)
    sheet = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(evaluation, TODAY)))["Deadlines"]
    row = [cell.value for cell in sheet[2]]
    assert row[2] == "notice given on 20 November 2026" and row[3] is None
    ends = contract_view(evaluation, current.id, TODAY).metrics[1].value
    assert f"{row[5]:%-d %B %Y}" == ends


def test_the_workbook_says_its_format_and_version_on_a_hidden_sheet(demo_book: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(demo_book))
    about = book["about"]
    assert about.sheet_state == "hidden"
    facts = {row[0].value: row[1].value for row in about.iter_rows()}
    assert facts["format"] == WORKBOOK_FORMAT and facts["version"] == WORKBOOK_VERSION
    assert book.sheetnames[0] == "Summary"


def test_headers_stay_in_view_and_columns_fit_their_text(demo_book: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(demo_book))
    for sheet in book.worksheets[:-1]:
        assert sheet.freeze_panes in {"A2", "B2", "D2"}, sheet.title
        assert sheet["A1"].font.bold
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and all(8 <= w <= 100 for w in widths), sheet.title
    assert book["Side by side"].column_dimensions["A"].width >= len("Castle Managed Services")


@pytest.mark.parametrize("providers", [(), ("Oldco IT",), ("Oldco IT", "Nimbus IT")])
def test_an_evaluation_with_nothing_scored_or_priced_gives_empty_figures_not_an_error(
    checklist: Checklist, providers: tuple[str, ...]
) -> None:
    evaluation = Evaluation.new("Acme review", checklist)
    for number, name in enumerate(providers):
        evaluation = evaluation.with_provider(name, current=number == 0)
    sheets = _sheets(comparison_xlsx(evaluation, TODAY))
    side_by_side = sheets["Side by side"]
    assert list(side_by_side["Provider"]) == list(providers)
    assert set(side_by_side["Overall (0–100)"]) <= {""}
    assert sheets["Costs"].empty
    advice = sheets["Summary"].set_index("Item")["Detail"]["Advice"]
    assert advice == decide_view(evaluation, TODAY).verdict.headline


def _hostile() -> Evaluation:
    evaluation = hostile_evaluation().renamed(HOSTILE_NAMES[0])
    for name in HOSTILE_NAMES:
        evaluation = evaluation.with_provider(name)
    return evaluation


def _formula_cells(data: bytes) -> list[str]:
    """Every formula element in the saved XML of every sheet."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [
            name
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
            and re.search(rb"<(\w+:)?f[ >/]", archive.read(name))
        ]


def _texts(book: openpyxl.Workbook) -> set[str]:
    return {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def test_names_that_look_like_formulas_stay_text_in_every_sheet() -> None:
    evaluation = _hostile()
    data = comparison_xlsx(evaluation, TODAY)
    assert _formula_cells(data) == []
    book = openpyxl.load_workbook(io.BytesIO(data))
    types = {cell.data_type for s in book.worksheets for row in s.iter_rows() for cell in row}
    assert "f" not in types
    assert set(HOSTILE_NAMES) <= _texts(book)
    assert {p.name for p in evaluation.providers} <= _texts(book)


def test_the_formula_check_finds_a_formula_when_there_is_one() -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "=1+1"  # openpyxl's own reading of a leading "=": a formula
    buffer = io.BytesIO()
    book.save(buffer)
    assert _formula_cells(buffer.getvalue()) == ["xl/worksheets/sheet1.xml"]


def test_a_text_longer_than_a_cell_holds_is_cut_at_excels_limit() -> None:
    sheet = openpyxl.Workbook().worksheets[0]
    _append(sheet, 1, ["x" * 40_000, "=short"])
    assert len(sheet["A1"].value) == 32_767
    assert (sheet["B1"].value, sheet["B1"].data_type) == ("=short", "s")


@pytest.mark.slow
def test_libreoffice_reads_and_resaves_hostile_names_as_text(soffice: str, tmp_path: Path) -> None:
    source = tmp_path / "hostile.xlsx"
    source.write_bytes(comparison_xlsx(_hostile(), TODAY))
    out = tmp_path / "out"
    profile = (tmp_path / "profile").as_uri()  # its own profile: runs in parallel safely
    for target in ("xlsx", "csv"):
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    resaved = (out / "hostile.xlsx").read_bytes()
    assert _formula_cells(resaved) == []
    book = openpyxl.load_workbook(io.BytesIO(resaved))
    assert set(HOSTILE_NAMES) <= _texts(book)
    summary = (out / "hostile.csv").read_text(encoding="utf-8", errors="replace")
    assert HOSTILE_NAMES[0].replace('"', '""') in summary  # the first sheet, the name as typed


# itexit export EVALUATION --format xlsx ----------------------------------------------------------


@pytest.fixture
def database(tmp_path: Path, demo: Evaluation) -> Path:
    store = Store(f"sqlite:///{tmp_path / 'itexit.db'}")
    stored = store.create(demo)
    store.save_tickets(stored.id, demo_ticket_set())
    store.dispose()
    return tmp_path / "itexit.db"


def test_the_command_writes_the_workbook_the_page_downloads(
    database: Path, demo: Evaluation, capsys: pytest.CaptureFixture[str]
) -> None:
    output = database.parent / "board.xlsx"
    url = f"sqlite:///{database}"
    code = main(["export", demo.name, "--format", "xlsx", "-o", str(output), "--database-url", url])
    assert (code, capsys.readouterr().err) == (0, f"Wrote {output}\n")
    shortfalls = shortfalls_of(demo, demo_ticket_set())
    written, built = (
        _sheets(output.read_bytes()),
        _sheets(comparison_xlsx(demo, date.today(), shortfalls)),
    )
    assert written.keys() == built.keys()
    for name, sheet in written.items():
        pd.testing.assert_frame_equal(sheet, built[name], obj=name)


def test_the_command_refuses_to_write_the_workbook_over_the_database(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = database.read_bytes()
    url = f"sqlite:///{database}"
    code = main(["export", "1", "--format", "xlsx", "-o", str(database), "--database-url", url])
    assert code == 1
    assert capsys.readouterr().err.startswith(f"itexit: {database} is the database in use")
    assert database.read_bytes() == before


def test_the_command_will_not_pour_a_workbook_into_a_terminal(
    database: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    url = f"sqlite:///{database}"
    assert main(["export", "1", "--format", "xlsx", "--database-url", url]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "itexit: An Excel workbook cannot be shown in a terminal: write it to a file with "
        "-o FILE.xlsx.\n"
    )


def test_every_sheet_prints_landscape_one_page_wide_with_its_header_repeated() -> None:
    from datetime import date

    from itexit.demo import demo_evaluation
    from itexit.questionnaire import make_questionnaire
    from itexit.workbook import comparison_xlsx

    demo = demo_evaluation()
    comparison = openpyxl.load_workbook(io.BytesIO(comparison_xlsx(demo, date(2026, 11, 1))))
    questionnaire = openpyxl.load_workbook(
        io.BytesIO(make_questionnaire(demo, 1, demo.candidates[0].id, made=date(2026, 11, 1)))
    )
    shown = [*comparison.worksheets[:-1], *questionnaire.worksheets[:-1]]  # not the hidden ones
    for sheet in shown:
        setup = (sheet.page_setup.orientation, sheet.page_setup.fitToWidth)
        assert setup == ("landscape", 1), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert comparison["Every criterion"].print_title_rows == "$1:$1"
