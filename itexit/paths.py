"""Where ITexit's own files are (app.py, pages/, data/, the Streamlit settings) and where its
database goes by default: one answer for a clone, an editable install and an installed wheel.

In the repository the app's files sit at the top, beside the `itexit` package. A wheel cannot
install them there: top-level `pages` and `data` in site-packages would clash with other
projects. So the wheel carries them inside the package, as `itexit/_app/` (setup.py copies
them there at build time), in the same layout, so app.py's relative page paths
(`st.Page("pages/x.py")`, resolved against the main script's folder) work unchanged. Whichever
of the two holds app.py is the app's folder.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["APP", "APP_FOLDER", "DATA", "FROM_CLONE", "STREAMLIT_CONFIG", "default_database"]

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "_app"

FROM_CLONE = not (_BUNDLED / "app.py").is_file()
"""True when running from a clone of the repository (as an editable install does), False when
installed from a wheel (pip install, pipx)."""
APP_FOLDER = _PACKAGE.parent if FROM_CLONE else _BUNDLED
APP = APP_FOLDER / "app.py"
DATA = APP_FOLDER / "data"
STREAMLIT_CONFIG = APP_FOLDER / ".streamlit" / "config.toml"


def default_database() -> Path:
    """The SQLite file used when no database URL is given: data/itexit.db in a clone; once
    installed, itexit.db in the user's data folder (~/.local/share/itexit on Linux,
    ~/Library/Application Support/itexit on macOS, %LOCALAPPDATA%\\itexit on Windows), since
    site-packages is no place for a user's work and may not be writable."""
    if FROM_CLONE:
        return DATA / "itexit.db"
    from platformdirs import user_data_path

    return user_data_path("itexit", appauthor=False) / "itexit.db"
