"""The build step that puts the app's own files into the wheel (pyproject.toml holds the rest).

app.py, pages/, data/ and .streamlit/config.toml sit at the top of the repository, beside the
`itexit` package. Installed as they are, `pages` and `data` would be top-level names in
site-packages, clashing with any other project that ships such a folder. So the wheel carries
them inside the package, as itexit/_app/, in the repository's own layout (app.py's relative page
paths keep working); itexit/paths.py finds them there, or at the top of a clone.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

__all__ = ["APP_FILES", "BuildWithAppFiles"]

HERE = Path(__file__).resolve().parent
APP_FILES = ("app.py", "pages/*.py", "data/*.toml", "data/*.csv", ".streamlit/config.toml")
"""What the app needs beside the package: the router, its pages, the checklist, demo, due
diligence and offboarding data, and the Streamlit settings (never data/*.db, a user's work)."""


class BuildWithAppFiles(build_py):
    """Build the packages as usual, then copy APP_FILES into itexit/_app/ of the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads them where they are, in the clone
            return
        target = Path(self.build_lib) / "itexit" / "_app"
        shutil.rmtree(target, ignore_errors=True)  # no file a previous build left behind
        for pattern in APP_FILES:
            for source in sorted(HERE.glob(pattern)):
                copy = target / source.relative_to(HERE)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, copy)


setup(cmdclass={"build_py": BuildWithAppFiles})
