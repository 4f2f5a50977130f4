"""Details of one organization."""

from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import region_silo_endpoint
from acme.api.bases.organization import OrganizationEndpoint
from acme.models.organization import Organization


@region_silo_endpoint
class OrganizationDetailsEndpoint(OrganizationEndpoint):
    """GET /api/0/organizations/{organization_id_or_slug}/"""

    owner = ApiOwner.ECOSYSTEM
    publish_status = {
        "GET": ApiPublishStatus.PUBLIC,
    }

    def get(self, request: Request, organization: Organization) -> Response:
        return Response(
            {"id": str(organization.id), "slug": organization.slug, "name": organization.name}
        )
