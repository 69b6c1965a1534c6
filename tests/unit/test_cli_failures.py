"""Every way the `itexit` command can fail prints one line, exits with 1, and leaves the database
as it was; EVALUATION is an exact name first, then an id."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import itexit.cli
from itexit.cli import main
from itexit.demo import demo_evaluation
from itexit.evaluation import PROVIDER_MAX
from itexit.export import evaluation_document
from itexit.store import Store
from itexit.types import NAME_MAX


def run(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, str]:
    code = main(list(args))
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode("utf-8", "backslashreplace")


def one_line(err: str) -> bool:
    return err.startswith("itexit: ") and err.count("\n") == 1 and "Traceback" not in err


def contents(url: str) -> list[Any]:
    """What the database holds, as a user sees it: every evaluation and every revision."""
    store = Store(url)
    try:
        return [
            (
                s.id,
                s.name,
                s.revision,
                [store.load(s.id, r.revision).evaluation for r in store.history(s.id)],
            )
            for s in store.summaries()
        ]
    finally:
        store.dispose()


def file_bytes(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo_url(database_url: str) -> str:
    """SQLite or PostgreSQL holding the demo as evaluation 1."""
    store = Store(database_url)
    store.create(demo_evaluation())
    store.dispose()
    return database_url


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    """An SQLite file holding the demo, every connection to it closed."""
    path = tmp_path / "itexit.db"
    store = Store(f"sqlite:///{path}")
    store.create(demo_evaluation())
    store.dispose()
    return path


# Imports -----------------------------------------------------------------------------------------


def _demo_text(change: Callable[[str], str] = lambda text: text) -> str:
    return change(evaluation_document(demo_evaluation()))


def _demo_with(change: Callable[[dict[str, Any]], None]) -> str:
    document = json.loads(evaluation_document(demo_evaluation()))
    change(document["evaluation"])
    return json.dumps(document)


def _surrogate_note(body: dict[str, Any]) -> None:
    body["providers"][0]["scores"]["security.encryption"]["note"] = "\ud800"


def _too_many_providers(body: dict[str, Any]) -> None:
    extra = [{**body["providers"][1], "id": f"p{n}", "name": f"P{n}"} for n in range(PROVIDER_MAX)]
    body["providers"] += extra


def _weights_zero(body: dict[str, Any]) -> None:
    body["essential_weights"] = dict.fromkeys(body["essential_weights"], 0)


IMPORTS = {
    "nested 100,000 deep": ("[" * 100_000 + "]" * 100_000, [], "nests lists or objects"),
    "a 5,000-digit number": (
        _demo_text(lambda t: t.replace('"notice_days": 90', f'"notice_days": {"9" * 5000}', 1)),
        ["--name", "Other"],
        "a number 5,000 digits long",
    ),
    "a lone surrogate in a note": (
        _demo_with(_surrogate_note),
        ["--name", "Other"],
        "lone surrogate",
    ),
    "a key given twice": (
        _demo_text(lambda t: t.replace('"currency": "USD"', '"currency": "USD", "currency": "X"')),
        ["--name", "Other"],
        'the key "currency" twice',
    ),
    "more providers than the limit": (
        _demo_with(_too_many_providers),
        ["--name", "Other"],
        f"{PROVIDER_MAX + 4} providers; ITexit compares at most {PROVIDER_MAX}",
    ),
    "all weights 0": (
        _demo_with(_weights_zero),
        ["--name", "Other"],
        "Every essential would weigh 0",
    ),
    "a name too long": (
        _demo_text(),
        ["--name", "x" * (NAME_MAX + 1)],
        f"at most {NAME_MAX} characters",
    ),
    "a name on two lines": (_demo_text(), ["--name", "Two\u2028lines"], "U+2028"),
    "a name not UTF-8 on the command line": (_demo_text(), ["--name", "Bad\udcff"], "U+DCFF"),
    "a name already there in another case": (
        _demo_text(),
        ["--name", "HARBOURSIDE dental: provider review"],
        "already exists",
    ),
}


@pytest.mark.parametrize(("content", "options", "problem"), IMPORTS.values(), ids=IMPORTS.keys())
def test_a_refused_import_prints_one_line_and_leaves_the_database_as_it_was(
    demo_url: str,
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
    content: str,
    options: list[str],
    problem: str,
) -> None:
    document = tmp_path / "import.json"
    document.write_text(content, encoding="utf-8", errors="surrogatepass")
    before = contents(demo_url)
    code, out, err = run(
        capsysbinary, "import", str(document), *options, "--database-url", demo_url
    )
    assert (code, out) == (1, b"")
    assert one_line(err) and problem in err, err
    assert contents(demo_url) == before


def test_a_name_whose_key_outgrows_the_name_imports_on_every_database(
    demo_url: str, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    document = tmp_path / "import.json"
    document.write_text(_demo_text(), encoding="utf-8")
    name = "Straße " + "ß" * (NAME_MAX - 7)
    code, out, err = run(
        capsysbinary, "import", str(document), "--name", name, "--database-url", demo_url
    )
    assert (code, err) == (0, "")
    assert f"Imported '{name}' as evaluation 2." in out.decode()


# Broken databases --------------------------------------------------------------------------------


def test_a_read_only_database_refuses_an_import_in_one_line_and_still_lists(
    sqlite_file: Path, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    document = tmp_path / "import.json"
    document.write_text(_demo_text(), encoding="utf-8")
    read_only = f"sqlite:///file:{sqlite_file}?mode=ro&uri=true"
    before = file_bytes(sqlite_file)
    code, out, err = run(
        capsysbinary, "import", str(document), "--name", "New", "--database-url", read_only
    )
    assert (code, out) == (1, b"")
    assert one_line(err)
    assert "attempt to write a readonly database; make the file and its folder writable." in err
    assert file_bytes(sqlite_file) == before
    code, out, _ = run(capsysbinary, "list", "--database-url", read_only)
    assert code == 0 and b"Harbourside Dental" in out


def test_a_file_that_is_not_a_database_is_one_line(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    path = tmp_path / "noise.db"
    path.write_bytes(os.urandom(8192))
    before = file_bytes(path)
    code, _, err = run(capsysbinary, "list", "--database-url", f"sqlite:///{path}")
    assert code == 1 and one_line(err) and "file is not a database" in err
    assert file_bytes(path) == before


def _damage_the_revisions_table(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'revisions'"
        ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xff" * page_size
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_one_line_that_says_to_restore_it(
    sqlite_file: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    _damage_the_revisions_table(sqlite_file)
    before = file_bytes(sqlite_file)
    code, out, err = run(
        capsysbinary,
        "export",
        "1",
        "--format",
        "json",
        "--database-url",
        f"sqlite:///{sqlite_file}",
    )
    assert (code, out) == (1, b"")
    assert one_line(err)
    assert "database disk image is malformed; restore the file from a backup." in err
    assert file_bytes(sqlite_file) == before


def test_an_unexpected_error_is_one_line_with_a_reference_to_its_details(
    sqlite_file: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(itexit.cli, "_list", broken)
    monkeypatch.setattr(itexit.cli.tempfile, "gettempdir", lambda: str(tmp_path))
    code, _, err = run(capsysbinary, "list", "--database-url", f"sqlite:///{sqlite_file}")
    assert code == 1 and one_line(err)
    reference = err.split()[3].rstrip(";")
    log = tmp_path / f"itexit-error-{reference}.log"
    assert (
        err
        == f"itexit: Unexpected error {reference}; the details are in {log}. Please report it.\n"
    )
    assert "Traceback" in log.read_text() and "RuntimeError: a bug" in log.read_text()


# Export never writes over the database -----------------------------------------------------------


@pytest.mark.parametrize(
    "output", ["itexit.db", "./itexit.db", "itexit.db-wal", "itexit.db-shm", "link.db", "hard.db"]
)
def test_export_refuses_to_write_over_the_database_in_use(
    sqlite_file: Path,
    capsysbinary: pytest.CaptureFixture[bytes],
    monkeypatch: pytest.MonkeyPatch,
    output: str,
) -> None:
    monkeypatch.chdir(sqlite_file.parent)
    (sqlite_file.parent / "link.db").symlink_to(sqlite_file)
    os.link(sqlite_file, sqlite_file.parent / "hard.db")
    before = file_bytes(sqlite_file)
    code, out, err = run(
        capsysbinary,
        "export",
        "1",
        "--format",
        "json",
        "-o",
        output,
        "--database-url",
        "sqlite:///itexit.db",
    )
    assert (code, out) == (1, b"")
    assert err.startswith(f"itexit: {output} is the database in use") and one_line(err)
    assert err.endswith("Choose another file for -o.\n")
    assert file_bytes(sqlite_file) == before
    assert len(contents("sqlite:///itexit.db")) == 1


def test_export_writes_beside_the_database(
    sqlite_file: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    output = sqlite_file.parent / "itexit.db.json"
    code, _, _ = run(
        capsysbinary,
        "export",
        "1",
        "--format",
        "json",
        "-o",
        str(output),
        "--database-url",
        f"sqlite:///{sqlite_file}",
    )
    assert code == 0 and json.loads(output.read_text())["format"] == "itexit-evaluation"


# EVALUATION: an exact name first, then an id -----------------------------------------------------


@pytest.fixture
def named_one(demo_url: str) -> str:
    """The demo as evaluation 1, and an evaluation named "1" (evaluation 2)."""
    store = Store(demo_url)
    store.create(demo_evaluation().renamed("1"))
    store.create(demo_evaluation().renamed("Third"))
    store.dispose()
    return demo_url


def _exported_name(out: bytes) -> str:
    return str(json.loads(out)["evaluation"]["name"])


def test_an_evaluation_named_like_a_number_is_exported_by_that_name(
    named_one: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, _ = run(
        capsysbinary, "export", "1", "--by", "name", "--format", "json", "--database-url", named_one
    )
    assert code == 0 and _exported_name(out) == "1"
    code, out, _ = run(capsysbinary, "export", "3", "--format", "json", "--database-url", named_one)
    assert code == 0 and _exported_name(out) == "Third"


def test_a_name_that_is_another_evaluation_s_id_is_ambiguous_and_says_how_to_choose(
    named_one: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, err = run(
        capsysbinary, "export", "1", "--format", "csv", "--database-url", named_one
    )
    assert (code, out) == (1, b"")
    assert err == (
        "itexit: '1' could mean evaluation 2 ('1') or evaluation 1 ('Harbourside Dental: "
        "provider review'). Say which with --by id or --by name (itexit list shows the ids).\n"
    )
    code, out, _ = run(
        capsysbinary, "export", "1", "--by", "id", "--format", "json", "--database-url", named_one
    )
    assert code == 0 and _exported_name(out) == "Harbourside Dental: provider review"


@pytest.mark.parametrize("reference", ["99999999999", "9" * 5000, "²"])
def test_a_reference_no_id_can_be_is_simply_not_found(
    demo_url: str, capsysbinary: pytest.CaptureFixture[bytes], reference: str
) -> None:
    code, _, err = run(
        capsysbinary, "export", reference, "--format", "csv", "--database-url", demo_url
    )
    assert code == 1 and one_line(err)
    assert err.startswith("itexit: There is no evaluation with the id or name")


# Simultaneous commands ---------------------------------------------------------------------------

_IMPORT_AT = """
import sys, time
import itexit.cli, itexit.export, itexit.store, itexit.evaluation
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.exit(itexit.cli.main(sys.argv[2:]))
"""


@pytest.mark.slow
def test_eight_simultaneous_imports_of_one_name_add_it_once_and_refuse_the_rest_in_one_line(
    database_url: str, tmp_path: Path
) -> None:
    document = tmp_path / "import.json"
    document.write_text(_demo_text(), encoding="utf-8")
    Store(database_url).dispose()  # the schema made before the race
    at = str(time.time() + 6)
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _IMPORT_AT,
                at,
                "import",
                str(document),
                "--database-url",
                database_url,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outputs = [child.communicate(timeout=120) for child in children]
    results = [(child.returncode, *output) for child, output in zip(children, outputs, strict=True)]
    assert sorted(code for code, _, _ in results) == [0] + [1] * 7, results
    for code, out, err in results:
        if code == 1:
            assert out == "" and one_line(err) and "already exists" in err, err
    assert [row[1] for row in contents(database_url)] == [demo_evaluation().name]
