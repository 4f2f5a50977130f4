from __future__ import absolute_import, print_function

from django.conf.urls import patterns, url

from .endpoints.catchall import CatchallEndpoint
from .endpoints.index import IndexEndpoint
from .endpoints.organization_details import OrganizationDetailsEndpoint
from .endpoints.project_details import ProjectDetailsEndpoint
from .endpoints.project_keys import ProjectKeysEndpoint
from .endpoints.project_widget_details import ProjectWidgetDetailsEndpoint


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
    url(r'^projects/(?P<organization_slug>[^\/]+)/(?P<project_slug>[^\/]+)/widgets/(?P<widget_id_or_slug>[^\/]+)/$',
        ProjectWidgetDetailsEndpoint.as_view(),
        name='oldest-api-0-project-widget-details'),

    url(r'^$',
        IndexEndpoint.as_view(),
        name='oldest-api-index'),

    url(r'^',
        CatchallEndpoint.as_view(),
        name='oldest-api-catchall'),

    # url(r'^api-auth/', include('rest_framework.urls', namespace='rest_framework'))
)
