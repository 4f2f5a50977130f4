from django.conf.urls import include, url

from .endpoints.catchall import CatchallEndpoint
from .endpoints.group_details import GroupDetailsEndpoint
from .endpoints.index import IndexEndpoint
from .endpoints.organization_details import OrganizationDetailsEndpoint
from .endpoints.organization_index import OrganizationIndexEndpoint
from .endpoints.project_details import ProjectDetailsEndpoint
from .endpoints.project_keys import ProjectKeysEndpoint
from .endpoints.project_widget_details import ProjectWidgetDetailsEndpoint

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
                            url(
                                r"^widgets/(?P<widget_id>[^\/]+)/$",
                                ProjectWidgetDetailsEndpoint.as_view(),
                                name="midco-api-0-project-widget-details",
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
