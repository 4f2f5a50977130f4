"""Issue 10: endpoints placed in today's domain packages (tests/fixtures/today): --module, a
re-exporting `__init__.py`, urls.py's parenthesised import block, and `remove` as the inverse."""

from __future__ import annotations

import difflib
import re
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


def test_a_class_all_lists_already_without_importing_it_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An `__all__` entry left over from a class that went elsewhere (Sentry's issues package
    kept one): writing the class would find its entry there, and `remove` could not tell it
    from one it added, so the round trip would lose the line. The user is told to take the
    entry out first; nothing is written."""
    root = copy_project(TODAY, tmp_path / "p")
    init = root / INIT
    stale = '    "OrganizationIssueCountsEndpoint",\n'
    init.write_text(
        init.read_text().replace(stale, stale + '    "OrganizationIssueStatsEndpoint",\n')
    )
    before = snapshot(root)
    code, _, err = _new(capsys, root)
    assert code == 2, err
    assert f"{INIT}:10:" in err and "OrganizationIssueStatsEndpoint" in err
    assert "__all__" in err and "take that entry out" in err
    assert snapshot(root) == before


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


EXTERNAL = """from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from orbit.api.base import cell_silo_endpoint
from orbit.api.bases.organization import OrganizationEndpoint
from orbit.models.organization import Organization


@cell_silo_endpoint
class ExternalUserDetailsEndpoint(OrganizationEndpoint):
    def convert_args(
        self, request: Request, organization_id_or_slug: str, external_user_id: str, *args: Any,
        **kwargs: Any
    ) -> tuple[Any, Any]:
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        kwargs["external_user"] = external_user_id
        return args, kwargs

    def get(self, request: Request, organization: Organization, external_user: str) -> Response:
        return Response({"id": external_user})
"""


def test_a_hand_written_class_re_exported_from_a_nested_module_is_routed_as_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's codeowners package re-exports `from .external_actor.user_details import ...`
    and urls.py imports the class from the package. Registering it (`--skip`) takes the route
    parameter its own convert_args consumes without a lookup, and joins urls.py's import as it
    stands, for its first route and for a second one."""
    root = copy_project(TODAY, tmp_path / "p")
    nested = root / "src/orbit/issues/endpoints/external"
    nested.mkdir()
    (nested / "__init__.py").write_text("")
    (nested / "user_details.py").write_text(EXTERNAL)
    init = (root / INIT).read_text()
    init = init.replace(
        "from .group_activity",
        "from .external.user_details import ExternalUserDetailsEndpoint\n" "from .group_activity",
    ).replace("__all__ = [\n", '__all__ = [\n    "ExternalUserDetailsEndpoint",\n')
    (root / INIT).write_text(init)
    urls = (
        (root / URLS)
        .read_text()
        .replace(
            "import (\n    GroupActivityEndpoint,",
            "import (\n    ExternalUserDetailsEndpoint,\n" "    GroupActivityEndpoint,",
        )
    )
    (root / URLS).write_text(urls)
    before = snapshot(root)
    for route, also in [("external-users", ""), ("external-people", "another route for ")]:
        result = run_cli(
            capsys,
            "new-endpoint",
            "ExternalUserDetails",
            "--route",
            f"organizations/{{organization_id_or_slug}}/{route}/{{external_user_id}}/",
            "--module",
            "orbit.issues.endpoints",
            "--skip",
            "--url-name",
            f"orbit-api-0-{route}",
            "--project",
            str(root),
        )
        assert result.code == 0, result.err
        assert f"(+ {also}ExternalUserDetailsEndpoint in ORGANIZATION_URLS" in result.out
    after = snapshot(root)
    assert {path for path in after if after[path] != before.get(path)} == {URLS}
    patched = after[URLS].decode()
    assert patched.count("ExternalUserDetailsEndpoint") == 3  # the import and two routes
    diff = difflib.ndiff(urls.splitlines(), patched.splitlines())
    assert [line for line in diff if line.startswith("- ")] == []  # only lines added
    checked = run_cli(capsys, "check", "--project", str(root))
    assert checked.code == 0, checked.out + checked.err


UNSUBSCRIBE = """from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from orbit.api.base import Endpoint, cell_silo_endpoint


class UnsubscribeBase(Endpoint):
    def get(self, request: Request, organization_id_or_slug: str, id: str) -> Response:
        return Response({"organization": organization_id_or_slug, "id": id})


@cell_silo_endpoint
class UnsubscribeProject(UnsubscribeBase):
    pass
"""


def test_a_kept_class_whose_inherited_handlers_take_the_parameters_needs_no_lookup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's OrganizationUnsubscribeProject inherits `get(self, request,
    organization_slug, id)`: registering it as written asks for no `--lookup id`."""
    root = copy_project(TODAY, tmp_path / "p")
    (root / "src/orbit/api/endpoints/unsubscribe.py").write_text(UNSUBSCRIBE)
    result = run_cli(
        capsys,
        "new-endpoint",
        "UnsubscribeProject",
        "--route",
        "organizations/{organization_id_or_slug}/unsubscribe/project/{id}/",
        "--module",
        "orbit.api.endpoints.unsubscribe",
        "--skip",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    assert "UnsubscribeProject.as_view()" in (root / URLS).read_text()
    checked = run_cli(capsys, "check", "--project", str(root))
    assert checked.code == 0, checked.out + checked.err


@pytest.mark.parametrize(
    ("class_name", "route"),
    [  # imported from a module of a domain package, and from a re-exporting package
        ("OrganizationDetails", "organizations/{organization_id_or_slug}/details/"),
        ("OrganizationIssueCounts", "organizations/{organization_id_or_slug}/issue-totals/"),
    ],
)
def test_a_second_route_for_a_class_urls_imports_goes_through_that_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], class_name: str, route: str
) -> None:
    """`--skip` with no `--module`: the class is where urls.py imports it from, not in the
    default endpoints folder (it was refused as shadowing that import: "choose another name")."""
    root = copy_project(TODAY, tmp_path / "today")
    before = snapshot(root)
    argv = ("new-endpoint", class_name, "--route", route, "--skip", "--url-name", "orbit-x")

    result = run_cli(capsys, *argv, "--project", str(root))

    assert result.code == 0, result.err
    after = snapshot(root)
    changed = {path for path in after if after[path] != before.get(path)}
    assert {p for p in changed if not p.startswith(".scaffold")} == {URLS}
    urls = after[URLS].decode()
    assert urls.count(f"{class_name}Endpoint,") + urls.count(f"import {class_name}Endpoint") == 1
    segment = route.split("/")[-2]
    assert re.search(rf'/{segment}/\$",\s+{class_name}Endpoint\.as_view\(\)', urls), urls
    removed = run_cli(capsys, "remove", class_name, "--route", route, "--project", str(root))
    assert removed.code == 0, removed.err
    assert snapshot(root) == before


def test_a_module_in_a_domain_package_starts_with_that_packages_future_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The API's endpoints folder imports no `__future__` names, the domain package's modules
    do: a new module (and its test) in the package starts as its neighbours there do."""
    root = copy_project(TODAY, tmp_path / "today")
    catchall = root / "src/orbit/api/endpoints/catchall.py"
    catchall.write_text(catchall.read_text().replace("from __future__ import annotations\n", ""))

    assert _new(capsys, root)[0] == 0
    module = (root / NEW).read_text()
    assert module.startswith("from __future__ import annotations\n")
    route = "organizations/{organization_id_or_slug}/issue-totals/"
    argv = ("new-endpoint", "OrganizationIssueTotals", "--route", route, "--no-tests")
    assert run_cli(capsys, *argv, "--project", str(root)).code == 0
    plain = (root / "src/orbit/api/endpoints/organization_issue_totals.py").read_text()
    assert "__future__" not in plain


def test_a_class_urls_imports_from_elsewhere_is_not_written_again_in_another_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The route is served already, by the class of that name urls.py imports from the domain
    package: a class of the same name written into the module asked for would never be served
    (it was written, urls.py kept, exit 0, and `check` then called it unregistered)."""
    root = copy_project(TODAY, tmp_path / "today")
    before = snapshot(root)
    route = "organizations/{organization_id_or_slug}/issue-counts/"
    argv = ("new-endpoint", "OrganizationIssueCounts", "--route", route, "--no-tests")

    result = run_cli(capsys, *argv, "--module", "orbit.api.endpoints", "--project", str(root))

    assert result.code == 2, result.out  # as for a new route of that name (PatchError)
    assert "already imported from orbit.issues.endpoints" in result.err
    assert snapshot(root) == before


GADGETS_BASE = """\
from __future__ import annotations

from orbit.api.bases.organization import OrganizationEndpoint


class GadgetPermission:
    def has_permission(self, request: object, view: object) -> bool:
        return True


class OrganizationGadgetsBaseEndpoint(OrganizationEndpoint):
    permission_classes = (GadgetPermission,)
"""


@pytest.mark.parametrize(
    ("route", "base"),
    [
        ("organizations/{organization_id_or_slug}/gadgets/", "OrganizationGadgetsBaseEndpoint"),
        ("organizations/{organization_id_or_slug}/widget-stats/", "OrganizationEndpoint"),
    ],
)
def test_of_bases_taking_the_same_parameters_the_one_named_for_the_route_is_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], route: str, base: str
) -> None:
    """Sentry's routes under `organizations/{org}/releases/` use
    `OrganizationReleasesBaseEndpoint` (its own permission): a new one there got
    `OrganizationEndpoint`, the other named only in "also fits"."""
    root = copy_project(TODAY, tmp_path / "today")
    (root / "src/orbit/api/bases/gadgets.py").write_text(GADGETS_BASE)
    argv = ("new-endpoint", "OrganizationGadgetThing", "--route", route, "--no-tests")
    result = run_cli(capsys, *argv, "--project", str(root))
    assert result.code == 0, result.err
    assert f"(OrganizationGadgetThingEndpoint({base}))" in result.out


TALLY = """\
from rest_framework.request import Request
from rest_framework.response import Response

from orbit.api.bases.organization import OrganizationEndpoint


class OrganizationIssueTallyEndpoint(OrganizationEndpoint):
    def get(self, request: Request, organization) -> Response:
        return Response({})
"""
# a base beside its endpoint (Sentry's CommentDetailsEndpoint): checking this module checks the
# whole tree, where urls.py imports the other class from the package as patched
NOTES = """\
from rest_framework.request import Request
from rest_framework.response import Response

from orbit.api.bases.organization import OrganizationEndpoint


class NoteBaseEndpoint(OrganizationEndpoint):
    def convert_args(self, request, note_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        kwargs["note"] = note_id
        return args, kwargs


class OrganizationIssueNoteEndpoint(NoteBaseEndpoint):
    def get(self, request: Request, organization, note) -> Response:
        return Response({})
"""


def test_kept_modules_registered_through_the_package_they_join_are_checked_as_patched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """generate --skip adds a kept module's class to its package's re-exports and imports it
    from the package: the check that the kept classes can serve their routes reads the
    package's `__init__.py` as patched too (it once read it as on disk and refused, naming
    the class as not defined in the package, on s2023feb's organization_member)."""
    root = copy_project(TODAY, tmp_path / "p")
    (root / "src/orbit/issues/endpoints/organization_issue_tally.py").write_text(TALLY)
    (root / "src/orbit/issues/endpoints/organization_issue_note.py").write_text(NOTES)
    (root / "spec.yaml").write_text(
        "- name: OrganizationIssueTally\n"
        "  route: organizations/{organization_id_or_slug}/issue-tally/\n"
        "  module: orbit.issues.endpoints.organization_issue_tally\n"
        "- name: OrganizationIssueNote\n"
        "  route: organizations/{organization_id_or_slug}/issue-notes/{note_id}/\n"
        "  module: orbit.issues.endpoints.organization_issue_note\n"
        "  base: NoteBaseEndpoint\n"
    )
    result = run_cli(
        capsys, "generate", str(root / "spec.yaml"), "--skip", "--no-tests", "--project", str(root)
    )
    assert result.code == 0, result.err
    assert "    OrganizationIssueTallyEndpoint,\n" in (root / URLS).read_text()
    assert run_cli(capsys, "check", "--project", str(root)).code == 0
