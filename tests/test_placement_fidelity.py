"""Issue 10, second pass: the misses of the leave-one-out benchmark on real trees, each on a
fixture of our own (bases with optional parameters, classes named without `Endpoint`, routes
without a final slash, entries sharing no path segment with their neighbours)."""

from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent

import pytest

from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from tests.helpers import EXAMPLE, FIXTURES, copy_project, run_cli, snapshot

MODERN = FIXTURES / "modern"
URLS = "src/nova/api/urls.py"
HEADER = "from django.urls import include, re_path\n\n"


def patch(source: str, *registrations: Registration) -> str:
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", 100)
    for registration in registrations:
        urls.add(registration)
    return urls.code()


def reg(class_name: str, route: str, module: str = "acme.api.endpoints.new") -> Registration:
    return Registration(class_name, module, parse_route(route), None)


def one_line(pattern: str, class_name: str, name: str) -> str:
    return f'    re_path(r"{pattern}", {class_name}.as_view(), name="{name}"),\n'


def included_list(name: str, prefix: str, entries: list[tuple[str, str, str]]) -> str:
    """A urls.py of one list `name` of one-line entries (pattern, class, URL name), included
    under `prefix`."""
    classes = ", ".join(sorted({class_name for _, class_name, _ in entries}))
    return (
        HEADER
        + f"from .endpoints.a import {classes}\n"
        + f"\n{name} = [\n"
        + "".join(one_line(*entry) for entry in entries)
        + "]\n\nurlpatterns = [\n"
        + f'    re_path(r"^{prefix}/", include({name})),\n]\n'
    )


GROUP_BASE = dedent("""\
    from nova.api.base import Endpoint


    class GroupEndpoint(Endpoint):
        def convert_args(self, request, issue_id, organization_id_or_slug=None, *args, **kwargs):
            kwargs["group"] = issue_id
            return (args, kwargs)
    """)


def test_a_base_with_an_optional_trailing_parameter_serves_routes_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(MODERN, tmp_path / "p")
    (root / "src/nova/api/bases/group.py").write_text(GROUP_BASE)
    result = run_cli(
        capsys,
        "new-endpoint",
        "GroupNotes",
        "--route",
        "issues/{issue_id}/notes/",
        "--no-tests",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    assert "GroupNotesEndpoint(GroupEndpoint)" in result.out
    checked = run_cli(capsys, "check", "--project", str(root))
    assert checked.code == 0, checked.out + checked.err


def test_a_class_named_without_endpoint_in_its_module_keeps_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(MODERN, tmp_path / "p")
    module = root / "src/nova/api/endpoints/setup_wizard.py"
    module.write_text(dedent("""\
        from nova.api.base import Endpoint


        class SetupWizard(Endpoint):
            def get(self, request):
                return None
        """))
    before = module.read_text()
    result = run_cli(
        capsys,
        "new-endpoint",
        "SetupWizard",
        "--route",
        "wizard/",
        "--module",
        "nova.api.endpoints.setup_wizard",
        "--skip",
        "--no-tests",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    urls = (root / URLS).read_text()
    assert "from .endpoints.setup_wizard import SetupWizard\n" in urls
    assert "SetupWizard.as_view()" in urls
    assert "SetupWizardEndpoint" not in urls
    assert module.read_text() == before


def test_remove_finds_a_class_named_without_endpoint_as_urls_imports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`remove SetupWizard` means the class urls.py serves under that very name when it serves
    no `SetupWizardEndpoint` (Sentry has `RelayHealthCheck`, `AcceptOrganizationInvite`):
    `--route` takes out its entry, and the whole removal its import and module."""
    root = copy_project(MODERN, tmp_path / "p")
    module = root / "src/nova/api/endpoints/setup_wizard.py"
    module.write_text(
        "from nova.api.base import Endpoint\n\n\nclass SetupWizard(Endpoint):\n    pass\n"
    )
    original = snapshot(root)
    added = ["SetupWizard", "--route", "wizard/", "--skip", "--no-tests"]
    assert run_cli(capsys, "new-endpoint", *added, "--project", str(root)).code == 0
    registered = snapshot(root)
    taken_out = run_cli(
        capsys, "remove", "SetupWizard", "--route", "wizard/", "--project", str(root)
    )
    assert taken_out.code == 0, taken_out.err
    assert snapshot(root) == original
    assert run_cli(capsys, "new-endpoint", *added, "--project", str(root)).code == 0
    assert snapshot(root) == registered
    removed = run_cli(capsys, "remove", "SetupWizard", "--force", "--project", str(root))
    assert removed.code == 0, removed.err
    assert "SetupWizard" not in (root / URLS).read_text()
    assert not module.exists()


def test_a_route_written_without_a_final_slash_keeps_that_form() -> None:
    before = (
        HEADER
        + "from .endpoints.rules import RulesEndpoint\n\nurlpatterns = [\n"
        + one_line("^rules/$", "RulesEndpoint", "acme-api-0-rules")
        + "]\n"
    )
    after = patch(before, reg("RulePreviewEndpoint", "rules/preview"))
    assert 'r"^rules/preview$"' in after
    assert parse_route("rules/preview/").text == "rules/preview/"


ROOT_LIST = (
    HEADER
    + "".join(
        f"from .endpoints.{n} import {c}\n"
        for n, c in (
            ("api_apps", "ApiAppsEndpoint"),
            ("api_tokens", "ApiTokensEndpoint"),
            ("auth", "AuthEndpoint"),
            ("broadcasts", "BroadcastsEndpoint"),
            ("users", "UsersEndpoint"),
            ("catchall", "CatchallEndpoint"),
        )
    )
    + "\nurlpatterns = [\n"
    + one_line("^api-apps/$", "ApiAppsEndpoint", "acme-api-0-api-apps")
    + one_line("^api-tokens/$", "ApiTokensEndpoint", "acme-api-0-api-tokens")
    + one_line("^auth/$", "AuthEndpoint", "acme-api-0-auth")
    + one_line("^broadcasts/$", "BroadcastsEndpoint", "acme-api-0-broadcasts")
    + one_line("^users/$", "UsersEndpoint", "acme-api-0-users")
    + one_line("^", "CatchallEndpoint", "acme-api-catchall")
    + "]\n"
)


@pytest.mark.parametrize(
    ("route", "after_pattern"),
    [
        ("api-authorizations/", "^api-apps/$"),
        ("auth-providers/", "^auth/$"),
        ("builds/", "^broadcasts/$"),
    ],
)
def test_a_route_sharing_no_segment_goes_in_alphabetical_order(
    route: str, after_pattern: str
) -> None:
    after = patch(ROOT_LIST, reg("NewEndpoint", route)).splitlines()
    new = next(i for i, line in enumerate(after) if "NewEndpoint.as_view()" in line)
    assert f'r"{after_pattern}"' in after[new - 1]


def test_parameters_are_spelled_as_the_neighbouring_entries_spell_them() -> None:
    slash = "(?P<organization_slug>[^\\/]+)"
    plain = "(?P<organization_slug>[^/]+)"
    before = included_list(
        "ORGANIZATION_URLS",
        "organizations",
        [
            (f"^{slash}/alerts/$", "AlertsEndpoint", "acme-api-0-alerts"),
            (f"^{plain}/metrics/data/$", "MetricsDataEndpoint", "acme-api-0-m-data"),
            (f"^{plain}/metrics/meta/$", "MetricsMetaEndpoint", "acme-api-0-m-meta"),
            (f"^{slash}/teams/$", "TeamsEndpoint", "acme-api-0-teams"),
            (f"^{slash}/users/$", "UsersEndpoint", "acme-api-0-users"),
        ],
    )
    after = patch(before, reg("MetricsTags", "organizations/{organization_slug}/metrics/tags/"))
    assert f'r"^{plain}/metrics/tags/$"' in after
    after = patch(before, reg("UserStats", "organizations/{organization_slug}/user-stats/"))
    assert f'r"^{slash}/user-stats/$"' in after


def test_each_parameter_is_spelled_as_the_neighbours_spell_that_parameter() -> None:
    """One entry may spell the organization `[^/]+` and the project `[^\\/]+` (Sentry's replay
    routes): a route placed among such entries copies them parameter by parameter, though the
    file spells `organization_slug` otherwise everywhere else."""
    org = ("(?P<organization_slug>[^\\/]+)", "(?P<organization_slug>[^/]+)")
    project = "(?P<project_slug>[^\\/]+)"
    before = included_list(
        "PROJECT_URLS",
        "projects",
        [
            (f"^{org[0]}/{project}/alerts/$", "AlertsEndpoint", "acme-api-0-alerts"),
            (f"^{org[1]}/{project}/replays/clicks/$", "ReplayClicksEndpoint", "acme-rc"),
            (f"^{org[1]}/{project}/replays/videos/$", "ReplayVideosEndpoint", "acme-rv"),
            (f"^{org[0]}/{project}/teams/$", "TeamsEndpoint", "acme-api-0-teams"),
        ],
    )
    route = "projects/{organization_slug}/{project_slug}/replays/segments/"
    after = patch(before, reg("ReplaySegments", route))
    assert f'r"^{org[1]}/{project}/replays/segments/$"' in after
    after = patch(before, reg("TeamStats", "projects/{organization_slug}/{project_slug}/tstats/"))
    assert f'r"^{org[0]}/{project}/tstats/$"' in after


SHARED_GROUP_URLS = HEADER + dedent("""\
        from .endpoints.groups import GroupDetailsEndpoint, OrgDetailsEndpoint

        GROUP_URLS = [
            re_path(r"^(?P<issue_id>[^/]+)/$", GroupDetailsEndpoint.as_view(), name="acme-g"),
        ]

        ORGANIZATION_URLS = [
            re_path(r"^(?P<organization_slug>[^/]+)/$", OrgDetailsEndpoint.as_view(), name="acme-o"),
            re_path(r"^(?P<organization_slug>[^/]+)/issues/", include(GROUP_URLS)),
        ]

        urlpatterns = [
            re_path(r"^issues/", include(GROUP_URLS)),
            re_path(r"^organizations/", include(ORGANIZATION_URLS)),
        ]
        """)


def test_an_index_route_stays_out_of_a_list_included_from_two_places() -> None:
    route = "organizations/{organization_slug}/issues/"
    after = patch(SHARED_GROUP_URLS, reg("OrgIssuesEndpoint", route))
    assert 'r"^(?P<organization_slug>[^/]+)/issues/$"' in after
    assert 'r"^$"' not in after


def test_a_list_included_from_two_places_takes_only_routes_of_its_shape() -> None:
    """Every entry of GROUP_URLS starts with `{issue_id}`: `issues/new/` under the organization
    would also answer at `/issues/new/` there, so it stays in the organization's list (as
    Sentry's `OrganizationIssuesNewEndpoint`); an issue's own route still goes in."""
    route = "organizations/{organization_slug}/issues/new/"
    after = patch(SHARED_GROUP_URLS, reg("OrgIssuesNewEndpoint", route))
    assert 'r"^(?P<organization_slug>[^/]+)/issues/new/$"' in after
    assert 'r"^new/$"' not in after
    after = patch(SHARED_GROUP_URLS, reg("GroupNotesEndpoint", "issues/{issue_id}/notes/"))
    group_list = after.split("ORGANIZATION_URLS")[0]
    assert 'r"^(?P<issue_id>[^/]+)/notes/$"' in group_list


def test_registering_a_class_whose_handlers_take_the_extra_parameter_needs_no_lookup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(MODERN, tmp_path / "p")
    module = root / "src/nova/api/endpoints/organization_widget_stats.py"
    module.write_text(dedent("""\
        from nova.api.bases.organization import OrganizationEndpoint


        class OrganizationWidgetStatsEndpoint(OrganizationEndpoint):
            def get(self, request, organization, widget_id):
                return None
        """))
    args = ["new-endpoint", "OrganizationWidgetStats", "--route"]
    route = "organizations/{organization_id_or_slug}/widgets/{widget_id}/stats/"
    result = run_cli(capsys, *args, route, "--skip", "--no-tests", "--project", str(root))
    assert result.code == 0, result.err
    assert "OrganizationWidgetStatsEndpoint.as_view()" in (root / URLS).read_text()
    module.write_text(module.read_text().replace(", widget_id):", "):"))
    refused = run_cli(capsys, *args, route, "--skip", "--no-tests", "--project", str(root))
    assert refused.code != 0 and "widget_id" in refused.err


def test_the_dry_run_names_the_other_bases_that_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(MODERN, tmp_path / "p")
    (root / "src/nova/api/bases/group.py").write_text(
        GROUP_BASE + "\n\nclass RegionGroupEndpoint(GroupEndpoint):\n    pass\n"
    )
    result = run_cli(
        capsys,
        "new-endpoint",
        "GroupNotes",
        "--route",
        "issues/{issue_id}/notes/",
        "--dry-run",
        "--no-tests",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    assert "also fits: RegionGroupEndpoint" in result.out
    assert not (root / "src/nova/api/endpoints/group_notes.py").exists()


def test_a_class_a_package_re_exports_is_registered_from_its_own_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(FIXTURES / "today", tmp_path / "p")
    package = root / "src/orbit/issues/endpoints"
    (package / "health.py").write_text(dedent("""\
        from orbit.api.base import Endpoint


        class IssuesHealthCheck(Endpoint):
            def get(self, request):
                return None
        """))
    init = package / "__init__.py"
    init.write_text(
        init.read_text()
        .replace("from .organization", "from .health import IssuesHealthCheck\nfrom .organization")
        .replace(
            '    "OrganizationIssueCountsEndpoint",',
            '    "IssuesHealthCheck",\n    "OrganizationIssueCountsEndpoint",',
        )
    )
    files, init_text = sorted(p.name for p in package.iterdir()), init.read_text()
    result = run_cli(
        capsys,
        "new-endpoint",
        "IssuesHealthCheck",
        "--route",
        "issues/live/",
        "--module",
        "orbit.issues.endpoints",
        "--skip",
        "--no-tests",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    assert sorted(p.name for p in package.iterdir()) == files
    assert init.read_text() == init_text
    urls = (root / "src/orbit/api/urls.py").read_text()
    assert "    IssuesHealthCheck,\n" in urls and "IssuesHealthCheck.as_view()" in urls
    assert "IssuesHealthCheckEndpoint" not in urls


def test_a_route_goes_into_an_empty_inline_include_list_at_its_indentation() -> None:
    before = HEADER + dedent("""\
        ORGANIZATION_URLS = [
            re_path(
                r"^(?P<organization_slug>[^/]+)/profiling/",
                include(
                    [
                    ],
                ),
            ),
        ]

        urlpatterns = [
            re_path(r"^organizations/", include(ORGANIZATION_URLS)),
        ]
        """)
    urls = UrlsFile(before, "urls.py", "acme", "acme.api.urls", 100)
    urls.add(reg("ProfilingFiltersEndpoint", "organizations/{organization_slug}/profiling/f/"))
    after = urls.code()
    assert (
        "            [\n"
        "                re_path(\n"
        '                    r"^f/$",\n'
        "                    ProfilingFiltersEndpoint.as_view(),\n"
        '                    name="acme-api-0-profiling-filters",\n'
        "                ),\n"
        "            ],\n"
    ) in after
    kept = set(before.splitlines())
    assert kept <= set(after.splitlines()) | {
        line for n, line in enumerate(before.splitlines(), 1) if n in urls.may_drop
    }


def test_a_route_goes_beside_the_entries_spelled_most_like_it() -> None:
    org = "(?P<organization_slug>[^/]+)"
    stems = ("alerts", "events", "events-stats", "events-trends", "events-geo", "members", "teams")
    before = (
        HEADER
        + "from .endpoints.a import AEndpoint\n\nORGANIZATION_URLS = [\n"
        + "".join(one_line(f"^{org}/{stem}/$", "AEndpoint", f"acme-{stem}") for stem in stems)
        + "]\n\nurlpatterns = [\n"
        + '    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n]\n'
    )
    after = patch(
        before, reg("GeoStatsEndpoint", "organizations/{organization_slug}/events-geo-stats/")
    )
    lines = after.splitlines()
    new = next(i for i, line in enumerate(lines) if "events-geo-stats" in line)
    assert "/events-geo/$" in lines[new - 2]  # the new entry is exploded: its call is above


TEAM_LIST = HEADER + dedent("""\
    from .endpoints.teams import TeamMembersEndpoint, TeamStatsEndpoint

    TEAM_URLS = [
        re_path(r"^(?P<team_slug>[^/]+)/members/$", TeamMembersEndpoint.as_view(), name="acme-tm"),
        re_path(r"^(?P<team_slug>[^/]+)/stats/$", TeamStatsEndpoint.as_view(), name="acme-ts"),
    ]

    urlpatterns = [
        re_path(r"^teams/", include(TEAM_URLS)),
        re_path(r"^$", ApiIndexEndpoint.as_view(), name="acme-api-index"),
    ]
    """)


def test_the_index_route_of_an_included_list_opens_that_list() -> None:
    after = patch(TEAM_LIST, reg("TeamIndexEndpoint", "teams/")).splitlines()
    opening = after.index("TEAM_URLS = [")
    assert "TeamIndexEndpoint.as_view()" in "".join(after[opening + 1 : opening + 6])
    assert 'r"^$"' in "".join(after[opening + 1 : opening + 3])


def test_a_details_route_goes_right_after_its_index_route() -> None:
    org = "(?P<organization_slug>[^/]+)"
    before = (
        HEADER
        + "from .endpoints.a import AEndpoint\n\nORGANIZATION_URLS = [\n"
        + one_line(f"^{org}/monitors/$", "AEndpoint", "acme-monitors")
        + one_line(f"^{org}/members/$", "AEndpoint", "acme-members")
        + one_line(f"^{org}/monitors/(?P<monitor_slug>[^/]+)/runs/$", "AEndpoint", "acme-runs")
        + one_line(f"^{org}/teams/$", "AEndpoint", "acme-teams")
        + "]\n\nurlpatterns = [\n"
        + '    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n]\n'
    )
    route = "organizations/{organization_slug}/monitors/{monitor_slug}/"
    lines = patch(before, reg("MonitorDetailsEndpoint", route)).splitlines()
    new = next(i for i, line in enumerate(lines) if "(?P<monitor_slug>[^/]+)/$" in line)
    assert "/monitors/$" in lines[new - 2]  # the new entry is exploded: its call is above


INTEGRATION_BASES = dedent("""\
    from nova.api.bases.organization import OrganizationEndpoint


    class OrganizationIntegrationBaseEndpoint(OrganizationEndpoint):
        def convert_args(self, request, organization_id_or_slug, integration_id, *args, **kwargs):
            args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
            kwargs["integration"] = integration_id
            return (args, kwargs)


    class CellOrganizationIntegrationBaseEndpoint(OrganizationIntegrationBaseEndpoint):
        \"\"\"Reads the integration through the cross-silo service.\"\"\"


    class ControlOrganizationIntegrationBaseEndpoint(OrganizationIntegrationBaseEndpoint):
        \"\"\"Reads the integration from the control silo's tables.\"\"\"


    class CellEndpoint(OrganizationEndpoint):
        \"\"\"A helper for tests of the cell silo, not the cell variant of a base.\"\"\"
    """)


@pytest.mark.parametrize(
    ("silo", "base"),
    [
        ("cell", "CellOrganizationIntegrationBaseEndpoint"),
        ("control", "ControlOrganizationIntegrationBaseEndpoint"),
        ("none", "OrganizationIntegrationBaseEndpoint"),
        ("cell", "OrganizationEndpoint"),
    ],
)
def test_a_base_named_for_the_endpoint_silo_is_preferred_among_equal_fits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], silo: str, base: str
) -> None:
    root = copy_project(MODERN, tmp_path / "p")
    (root / "src/nova/api/bases/integration.py").write_text(INTEGRATION_BASES)
    route = "organizations/{organization_id_or_slug}/integrations/{integration_id}/repos/"
    if base == "OrganizationEndpoint":  # no base of the same fit is named for the silo
        route = "organizations/{organization_id_or_slug}/integration-repos/"
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationIntegrationRepos",
        "--route",
        route,
        "--silo",
        silo,
        "--no-tests",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    module = root / "src/nova/api/endpoints/organization_integration_repos.py"
    assert f"class OrganizationIntegrationReposEndpoint({base}):" in module.read_text()
    checked = run_cli(capsys, "check", "--project", str(root))
    assert checked.code == 0, checked.out + checked.err


def test_a_route_served_from_the_top_level_counts_as_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry serves some routes from urlpatterns with their whole path although a list is
    included under their prefix (s2023's issue participants): `new-endpoint --skip` (and so
    `generate` of `list --format spec`) must find it there and change nothing."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    urls = project / "src/acme/api/urls.py"
    text = urls.read_text()
    top = (
        "urlpatterns = [\n"
        "    re_path(\n"
        '        r"^organizations/(?P<organization_id_or_slug>[^/]+)/audit/$",\n'
        "        OrganizationDetailsEndpoint.as_view(),\n"
        '        name="acme-api-0-organization-audit",\n'
        "    ),\n"
    )
    urls.write_text(text.replace("urlpatterns = [\n", top, 1))
    before = snapshot(project)
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationDetails",
        "--route",
        "organizations/{organization_id_or_slug}/audit/",
        "--methods",
        "get",
        "--skip",
        "--no-tests",
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    assert "already registered" in result.out
    assert snapshot(project) == before


def test_a_details_route_follows_its_lists_own_index_route() -> None:
    """`{organization_slug}/` is the details route of `organizations/` (the list's `^$`): it
    goes right after it, as Sentry pairs them, not into the alphabetical run of the routes
    sharing its segment (before `activity/`)."""
    before = HEADER + dedent("""\
        from .endpoints.orgs import OrgIndexEndpoint, OrgMembersEndpoint, OrgTeamsEndpoint

        ORGANIZATION_URLS = [
            re_path(r"^$", OrgIndexEndpoint.as_view(), name="acme-orgs"),
            re_path(r"^(?P<organization_slug>[^/]+)/teams/$", OrgTeamsEndpoint.as_view()),
            re_path(r"^(?P<organization_slug>[^/]+)/activity/$", OrgActivityEndpoint.as_view()),
            re_path(r"^(?P<organization_slug>[^/]+)/members/$", OrgMembersEndpoint.as_view()),
            re_path(r"^(?P<organization_slug>[^/]+)/zeta/$", OrgZetaEndpoint.as_view()),
        ]

        urlpatterns = [
            re_path(r"^organizations/", include(ORGANIZATION_URLS)),
        ]
        """)
    after = patch(before, reg("OrgDetailsEndpoint", "organizations/{organization_slug}/"))
    patterns = re.findall(r'r"(\^[^"]*)"', after.split("urlpatterns")[0])
    assert patterns[:2] == ["^$", "^(?P<organization_slug>[^/]+)/$"]


def test_a_list_included_under_an_alternation_is_shared_too() -> None:
    """s2021's shape: GROUP_URLS is included at `^(?:issues|groups)/` (a prefix the route
    syntax cannot write) and under the organization, and holds a `(?:notes|comments)` entry and
    a `plugins?/` include (patterns the route syntax cannot read). It is still a list of
    `{issue_id}` routes: `issues/new/x/` under the organization stays out
    (it would also answer at /issues/new/x/, without the organization its base needs)."""
    before = HEADER + dedent("""\
        from .endpoints.groups import GroupDetailsEndpoint, GroupNotesEndpoint

        GROUP_URLS = [
            re_path(r"^(?P<issue_id>[^/]+)/$", GroupDetailsEndpoint.as_view(), name="acme-g"),
            re_path(r"^(?P<issue_id>[^/]+)/(?:notes|comments)/$", GroupNotesEndpoint.as_view()),
            re_path(r"^(?P<issue_id>[^/]+)/plugins?/", include("acme.plugins.group_urls")),
        ]

        ORGANIZATION_URLS = [
            re_path(r"^(?P<organization_slug>[^/]+)/issues/", include(GROUP_URLS)),
        ]

        urlpatterns = [
            re_path(r"^(?:issues|groups)/", include(GROUP_URLS)),
            re_path(r"^organizations/", include(ORGANIZATION_URLS)),
        ]
        """)
    route = "organizations/{organization_slug}/issues/new/extra/"
    after = patch(before, reg("OrgIssuesNewExtraEndpoint", route))
    assert 'r"^(?P<organization_slug>[^/]+)/issues/new/extra/$"' in after
    assert 'r"^new/extra/$"' not in after


def test_routes_with_alternatives_are_kin_of_a_route_spelling_one_of_them() -> None:
    """Sentry's issue routes write `(?:notes|comments)/`: a new `comments/{note_id}/...`
    route belongs beside them, not at the end of the issue's routes."""
    issue = "^(?P<issue_id>[^/]+)"
    before = included_list(
        "GROUP_URLS",
        "issues",
        [
            (f"{issue}/activities/$", "AEndpoint", "activities"),
            (f"{issue}/(?:notes|comments)/$", "AEndpoint", "notes"),
            (f"{issue}/(?:notes|comments)/(?P<note_id>[^/]+)/$", "AEndpoint", "note"),
            (f"{issue}/stats/$", "AEndpoint", "stats"),
            (f"{issue}/tags/$", "AEndpoint", "tags"),
            (f"{issue}/user-reports/$", "AEndpoint", "user-reports"),
        ],
    )
    route = "issues/{issue_id}/comments/{note_id}/reactions/"
    lines = patch(before, reg("GroupNoteReactionsEndpoint", route)).splitlines()
    new = next(i for i, line in enumerate(lines) if "/reactions/$" in line)
    assert 'name="note"' in lines[new - 2] or 'name="note"' in lines[new - 1], lines
