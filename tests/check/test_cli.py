"""`scaffold check` through the real CLI: exit codes, formats, ignores, config, baseline, PATHS.

Every test runs twice: with the speedups of `commands/speedups.py` (the lean parser; in a
subprocess also gc off and `os._exit`) and with `SCAFFOLD_NO_SPEEDUPS=1` (typer, plain exit).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scaffold.commands.speedups import SWITCH
from tests.check.trees import URLS, write_tree
from tests.helpers import EXAMPLE, copy_project, run_cli

UNROUTED = URLS.replace(
    "OrganizationStatsEndpoint.as_view()", "OrganizationWidgetsEndpoint.as_view()"
)
STATS_PATH = "src/shop/api/endpoints/organization_stats.py"
BROADCAST_ENTRY = """    re_path(
        r"^broadcasts/(?P<broadcast_id>[^/]+)/$",
        BroadcastDetailsEndpoint.as_view(),
        name="acme-api-0-broadcast-details",
    ),
"""


@pytest.fixture(autouse=True, params=["speedups", "no-speedups"])
def speedups(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run the test with the switch on and off (subprocesses inherit the environment)."""
    on = bool(request.param == "speedups")
    if on:
        monkeypatch.delenv(SWITCH, raising=False)
    else:
        monkeypatch.setenv(SWITCH, "1")
    return on


def _scaffold(*argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "scaffold", *argv],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
    )


def _imported(completed: subprocess.CompletedProcess[str]) -> set[str]:
    """Top-level packages in `-X importtime` output."""
    return {line.split("|")[-1].strip().split(".")[0] for line in completed.stderr.splitlines()}


def test_example_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "check", "--project", str(EXAMPLE))
    assert (result.code, result.out.splitlines()[-1]) == (
        0,
        "No problems (10 endpoints, 10 routes checked).",
    )


def test_deleting_a_route_fails_and_restoring_it_passes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    urls = project / "src/acme/api/urls.py"
    original = urls.read_text()
    urls.write_text(original.replace(BROADCAST_ENTRY, ""))
    result = run_cli(capsys, "check", "--project", str(project), "--format", "github")
    assert (result.code, result.out.strip()) == (
        1,
        (
            "::error file=src/acme/api/endpoints/broadcast_details.py,line=15,"
            "title=unregistered-endpoint::BroadcastDetailsEndpoint is an endpoint no route serves; "
            "register it in urls.py (`scaffold new-endpoint BroadcastDetailsEndpoint --route ROUTE "
            "--module acme.api.endpoints.broadcast_details --skip` writes the route and its "
            "import) or remove the class"
        ),
    )
    urls.write_text(original)
    assert run_cli(capsys, "check", "--project", str(project)).code == 0


def test_json_and_text_formats(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"api/urls.py": UNROUTED})
    result = run_cli(capsys, "check", "--project", str(root), "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == {
        "problems": [
            {
                "rule": "unregistered-endpoint",
                "path": STATS_PATH,
                "line": 4,
                "symbol": "OrganizationStatsEndpoint",
                "message": "OrganizationStatsEndpoint is an endpoint no route serves; register "
                "it in urls.py (`scaffold new-endpoint OrganizationStatsEndpoint --route ROUTE "
                "--module shop.api.endpoints.organization_stats --skip` writes the route and its "
                "import) or remove the class",
            }
        ],
        "endpoints": 2,
        "routes": 2,
        "unresolved": 0,
    }
    text = run_cli(capsys, "check", "--project", str(root)).out.splitlines()
    assert text[0] == STATS_PATH
    assert text[1].startswith(f"  {STATS_PATH}:4: unregistered-endpoint OrganizationStats")
    assert text[-1] == "1 problem in 1 file (2 endpoints, 2 routes checked)."


def test_inline_ignore(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"api/urls.py": UNROUTED})
    stats = root / STATS_PATH
    text = stats.read_text()
    header = "class OrganizationStatsEndpoint(OrganizationEndpoint):"
    stats.write_text(text.replace(header, header + "  # scaffold: ignore[missing-owner]"))
    shown = run_cli(capsys, "check", "--project", str(root))
    assert shown.code == 1 and "the ignore comment names" not in shown.out
    misspelled = "  # scaffold: ignore[unregistered-endpoints]"  # a typo suppresses nothing
    stats.write_text(text.replace(header, header + misspelled))
    shown = run_cli(capsys, "check", "--project", str(root))
    assert shown.code == 1
    assert (
        "(the ignore comment names 'unregistered-endpoints': the rule is 'unregistered-endpoint')"
        in shown.out
    )
    ignore = "  # scaffold: ignore[missing-owner, unregistered-endpoint]"
    stats.write_text(text.replace(header, header + ignore))
    assert run_cli(capsys, "check", "--project", str(root)).code == 0


def test_config_select_ignore_and_unknown_rules(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path, {"api/urls.py": UNROUTED})
    pyproject = root / "pyproject.toml"
    pyproject.write_text('[tool.scaffold.check]\nignore = ["unregistered-endpoint"]\n')
    assert run_cli(capsys, "check", "--project", str(root)).code == 0
    pyproject.write_text('[tool.scaffold.check]\nextend-select = ["duplicate-view"]\n')
    result = run_cli(capsys, "check", "--project", str(root), "--format", "json")
    assert sorted(p["rule"] for p in json.loads(result.out)["problems"]) == [
        "duplicate-view",
        "unregistered-endpoint",
    ]
    assert run_cli(capsys, "check", "--project", str(root), "--select", "duplicate-view").code == 1
    assert run_cli(capsys, "check", "--project", str(root), "--ignore", "ALL,x").code == 2
    pyproject.write_text('[tool.scaffold.check]\nselect = ["unregistred-endpoint"]\n')
    result = run_cli(capsys, "check", "--project", str(root))
    assert result.code == 2
    assert "did you mean 'unregistered-endpoint'?" in result.err


def test_baseline_then_only_new_problems_fail(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path, {"api/urls.py": UNROUTED})
    assert run_cli(capsys, "check", "--project", str(root), "--write-baseline").code == 0
    baseline = json.loads((root / "scaffold-check-baseline.json").read_text())
    assert baseline["problems"] == [
        {
            "rule": "unregistered-endpoint",
            "path": STATS_PATH,
            "symbol": "OrganizationStatsEndpoint",
            "count": 1,
        }
    ]
    stats = root / STATS_PATH
    stats.write_text("# a line above moves the class\n" + stats.read_text())
    quiet = run_cli(capsys, "check", "--project", str(root))
    assert quiet.code == 0
    baseline_path = root / "scaffold-check-baseline.json"
    assert quiet.out.splitlines()[-1] == f"1 known problem(s) in {baseline_path} not shown."
    (root / "src/shop/api/endpoints/extra.py").write_text(
        "from shop.api.base import Endpoint\n\n\nclass ExtraEndpoint(Endpoint):\n"
        "    def post(self, request):\n        return None\n"
    )
    result = run_cli(capsys, "check", "--project", str(root), "--format", "json")
    assert [p["symbol"] for p in json.loads(result.out)["problems"]] == ["ExtraEndpoint"]


def test_paths_mode_checks_only_what_the_files_affect(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_tree(tmp_path, {"api/urls.py": UNROUTED})
    monkeypatch.chdir(root)
    widgets = "src/shop/api/endpoints/organization_widgets.py"
    assert run_cli(capsys, "check", widgets).code == 0
    assert run_cli(capsys, "check", STATS_PATH).code == 1
    (root / "README.md").write_text("# shop\n")
    assert run_cli(capsys, "check", "README.md").code == 0  # not Python: nothing to check
    assert run_cli(capsys, "check", "src/shop/api/urls.py").code == 1


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("src/shop/api/endpoints/organization_widgts.py", "does not exist"),
        ("src/shop/api", "is a folder"),
    ],
)
def test_a_path_that_is_no_file_of_the_project_is_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    path: str,
    says: str,
) -> None:
    """A mistyped PATH must not pass as a clean file: one line naming it, exit 2. (A file
    outside the project exists and has nothing to check: a monorepo's pre-commit passes it.)"""
    root = write_tree(tmp_path / "p")
    (tmp_path / "elsewhere.py").write_text("x = 1\n")
    monkeypatch.chdir(root)
    assert run_cli(capsys, "check", "../elsewhere.py").code == 0
    result = run_cli(capsys, "check", path)
    assert result.code == 2
    assert result.err.startswith(f"error: {path}: {says}") and result.err.count("\n") == 1
    assert result.out == ""


def test_no_writing_libraries_are_imported(speedups: bool) -> None:
    """`scaffold --help` and `scaffold check` stay fast: no libcst, black, jinja2 or yaml; with
    the speedups on, `scaffold check` does not import typer either."""
    for argv in (["--help"], ["check", "--project", str(EXAMPLE)]):
        completed = _scaffold(*argv)
        assert completed.returncode == 0, completed.stderr
        imported = _imported(completed)
        assert imported & {"libcst", "black", "jinja2", "yaml"} == set()
        if argv[0] == "check":
            assert ("typer" in imported) is not speedups


def test_subprocess_reports_problems_and_exit_code(tmp_path: Path) -> None:
    """Output piped to another process arrives whole either way (the lean path flushes it
    before `os._exit`), with exit 1 for problems and 2 for bad input."""
    root = write_tree(tmp_path, {"api/urls.py": UNROUTED})
    completed = _scaffold("check", "--format", "json", cwd=root)
    assert completed.returncode == 1, completed.stderr
    assert [p["symbol"] for p in json.loads(completed.stdout)["problems"]] == [
        "OrganizationStatsEndpoint"
    ]
    completed = _scaffold("check", STATS_PATH, cwd=root)
    assert completed.returncode == 1
    assert (
        completed.stdout.splitlines()[-1] == "1 problem in 1 file (2 endpoints, 2 routes checked)."
    )
    completed = _scaffold("check", "--format", "xml", cwd=root)
    assert completed.returncode == 2
    assert "error: --format 'xml': use text, json or github" in completed.stderr.splitlines()


def test_explain_lists_what_was_not_followed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A route whose pattern is built by code the reader cannot evaluate: no finding (the
    class counts as served), one unresolved place, counted in the summary and json, listed with
    --explain."""
    urls = """
    import os

    from django.urls import re_path

    from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
    from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

    urlpatterns = [
        re_path(
            r"^(?P<organization_id_or_slug>[^/]+)/widgets/$",
            OrganizationWidgetsEndpoint.as_view(),
            name="widgets",
        ),
        re_path(os.environ["STATS_ROUTE"], OrganizationStatsEndpoint.as_view(), name="stats"),
    ]
    """
    root = write_tree(tmp_path, {"api/urls.py": urls})
    plain = run_cli(capsys, "check", "--project", str(root))
    assert plain.code == 0
    assert plain.out.splitlines()[-1].startswith("1 place could not be followed statically")
    body = json.loads(run_cli(capsys, "check", "--project", str(root), "--format", "json").out)
    assert body["problems"] == [] and body["unresolved"] == 1
    assert "unresolved_places" not in body
    explained = run_cli(capsys, "check", "--project", str(root), "--explain").out.splitlines()
    assert explained[-1].startswith("  src/shop/api/urls.py:14: route pattern os.environ")
    listed = json.loads(
        run_cli(capsys, "check", "--project", str(root), "--format", "json", "--explain").out
    )["unresolved_places"]
    assert [(u["path"], u["line"]) for u in listed] == [("src/shop/api/urls.py", 14)]
    github = ["check", "--project", str(root), "--format", "github"]
    counted = run_cli(capsys, *github).out.splitlines()
    assert counted == [
        (
            "::notice title=scaffold check::1 place could not be followed statically; no finding "
            "was made from it (--explain lists it)."
        )
    ]
    annotated = run_cli(capsys, *github, "--explain").out.splitlines()
    assert annotated[0] == counted[0].replace(" (--explain lists it).", ".")  # listed below
    assert annotated[1].startswith(
        "::notice file=src/shop/api/urls.py,line=14,title=not followed statically::route pattern"
    )


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path) -> None:
    """`scaffold check --format json | true`: the pipe closes before the report is written;
    scaffold exits 141 (a shell's code for a process SIGPIPE ended; 1 would say "problems")
    without a traceback (both ways, with and without the speedups)."""
    root = write_tree(tmp_path, {"api/urls.py": UNROUTED})
    shell = f"{sys.executable} -m scaffold check --format json | true; echo ${{PIPESTATUS[0]}}"
    completed = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, check=False, cwd=root
    )
    assert "Traceback" not in completed.stderr and "Error" not in completed.stderr
    assert completed.stdout.strip() == "141"


def test_the_summary_counts_one_endpoint_and_one_route_in_the_singular(
    capsys: pytest.CaptureFixture[str],
) -> None:
    module = EXAMPLE / "src/acme/api/endpoints/broadcast_details.py"
    result = run_cli(capsys, "check", "--project", str(EXAMPLE), str(module))
    assert result.code == 0, result.out + result.err
    assert result.out.splitlines()[-1] == "No problems (1 endpoint, 1 route checked)."
