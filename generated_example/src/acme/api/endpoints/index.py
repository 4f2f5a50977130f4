"""The API root: reports the API version."""

from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import Endpoint, region_silo_endpoint


@region_silo_endpoint
class IndexEndpoint(Endpoint):
    """GET /api/0/: open to everyone."""

    owner = ApiOwner.UNOWNED
    publish_status = {
        "GET": ApiPublishStatus.PRIVATE,
    }
    permission_classes = (AllowAny,)

    def get(self, request: Request) -> Response:
        return Response({"version": "0"})
