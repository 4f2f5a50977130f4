from __future__ import absolute_import, print_function

from django.conf.urls import include, url

from oldco.api.endpoints.catchall import CatchallEndpoint
from oldco.api.endpoints.index import IndexEndpoint
from oldco.api.endpoints.organization_details import OrganizationDetailsEndpoint
from oldco.api.endpoints.organization_stats import (
    OrganizationStatsEndpoint,
    OrganizationStatsSummaryEndpoint,
)
from oldco.api.endpoints.project_details import ProjectDetailsEndpoint
from oldco.api.endpoints.project_widget_details import ProjectWidgetDetailsEndpoint

urlpatterns = [
    # Organizations
    url(
        r"^organizations/(?P<organization_slug>[^\/]+)/$",
        OrganizationDetailsEndpoint.as_view(),
        name="oldco-api-0-organization-details",
    ),
    url(
        r"^organizations/(?P<organization_slug>[^\/]+)/stats/$",
        OrganizationStatsEndpoint.as_view(),
        name="oldco-api-0-organization-stats",
    ),
    url(
        r"^organizations/(?P<organization_slug>[^\/]+)/stats/summary/$",
        OrganizationStatsSummaryEndpoint.as_view(),
        name="oldco-api-0-organization-stats-summary",
    ),
    # Projects
    url(
        r"^projects/(?P<organization_slug>[^\/]+)/(?P<project_slug>[^\/]+)/$",
        ProjectDetailsEndpoint.as_view(),
        name="oldco-api-0-project-details",
    ),
    url(
        r"^projects/(?P<organization_slug>[^\/]+)/(?P<project_slug>[^\/]+)/widgets/(?P<widget_id>[^\/]+)/$",
        ProjectWidgetDetailsEndpoint.as_view(),
        name="oldco-api-0-project-widget-details",
    ),
    url(r"^$", IndexEndpoint.as_view(), name="oldco-api-index"),
    url(r"^", CatchallEndpoint.as_view(), name="oldco-api-catchall"),
]
