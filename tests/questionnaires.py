"""Filling in a questionnaire as a candidate would, in the shapes Excel and LibreOffice save."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Mapping
from pathlib import Path

import openpyxl

Answer = tuple[object, str, str]
"""What a candidate writes on one criterion: the answer, the evidence, the link."""


def filled(
    data: bytes,
    answers: Mapping[str, Answer],
    replies: Mapping[str, str] | None = None,
    meta: Mapping[str, object] | None = None,
) -> bytes:
    """The workbook with answers written in the rows of these criteria and questions (found by
    their hidden reference), saved by openpyxl; `meta` overwrites values of the hidden record."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for row in book["Questions"].iter_rows(min_row=5):
        if row[0].value in answers:
            for cell, value in zip(row[6:9], answers[str(row[0].value)], strict=True):
                cell.value = value
    for row in book["Due diligence"].iter_rows(min_row=5):
        if replies and row[0].value in replies:
            row[2].value = replies[str(row[0].value)]
    for row in book["itexit"].iter_rows():
        if meta and row[0].value in meta:
            row[1].value = meta[str(row[0].value)]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def cell_changed(data: bytes, sheet: str, cell: str, value: object) -> bytes:
    """The workbook with one cell overwritten (as a candidate who unlocked the sheet would)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    book[sheet][cell] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_shared_strings(data: bytes) -> bytes:
    """The workbook with every text cell kept in a shared strings table (`t="s"`), as Excel
    saves it, instead of inline (`t="inlineStr"`), as openpyxl writes it."""
    with zipfile.ZipFile(io.BytesIO(data)) as packed:
        parts = {name: packed.read(name) for name in packed.namelist()}
    shared: list[bytes] = []

    def indexed(match: re.Match[bytes]) -> bytes:
        shared.append(match[2])
        return match[1] + b' t="s"><v>' + str(len(shared) - 1).encode() + b"</v></c>"

    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = re.sub(
            rb'(<c [^>]*?) t="inlineStr">(<is>.*?</is>)</c>', indexed, parts[name], flags=re.S
        ).replace(b' t="inlineStr"></c>', b"></c>")
    items = b"".join(b"<si>" + item[4:-5] + b"</si>" for item in shared)
    parts["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="'
        + str(len(shared)).encode()
        + b'">'
        + items
        + b"</sst>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
        for name, body in parts.items():
            packed.writestr(name, body)
    return out.getvalue()


def resaved_by_libreoffice(soffice: str, data: bytes, folder: Path) -> bytes:
    """The workbook as LibreOffice Calc saves it again (headless, its own profile, so parallel
    runs do not share one)."""
    source, out = folder / "returned.xlsx", folder / "resaved"
    source.write_bytes(data)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return (out / "returned.xlsx").read_bytes()
