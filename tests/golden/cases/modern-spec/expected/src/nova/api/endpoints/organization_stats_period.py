from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from nova.api.api_owners import ApiOwner
from nova.api.api_publish_status import ApiPublishStatus
from nova.api.base import cell_silo_endpoint
from nova.api.bases.organization import OrganizationEndpoint
from nova.models.organization import Organization


@cell_silo_endpoint
class OrganizationStatsPeriodEndpoint(OrganizationEndpoint):
    owner = ApiOwner.ISSUES
    publish_status = {
        "GET": ApiPublishStatus.PUBLIC,
    }

    def get(self, request: Request, organization: Organization, period: str) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response([])
