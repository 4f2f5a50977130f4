from __future__ import absolute_import, print_function

from django.conf.urls import patterns, url

from .endpoints.catchall import CatchallEndpoint
from .endpoints.index import IndexEndpoint
from .endpoints.organization_details import OrganizationDetailsEndpoint
from .endpoints.project_details import ProjectDetailsEndpoint
from .endpoints.project_keys import ProjectKeysEndpoint
from .endpoints.widget_stats import WidgetStatsEndpoint


urlpatterns = patterns(
    '',

    # Organizations
    url(r'^organizations/(?P<organization_slug>[^\/]+)/$',
        OrganizationDetailsEndpoint.as_view(),
        name='oldest-api-0-organization-details'),

    # Projects
    url(r'^projects/(?P<organization_slug>[^\/]+)/(?P<project_slug>[^\/]+)/$',
        ProjectDetailsEndpoint.as_view(),
        name='oldest-api-0-project-details'),
    url(r'^projects/(?P<organization_slug>[^\/]+)/(?P<project_slug>[^\/]+)/keys/$',
        ProjectKeysEndpoint.as_view(),
        name='oldest-api-0-project-keys'),
    url(r'^widget-stats/$',
        WidgetStatsEndpoint.as_view(),
        name='oldest-api-0-widget-stats'),

    url(r'^$',
        IndexEndpoint.as_view(),
        name='oldest-api-index'),

    url(r'^',
        CatchallEndpoint.as_view(),
        name='oldest-api-catchall'),

    # url(r'^api-auth/', include('rest_framework.urls', namespace='rest_framework'))
)
