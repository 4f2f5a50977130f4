"""What a star import brings is what its module's `__all__` lists, when it has one: the check's
one reader of `__all__` (`star_binding.literal_all`) serves the class resolver and the class
decorators alike. Each case is judged by Python itself: the tiny package is imported in a
subprocess and asked which module defined the object the name is bound to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scaffold.check.problems import CheckResult
from tests.check.test_class_decorators import MISMATCH, SUFFIXED, _check, _mismatches
from tests.check.test_class_decorators_unproven import PLAIN, _marks, _unresolved
from tests.check.test_star_order import LEGACY, ROUTE, STARRED_WIDGETS, _found, _run
from tests.check.trees import write_tree


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


# `stamped` of plain.py is harmless, dropping.py's drops `suffix`: plain.py is star-imported
# last, so which one the endpoint's module binds is what plain.py's `__all__` says
LAST_PLAIN = "from .dropping import *\nfrom .plain import *\n"


@pytest.mark.parametrize(
    ("plain_all", "binds", "why"),
    [  # an `__all__` listing a name twice is still a literal one
        ('__all__ = ["stamped", "stamped"]\n', "plain", None),
        # an item of `__all__` set by code: not judged (it was read as the list written)
        ('__all__ = ["other"]\nother = 1\n__all__[0] = "stamped"\n', "plain", "is bound by code"),
    ],
    ids=["listed-twice", "item-set-by-code"],
)
def test_a_class_decorator_follows_all_as_the_resolver_does(
    tmp_path: Path, plain_all: str, binds: str, why: str | None
) -> None:
    files = _marks(tmp_path, LAST_PLAIN, PLAIN + plain_all)
    root = write_tree(tmp_path, {**files, "api/urls.py": SUFFIXED})
    assert python_binds(root, "shop.api.marks.all", "stamped") == f"shop.api.marks.{binds}"
    if why is None:
        assert _mismatches(_check(root)) == [MISMATCH]
    else:
        found = _unresolved(tmp_path, "@stamped", files)
        assert found.startswith(f"OrganizationStatsEndpoint: decorated by stamped, which {why}")


@pytest.mark.parametrize(
    "own",
    [PLAIN, "from .plain import *\n"],  # all.py's own `stamped`, or plain.py's by a star import
    ids=["defined", "star-imported"],
)
def test_a_class_decorator_a_later_star_module_imports_back_is_the_earlier_binding(
    tmp_path: Path, own: str
) -> None:
    """all.py binds `stamped` and then star-imports later.py, which takes `stamped` back from
    all.py (a circular import, as a 2023 Sentry's serializers/models/*.py take `register` from
    the package star-importing them): the name is still the harmless function bound first.
    It was followed round the circle until the reader gave up ("bound by code")."""
    files = _marks(tmp_path, own + "\nfrom .later import *\n")
    files["api/marks/later.py"] = "from shop.api.marks.all import stamped\n"
    root = write_tree(tmp_path, {**files, "api/urls.py": SUFFIXED})
    defined = "all" if own == PLAIN else "plain"
    assert python_binds(root, "shop.api.marks.all", "stamped") == f"shop.api.marks.{defined}"
    assert _mismatches(_check(root)) == [MISMATCH]
