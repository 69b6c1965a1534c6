"""The house rules, checked: only ui.py imports Streamlit, every module says what it exports,
functions stay short, and every public name is explained."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "itexit"
SCRIPTS = PACKAGE / "migrations"
"""Alembic runs the migration scripts (env.py, versions/); they are not modules to import."""
MODULES = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
    if path != SCRIPTS / "env.py" and SCRIPTS / "versions" not in path.parents
)
LONGEST_FUNCTION = 60
STANDARD_LIBRARY = set(sys.stdlib_module_names)


def source(module: str) -> ast.Module:
    path = PACKAGE.parent / Path(*module.split("."))
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return ast.parse(file.read_text(encoding="utf-8"))


def public_definitions(module: str) -> list[ast.FunctionDef | ast.ClassDef]:
    """Public classes and functions of a module, and the public methods of its public classes."""
    found: list[ast.FunctionDef | ast.ClassDef] = []
    for node in source(module).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
            found.append(node)
            if isinstance(node, ast.ClassDef):
                found += [
                    n
                    for n in node.body
                    if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")
                ]
    return found


def exported(module: str) -> list[str] | None:
    for node in source(module).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return list(ast.literal_eval(node.value))
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "__all__":
            return list(ast.literal_eval(node.value)) if node.value else []
    return None


def test_no_module_but_ui_imports_streamlit() -> None:
    # Importing the aggregate first also shows an import cycle through the area packages.
    others = ["itexit.evaluation", *(m for m in MODULES if m != "itexit.ui")]
    script = (
        "import importlib, sys\n"
        f"for name in {others!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("module", MODULES)
def test_every_module_says_what_it_is_for_and_what_it_exports(module: str) -> None:
    tree = source(module)
    assert ast.get_docstring(tree), f"{module} has no docstring"
    names = exported(module)
    assert names is not None, f"{module} has no __all__"
    defined = (
        {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
        | {
            t.id
            for n in tree.body
            if isinstance(n, ast.Assign | ast.AnnAssign)
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
            if isinstance(t, ast.Name)
        }
        | {
            alias.asname or alias.name
            for n in tree.body
            if isinstance(n, ast.ImportFrom)
            for alias in n.names
        }
    )
    assert set(names) <= defined, f"{module} exports what it does not define"
    assert not set(names) & STANDARD_LIBRARY, f"{module} exports a name of the standard library"


@pytest.mark.parametrize("module", MODULES)
def test_every_public_class_and_function_has_a_docstring(module: str) -> None:
    missing = [d.name for d in public_definitions(module) if not ast.get_docstring(d)]
    assert not missing, f"{module}: {', '.join(missing)}"


@pytest.mark.parametrize("module", MODULES)
def test_no_function_is_longer_than_sixty_lines(module: str) -> None:
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(source(module))
        if isinstance(node, ast.FunctionDef) and node.end_lineno is not None
        if node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    ]
    assert not long, f"{module}: {', '.join(long)}"


def test_pages_stay_short() -> None:
    pages = PACKAGE.parent / "pages"
    long = {
        page.name: lines
        for page in pages.glob("*.py")
        if (lines := len(page.read_text(encoding="utf-8").splitlines())) > 125
    }
    assert not long
