"""Routes of the nova API."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, re_path

from nova.api.endpoints import legacy_views as legacy
from nova.api.urls_extra import EXTRA_URLS

from .endpoints.catchall import CatchallEndpoint
from .endpoints.group_details import GroupDetailsEndpoint
from .endpoints.invite_details import InviteDetailsEndpoint
from .endpoints.monitor_details import ProjectMonitorDetailsEndpoint
from .endpoints.organization_details import OrganizationDetailsEndpoint
from .endpoints.organization_members import (
    OrganizationMemberDetailsEndpoint,
    OrganizationMembersEndpoint,
)
from .endpoints.organization_stats_period import OrganizationStatsPeriodEndpoint
from .endpoints.project_details import ProjectDetailsEndpoint
from .endpoints.project_monitor_environments import ProjectMonitorEnvironmentsEndpoint
from .endpoints.team_details import TeamDetailsEndpoint


def create_group_urls(name_prefix: str) -> list[URLPattern | URLResolver]:
    return [
        re_path(
            r"^(?P<issue_id>[^/]+)/$",
            GroupDetailsEndpoint.as_view(),
            name=f"{name_prefix}-group-details",
        ),
    ]


TEAM_URLS = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<team_id_or_slug>[^/]+)/$",
        TeamDetailsEndpoint.as_view(),
        name="nova-api-0-team-details",
    ),  # the only team route so far
]

ORGANIZATION_URLS: list[URLPattern | URLResolver] = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/$",
        OrganizationDetailsEndpoint.as_view(),
        name="nova-api-0-organization-details",
    ),
    # Members
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/members/$",
        OrganizationMembersEndpoint.as_view(),
        name="nova-api-0-organization-members",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/members/(?P<member_id>[^/]+)/$",
        OrganizationMemberDetailsEndpoint.as_view(),
        name="nova-api-0-organization-member-details",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/stats/(?P<period>[^/]+)/$",
        OrganizationStatsPeriodEndpoint.as_view(),
        name="nova-api-0-organization-stats-period",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/issues/",
        include(create_group_urls("nova-api-0-organization-issues")),
    ),
    # Settings
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/legacy/$",
        legacy.OrganizationLegacyEndpoint.as_view(),
        name="nova-api-0-organization-legacy",
    ),
    *EXTRA_URLS,
]

PROJECT_MONITOR_URLS = [
    re_path(
        r"^(?P<monitor_id_or_slug>[^/]+)/$",
        ProjectMonitorDetailsEndpoint.as_view(),
        name="nova-api-0-project-monitor-details",
    ),
    re_path(
        r"^(?P<monitor_id_or_slug>[^/]+)/environments/(?P<environment_name>[^/]+)/$",
        ProjectMonitorEnvironmentsEndpoint.as_view(),
        name="nova-api-0-monitor-environment",
    ),
]

PROJECT_URLS: list[URLPattern | URLResolver] = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/$",
        ProjectDetailsEndpoint.as_view(),
        name="nova-api-0-project-details",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/monitors/",
        include(PROJECT_MONITOR_URLS),
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/issues/",
        include(create_group_urls("nova-api-0-project-issues")),
    ),
]

urlpatterns = [
    re_path(r"^teams/", include(TEAM_URLS)),
    re_path(r"^organizations/", include(ORGANIZATION_URLS)),
    re_path(r"^projects/", include(PROJECT_URLS)),
    re_path(
        r"^internal/",
        include(
            [
                re_path(
                    r"^health/$",
                    CatchallEndpoint.as_view(),
                    name="nova-api-0-internal-health",
                ),
            ]
        ),
    ),
    re_path(
        r"^invites/(?P<invite_token>[^/]+)/$",
        InviteDetailsEndpoint.as_view(),
        name="nova-api-0-invite-details",
    ),
    # Anything below this line is unreachable.
    re_path(r"^", CatchallEndpoint.as_view(), name="nova-api-catchall"),
]
