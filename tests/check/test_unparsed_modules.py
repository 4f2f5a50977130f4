"""A module the reader cannot parse (a syntax error, or syntax newer than the Python running
scaffold) hides its classes from the check: it is named as a place not followed, with its line,
in a whole-tree run, a PATHS run and a cached run alike, and no finding is made from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.commands.speedups import check_reading
from scaffold.project.settings import load_settings
from tests.check.trees import STATS, write_tree

BROKEN_STATS = STATS.replace(
    "    def get(self, request, organization):", "    def get(self, request, organization:"
)
STATS_PATH = "src/shop/api/endpoints/organization_stats.py"


def _check(root: Path, paths: list[Path] | None = None, fast: bool = False) -> CheckResult:
    settings = load_settings(root)
    config = load_check_config(root, {}, None, [], None)
    reading = check_reading(own_process=True) if fast else check_reading(own_process=False)
    return run_check(settings, config, paths, reading)


@pytest.mark.parametrize("fast", [False, True], ids=["plain", "fast"])
def test_a_module_that_does_not_parse_is_named_not_skipped(
    tmp_path: Path, cache_dir: Path, fast: bool
) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_stats.py": BROKEN_STATS})
    result = _check(root, fast=fast)
    assert result.problems == []  # its route is not reported: its class is unknown, not absent
    assert result.endpoints == 1  # OrganizationWidgetsEndpoint alone
    unread, route = result.unresolved  # the module, and the route of the class it hides
    assert (route.relpath, route.what) == ("src/shop/api/urls.py", "OrganizationStatsEndpoint")
    assert (unread.relpath, unread.line) == (STATS_PATH, 8)
    assert unread.what == "module shop.api.endpoints.organization_stats"
    assert "does not parse with Python 3." in unread.why
    again = _check(root, fast=fast)  # a second run, from the fact cache when fast
    assert again.unresolved == result.unresolved


def test_a_changed_module_that_does_not_parse_is_named_in_a_paths_run(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_stats.py": BROKEN_STATS})
    result = _check(root, [root / STATS_PATH])
    assert result.problems == []
    assert [(u.relpath, u.line) for u in result.unresolved] == [(STATS_PATH, 8)]


def test_a_module_that_parses_is_not_named(tmp_path: Path) -> None:
    assert _check(write_tree(tmp_path / "p")).unresolved == []
