"""The README and docs stay true: two quick-start commands, CI runs the documented one."""

from __future__ import annotations

import re
from pathlib import Path

from itexit.export import CSV_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_the_quick_start_has_exactly_two_one_line_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert commands[0].endswith("itexit run")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_ci_makes_the_postgres_and_browser_tests_required() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "ITEXIT_REQUIRE_POSTGRES=1" in ci and "ITEXIT_REQUIRE_BROWSER=1" in ci
    assert "apt-get install -y chromium" in ci


def test_the_readme_screenshot_and_linked_docs_exist() -> None:
    for link in re.findall(r"\]\(((?:docs|data)/[^)]+)\)", README):
        assert (ROOT / link).exists(), link


def test_the_format_docs_show_the_csv_columns_in_order() -> None:
    formats = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    assert ",".join(CSV_COLUMNS) + ",SwiftNet IT" in formats
