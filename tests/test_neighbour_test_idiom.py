"""A test module written beside the project's own reads like them: the case class imported by
the path most of them use, when the reader proves that path binds the class the utilities
define, and `status_code=200` left out where the helper asserts 200 by default and the
neighbours leave it out."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scaffold.pysource.kwargs_reads import status_default
from tests.helpers import FIXTURES, copy_project, fixtures_module, run_cli
from tests.test_valid_response_idiom import PAIR_CASES

# the package's __init__ re-exports the case class, as Sentry's testutils did until 2021
STAR_INIT = 'from .cases import *  # noqa\n\n__all__ = ["APITestCase"]\n'

# a neighbour in the 2019 shape, in our own words: the case class by the package's path, and
# the helper's default status left out
NEIGHBOUR = """\
from oldco.testutils import APITestCase


class {name}Test(APITestCase):
    endpoint = "oldco-api-0-{slug}"

    def test_get(self):
        self.get_valid_response(self.organization.slug{status})

    def test_post(self):
        self.get_valid_response(self.organization.slug, method="post", status_code=201)
"""

ARGV = (
    *("new-endpoint", "ProjectWidgetDetails", "--methods", "get,delete"),
    *("--route", "projects/{organization_slug}/{project_slug}/widgets/{widget_id}/"),
    *("--lookup", "widget_id=oldco.models.Widget"),
)
WRITTEN = "tests/oldco/api/endpoints/test_project_widget_details.py"


def _project(tmp_path: Path, init: str, cases: str = PAIR_CASES) -> Path:
    project = copy_project(FIXTURES / "legacy", tmp_path / "legacy")
    utils = project / "src/oldco/testutils"
    utils.mkdir()
    (utils / "__init__.py").write_text(init)
    (utils / "cases.py").write_text(cases.format(package="oldco"))
    (utils / "fixtures.py").write_text(fixtures_module("(object)"))
    return project


def _neighbours(folder: Path, count: int, status: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        name, slug = f"Gadget{index}", f"gadget-{index}"
        text = NEIGHBOUR.format(name=name, slug=slug, status=status)
        (folder / f"test_gadget_{index}.py").write_text(text)


def _written(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert run_cli(capsys, *ARGV, "--project", str(project)).code == 0
    return (project / WRITTEN).read_text()


@pytest.mark.parametrize(
    "init", [STAR_INIT, "from .cases import APITestCase  # noqa\n"], ids=["star", "named"]
)
def test_the_case_class_is_imported_as_the_neighbours_do_and_the_default_status_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], init: str
) -> None:
    project = _project(tmp_path, init)
    _neighbours(project / "tests/oldco/api/endpoints", 3)
    text = _written(project, capsys)
    assert "from oldco.testutils import APITestCase\n" in text
    assert "from oldco.testutils.cases import" not in text
    get = "self.get_valid_response(self.organization.slug, self.project.slug, self.widget.id)\n"
    assert get in text
    assert "status_code=204" in text  # not the default: written as before
    ast.parse(text)


def test_a_path_not_proven_to_bind_the_class_is_not_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The neighbours' path binds nothing the reader can see (an empty `__init__.py`): the
    module defining the class is imported, as without neighbours."""
    project = _project(tmp_path, "")
    _neighbours(project / "tests/oldco/api/endpoints", 3)
    text = _written(project, capsys)
    assert "from oldco.testutils.cases import APITestCase\n" in text


def test_neighbours_naming_the_default_status_keep_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path, STAR_INIT)
    _neighbours(project / "tests/oldco/api/endpoints", 3, ", status_code=200")
    text = _written(project, capsys)
    assert "from oldco.testutils import APITestCase\n" in text
    assert "self.widget.id, status_code=200" in text


def test_without_neighbour_tests_the_test_is_written_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path, STAR_INIT)
    text = _written(project, capsys)
    assert "from oldco.testutils.cases import APITestCase\n" in text
    assert "self.widget.id, status_code=200" in text


def test_an_empty_folder_reads_the_tests_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No test module in the folder the test goes into: those elsewhere in the tests tree."""
    project = _project(tmp_path, STAR_INIT)
    (project / "tests/oldco/api/endpoints").mkdir(parents=True)
    _neighbours(project / "tests/oldco/web", 2)
    text = _written(project, capsys)
    assert "from oldco.testutils import APITestCase\n" in text
    assert "self.widget.id)\n" in text


def test_a_helper_asserting_another_default_keeps_the_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Leaving the status out is left to the helper only where it asserts 200 given none."""
    cases = PAIR_CASES.replace('params.pop("status_code", 200)', 'params.pop("status_code", 201)')
    project = _project(tmp_path, STAR_INIT, cases)
    _neighbours(project / "tests/oldco/api/endpoints", 3)
    text = _written(project, capsys)
    assert "self.widget.id, status_code=200" in text


@pytest.mark.parametrize(
    ("source", "default"),
    [
        ('def f(self, **params):\n    s = params.pop("status_code", 200)\n', 200),
        ('def f(self, **params):\n    s = params.get("status_code", 204)\n', 204),
        ("def f(self, *args, status_code=200, **params):\n    pass\n", 200),
        ('def f(self, **params):\n    s = params.pop("status_code", None)\n', None),
        ('def f(self, **params):\n    s = params.pop("status_code", SUCCESS.get(m, 200))\n', None),
        (
            'def f(self, **p):\n    a = p.pop("status_code", 200)\n    b = p.get("status_code", 201)\n',
            None,
        ),
        ('def f(self, status_code, **params):\n    s = params.pop("status_code", 200)\n', None),
    ],
)
def test_the_status_a_helper_asserts_by_default(source: str, default: int | None) -> None:
    function = ast.parse(source).body[0]
    assert isinstance(function, ast.FunctionDef)
    assert status_default(function) == default
