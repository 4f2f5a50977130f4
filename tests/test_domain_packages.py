"""Issue 10: endpoints placed in today's domain packages (tests/fixtures/today): --module, a
re-exporting `__init__.py`, urls.py's parenthesised import block, and `remove` as the inverse."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES, copy_project, run_cli, snapshot

TODAY = FIXTURES / "today"
INIT = "src/orbit/issues/endpoints/__init__.py"
URLS = "src/orbit/api/urls.py"
ROUTE = "organizations/{organization_id_or_slug}/issue-stats/"
NEW = "src/orbit/issues/endpoints/organization_issue_stats.py"


def _new(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, str, str]:
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationIssueStats",
        "--route",
        ROUTE,
        "--module",
        "orbit.issues.endpoints",
        "--no-tests",
        "--project",
        str(root),
        *extra,
    )
    return result.code, result.out, result.err


def test_new_endpoint_in_a_reexporting_package_then_check_then_remove_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(TODAY, tmp_path / "p")
    before = snapshot(root)
    code, _, err = _new(capsys, root)
    assert code == 0, err
    init = (root / INIT).read_text()
    assert "from .organization_issue_stats import OrganizationIssueStatsEndpoint\n" in init
    assert init.index("organization_issue_counts import") < init.index("organization_issue_stats")
    assert init.index("organization_issue_stats") < init.index("project_issue_owners import")
    assert '    "OrganizationIssueCountsEndpoint",\n    "OrganizationIssueStatsEndpoint",\n' in init
    urls = (root / URLS).read_text()
    assert (
        "from orbit.issues.endpoints import (\n"
        "    GroupActivityEndpoint,\n"
        "    OrganizationIssueCountsEndpoint,\n"
        "    OrganizationIssueStatsEndpoint,\n"
        "    ProjectIssueOwnersEndpoint,\n"
        ")\n"
    ) in urls
    assert (root / NEW).is_file()

    checked = run_cli(capsys, "check", "--project", str(root))
    assert checked.code == 0, checked.out + checked.err
    assert "No problems" in checked.out

    removed = run_cli(capsys, "remove", "OrganizationIssueStats", "--project", str(root))
    assert removed.code == 0, removed.err
    after = snapshot(root)
    for rel in (INIT, URLS):
        assert after[rel] == before[rel]
    assert NEW not in after


def test_dry_run_shows_the_module_the_init_and_urls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(TODAY, tmp_path / "p")
    before = snapshot(root)
    code, out, err = _new(capsys, root, "--dry-run")
    assert code == 0, err
    for rel in (INIT, URLS, NEW):
        assert f"b/{rel}" in out
    assert snapshot(root) == before


def test_comments_in_the_import_block_and_all_stay_where_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the new name's line goes in and comes out again: a helper found the block and
    `__all__` written anew, every comment dropped, and `remove` not giving them back."""
    root = copy_project(TODAY, tmp_path / "p")
    urls = (root / URLS).read_text()
    urls = urls.replace(
        "from orbit.issues.endpoints import (\n    GroupActivityEndpoint,\n",
        "from orbit.issues.endpoints import (  # domain\n    GroupActivityEndpoint,  # first\n"
        "    # the counts below\n",
    ).replace("    ProjectIssueOwnersEndpoint,\n)\n", "    ProjectIssueOwnersEndpoint,\n)  # end\n")
    (root / URLS).write_text(urls)
    init = (root / INIT).read_text()
    init = init.replace(
        '    "OrganizationIssueCountsEndpoint",\n',
        '    "OrganizationIssueCountsEndpoint",  # counts\n    # keep sorted\n',
    )
    (root / INIT).write_text(init)
    before = snapshot(root)
    code, _, err = _new(capsys, root)
    assert code == 0, err
    assert (
        "from orbit.issues.endpoints import (  # domain\n"
        "    GroupActivityEndpoint,  # first\n"
        "    # the counts below\n"
        "    OrganizationIssueCountsEndpoint,\n"
        "    OrganizationIssueStatsEndpoint,\n"
        "    ProjectIssueOwnersEndpoint,\n"
        ")  # end\n"
    ) in (root / URLS).read_text()
    assert (root / INIT).read_text().count("#") == init.count("#")
    assert '    # keep sorted\n    "OrganizationIssueStatsEndpoint",\n' in (root / INIT).read_text()
    removed = run_cli(capsys, "remove", "OrganizationIssueStats", "--project", str(root))
    assert removed.code == 0, removed.err
    after = snapshot(root)
    for rel in (INIT, URLS):
        assert after[rel] == before[rel]
