from django.conf.urls import include, url

from .endpoints.catchall import CatchallEndpoint
from .endpoints.group_details import GroupDetailsEndpoint
from .endpoints.index import IndexEndpoint
from .endpoints.organization_details import OrganizationDetailsEndpoint
from .endpoints.organization_index import OrganizationIndexEndpoint
from .endpoints.organization_widgets import OrganizationWidgetsEndpoint
from .endpoints.project_details import ProjectDetailsEndpoint
from .endpoints.project_keys import ProjectKeysEndpoint

GROUP_URLS = [
    url(
        r"^(?P<issue_id>[^\/]+)/$",
        GroupDetailsEndpoint.as_view(),
        name="midco-api-0-group-details",
    ),
]

urlpatterns = [
    # Organizations
    url(
        r"^organizations/",
        include(
            [
                url(r"^$", OrganizationIndexEndpoint.as_view(), name="midco-api-0-organizations"),
                url(
                    r"^(?P<organization_slug>[^\/]+)/$",
                    OrganizationDetailsEndpoint.as_view(),
                    name="midco-api-0-organization-details",
                ),
                url(
                    r"^(?P<organization_slug>[^\/]+)/widgets/$",
                    OrganizationWidgetsEndpoint.as_view(),
                    name="midco-api-0-organization-widgets",
                ),
                url(
                    r"^(?P<organization_slug>[^\/]+)/(?:issues|groups)/",
                    include(GROUP_URLS),
                ),
            ]
        ),
    ),
    # Projects
    url(
        r"^projects/",
        include(
            [
                url(
                    r"^(?P<organization_slug>[^\/]+)/(?P<project_slug>[^\/]+)/",
                    include(
                        [
                            url(
                                r"^$",
                                ProjectDetailsEndpoint.as_view(),
                                name="midco-api-0-project-details",
                            ),
                            url(
                                r"^keys/$",
                                ProjectKeysEndpoint.as_view(),
                                name="midco-api-0-project-keys",
                            ),
                        ]
                    ),
                ),
            ]
        ),
    ),
    url(r"^(?:issues|groups)/", include(GROUP_URLS)),
    url(r"^$", IndexEndpoint.as_view(), name="midco-api-index"),
    url(r"^", CatchallEndpoint.as_view(), name="midco-api-catchall"),
]
