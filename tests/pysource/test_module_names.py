"""The names a module binds at top level that another module may import by name: api/base.py's
silo decorators (`project_facts`) and the test utilities' silo test decorators (`test_idiom`)
are read alike, and as Python binds them. Python itself is the judge: the module is imported in
a subprocess and asked whether it has each name."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from scaffold.pysource.project_facts import read_base_module
from scaffold.pysource.test_idiom import read_test_idiom
from tests.helpers import FIXTURES


def python_has(folder: Path, module: str, names: list[str]) -> list[bool]:
    """Whether `module` (a file of `folder`) has each name once Python has imported it."""
    code = f"import {module}; print(' '.join(str(hasattr({module}, n)) for n in {names!r}))"
    done = subprocess.run(
        [sys.executable, "-B", "-c", code], cwd=folder, capture_output=True, text=True, check=True
    )
    return [word == "True" for word in done.stdout.split()]


BASE = """
from typing import Any, Callable


def control_silo_endpoint(cls: Any) -> Any:
    return cls


cell_silo_endpoint: Callable[[Any], Any] = control_silo_endpoint
region_silo_endpoint: Callable[[Any], Any]  # declared, never bound
"""


def test_a_bare_annotation_is_no_silo_decorator(tmp_path: Path) -> None:
    """`region_silo_endpoint: T` binds nothing: a generated endpoint importing it would fail
    on import. It was offered as one of the project's silo decorators."""
    (tmp_path / "base.py").write_text(BASE)
    names = ["control_silo_endpoint", "cell_silo_endpoint", "region_silo_endpoint"]
    assert python_has(tmp_path, "base", names) == [True, True, False]
    facts = read_base_module(tmp_path / "base.py")
    assert facts.silo_decorators == ("control_silo_endpoint", "cell_silo_endpoint")


def test_an_annotated_silo_test_decorator_is_offered(tmp_path: Path) -> None:
    """`cell_silo_test: SiloModeTest = SiloModeTest("cell")` binds the name as a plain
    assignment does; it was left out, and the generated tests went without it."""
    utils = tmp_path / "testutils"
    shutil.copytree(FIXTURES / "today/src/orbit/testutils", utils)
    silo = utils / "silo.py"
    text = silo.read_text()
    annotated = text.replace("cell_silo_test = ", "cell_silo_test: SiloModeTest = ")
    assert annotated != text
    silo.write_text(annotated)
    assert python_has(utils, "silo", ["cell_silo_test"]) == [True]
    idiom = read_test_idiom(utils, "orbit.testutils")
    assert idiom is not None
    assert idiom.silo_module == "orbit.testutils.silo"
    assert idiom.silo_test_for("cell_silo_endpoint") == "cell_silo_test"
