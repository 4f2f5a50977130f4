"""Issue 10, placement by names: where a list is grouped by feature, the new route goes beside the
entries its class, module and words belong with, not only where its path sorts."""

from __future__ import annotations

import re

from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile

ISSUE = "(?P<issue_id>[^/]+)"
ORG = "(?P<organization_id_or_slug>[^/]+)"


def urls(list_name: str, prefix: str, rows: list[tuple[str, str, str]]) -> str:
    """A urls.py whose `list_name`, included at `prefix`, routes `pattern` to `cls` imported from
    `.endpoints.module` (or from `module` when it is a dotted path from `acme`), for each
    (pattern, cls, module), in that order."""
    imports: dict[str, list[str]] = {}
    for _, cls, module in rows:
        imports.setdefault(module, []).append(cls)
    body = "".join(
        f'    re_path(r"{pattern}", {cls}.as_view(), name="acme-api-0-{cls.lower()}"),\n'
        for pattern, cls, _ in rows
    )
    return (
        "from django.urls import include, re_path\n\n"
        + "".join(
            f"from {_dotted(module, '.endpoints.')} import {', '.join(sorted(set(names)))}\n"
            for module, names in sorted(imports.items())
        )
        + f"\n{list_name} = [\n{body}]\n\n"
        + f'urlpatterns = [\n    re_path(r"^{prefix}/", include({list_name})),\n]\n'
    )


def _dotted(module: str, package: str) -> str:
    """`module` when it is a dotted path from `acme`, else `module` in `package`."""
    return module if module.startswith("acme.") else f"{package}{module}"


def added_after(source: str, cls: str, route: str, module: str) -> str:
    """The pattern of the entry right before the one registered for `cls`."""
    patched = UrlsFile(source, "urls.py", "acme", "acme.api.urls", 100)
    module = _dotted(module, "acme.api.endpoints.")
    patched.add(Registration(cls, module, parse_route(route), None))
    entry = r're_path\(\s*r"([^"]+)",\s*(\w+)\.as_view'
    old, entries = re.findall(entry, source), re.findall(entry, patched.code())
    new = next(i for i, found in enumerate(entries) if found[1] == cls and found not in old)
    return str(entries[new - 1][0])


FEATURES = [  # sorted by route, but for one feature's pair
    (f"^{ORG}/alerts/$", "OrgAlertsEndpoint", "org_alerts"),
    (f"^{ORG}/dashboards/$", "OrgDashboardsEndpoint", "org_dashboards"),
    (f"^{ORG}/members/$", "OrgMembersEndpoint", "org_members"),
    (f"^{ORG}/projects/$", "OrgProjectsEndpoint", "org_projects"),
    (f"^{ORG}/releases/$", "OrgReleasesEndpoint", "org_releases"),
    (f"^{ORG}/repos/$", "OrgReposEndpoint", "org_repos"),
    (f"^{ORG}/source-map-debug/$", "OrgSourceMapDebugEndpoint", "org_source_map_debug"),
    (f"^{ORG}/spans/$", "OrgSpansEndpoint", "org_spans"),
    (f"^{ORG}/spans-stats/$", "OrgSpansStatsEndpoint", "org_spans"),
    (f"^{ORG}/stats/$", "OrgStatsEndpoint", "org_stats"),
    (f"^{ORG}/teams/$", "OrgTeamsEndpoint", "org_teams"),
]


def test_a_class_goes_beside_the_routes_of_its_module() -> None:
    # by its path, `examples/` sorts after `dashboards/`; its module holds the spans endpoints
    source = urls("ORGANIZATION_URLS", "organizations", FEATURES)
    route = "organizations/{organization_id_or_slug}/examples/"
    before = added_after(source, "OrgSpansExamplesEndpoint", route, "org_spans")
    assert before == f"^{ORG}/source-map-debug/$"  # right before `spans/`, in their order


def test_a_second_route_of_a_class_goes_beside_its_first() -> None:
    source = urls("ORGANIZATION_URLS", "organizations", FEATURES)
    route = "organizations/{organization_id_or_slug}/trace-spans/"
    assert added_after(source, "OrgSpansEndpoint", route, "org_spans") == f"^{ORG}/spans/$"


def test_a_module_holding_many_routes_is_no_feature() -> None:
    # three classes of one module: a package of endpoints, so the path decides
    rows = [(p, c, "org_all" if c != "OrgTeamsEndpoint" else "org_teams") for p, c, _ in FEATURES]
    source = urls("ORGANIZATION_URLS", "organizations", rows)
    route = "organizations/{organization_id_or_slug}/examples/"
    assert added_after(source, "OrgExamplesEndpoint", route, "org_all") == f"^{ORG}/dashboards/$"


def test_a_route_goes_after_the_entry_whose_rare_words_it_shares() -> None:
    # `blame/` sorts after `alerts/`; its class shares source, map and debug with one entry only
    source = urls("ORGANIZATION_URLS", "organizations", FEATURES)
    route = "organizations/{organization_id_or_slug}/blame/"
    before = added_after(source, "OrgSourceMapDebugBlameEndpoint", route, "org_blame")
    assert before == f"^{ORG}/source-map-debug/$"


def test_common_words_alone_leave_the_route_where_its_path_sorts() -> None:
    source = urls("ORGANIZATION_URLS", "organizations", FEATURES)
    route = "organizations/{organization_id_or_slug}/blame/"
    assert added_after(source, "OrgBlameEndpoint", route, "org_blame") == f"^{ORG}/alerts/$"


def test_one_letter_in_common_is_no_kin_within_a_path_group() -> None:
    # the list is sorted but for two routes appended at its end; `stats/` shares only its `s`
    # with `similar/`, so it goes where it sorts among the whole group, not after `similar/`
    rows = [
        (f"^{ISSUE}/$", "IssueDetailsEndpoint", "issue_details"),
        (f"^{ISSUE}/activities/$", "IssueActivitiesEndpoint", "issue_activities"),
        (f"^{ISSUE}/events/$", "IssueEventsEndpoint", "issue_events"),
        (f"^{ISSUE}/notes/$", "IssueNotesEndpoint", "issue_notes"),
        (f"^{ISSUE}/reprocessing/$", "IssueReprocessingEndpoint", "issue_reprocessing"),
        (f"^{ISSUE}/tags/$", "IssueTagsEndpoint", "issue_tags"),
        (f"^{ISSUE}/user-feedback/$", "IssueUserFeedbackEndpoint", "issue_user_feedback"),
        (f"^{ISSUE}/similar/$", "IssueSimilarEndpoint", "issue_similar"),
        (f"^{ISSUE}/attachments/$", "IssueAttachmentsEndpoint", "issue_attachments"),
    ]
    source = urls("ISSUE_URLS", "issues", rows)
    before = added_after(source, "IssueStatsEndpoint", "issues/{issue_id}/stats/", "issue_stats")
    assert before == f"^{ISSUE}/reprocessing/$"


def test_a_route_kin_by_name_goes_after_the_block_it_would_split() -> None:
    # `zoo-gadget-widgets/` sorts last, but shares two rare words with `boards/gadget-widgets/`
    # alone; right after that entry it would sit inside the `boards/` block, so it goes after
    # the block
    board = f"^{ORG}/boards/(?P<board_id>[^/]+)"
    rows = [
        *FEATURES[:2],
        (f"^{ORG}/boards/$", "OrgBoardsEndpoint", "org_boards"),
        (f"^{ORG}/boards/gadget-widgets/$", "OrgBoardGadgetWidgetsEndpoint", "org_board_gw"),
        (f"{board}/$", "OrgBoardDetailsEndpoint", "org_board"),
        (f"{board}/visit/$", "OrgBoardVisitEndpoint", "org_board"),
        *FEATURES[2:],
    ]
    source = urls("ORGANIZATION_URLS", "organizations", rows)
    route = "organizations/{organization_id_or_slug}/zoo-gadget-widgets/"
    before = added_after(source, "OrgZooGadgetWidgetsEndpoint", route, "org_zoo")
    assert before == f"{board}/visit/$"


INSIGHTS = "acme.insights.endpoints"


def test_a_class_goes_among_the_routes_of_its_feature_package() -> None:
    # `caches/` sorts after `alerts/`; its package's two routes stand together after `repos/`
    rows = [
        *FEATURES[:6],
        (f"^{ORG}/queues/$", "OrgQueuesEndpoint", f"{INSIGHTS}.queues"),
        (f"^{ORG}/web-vitals/$", "OrgWebVitalsEndpoint", f"{INSIGHTS}.web_vitals"),
        *FEATURES[6:],
    ]
    source = urls("ORGANIZATION_URLS", "organizations", rows)
    route = "organizations/{organization_id_or_slug}/caches/"
    before = added_after(source, "OrgCachesEndpoint", route, f"{INSIGHTS}.caches")
    assert before == f"^{ORG}/repos/$"  # before `queues/`, where it sorts in the block


def test_a_package_whose_routes_are_spread_out_leaves_the_route_where_its_path_sorts() -> None:
    # the package's routes are apart (classes moved into it later): its place says nothing
    rows = [
        *FEATURES[:2],
        (f"^{ORG}/web-vitals/$", "OrgWebVitalsEndpoint", f"{INSIGHTS}.web_vitals"),
        *FEATURES[2:6],
        (f"^{ORG}/queues/$", "OrgQueuesEndpoint", f"{INSIGHTS}.queues"),
        *FEATURES[6:],
    ]
    source = urls("ORGANIZATION_URLS", "organizations", rows)
    route = "organizations/{organization_id_or_slug}/caches/"
    before = added_after(source, "OrgCachesEndpoint", route, f"{INSIGHTS}.caches")
    assert before == f"^{ORG}/alerts/$"


def test_the_package_most_routes_of_the_list_come_from_is_no_feature() -> None:
    source = urls("ORGANIZATION_URLS", "organizations", FEATURES)
    route = "organizations/{organization_id_or_slug}/caches/"
    assert added_after(source, "OrgCachesEndpoint", route, "org_caches") == f"^{ORG}/alerts/$"
