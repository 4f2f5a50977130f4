from rest_framework.request import Request
from rest_framework.response import Response

from oldco.api.bases.organization import OrganizationEndpoint
from oldco.models import Organization


class OrganizationWidgetsEndpoint(OrganizationEndpoint):
    def get(self, request: Request, organization: Organization) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response([])

    def post(self, request: Request, organization: Organization) -> Response:
        # TODO: implement POST; this stub only proves the route and lookups work.
        return Response({}, status=201)
