"""ITexit installs as a package, not only from a clone: the wheel carries everything the app
needs, under the itexit name alone, and the installed app starts from any folder with its
database in the user's data folder, never in the repository.

The wheel is built from a copy of the source tree (`pip wheel . --no-deps`, with build isolation:
pip fetches the build backend from the package registry, or its cache) and installed into a new
virtual environment outside the repository, with `pip install --no-deps`; its dependencies come
from this environment through a .pth file, so nothing else is downloaded. Each installed run gets
its own home folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from itexit.demo import demo_evaluation

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60.0
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "*.db*"
)
WHAT_THE_APP_NEEDS = ["app.py", "pages/*.py", "data/*.toml", "data/*.csv", ".streamlit/config.toml"]


@dataclass(frozen=True)
class Installed:
    """A virtual environment outside the repository with the wheel installed."""

    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def itexit(self) -> Path:
        return self.venv / "bin" / "itexit"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [found] = folder.glob("itexit-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    if sys.platform != "linux":
        pytest.skip("the test builds a Linux virtual environment (bin/, lib/)")
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    [site_packages] = venv.glob("lib/python*/site-packages")
    ours = dict.fromkeys(sysconfig.get_paths()[kind] for kind in ("purelib", "platlib"))
    (site_packages / "dependencies.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python")]
    result = subprocess.run(
        [*pip, "install", "--no-deps", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return Installed(venv)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def data_folder(home: Path) -> Path:
    """Where an installed ITexit keeps its database on Linux (platformdirs' user data folder)."""
    return home / ".local" / "share" / "itexit"


def environment(home: Path) -> dict[str, str]:
    """This environment with another home, and nothing that names a database or this clone."""
    unset = {"ITEXIT_DATABASE_URL", "XDG_DATA_HOME", "PYTHONPATH", "VIRTUAL_ENV"}
    return {**{k: v for k, v in os.environ.items() if k not in unset}, "HOME": str(home)}


def run(installed: Installed, home: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=home,
        env=environment(home),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_wheel_carries_the_app_its_pages_data_and_streamlit_settings(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    needed = [p.relative_to(ROOT) for pattern in WHAT_THE_APP_NEEDS for p in ROOT.glob(pattern)]
    assert {"app.py", "pages/evaluations.py", "data/checklist.toml"} <= {str(p) for p in needed}
    missing = [str(p) for p in needed if f"itexit/_app/{p.as_posix()}" not in names]
    assert missing == []


def test_the_wheel_installs_nothing_at_the_top_of_site_packages_but_itexit(wheel: Path) -> None:
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"itexit"}
    assert not any(".db" in name for name in zipfile.ZipFile(wheel).namelist())


def test_the_installed_itexit_is_the_wheel_not_the_clone(installed: Installed, home: Path) -> None:
    code = "import itexit.paths as p; print(p.APP); print(p.FROM_CLONE)"
    shown = run(installed, home, installed.python, "-c", code)
    app, from_clone = shown.stdout.split()
    assert Path(app).is_relative_to(installed.venv) and Path(app).is_file(), shown.stderr
    assert from_clone == "False"


def test_itexit_list_keeps_its_database_in_the_users_data_folder(
    installed: Installed, home: Path
) -> None:
    listed = run(installed, home, installed.itexit, "list")
    assert (listed.returncode, listed.stdout) == (0, "No evaluations yet.\n"), listed.stderr
    assert (data_folder(home) / "itexit.db").is_file()
    helped = run(installed, home, installed.itexit, "--help")
    assert f"kept in {data_folder(home) / 'itexit.db'}" in helped.stdout


def test_the_installed_app_opens_on_the_demo_kept_in_the_users_data_folder(
    installed: Installed, home: Path
) -> None:
    """The app from the wheel, run as a browser would open it (AppTest): its pages and data
    files are found, and the first start seeds the demo into the user's data folder."""
    script = (
        "from streamlit.testing.v1 import AppTest\n"
        "from itexit.paths import APP\n"
        "at = AppTest.from_file(str(APP), default_timeout=60).run()\n"
        "assert not at.exception, at.exception\n"
        "at.switch_page('pages/offboarding.py').run()\n"
        "assert not at.exception, at.exception\n"
        "print(at.title[0].value)\n"
    )
    opened = run(installed, home, installed.python, "-c", script)
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip() == "Offboarding"
    listed = run(installed, home, installed.itexit, "list")
    assert demo_evaluation().name in listed.stdout
    assert (data_folder(home) / "itexit.db").is_file()


def test_itexit_run_from_the_wheel_serves_the_app(installed: Installed, home: Path) -> None:
    port = free_port()
    log = home / "server.log"
    command = [str(installed.itexit), "run", "--server.port", str(port)]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--server.fileWatcherType", "none"],
            cwd=home,
            env=environment(home),
            stdout=output,
            stderr=output,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, server, log)
        with urllib.request.urlopen(url, timeout=10) as page:
            assert page.status == 200 and b"<noscript>" in page.read()
    finally:
        server.terminate()
        server.wait(timeout=20)
    said = log.read_text(encoding="utf-8", errors="replace")
    assert f"keeps the evaluations in {data_folder(home) / 'itexit.db'}" in said


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_healthy(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().strip() == b"ok":
                    return
        except OSError:  # refused while starting
            time.sleep(0.2)
    pytest.fail(f"`itexit run` from the wheel did not start:\n{log.read_text(errors='replace')}")
