"""What a star import brings is what its module's `__all__` lists, when it has one
(`star_binding.literal_all`). Each case is judged by Python itself: the tiny package is
imported in a subprocess and asked which module defined the object the name is bound to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scaffold.check.problems import CheckResult
from tests.check.test_star_order import LEGACY, ROUTE, STARRED_WIDGETS, _found, _run


def python_binds(root: Path, module: str, name: str) -> str:
    """The module that defined what `module.name` is bound to once Python has imported it."""
    code = f"import importlib; print(importlib.import_module({module!r}).{name}.__module__)"
    done = subprocess.run(
        [sys.executable, "-B", "-c", code],
        cwd=root / "src",
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _bases(tmp_path: Path, legacy_all: str, files: dict[str, str] | None = None) -> CheckResult:
    """bases/ star-imports organization.py, then legacy.py (which defines another
    OrganizationEndpoint, one that does not give `organization`), whose `__all__` decides."""
    given = {
        "api/bases/__init__.py": "from .organization import *\nfrom .legacy import *\n",
        "api/bases/legacy.py": LEGACY.format(all=legacy_all),
        "api/endpoints/organization_widgets.py": STARRED_WIDGETS,
    }
    return _run(tmp_path, {**given, **(files or {})})


def test_an_annotated_all_says_what_a_star_import_brings(tmp_path: Path) -> None:
    """`__all__: list[str] = [...]` binds `__all__` as a plain assignment does; it was read as
    an `__all__` built by code, and the base left unresolved."""
    result = _bases(tmp_path, '__all__: list = ["LegacyEndpoint"]')
    assert python_binds(tmp_path / "p", "shop.api.bases", "OrganizationEndpoint") == (
        "shop.api.bases.organization"
    )
    assert (result.problems, result.unresolved) == ([], [])


def test_an_all_imported_from_elsewhere_is_not_read_as_no_all(tmp_path: Path) -> None:
    """`from .names import __all__` gives the module an `__all__` the reader does not judge;
    it was read as no `__all__` at all (every public name exported), and legacy.py's
    OrganizationEndpoint taken for the one bound: a false param-mismatch."""
    files = {"api/bases/names.py": '__all__ = ["LegacyEndpoint"]\n'}
    legacy_all = "from shop.api.bases.names import __all__"
    result = _bases(tmp_path, legacy_all, files)
    assert python_binds(tmp_path / "p", "shop.api.bases", "OrganizationEndpoint") == (
        "shop.api.bases.organization"
    )
    assert ("param-mismatch", ROUTE) not in _found(result)
    assert [u.what for u in result.unresolved] == ["OrganizationWidgetsEndpoint"]
