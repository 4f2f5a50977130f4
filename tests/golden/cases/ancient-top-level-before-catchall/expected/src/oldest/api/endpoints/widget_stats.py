from __future__ import absolute_import

from rest_framework.response import Response

from oldest.api.base import Endpoint


class WidgetStatsEndpoint(Endpoint):
    def get(self, request):
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response([])
