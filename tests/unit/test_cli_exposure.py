"""`itexit run` serves this machine only unless sign-in is configured (or the override given)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from itexit.checklist import builtin_checklist
from itexit.cli import _refuse_exposure, _warn_of_unknown_evaluations
from itexit.evaluation import Evaluation
from itexit.input import InvalidInput
from itexit.paths import APP_FOLDER
from itexit.store import Store

SIGN_IN = """
[auth]
redirect_uri = "https://itexit.example.com/oauth2callback"
cookie_secret = "a-long-random-string"
client_id = "itexit"
client_secret = "secret"
server_metadata_url = "https://login.example.com/.well-known/openid-configuration"

[[itexit.allow]]
who = "example.com"
role = "editor"
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user folder and a working folder without secrets, as a new user has."""
    if (APP_FOLDER / ".streamlit" / "secrets.toml").exists():
        pytest.skip("this clone has its own .streamlit/secrets.toml, which Streamlit reads too")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def itexit_run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(folder)}
    command = [sys.executable, "-m", "itexit.cli", "run", *args]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    "address", [["--server.address", "0.0.0.0"], ["--server.address=192.168.1.10"]]
)
def test_itexit_run_on_a_network_address_without_sign_in_refuses_in_one_line(
    home: Path, address: list[str]
) -> None:
    finished = itexit_run(home, *address)
    assert finished.returncode == 1
    assert finished.stdout == ""
    [line] = finished.stderr.splitlines()
    assert line.startswith("itexit: Refusing to serve")
    assert "docs/sign-in.md" in line and "--allow-anyone-on-the-network" in line


def test_a_malformed_allow_list_stops_itexit_run_saying_what_to_fix(home: Path) -> None:
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(
        SIGN_IN.replace('role = "editor"', 'role = "owner"'), encoding="utf-8"
    )
    finished = itexit_run(home)
    assert finished.returncode == 1
    [line] = finished.stderr.splitlines()
    assert "The allow-list ([itexit] in secrets.toml) cannot be used" in line
    assert (
        'In entry 1 of the allow-list (who = "example.com"), `role` must be "editor" or '
        '"viewer", not "owner".'
    ) in line
    assert "Input should" not in line


def test_itexit_run_warns_of_each_evaluation_the_allow_list_names_that_none_has(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{home / 'itexit.db'}"
    Store(url).create(Evaluation.new("Acme review", builtin_checklist()))
    secrets = SIGN_IN + '\n[[itexit.allow]]\nwho = "client@acme.test"\nrole = "viewer"\n'
    secrets += 'evaluations = ["Acme review", "Acme reveiw", 99]\n'
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(secrets, encoding="utf-8")
    _warn_of_unknown_evaluations(url, [])
    warnings = capsys.readouterr().err.splitlines()
    assert len(warnings) == 2
    assert 'entry 2 of the allow-list (who = "client@acme.test")' in warnings[0]
    assert 'the name "acme reveiw"' in warnings[0] and "the id 99" in warnings[1]


def test_the_override_flag_lets_anyone_on_the_network_in_and_is_not_passed_on(home: Path) -> None:
    args = ["--server.address", "0.0.0.0", "--allow-anyone-on-the-network"]
    assert _refuse_exposure(args) == ["--server.address", "0.0.0.0"]


def test_the_default_address_serves_this_machine_only(home: Path) -> None:
    assert _refuse_exposure(["--server.port", "8600"]) == ["--server.port", "8600"]


@pytest.mark.parametrize("where", ["home", "working folder"])
def test_sign_in_in_a_secrets_file_streamlit_reads_lets_the_server_listen_widely(
    home: Path, tmp_path_factory: pytest.TempPathFactory, where: str
) -> None:
    folder = home if where == "home" else tmp_path_factory.mktemp("work")
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(SIGN_IN, encoding="utf-8")
    os.chdir(folder)
    assert _refuse_exposure(["--server.address=0.0.0.0"]) == ["--server.address=0.0.0.0"]


def test_sign_in_in_a_secrets_file_named_by_the_secrets_files_option_counts(home: Path) -> None:
    elsewhere = home / "elsewhere.toml"
    elsewhere.write_text(SIGN_IN, encoding="utf-8")
    args = ["--server.address", "0.0.0.0", "--secrets.files", str(elsewhere)]
    assert _refuse_exposure(args) == args


def test_a_secrets_file_the_secrets_files_option_leaves_out_does_not_count(home: Path) -> None:
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(SIGN_IN, encoding="utf-8")
    empty = home / "empty.toml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InvalidInput, match="Refusing"):
        _refuse_exposure(["--server.address", "0.0.0.0", f"--secrets.files={empty}"])
