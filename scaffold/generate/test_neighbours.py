"""What a new test module takes from the test modules it is written beside: the import path of
the case class most of them use (`from sentry.testutils import APITestCase`, a re-export of the
class `testutils/cases.py` defines) and, where the helper asserts a status by default, whether
they name that status in its calls. The folder the test goes into is read, else (no test module
there names the case class) the tests tree; a bounded number of files, in the order of their
paths, so the answer is the same every run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from scaffold.pysource.classes import Resolver
from scaffold.pysource.neighbour_tests import NeighbourTests, read_neighbour_tests
from scaffold.pysource.test_idiom import TestIdiom

_MOST_LISTED = 400  # test modules whose bytes are read, at most
_MOST_PARSED = 24  # of those, the ones parsed (their text names the case class), at most


def neighbour_tests(folder: Path, tests_root: Path, idiom: TestIdiom) -> NeighbourTests:
    """What the test modules of `folder` (else of the tree under `tests_root`) do."""
    helper = idiom.requests.value
    call = idiom.call(helper)
    default = call.status_default if call is not None else None
    found = _read(folder, idiom.case_class, helper, default, False)
    if found.read == 0 and tests_root != folder:
        found = _read(tests_root, idiom.case_class, helper, default, True)
    return found


def case_class_path(idiom: TestIdiom, neighbours: NeighbourTests, resolver: Resolver | None) -> str:
    """The dotted path to import the case class by: the one most neighbours use when the
    project's reader proves it binds the class the utilities define (a re-export by
    `from .cases import *` or by name), else the module defining it."""
    defined = f"{idiom.cases_module}.{idiom.case_class}"
    module = neighbours.most_imported_from()
    if module is None or module == idiom.cases_module or resolver is None:
        return defined
    wanted = f"{module}.{idiom.case_class}"
    found = resolver.resolve(wanted)
    return wanted if found is not None and found[0] == defined else defined


@lru_cache(maxsize=8)  # one folder, asked once per resource of a spec
def _read(
    top: Path, case_class: str, helper: str, default: int | None, deep: bool
) -> NeighbourTests:
    marker, calls = case_class.encode(), f".{helper}(".encode()
    calling: list[tuple[Path, bytes]] = []  # those calling the helper are read first
    naming: list[tuple[Path, bytes]] = []
    for index, path in enumerate(_test_modules(top, deep)):
        if index >= _MOST_LISTED or len(calling) >= _MOST_PARSED:
            break
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if marker in data:
            (calling if calls in data else naming).append((path, data))
    datas = (calling + naming)[:_MOST_PARSED]
    return read_neighbour_tests(datas, case_class, helper, default)


def _test_modules(top: Path, deep: bool) -> Iterator[Path]:
    """`test_*.py` of `top` (and, `deep`, of its folders), in the order of their paths."""
    for folder, dirs, files in os.walk(top):
        dirs.sort()
        if not deep:
            dirs.clear()
        for name in sorted(files):
            if name.startswith("test_") and name.endswith(".py"):
                yield Path(folder) / name
