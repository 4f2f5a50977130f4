"""`scaffold check` on a Sentry-scale tree (5,000 files, ~580 endpoint modules, 3,800-line urls.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from scaffold.check.problems import RULES
from tests.helpers import run_cli, speedups_env
from tests.support.sentry_plant import DEFAULT_RULES, OPT_IN_RULES, Planted, plant_problems
from tests.support.sentry_tree import TOTAL_FILES, URLS, Finding, Tree, build_tree, write_files

ALL_RULES = (*DEFAULT_RULES, *OPT_IN_RULES)
Report = dict[str, Any]  # the parsed `--format json` output


@pytest.fixture(scope="module")
def tree() -> Tree:
    return build_tree()


@pytest.fixture(scope="module")
def clean_root(tree: Tree, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("clean"), tree.files)


@pytest.fixture(scope="module")
def planted(tree: Tree) -> Planted:
    return plant_problems(tree)


@pytest.fixture(scope="module")
def planted_root(planted: Planted, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_files(tmp_path_factory.mktemp("planted"), planted.files)


def _check(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, Report]:
    result = run_cli(capsys, "check", "--project", str(root), "--format", "json", *args)
    return result.code, json.loads(result.out)


def _findings(report: Report) -> Counter[Finding]:
    return Counter(Finding(p["rule"], p["path"], p["symbol"]) for p in report["problems"])


def test_tree_has_sentry_scale(tree: Tree, clean_root: Path) -> None:
    python_files = list(clean_root.rglob("*.py"))
    assert len(python_files) == TOTAL_FILES
    endpoint_modules = [p for p in python_files if p.parent.name == "endpoints"]
    assert len({p.parent for p in endpoint_modules}) >= 20
    assert 550 <= len(endpoint_modules) <= 650
    urls = (clean_root / URLS).read_text(encoding="utf-8")
    assert 3700 <= len(urls.splitlines()) <= 3900 and urls.count(".as_view()") == 550
    for shape in ("include(ORGANIZATION_URLS)", 'include("bigco.billing.urls")', "include(\n"):
        assert shape in urls
    assert urls.count("include(create_group_urls(") == 2 and "*plugin_urls.PLUGIN_URLS," in urls
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in python_files)
    assert 110 <= lines / len(python_files) <= 200


def test_generation_is_deterministic(tree: Tree) -> None:
    build_tree.cache_clear()
    assert build_tree().files == tree.files


def test_clean_tree_is_clean_with_every_rule(
    capsys: pytest.CaptureFixture[str], tree: Tree, clean_root: Path
) -> None:
    code, report = _check(capsys, clean_root, "--select", ",".join(ALL_RULES))
    assert (code, report["problems"]) == (0, [])
    assert (report["endpoints"], report["routes"]) == (tree.endpoints, tree.routes)


def test_every_planted_problem_is_found_and_nothing_else(
    capsys: pytest.CaptureFixture[str], planted: Planted, planted_root: Path
) -> None:
    code, report = _check(capsys, planted_root)
    assert code == 1
    assert _findings(report) == Counter(planted.expected(DEFAULT_RULES))


def test_opt_in_rules_find_their_planted_problems(
    capsys: pytest.CaptureFixture[str], planted: Planted, planted_root: Path
) -> None:
    code, report = _check(capsys, planted_root, "--select", ",".join(ALL_RULES))
    assert code == 1
    assert _findings(report) == Counter(planted.expected(ALL_RULES))
    assert {f.rule for f in planted.findings} == set(ALL_RULES)


def test_a_problem_is_planted_for_every_rule_check_knows() -> None:
    """README: `--plant` adds one problem per rule; the rules are scaffold's own, not a copy."""
    assert set(ALL_RULES) == set(RULES)
    assert set(DEFAULT_RULES) == {rule for rule, (default, _) in RULES.items() if default}


def test_one_changed_file_reports_just_its_problem(
    capsys: pytest.CaptureFixture[str], planted: Planted, planted_root: Path
) -> None:
    changed = planted_root / planted.orphan_path
    code, report = _check(capsys, planted_root, str(changed))
    assert code == 1
    expected = [f for f in planted.findings if f.path == planted.orphan_path]
    assert _findings(report) == Counter(expected)


@pytest.mark.parametrize("speedups", ["on", "off"])
def test_the_console_script_finds_the_same_both_ways(
    planted: Planted, planted_root: Path, speedups: str
) -> None:
    """In a process of its own, a whole-tree check reads the tree in two processes (speedups on)
    or in one (off); both report exactly the planted problems, with every rule."""
    completed = subprocess.run(
        [sys.executable, "-m", "scaffold", "check", "--format", "json"]
        + ["--project", str(planted_root), "--select", ",".join(ALL_RULES)],
        capture_output=True,
        text=True,
        check=False,
        env=speedups_env(speedups),
    )
    assert completed.returncode == 1, completed.stderr
    assert _findings(json.loads(completed.stdout)) == Counter(planted.expected(ALL_RULES))
