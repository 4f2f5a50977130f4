"""A `--module` named all but as a package beside it is refused as a typo, and the refusal says
how to insist: a new package is meant by creating its folder first (an existing package is
taken as given), after which the same command writes the module inside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, snapshot
from tests.test_bad_input import BAD_INPUT, assert_clean_error, run_like_a_process

COMMAND = (
    "new-endpoint",
    "FooBar",
    "--route",
    "foo-bar/",
    "--permission",
    "rest_framework.permissions.AllowAny",
    "--module",
    "acme.api.endpoitns",
)


def test_the_refusal_names_the_folder_to_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)

    result = run_like_a_process(capsys, *COMMAND, "--project", str(project))

    assert_clean_error(
        result,
        BAD_INPUT,
        "--module",
        r"did you mean 'acme.api.endpoints'.*for a new package of that name, create "
        r"src/acme/api/endpoitns/__init__\.py first",
    )
    assert snapshot(project) == before


def test_a_new_package_made_as_the_refusal_says_is_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    package = project / "src/acme/api/endpoitns"
    package.mkdir()
    (package / "__init__.py").write_text("")

    result = run_like_a_process(capsys, *COMMAND, "--project", str(project))

    assert result.code == 0, result.err
    assert "class FooBarEndpoint(" in (package / "foo_bar.py").read_text()
    urls = (project / "src/acme/api/urls.py").read_text()
    assert "endpoitns.foo_bar import FooBarEndpoint" in urls
