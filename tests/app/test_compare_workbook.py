"""The Compare page offers the comparison as an Excel workbook, built only when it is asked for."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from itexit import workbook
from itexit.evaluation import Evaluation
from tests.app.conftest import OpenPage

Deferred = dict[str, Callable[[], Any]]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Deferred:
    """The files the page's download buttons would build when clicked, by file name (AppTest
    keeps them out of reach: the browser asks the server for them on a click)."""
    found: Deferred = {}
    add = MediaFileManager.add_deferred

    def recorded(self: MediaFileManager, data: Callable[[], Any], *args: Any, **kw: Any) -> str:
        found[kw.get("file_name") or args[2]] = data
        return add(self, data, *args, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", recorded)
    return found


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the evaluations a workbook was built for, in order."""
    made: list[str] = []
    build = workbook.comparison_xlsx

    def counted(evaluation: Evaluation, *args: Any) -> bytes:
        made.append(evaluation.name)
        return build(evaluation, *args)

    monkeypatch.setattr(workbook, "comparison_xlsx", counted)
    return made


def test_compare_offers_the_workbook_and_builds_it_only_when_asked(
    open_page: OpenPage, demo: Evaluation, downloads: Deferred, built: list[str]
) -> None:
    at = open_page("compare")
    at.toggle[0].set_value(True).run()  # a rerun builds nothing either
    button = next(b for b in at.download_button if b.label.endswith("(Excel)"))
    assert button.proto.deferred_file_id
    assert built == []
    name = next(n for n in downloads if n.endswith("-comparison.xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(downloads[name]()))
    assert built == [demo.name]
    assert book.sheetnames[:3] == ["Summary", "Side by side", "Every criterion"]
    assert book["Summary"]["B2"].value == demo.name
