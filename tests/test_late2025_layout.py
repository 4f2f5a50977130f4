"""A tree laid out as Sentry's of late 2025 (tests/fixtures/late2025 over tests/fixtures/today,
the 2024 layout it grew from): a list of routes kept in
another module and included (`AUTH_V2_URLS`), route modules imported whole and spliced into the
lists (`*build_urls.build_urlpatterns`), an entry with a comment after its opening paren,
domain packages re-exporting their endpoints (and one that does not). Run as a user runs it:
new-endpoint and generate, check, a second run, remove, --dry-run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

from tests.helpers import (
    FIXTURES,
    assert_no_problems,
    changed_files,
    cli_in,
    copy_project,
    snapshot,
)

LATE = FIXTURES / "late2025"  # only the files that differ from today's, under src/
URLS = "src/orbit/api/urls.py"
ISSUES_INIT = "src/orbit/issues/endpoints/__init__.py"
ORG = "organizations/{organization_id_or_slug}"
PROJECT = "projects/{organization_id_or_slug}/{project_id_or_slug}"

SPEC = dedent("""\
    resources:
      - name: OrganizationBadgeIndex
        route: "organizations/{organization_id_or_slug}/badges/"
        methods: [get, post]
        module: orbit.issues.endpoints.organization_badge_index
      - name: ProjectBuildTags
        route: "projects/{organization_id_or_slug}/{project_id_or_slug}/build-tags/"
        methods: [get]
        module: orbit.core.endpoints.project_build_tags
      - name: InternalQueueDepth
        route: "internal/queue-depth/"
        methods: [get]
    """)


def late_tree(tmp_path: Path) -> Path:
    """A copy of the late-2025 tree: today's, with late2025's files laid over it."""
    root = copy_project(FIXTURES / "today", tmp_path / "p")
    shutil.copytree(
        LATE, root / "src", dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    return root


def test_new_endpoints_check_run_again_and_remove_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = late_tree(tmp_path)
    before = snapshot(root)
    assert_no_problems(capsys, root)
    runs = [
        ("OrganizationWidgetStats", f"{ORG}/widget-stats/", "orbit.issues.endpoints"),
        ("ProjectBuildLabels", f"{PROJECT}/build-labels/", "orbit.core.endpoints"),
        ("InternalQueueDepth", "internal/queue-depth/", None),
    ]
    for name, route, module in runs:
        where = ("--module", module) if module else ()
        cli_in(capsys, root, "new-endpoint", name, "--route", route, *where)
    urls = (root / URLS).read_text()
    init = (root / ISSUES_INIT).read_text()
    # the re-exporting package: the import block and __all__; the other: its own module
    assert "    OrganizationWidgetStatsEndpoint,\n    ProjectIssueOwnersEndpoint,\n)" in urls
    assert '    "OrganizationWidgetStatsEndpoint",\n' in init
    assert (
        "from orbit.core.endpoints.project_build_labels import ProjectBuildLabelsEndpoint\n" in urls
    )
    # what the tree had stays as it was: the spliced lists, the included one, the comment
    for kept in (
        "    *preprod_urls.build_urlpatterns,\n]\n",
        "    *preprod_urls.build_internal_urlpatterns,\n",
        "        include(AUTH_V2_URLS),\n",
        "    re_path(  # counts per issue state\n",
        '__all__ = ("urlpatterns",)\n',
    ):
        assert kept in urls
    assert r'r"^(?P<organization_id_or_slug>[^/]+)/widget-stats/$",' in urls
    # a route sorted last goes above the list spliced in at the end, not after it
    assert urls.index('r"^queue-depth/$"') < urls.index("*preprod_urls.build_internal_urlpatterns")
    assert_no_problems(capsys, root)

    written = snapshot(root)
    for name, route, module in runs:
        where = ("--module", module) if module else ()
        cli_in(capsys, root, "new-endpoint", name, "--route", route, *where, "--skip")
    assert not changed_files(written, snapshot(root))

    for name, _, _ in runs:
        cli_in(capsys, root, "remove", name)
    assert not changed_files(before, snapshot(root))


def test_generate_from_a_spec_dry_run_again_and_remove(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = late_tree(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    before = snapshot(root)
    shown = cli_in(capsys, root, "generate", str(spec), "--dry-run")
    assert '+        r"^(?P<organization_id_or_slug>[^/]+)/badges/$",' in shown
    assert not changed_files(before, snapshot(root))

    cli_in(capsys, root, "generate", str(spec))
    assert_no_problems(capsys, root)
    written = snapshot(root)
    cli_in(capsys, root, "generate", str(spec))  # generate converges by default
    assert not changed_files(written, snapshot(root))

    for name in ("OrganizationBadgeIndex", "ProjectBuildTags", "InternalQueueDepth"):
        cli_in(capsys, root, "remove", name)
    assert not changed_files(before, snapshot(root))


def test_an_object_the_base_gets_from_its_own_method_is_typed_as_that_method_returns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The member base stores `self._membership_of(...)` (declared `-> Membership`): the
    handler takes `member: Membership`, not a bare `member` beside annotated parameters."""
    root = late_tree(tmp_path)
    before = snapshot(root)
    route = f"{ORG}/members/{{member_id}}/badges/"
    cli_in(capsys, root, "new-endpoint", "OrganizationMemberBadges", "--route", route)
    module = (root / "src/orbit/api/endpoints/organization_member_badges.py").read_text()
    assert "(OrganizationMemberEndpoint):" in module
    assert "from orbit.models.membership import Membership\n" in module
    assert "organization: Organization, member: Membership" in module
    assert_no_problems(capsys, root)
    cli_in(capsys, root, "remove", "OrganizationMemberBadges")
    assert not changed_files(before, snapshot(root))


def test_a_route_under_a_list_kept_in_another_module_says_where_its_kin_live(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`auth-v2/` includes AUTH_V2_URLS, imported from another module scaffold does not edit:
    the route goes into urlpatterns after that include (it answers there), and the user is
    told where the other auth-v2/ routes are kept, to move it there by hand if they wish."""
    root = late_tree(tmp_path)
    before = snapshot(root)
    said = cli_in(capsys, root, "new-endpoint", "AuthV2Status", "--route", "auth-v2/status/")
    assert "AUTH_V2_URLS" in said and "orbit.auth_v2.urls" in said
    assert len([line for line in said.splitlines() if "AUTH_V2_URLS" in line]) == 1
    urls = (root / URLS).read_text()
    assert urls.index("include(AUTH_V2_URLS)") < urls.index('r"^auth-v2/status/$"')
    assert_no_problems(capsys, root)
    cli_in(capsys, root, "remove", "AuthV2Status")
    assert not changed_files(before, snapshot(root))


def test_objects_of_a_type_the_base_does_not_say_are_annotated_any_where_handlers_are_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The control-silo base stores an RPC answer and its attribute: their types are not read,
    and a bare parameter beside annotated ones fails mypy's disallow_untyped_defs, which
    Sentry's pyproject.toml of late 2025 sets for its "stronger typing" modules
    (sentry.dashboards.*, sentry.issues.endpoints.bases.*, ...): they are written `Any`."""
    root = late_tree(tmp_path)
    route = f"{ORG}/vault-keys/"
    base = ("--base", "ControlSiloOrganizationEndpoint")
    cli_in(capsys, root, "new-endpoint", "OrganizationVaultKeys", "--route", route, *base)
    path = root / "src/orbit/api/endpoints/organization_vault_keys.py"
    module = path.read_text()
    assert "from typing import Any\n" in module
    assert "organization_context: Any," in module and "organization: Any" in module
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--disallow-untyped-defs", "--ignore-missing-imports"]
        + ["--follow-imports=skip", "--no-incremental", str(path)],
        check=False,
        capture_output=True,
        text=True,
        cwd=root,  # the tree's own configuration, not scaffold's strict one
    )
    assert checked.returncode == 0, checked.stdout
    assert_no_problems(capsys, root)
