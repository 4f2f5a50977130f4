"""Issue 10: registrations go where a Sentry engineer puts them (list, place, pattern, name)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from scaffold.generate.notes import also_fits_note
from scaffold.naming import module_name_for, url_name_for
from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from tests.helpers import EXAMPLE, FIXTURES, copy_project, run_cli, snapshot

HEADER = "from django.urls import include, re_path\n\n"


def patch(source: str, *registrations: Registration) -> str:
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", 100)
    for registration in registrations:
        urls.add(registration)
    return urls.code()


def reg(class_name: str, route: str, module: str | None = None) -> Registration:
    module = module or f"acme.api.endpoints.{module_name_for(class_name)}"
    return Registration(class_name, module, parse_route(route), None)


def entry(pattern: str, class_name: str, name: str) -> str:
    return f'    re_path(\n        r"{pattern}",\n        {class_name}.as_view(),\n        name="{name}",\n    ),\n'


ORG = "(?P<organization_id_or_slug>[^/]+)"


def org_list(*stems: str) -> str:
    """ORGANIZATION_URLS holding `organizations/{org}/<stem>/` for each stem, in that order."""
    body = "".join(
        entry(f"^{ORG}/{stem}/$", f"Org{stem.title()}Endpoint", f"acme-api-0-org-{stem}")
        for stem in stems
    )
    imports = "".join(
        f"from .endpoints.org_{stem} import Org{stem.title()}Endpoint\n" for stem in stems
    )
    return (
        HEADER
        + imports
        + "\nORGANIZATION_URLS = [\n"
        + body
        + "]\n\nurlpatterns = [\n"
        + '    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n]\n'
    )


def test_a_route_sharing_only_the_organization_goes_in_alphabetical_order() -> None:
    before = org_list("alerts", "members", "teams", "widgets")
    after = patch(
        before, reg("OrgProjectsEndpoint", "organizations/{organization_id_or_slug}/projects/")
    )
    order = [stem for stem in ("alerts", "members", "projects", "teams", "widgets")]
    positions = [after.index(f"/{stem}/$") for stem in order]
    assert positions == sorted(positions)


def _project_routes(redirect: str) -> str:
    """urlpatterns: the organization routes, a redirect, then the project routes after it."""
    project = "^projects/(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)"
    return (
        HEADER
        + "from .endpoints.org_details import OrgDetailsEndpoint\n"
        + "from .endpoints.old_redirect import OldRedirectEndpoint\n"
        + "from .endpoints.project_alerts import ProjectAlertsEndpoint\n"
        + "from .endpoints.project_keys import ProjectKeysEndpoint\n"
        + "\nurlpatterns = [\n"
        + entry(f"^organizations/{ORG}/$", "OrgDetailsEndpoint", "acme-api-0-org-details")
        + entry(redirect, "OldRedirectEndpoint", "acme-api-0-old-redirect")
        + entry(f"{project}/alerts/$", "ProjectAlertsEndpoint", "acme-api-0-project-alerts")
        + entry(f"{project}/keys/$", "ProjectKeysEndpoint", "acme-api-0-project-keys")
        + "]\n"
    )


def test_a_redirect_taking_only_numeric_ids_does_not_push_routes_above_it() -> None:
    # `projects/<digits>/...` goes to the redirect; a project whose organization slug has a
    # letter reaches the routes below it, where their kin are: the new one goes among them
    before = _project_routes("^projects/(?P<project_id>\\d+)/(?P<path>(?:groups|releases)/.+)?")
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/filters/"
    after = patch(before, reg("ProjectFiltersEndpoint", route))
    order = ["OldRedirectEndpoint.as_view", "/alerts/$", "/filters/$", "/keys/$"]
    positions = [after.index(text) for text in order]
    assert positions == sorted(positions)


def test_a_catch_all_above_the_kin_still_keeps_the_route_above_it() -> None:
    before = _project_routes("^projects/")
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/filters/"
    after = patch(before, reg("ProjectFiltersEndpoint", route))
    assert after.index("/filters/$") < after.index("OldRedirectEndpoint.as_view")


def test_the_object_route_opens_the_routes_below_it_whatever_their_order() -> None:
    team = "^(?P<organization_id_or_slug>[^/]+)/(?P<team_id_or_slug>[^/]+)"
    stems = ["stats", "members", "avatar", "projects"]  # kept in the order they were added
    before = (
        HEADER
        + "".join(f"from .endpoints.team_{s} import Team{s.title()}Endpoint\n" for s in stems)
        + "\nTEAM_URLS = [\n"
        + "".join(
            entry(f"{team}/{s}/$", f"Team{s.title()}Endpoint", f"acme-api-0-team-{s}")
            for s in stems
        )
        + "]\n\nurlpatterns = [\n"
        + '    re_path(r"^teams/", include(TEAM_URLS)),\n]\n'
    )
    route = "teams/{organization_id_or_slug}/{team_id_or_slug}/"
    after = patch(before, reg("TeamDetailsEndpoint", route))
    team_list = after[after.index("TEAM_URLS = [") :]
    assert team_list.index("TeamDetailsEndpoint.as_view") < team_list.index("/stats/$")


def test_the_index_route_of_an_included_list_is_written_inside_it() -> None:
    before = HEADER + dedent("""\
        from .endpoints.auth_login import AuthLoginEndpoint

        AUTH_URLS = [
            re_path(
                r"^login/$",
                AuthLoginEndpoint.as_view(),
                name="acme-api-0-auth-login",
            ),
        ]

        urlpatterns = [
            re_path(r"^auth/", include(AUTH_URLS)),
        ]
        """)
    after = patch(before, reg("AuthIndexEndpoint", "auth/"))
    auth_list = after[after.index("AUTH_URLS = [") : after.index("urlpatterns")]
    assert 'r"^$",\n        AuthIndexEndpoint.as_view()' in auth_list
    assert "^auth/$" not in after


def test_each_parameter_is_spelled_as_the_file_spells_that_name() -> None:
    before = HEADER + dedent("""\
        from .endpoints.release_files import ReleaseFilesEndpoint

        urlpatterns = [
            re_path(
                r"^releases/(?P<version>[^/]+)/files/$",
                ReleaseFilesEndpoint.as_view(),
                name="acme-api-0-release-files",
            ),
            re_path(
                r"^a/(?P<a>[^\\/]+)/b/(?P<b>[^\\/]+)/c/(?P<c>[^\\/]+)/$",
                ReleaseFilesEndpoint.as_view(),
                name="acme-api-0-abc",
            ),
        ]
        """)
    after = patch(before, reg("ReleaseCommitsEndpoint", "a/{a}/versions/{version}/"))
    assert r'r"^a/(?P<a>[^\/]+)/versions/(?P<version>[^/]+)/$"' in after


def test_a_parameter_the_file_spells_as_digits_or_words_is_spelled_so() -> None:
    """Sentry 2019 spells every `issue_id` `\\d+` and `event_id` `[\\w-]+`: a new route taking
    them does too (a `[^/]+` issue_id would reach `int()` with letters: a 500, not a 404), once
    two entries agree."""
    before = HEADER + dedent("""\
        from .endpoints.group_details import GroupDetailsEndpoint

        urlpatterns = [
            re_path(
                r"^hooks/(?P<hook_id>\\d+)/$",
                GroupDetailsEndpoint.as_view(),
                name="acme-api-0-hook",
            ),
            re_path(
                r"^issues/(?P<issue_id>\\d+)/$",
                GroupDetailsEndpoint.as_view(),
                name="acme-api-0-group-details",
            ),
            re_path(
                r"^issues/(?P<issue_id>\\d+)/events/(?P<event_id>[\\w-]+)/$",
                GroupDetailsEndpoint.as_view(),
                name="acme-api-0-group-event",
            ),
            re_path(
                r"^issues/(?P<issue_id>\\d+)/events/(?P<event_id>[\\w-]+)/json/$",
                GroupDetailsEndpoint.as_view(),
                name="acme-api-0-group-event-json",
            ),
            re_path(
                r"^things/(?P<thing_id>[^\\/]+)/$",
                GroupDetailsEndpoint.as_view(),
                name="acme-api-0-thing",
            ),
        ]
        """)
    after = patch(before, reg("ThingEventsEndpoint", "things/{thing_id}/events/{event_id}/"))
    assert r'r"^things/(?P<thing_id>[^\/]+)/events/(?P<event_id>[\w-]+)/$"' in after
    after = patch(before, reg("GroupWidgetsEndpoint", "issues/{issue_id}/widgets/"))
    assert r'r"^issues/(?P<issue_id>\d+)/widgets/$"' in after
    after = patch(before, reg("ThingHooksEndpoint", "things/{thing_id}/hooks/{hook_id}/"))
    assert r"(?P<hook_id>[^\/]+)" in after  # one entry's `\d+` is no convention yet


def test_a_plural_acronym_stays_one_word() -> None:
    assert url_name_for("UserIPsEndpoint", "acme-api-0") == "acme-api-0-user-ips"
    assert module_name_for("UserIPsEndpoint") == "user_ips"
    assert module_name_for("APIKeysEndpoint") == "api_keys"


def test_one_capital_before_a_capitalised_word_is_one_word_with_it() -> None:
    """Sentry spells `AssociateDSymFilesEndpoint` `sentry-api-0-associate-dsym-files`."""
    assert url_name_for("AssociateDSymFilesEndpoint", "sentry-api-0") == (
        "sentry-api-0-associate-dsym-files"
    )
    assert module_name_for("ProjectIPv6RulesEndpoint") == "project_ipv6_rules"
    assert module_name_for("OrganizationSCIMUserDetails") == "organization_scim_user_details"


# --- through the command line, on the modern fixture -------------------------------------------

MODERN = FIXTURES / "modern"
URLS = "src/nova/api/urls.py"
DETAILS_MODULE = "src/nova/api/endpoints/organization_details.py"
HAND_WRITTEN = dedent("""\
    from nova.api.bases.organization import OrganizationEndpoint


    class OrganizationDetailsEndpoint(OrganizationEndpoint):
        def get(self, request, organization):
            return None


    class OrganizationStatsEndpoint(OrganizationEndpoint):
        def get(self, request, organization):
            return None
    """)


def _project(tmp_path: Path) -> Path:
    root = copy_project(MODERN, tmp_path / "p")
    (root / DETAILS_MODULE).write_text(HAND_WRITTEN)
    return root


def test_registering_a_class_beside_a_one_line_import_joins_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationStats",
        "--route",
        "organizations/{organization_id_or_slug}/stats/",
        "--module",
        "nova.api.endpoints.organization_details",
        "--skip",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    urls = (root / URLS).read_text()
    assert (
        "from .endpoints.organization_details import (\n"
        "    OrganizationDetailsEndpoint,\n    OrganizationStatsEndpoint,\n)\n"
    ) in urls or (
        "from .endpoints.organization_details import OrganizationDetailsEndpoint, "
        "OrganizationStatsEndpoint\n"
    ) in urls
    assert (root / DETAILS_MODULE).read_text() == HAND_WRITTEN


def test_force_refuses_to_replace_a_module_holding_another_registered_endpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    before = snapshot(root)
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationStats",
        "--route",
        "organizations/{organization_id_or_slug}/stats/",
        "--module",
        "nova.api.endpoints.organization_details",
        "--force",
        "--project",
        str(root),
    )
    assert result.code != 0
    assert "OrganizationDetailsEndpoint" in result.err
    assert "Traceback" not in result.err
    assert snapshot(root) == before


SERIALIZER_BESIDE = dedent("""\
    from nova.api.bases.organization import OrganizationEndpoint


    class WidgetSerializer:
        fields = ("id",)


    class OrganizationWidgetsEndpoint(OrganizationEndpoint):
        def get(self, request, organization):
            return None
    """)


@pytest.mark.parametrize(
    "user",
    [
        "from nova.api.endpoints.organization_widgets import WidgetSerializer\n",
        "from .organization_widgets import WidgetSerializer as Shown\n",
        "from nova.api.endpoints.organization_widgets import *\n",
    ],
)
def test_force_refuses_to_delete_what_other_code_imports_from_the_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], user: str
) -> None:
    """`--force` replaces the whole module: a serializer another file imports from it would go
    too, and the project would no longer import. Refused, naming the importer and the name."""
    root = copy_project(MODERN, tmp_path / "p")
    module = root / "src/nova/api/endpoints/organization_widgets.py"
    module.write_text(SERIALIZER_BESIDE)
    (root / "src/nova/api/endpoints/scim_widgets.py").write_text(user)
    before = snapshot(root)
    argv = ["new-endpoint", "OrganizationWidgets", "--route"]
    route = "organizations/{organization_id_or_slug}/widgets/"
    result = run_cli(capsys, *argv, route, "--force", "--project", str(root))
    assert result.code == 1
    assert "src/nova/api/endpoints/scim_widgets.py:1 imports WidgetSerializer" in result.err
    assert result.err.count("\n") == 1 and snapshot(root) == before
    (root / "src/nova/api/endpoints/scim_widgets.py").write_text("x = 1\n")  # the use is gone
    assert run_cli(capsys, *argv, route, "--force", "--project", str(root)).code == 0
    assert "WidgetSerializer" not in module.read_text()


def test_a_second_route_for_a_registered_class_is_added_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationDetails",
        "--route",
        "organizations/{organization_id_or_slug}/about/",
        "--url-name",
        "nova-api-0-organization-about",
        "--module",
        "nova.api.endpoints.organization_details",
        "--skip",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    urls = (root / URLS).read_text()
    assert urls.count("OrganizationDetailsEndpoint.as_view()") == 2
    assert 'name="nova-api-0-organization-about"' in urls
    assert "another route for OrganizationDetailsEndpoint" in result.out


def test_a_base_defined_in_an_endpoint_module_is_chosen_and_the_others_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(MODERN, tmp_path / "p")
    (root / "src/nova/dashboards").mkdir()
    (root / "src/nova/dashboards/__init__.py").write_text("")
    (root / "src/nova/dashboards/endpoints.py").write_text(dedent("""\
        from nova.api.bases.organization import OrganizationEndpoint


        class OrganizationDashboardBase(OrganizationEndpoint):
            def convert_args(self, request, organization_id_or_slug, dashboard_id, *args, **kwargs):
                args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
                kwargs["dashboard"] = dashboard_id
                return (args, kwargs)


        class OtherDashboardBase(OrganizationDashboardBase):
            def convert_args(self, request, *args, **kwargs):
                return super().convert_args(request, *args, **kwargs)
        """))
    result = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationDashboardWidgets",
        "--route",
        "organizations/{organization_id_or_slug}/dashboards/{dashboard_id}/widgets/",
        "--no-tests",
        "--project",
        str(root),
    )
    assert result.code == 0, result.err
    assert "(OrganizationDashboardBase)" in result.out
    assert "also fits: OtherDashboardBase" in result.out


def test_a_first_party_import_goes_before_the_relative_ones_as_isort_puts_it() -> None:
    """A urls.py importing its endpoints relatively (`.endpoints.x`) and no module of the
    package absolutely: an endpoint of a domain package is imported in a block of its own
    between the third-party and the relative imports, as isort's sections order them."""
    before = HEADER + dedent("""\
        from .endpoints.broadcasts import BroadcastsEndpoint

        urlpatterns = [
            re_path(
                r"^broadcasts/$",
                BroadcastsEndpoint.as_view(),
                name="acme-api-0-broadcasts",
            ),
        ]
        """)
    module = "acme.dashboards.endpoints.stars"
    after = patch(before, reg("StarsEndpoint", "stars/", module))
    assert after.startswith(
        "from django.urls import include, re_path\n\n"
        "from acme.dashboards.endpoints.stars import StarsEndpoint\n\n"
        "from .endpoints.broadcasts import BroadcastsEndpoint\n\n"
    )


def test_a_route_whose_numeric_lookup_an_earlier_digits_route_takes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`.../revisions/{revision_id}/` looked up by id answers digits alone (anything else is a
    404): an earlier `(?P<revision_id>\\d+)` route of the same path takes every one of them,
    so the new route could never answer. Refused, nothing written (a trial wrote it and its
    test failed with the other endpoint's 405)."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    urls = project / "src/acme/api/urls.py"
    urls.write_text(urls.read_text().replace("(?P<revision_id>[^/]+)", "(?P<revision_id>\\d+)"))
    before = snapshot(project)
    prefix = "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id_or_slug}"
    argv = ["ProjectWidgetRevisionItem", "--route", f"{prefix}/revisions/{{revision_id}}/"]
    lookups = ["--lookup", "widget_id_or_slug=acme.models.widget.Widget"]
    lookups += ["--lookup", "revision_id=acme.models.widget.WidgetRevision"]
    result = run_cli(capsys, "new-endpoint", *argv, *lookups, "--project", str(project))
    assert result.code == 2 and snapshot(project) == before, result.out + result.err
    assert "src/acme/api/urls.py:53: the route r" in result.err
    assert "match the same paths, so one would never be reached" in result.err


def test_also_fits_names_the_closest_bases_and_counts_the_rest() -> None:
    """A route with no parameter fits every endpoint class of a big tree: six are named."""
    names = tuple(f"Base{i}Endpoint" for i in range(9))
    note = also_fits_note(names)
    assert note == (
        "; also fits: Base0Endpoint, Base1Endpoint, Base2Endpoint, Base3Endpoint, "
        "Base4Endpoint, Base5Endpoint and 3 more (pass --base to choose)"
    )
    assert also_fits_note(names[:2]) == (
        "; also fits: Base0Endpoint, Base1Endpoint (pass --base to choose)"
    )
