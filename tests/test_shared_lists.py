"""Routes through a list included from several places, and bases that take their parameters in
another order than the route gives them: what a 2023 fork of Sentry showed (`GROUP_URLS` under
`^(?:issues|groups)/` and `^organizations/{org}/(?:issues|groups)/`, with the same paths also
written out at the top level; `GroupEndpoint.convert_args(self, request, issue_id,
organization_slug=None, ...)` on `organizations/{org}/issues/{issue_id}/...`)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tests.helpers import FIXTURES, copy_project, run_cli, snapshot

MODERN = FIXTURES / "modern"
API = "src/nova/api"

GROUP_BASE = dedent("""\
    from nova.api.base import Endpoint


    class GroupEndpoint(Endpoint):
        def convert_args(self, request, issue_id, organization_id_or_slug=None, *args, **kwargs):
            if organization_id_or_slug:
                kwargs["organization"] = organization_id_or_slug
            kwargs["group"] = issue_id
            return (args, kwargs)
    """)

# GROUP_URLS answers under two prefixes; a route of its shape is also written out at the top
URLS = dedent("""\
    from django.urls import include, re_path

    from .endpoints.group_details import GroupDetailsEndpoint
    from .endpoints.group_watchers import GroupWatchersEndpoint
    from .endpoints.organization_details import OrganizationDetailsEndpoint

    GROUP_URLS = [
        re_path(
            r"^(?P<issue_id>[^/]+)/$",
            GroupDetailsEndpoint.as_view(),
            name="nova-api-0-group-details",
        ),
    ]

    ORGANIZATION_URLS = [
        re_path(
            r"^(?P<organization_id_or_slug>[^/]+)/$",
            OrganizationDetailsEndpoint.as_view(),
            name="nova-api-0-organization-details",
        ),
        re_path(r"^(?P<organization_id_or_slug>[^/]+)/(?:issues|groups)/", include(GROUP_URLS)),
    ]

    urlpatterns = [
        re_path(r"^(?:issues|groups)/", include(GROUP_URLS)),
        re_path(
            r"^issues/(?P<issue_id>[^/]+)/watchers/$",
            GroupWatchersEndpoint.as_view(),
            name="nova-api-0-group-watchers",
        ),
        re_path(r"^organizations/", include(ORGANIZATION_URLS)),
    ]
    """)


def _endpoint(name: str, base: str, base_module: str, params: str) -> str:
    return dedent(f"""\
        from {base_module} import {base}


        class {name}({base}):
            def get(self, request, {params}):
                return None
        """)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(MODERN, tmp_path / "p")
    api = root / API
    (api / "bases/group.py").write_text(GROUP_BASE)
    (api / "urls.py").write_text(URLS)
    endpoints = api / "endpoints"
    group = ("GroupEndpoint", "nova.api.bases.group")
    (endpoints / "group_details.py").write_text(
        _endpoint("GroupDetailsEndpoint", *group, "group, organization=None")
    )
    (endpoints / "group_watchers.py").write_text(
        _endpoint("GroupWatchersEndpoint", *group, "group, organization=None")
    )
    (endpoints / "organization_details.py").write_text(
        _endpoint(
            "OrganizationDetailsEndpoint",
            "OrganizationEndpoint",
            "nova.api.bases.organization",
            "organization",
        )
    )
    return root


def test_the_project_checks_clean_before_any_change(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out + checked.err


def test_a_base_takes_its_parameters_in_any_order_of_the_route(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Django passes named groups by name: `organizations/{org}/issues/{issue_id}/` gives
    GroupEndpoint both parameters it takes, though its signature names `issue_id` first."""
    route = "organizations/{organization_id_or_slug}/issues/{issue_id}/notes/"
    result = run_cli(
        capsys,
        "new-endpoint",
        "GroupNotes",
        "--route",
        route,
        "--no-tests",
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    assert "GroupNotesEndpoint(GroupEndpoint)" in result.out
    module = (project / API / "endpoints/group_notes.py").read_text()
    assert "def get(self, request: Request, group: Any, organization: Any)" in module
    chosen = run_cli(
        capsys,
        "new-endpoint",
        "GroupLinks",
        "--route",
        "organizations/{organization_id_or_slug}/issues/{issue_id}/links/",
        "--base",
        "GroupEndpoint",
        "--no-tests",
        "--project",
        str(project),
    )
    assert chosen.code == 0, chosen.err
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out + checked.err


def test_a_shared_list_is_not_used_where_one_of_its_paths_is_served_already(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In GROUP_URLS the new route would answer `issues/{issue_id}/watchers/` too, before the
    top-level route that serves it: that route would never be reached again. The entry goes to
    the organization list, where it answers only the path asked for."""
    result = run_cli(
        capsys,
        "new-endpoint",
        "GroupWatchersEndpoint",
        "--route",
        "organizations/{organization_id_or_slug}/issues/{issue_id}/watchers/",
        "--url-name",
        "nova-api-0-group-watchers-with-org",
        "--skip",
        "--no-tests",
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    assert "in ORGANIZATION_URLS" in result.out
    urls = (project / API / "urls.py").read_text()
    group_urls = urls[urls.index("GROUP_URLS = [") : urls.index("ORGANIZATION_URLS = [")]
    assert "watchers" not in group_urls
    assert 'r"^(?P<organization_id_or_slug>[^/]+)/issues/(?P<issue_id>[^/]+)/watchers/$"' in urls
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out + checked.err


def test_a_route_no_list_can_take_without_hiding_another_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`issues/{issue_id}/watchers/` for another class: in GROUP_URLS it would hide the
    top-level route, and the top level has that very route. Nothing is written."""
    (project / API / "endpoints/group_followers.py").write_text(
        _endpoint("GroupFollowersEndpoint", "GroupEndpoint", "nova.api.bases.group", "group")
    )
    before = snapshot(project)
    result = run_cli(
        capsys,
        "new-endpoint",
        "GroupFollowersEndpoint",
        "--route",
        "issues/{issue_id}/watchers/",
        "--skip",
        "--no-tests",
        "--project",
        str(project),
    )
    assert result.code != 0
    assert "urls.py:" in result.err and "watchers" in result.err, result.err
    assert "Traceback" not in result.err
    assert snapshot(project) == before


def test_the_moved_entry_is_kept_on_a_second_run_and_remove_gives_every_byte_back(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    route = "organizations/{organization_id_or_slug}/issues/{issue_id}/notes/"
    before = snapshot(project)
    argv = ("new-endpoint", "GroupNotes", "--route", route, "--project", str(project))
    first = run_cli(capsys, *argv)
    assert first.code == 0, first.err
    written = snapshot(project)
    again = run_cli(capsys, *argv, "--skip")
    assert again.code == 0, again.err
    assert "already registered" in again.out
    assert snapshot(project) == written
    removed = run_cli(capsys, "remove", "GroupNotes", "--project", str(project))
    assert removed.code == 0, removed.err
    assert snapshot(project) == before


def test_of_bases_taking_as_many_parameters_the_one_taking_the_outer_ones_is_chosen(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`organizations/{org}/invites/{invite_id}/` is the organization's route: a base taking
    only `invite_id`, though named for the silo, does not win over OrganizationEndpoint."""
    (project / API / "bases/invite.py").write_text(dedent("""\
        from nova.api.base import Endpoint


        class CellSiloInviteEndpoint(Endpoint):
            def convert_args(self, request, invite_id, *args, **kwargs):
                kwargs["invite"] = invite_id
                return (args, kwargs)
        """))
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationInviteDetails",
        "--route",
        "organizations/{organization_id_or_slug}/invites/{invite_id}/",
        "--lookup",
        "invite_id=nova.models.invite.Invite",
        "--silo",
        "cell",
        "--no-tests",
        "--dry-run",
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    assert "class OrganizationInviteDetailsEndpoint(OrganizationEndpoint):" in result.out


CATCHING_URLS = dedent("""\
    from django.urls import include, re_path

    from .endpoints.organization_details import OrganizationDetailsEndpoint

    ORGANIZATION_URLS = [
        re_path(
            r"^(?P<anything>[^/]+)/$",
            OrganizationDetailsEndpoint.as_view(),
            name="nova-api-0-organization-anything",
        ),
    ]

    urlpatterns = [
        re_path(r"^(?P<organization_id_or_slug>[^/]+)/", include(ORGANIZATION_URLS)),
    ]
    """)


def test_a_route_an_earlier_include_already_answers_is_refused_naming_that_route(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The top level is the only list `reports/{report_id}/` can go to, and the organization
    include before it answers every such path: the new route would never be reached."""
    urls = project / API / "urls.py"
    urls.write_text(CATCHING_URLS)
    before = snapshot(project)
    result = run_cli(
        capsys,
        "new-endpoint",
        "Report",
        "--route",
        "reports/{report_id}/",
        "--lookup",
        "report_id=nova.models.invite.Invite",
        "--no-tests",
        "--project",
        str(project),
    )
    assert result.code != 0
    line = CATCHING_URLS.splitlines().index('        r"^(?P<anything>[^/]+)/$",') + 1
    assert f"urls.py:{line}: " in result.err, result.err
    assert "reports/{report_id}/" in result.err and "never be reached" in result.err
    assert "Traceback" not in result.err
    assert snapshot(project) == before


def test_a_parameter_the_handlers_take_must_be_given_at_every_path_of_the_list(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The base reads `organization_id_or_slug` and leaves it in kwargs, so the handlers take
    it: under `issues/` GROUP_URLS would call them without it (a TypeError). The entry goes to
    the organization list."""
    (project / API / "bases/group_read.py").write_text(dedent("""\
        from nova.api.base import Endpoint


        class GroupReadEndpoint(Endpoint):
            def convert_args(self, request, issue_id, *args, **kwargs):
                if kwargs.get("organization_id_or_slug") == "":
                    raise ValueError
                kwargs["group"] = issue_id
                return (args, kwargs)
        """))
    result = run_cli(
        capsys,
        "new-endpoint",
        "GroupShares",
        "--route",
        "organizations/{organization_id_or_slug}/issues/{issue_id}/shares/",
        "--base",
        "GroupReadEndpoint",
        "--no-tests",
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    assert "in ORGANIZATION_URLS" in result.out
    module = (project / API / "endpoints/group_shares.py").read_text()
    assert "organization_id_or_slug: str" in module
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out + checked.err
