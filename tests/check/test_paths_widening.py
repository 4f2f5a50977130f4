"""A PATHS run (pre-commit) checks the endpoints of the changed files; a changed module whose
classes endpoints elsewhere may inherit handlers or a `convert_args` from (a mixin, a base kept
beside the endpoints) widens it to the whole tree, so the finding its change causes in another
file is reported where pre-commit runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import STATS, write_tree

MIXIN = """
class StatsMixin:
    def get(self, request, organization, period):
        return None
"""
STATS_WITH_MIXIN = (
    STATS.replace(
        "from shop.api.bases.organization import OrganizationEndpoint",
        "from shop.api.bases.organization import OrganizationEndpoint\nfrom shop.api.mixins import StatsMixin",
    )
    .replace(
        "class OrganizationStatsEndpoint(OrganizationEndpoint):",
        "class OrganizationStatsEndpoint(StatsMixin, OrganizationEndpoint):",
    )
    .replace("    def get(self, request, organization):\n        return None\n", "")
)


def _check(root: Path, paths: list[Path] | None) -> CheckResult:
    settings = load_settings(root)
    return run_check(settings, load_check_config(root, {}, None, [], None), paths)


def test_a_changed_mixin_checks_the_endpoints_inheriting_it(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "p",
        {"api/mixins.py": MIXIN, "api/endpoints/organization_stats.py": STATS_WITH_MIXIN},
    )
    whole = _check(root, None)
    assert [(p.rule, p.path) for p in whole.problems] == [
        ("param-mismatch", "src/shop/api/urls.py")
    ]
    assert _check(root, [root / "src/shop/api/mixins.py"]).problems == whole.problems


def test_a_changed_module_of_plain_classes_stays_a_paths_run(tmp_path: Path) -> None:
    helpers = "class Period:\n    def days(self):\n        return 1\n"
    root = write_tree(tmp_path / "p", {"api/helpers.py": helpers})
    result = _check(root, [root / "src/shop/api/helpers.py"])
    assert result.problems == [] and result.endpoints == 0


def test_a_class_renamed_in_a_changed_module_is_reported_where_urls_still_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The module is all pre-commit is given; urls.py, unchanged, still imports the old name
    (its import now fails): the whole tree's unknown-view is the changed file's finding too
    (a PATHS run checked only routes naming the classes the module defines now)."""
    from tests.helpers import run_cli

    renamed = STATS.replace("class OrganizationStatsEndpoint(", "class OrganizationStatEndpoint(")
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_stats.py": renamed})
    module = root / "src/shop/api/endpoints/organization_stats.py"
    whole = _check(root, None)
    assert ("unknown-view", "src/shop/api/urls.py") in [(p.rule, p.path) for p in whole.problems]
    assert [p for p in _check(root, [module]).problems if p.rule == "unknown-view"] == [
        p for p in whole.problems if p.rule == "unknown-view"
    ]
    lean = run_cli(capsys, "check", str(module), "--project", str(root))  # the focused reading
    assert lean.code == 1 and "unknown-view OrganizationStatsEndpoint" in lean.out, lean.out


def test_an_unrouted_class_in_a_changed_module_hides_no_other_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole tree confirms that a class beside the routed one is unrouted; the routed
    one's findings (on its route in urls.py) are still the changed file's."""
    from tests.helpers import run_cli

    beside = STATS.replace("def get(self, request, organization):", "def get(self, request):")
    beside += STATS.replace("OrganizationStatsEndpoint", "OrganizationAuditEndpoint").split(
        "\n\n\n", 1
    )[1]
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_stats.py": beside})
    module = root / "src/shop/api/endpoints/organization_stats.py"
    whole = _check(root, None)
    assert sorted(p.rule for p in whole.problems) == ["param-mismatch", "unregistered-endpoint"]
    assert sorted(_check(root, [module]).problems) == sorted(whole.problems)
    lean = run_cli(capsys, "check", str(module), "--project", str(root))
    assert lean.code == 1 and "param-mismatch" in lean.out and "unregistered" in lean.out, lean.out


def test_a_changed_package_init_re_exporting_a_mixin_checks_its_users(tmp_path: Path) -> None:
    """`mixins/__init__.py` now re-exports another module's StatsMixin: the endpoints
    importing it from the package inherit the other one's handlers."""
    fine = "class StatsMixin:\n    def get(self, request, organization):\n        return None\n"
    root = write_tree(
        tmp_path / "p",
        {
            "api/mixins/__init__.py": "from .periods import StatsMixin\n",
            "api/mixins/periods.py": MIXIN,
            "api/mixins/plain.py": fine,
            "api/endpoints/organization_stats.py": STATS_WITH_MIXIN,
        },
    )
    whole = _check(root, None)
    assert [p.rule for p in whole.problems] == ["param-mismatch"]
    init = root / "src/shop/api/mixins/__init__.py"
    assert _check(root, [init]).problems == whole.problems
