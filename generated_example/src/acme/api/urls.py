"""Routes of the acme API, relative to the /api/0/ prefix."""

from django.urls import URLPattern, URLResolver, include, re_path

from .endpoints.broadcast_details import BroadcastDetailsEndpoint
from .endpoints.catchall import CatchallEndpoint
from .endpoints.index import IndexEndpoint
from .endpoints.organization_dashboard_details import OrganizationDashboardDetailsEndpoint
from .endpoints.organization_dashboards import OrganizationDashboardsEndpoint
from .endpoints.organization_details import OrganizationDetailsEndpoint
from .endpoints.project_details import ProjectDetailsEndpoint
from .endpoints.project_widget_details import ProjectWidgetDetailsEndpoint
from .endpoints.project_widget_revision_details import ProjectWidgetRevisionDetailsEndpoint
from .endpoints.project_widgets import ProjectWidgetsEndpoint

ORGANIZATION_URLS = [
    # Organization settings
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/$",
        OrganizationDetailsEndpoint.as_view(),
        name="acme-api-0-organization-details",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/dashboards/$",
        OrganizationDashboardsEndpoint.as_view(),
        name="acme-api-0-organization-dashboards",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/dashboards/(?P<dashboard_id>[^/]+)/$",
        OrganizationDashboardDetailsEndpoint.as_view(),
        name="acme-api-0-organization-dashboard-details",
    ),
]

PROJECT_URLS: list[URLPattern | URLResolver] = [
    # Project settings
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/$",
        ProjectDetailsEndpoint.as_view(),
        name="acme-api-0-project-details",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/widgets/$",
        ProjectWidgetsEndpoint.as_view(),
        name="acme-api-0-project-widgets",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/widgets/(?P<widget_id_or_slug>[^/]+)/$",
        ProjectWidgetDetailsEndpoint.as_view(),
        name="acme-api-0-project-widget-details",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/widgets/(?P<widget_id_or_slug>[^/]+)/revisions/(?P<revision_id>[^/]+)/$",
        ProjectWidgetRevisionDetailsEndpoint.as_view(),
        name="acme-api-0-project-widget-revision-details",
    ),
]

urlpatterns = [
    re_path(
        r"^organizations/",
        include(ORGANIZATION_URLS),
    ),
    re_path(
        r"^projects/",
        include(PROJECT_URLS),
    ),
    re_path(
        r"^broadcasts/(?P<broadcast_id>[^/]+)/$",
        BroadcastDetailsEndpoint.as_view(),
        name="acme-api-0-broadcast-details",
    ),
    re_path(
        r"^$",
        IndexEndpoint.as_view(),
        name="acme-api-0-index",
    ),
    # Catch-all: must stay last, anything after it is unreachable.
    re_path(
        r"^",
        CatchallEndpoint.as_view(),
        name="acme-api-catchall",
    ),
]
