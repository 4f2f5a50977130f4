from __future__ import absolute_import

from rest_framework.response import Response

from oldco.api.bases.organization import OrganizationEndpoint


class OrganizationWidgetsEndpoint(OrganizationEndpoint):
    def get(self, request, organization):
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response([])

    def post(self, request, organization):
        # TODO: implement POST; this stub only proves the route and lookups work.
        return Response({}, status=201)
