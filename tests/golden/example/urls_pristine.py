"""Routes of the acme API, relative to the /api/0/ prefix."""

from django.urls import URLPattern, URLResolver, include, re_path

from .endpoints.catchall import CatchallEndpoint
from .endpoints.index import IndexEndpoint
from .endpoints.organization_details import OrganizationDetailsEndpoint
from .endpoints.project_details import ProjectDetailsEndpoint

ORGANIZATION_URLS = [
    # Organization settings
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/$",
        OrganizationDetailsEndpoint.as_view(),
        name="acme-api-0-organization-details",
    ),
]

PROJECT_URLS: list[URLPattern | URLResolver] = [
    # Project settings
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/$",
        ProjectDetailsEndpoint.as_view(),
        name="acme-api-0-project-details",
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
