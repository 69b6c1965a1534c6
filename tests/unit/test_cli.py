"""The `itexit` command: list, export, import, and one clear line for every problem."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itexit.cli import _config_options, main
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation
from itexit.export import evaluation_document
from itexit.store import Store


@pytest.fixture
def url(sqlite_url: str, evaluation: Evaluation) -> str:
    store = Store(sqlite_url)
    store.create(evaluation)
    store.create(demo_evaluation())
    store.dispose()
    return sqlite_url


def run(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, str]:
    code = main(list(args))
    captured = capsysbinary.readouterr()
    return code, captured.out, captured.err.decode()


def test_list_prints_id_name_provider_count_and_last_change(
    url: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    code, out, _ = run(capsysbinary, "list", "--database-url", url)
    lines = out.decode().splitlines()
    assert code == 0
    assert lines[0].split() == ["ID", "NAME", "PROVIDERS", "LAST", "CHANGE", "(UTC)"]
    assert lines[1].split()[:4] == ["1", "Acme", "review", "3"]
    assert "Harbourside Dental: provider review" in lines[2]


def test_list_reads_the_database_from_the_environment(
    url: str, capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ITEXIT_DATABASE_URL", url)
    code, out, _ = run(capsysbinary, "list")
    assert code == 0 and b"Acme review" in out


def test_list_of_an_empty_database_says_so(
    sqlite_url: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert run(capsysbinary, "list", "--database-url", sqlite_url)[1] == b"No evaluations yet.\n"


@pytest.mark.parametrize("reference", ["2", "Harbourside Dental: provider review"])
def test_export_csv_writes_the_comparison_by_id_or_name(
    url: str, capsysbinary: pytest.CaptureFixture[bytes], reference: str
) -> None:
    code, out, _ = run(capsysbinary, "export", reference, "--format", "csv", "--database-url", url)
    assert code == 0
    assert out.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
    assert rows[0][:7] == [
        *("level", "essential", "criterion", "weight", "target", "sources", "SwiftNet IT")
    ]
    assert [row[0] for row in rows[-6:]] == [
        "overall",
        "rank",
        "coverage",
        "must_have",
        "monthly_cost",
        "total_cost",
    ]


def test_export_json_to_a_file_then_import_then_export_gives_the_same_content(
    url: str, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    first = tmp_path / "first.json"
    assert (
        run(
            capsysbinary, "export", "2", "--format", "json", "-o", str(first), "--database-url", url
        )[0]
        == 0
    )
    empty = f"sqlite:///{tmp_path / 'other.db'}"
    code, out, _ = run(capsysbinary, "import", str(first), "--database-url", empty)
    assert code == 0 and b"Imported 'Harbourside Dental: provider review' as evaluation 1" in out
    second = tmp_path / "second.json"
    run(capsysbinary, "export", "1", "--format", "json", "-o", str(second), "--database-url", empty)
    assert second.read_bytes() == first.read_bytes()
    assert json.loads(first.read_text())["format"] == "itexit-evaluation"


def test_import_with_a_new_name(
    url: str, capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    exported = tmp_path / "e.json"
    run(capsysbinary, "export", "1", "--format", "json", "-o", str(exported), "--database-url", url)
    code, _, _ = run(
        capsysbinary, "import", str(exported), "--name", "Acme 2028", "--database-url", url
    )
    assert code == 0
    assert [s.name for s in Store(url).summaries()][:2] == ["Acme 2028", "Acme review"]


def _document(tmp_path: Path, content: str | bytes) -> str:
    path = tmp_path / "input.json"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return str(path)


def _export_with(change: str, old: str) -> str:
    """The demo's JSON export with its first `old` replaced by `change`."""
    text = json.dumps(json.loads(evaluation_document(demo_evaluation())))
    assert old in text
    return text.replace(old, change, 1)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ("", "not valid JSON"),
        ('{"format": "other", "version": 1}', "not an ITexit evaluation"),
        ('{"format": "itexit-evaluation", "version": 99}', "format version 99"),
        (
            _export_with('"made.up": {"rating"', '"security.encryption": {"rating"'),
            "not in the checklist",
        ),
        (_export_with('"rating": 7', '"rating": 2'), "less than or equal to 5"),
        (
            _export_with('"current": true', '"current": false'),
            "Only one provider can be the current one",
        ),
        (_export_with("", ""), "already exists"),
    ],
    ids=[
        "malformed",
        "empty",
        "other format",
        "other version",
        "unknown criterion",
        "score out of range",
        "two current providers",
        "name taken",
    ],
)
def test_a_bad_import_prints_one_line_exits_non_zero_and_changes_nothing(
    url: str,
    capsysbinary: pytest.CaptureFixture[bytes],
    tmp_path: Path,
    content: str,
    problem: str,
) -> None:
    before = [(s.id, s.name, s.revision) for s in Store(url).summaries()]
    code, out, err = run(
        capsysbinary, "import", _document(tmp_path, content), "--database-url", url
    )
    assert code == 1 and out == b""
    assert err.startswith("itexit: ") and problem in err
    assert err.count("\n") == 1
    assert [(s.id, s.name, s.revision) for s in Store(url).summaries()] == before


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["export", "nope", "--format", "csv"], "no evaluation with the id or name 'nope'"),
        (["export", "42", "--format", "json"], "no evaluation with the id or name '42'"),
        (["import", "/no/such/file.json"], "Cannot read /no/such/file.json"),
    ],
)
def test_other_errors_print_one_line_and_exit_non_zero(
    url: str, capsysbinary: pytest.CaptureFixture[bytes], args: list[str], problem: str
) -> None:
    code, _, err = run(capsysbinary, *args, "--database-url", url)
    assert code == 1 and problem in err and err.count("\n") == 1


def test_a_database_that_cannot_be_opened_is_one_line(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    code, _, err = run(capsysbinary, "list", "--database-url", "nosuchdialect://x")
    assert code == 1 and err.startswith("itexit: Cannot open the database") and err.count("\n") == 1


def test_a_database_upgraded_by_a_newer_itexit_is_refused_in_one_line(
    url: str, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE itexit_schema_version SET version_num = '0099'")
    engine.dispose()
    code, out, err = run(capsysbinary, "list", "--database-url", url)
    assert code == 1 and out == b""
    assert err == (
        "itexit: This database was upgraded by a newer ITexit (schema 0099); "
        "install that version or newer to open it.\n"
    )


_IMPORTED = """
import json, sys
from itexit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def _top_level_modules_imported_by(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *args], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize(
    "args", [["list", "--database-url", "URL"], ["--help"]], ids=["list", "help"]
)
def test_list_and_help_import_no_heavy_module(url: str, args: list[str]) -> None:
    """Not pandas, plotly or Streamlit; nor pydantic (the evaluation model) or Alembic (the
    database is already up to date), so the command answers at once."""
    imported = _top_level_modules_imported_by(*(url if arg == "URL" else arg for arg in args))
    assert imported & {"pandas", "plotly", "streamlit", "pydantic", "alembic"} == set()


def test_an_unknown_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["list", "--bogus"])
    assert exit_.value.code == 2


def test_run_passes_the_project_streamlit_settings_as_options() -> None:
    assert "--theme.primaryColor=#1F5F8B" in _config_options()


def test_run_hides_the_tables_own_csv_download_which_bypasses_the_formula_guard() -> None:
    assert "--client.disableDataExport=True" in _config_options()


def test_the_console_script_is_installed_and_answers() -> None:
    command = shutil.which("itexit", path=str(Path(sys.executable).parent))
    assert command, "pip install -e . installs the itexit command next to python"
    result = subprocess.run([command, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert all(word in result.stdout for word in ("run", "list", "export", "import"))


@pytest.mark.slow
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_mutated_import_either_adds_one_evaluation_or_nothing(
    url: str, tmp_path: Path, data: st.DataObject
) -> None:
    store = Store(url)
    before = [(s.id, s.name, s.revision) for s in store.summaries()]
    document = json.loads(evaluation_document(demo_evaluation()))
    document["evaluation"]["name"] = data.draw(st.text(max_size=30), label="name")
    provider = data.draw(st.sampled_from(document["evaluation"]["providers"]))
    field = data.draw(st.sampled_from(["name", "current", "scores", "id"]))
    provider[field] = data.draw(
        st.none()
        | st.booleans()
        | st.integers()
        | st.text(max_size=20)
        | st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)
    )
    path = tmp_path / "mutated.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["import", str(path), "--database-url", url])
    after = [(s.id, s.name, s.revision) for s in store.summaries()]
    store.dispose()
    if code == 0:
        assert len(after) == len(before) + 1 and set(before) <= set(after)
    else:
        assert code == 1 and after == before
