"""The patcher on a Sentry-sized urls.py (3,800 lines, 550 routes, several lists and includes)."""

from __future__ import annotations

import ast
import difflib
import re
import subprocess
import sys
from pathlib import Path

import black
import pytest

from tests.helpers import copy_project, run_cli, snapshot, speedups_env
from tests.support.synthetic import write_sentry_tree

URLS = "src/bigco/api/urls.py"
CASES = {
    # style -> (argv after the class name, list that must receive the entry, expected pattern)
    "modern": (
        [
            "--route",
            "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id}/",
            "--lookup",
            "widget_id=bigco.models.team.Team",
            "--methods",
            "get,put,delete",
        ],
        "PROJECT_URLS",
        (
            r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/widgets/"
            r"(?P<widget_id>[^/]+)/$"
        ),
    ),
    "legacy": (
        ["--route", "organizations/{organization_slug}/gadgets/", "--methods", "get,post"],
        "ORGANIZATION_URLS",
        r"^(?P<organization_slug>[^\/]+)/gadgets/$",
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def tree(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    style = request.param
    return style, write_sentry_tree(tmp_path_factory.mktemp(style), style=style)


def _list_of_line(source: str, line_number: int) -> str:
    """Name of the module-level list whose statement holds `line_number`."""
    for node in ast.parse(source).body:
        if node.lineno <= line_number <= (node.end_lineno or node.lineno):
            assert isinstance(node, ast.Assign | ast.AnnAssign)
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            assert isinstance(target, ast.Name)
            return target.id
    raise AssertionError(f"line {line_number} is outside every statement")


def test_new_endpoint_on_a_sentry_sized_urls_py(
    tree: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    style, source_tree = tree
    project = copy_project(source_tree, tmp_path / "p")
    name = "ProjectWidgetDetails" if style == "modern" else "OrganizationGadgets"
    argv, expected_list, expected_pattern = CASES[style]
    before = (project / URLS).read_text()
    assert before.count("\n") > 3000

    result = run_cli(capsys, "new-endpoint", name, *argv, "--project", str(project))

    assert result.code == 0, result.err
    after = (project / URLS).read_text()
    diff = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line for line in diff[2:] if line.startswith("-")]
    added = [line[1:] for line in diff[2:] if line.startswith("+")]
    assert removed == []
    call = "re_path" if style == "modern" else "url"
    assert added[0].startswith("from ") and f"{name}Endpoint" in added[0]
    block = [
        f"    {call}(",
        f'        r"{expected_pattern}",',
        f"        {name}Endpoint.as_view(),",
        f'        name="bigco-api-0-{re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()}",',
        "    ),",
    ]
    assert len(added) == 1 + len(block)  # the diff may align the new entry with its neighbour
    assert "\n".join(block) + "\n" in after
    entry_line = after.splitlines().index(f"        {name}Endpoint.as_view(),") + 1
    assert _list_of_line(after, entry_line) == expected_list
    assert black.format_str(after, mode=black.Mode(line_length=100)) == after

    # The import block stays isort-sorted: the new line sits between its neighbours.
    import_line = after.splitlines().index(added[0])
    neighbours = after.splitlines()[import_line - 1 : import_line + 2]
    modules = [line.split()[1] for line in neighbours if line.startswith("from ")]
    assert modules == sorted(modules, key=str.lower)

    again = run_cli(capsys, "new-endpoint", name, *argv, "--project", str(project))
    assert again.code == 1 and "already exists" in again.err
    assert (project / URLS).read_text() == after


@pytest.mark.parametrize("speedups", ["on", "off"])
def test_cli_subprocess_writes_the_same_bytes_as_in_process(
    tree: tuple[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], speedups: str
) -> None:
    """The console script (its own process, rendering in a forked child unless the speedups are
    switched off) and the in-process call write the same bytes."""
    style, source_tree = tree
    argv, _, _ = CASES[style]
    in_process = copy_project(source_tree, tmp_path / "in")
    assert run_cli(capsys, "new-endpoint", "Probe", *argv, "--project", str(in_process)).code == 0
    child = copy_project(source_tree, tmp_path / "sub")
    subprocess.run(
        [sys.executable, "-m", "scaffold", "new-endpoint", "Probe", *argv, "--project", str(child)],
        check=True,
        capture_output=True,
        env=speedups_env(speedups),
    )
    assert snapshot(child) == snapshot(in_process)
