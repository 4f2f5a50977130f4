from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from nova.api.api_owners import ApiOwner
from nova.api.api_publish_status import ApiPublishStatus
from nova.api.base import Endpoint, all_silo_endpoint


@all_silo_endpoint
class RelayHealthEndpoint(Endpoint):
    owner = ApiOwner.UNOWNED
    publish_status = {
        "GET": ApiPublishStatus.PRIVATE,
    }

    def get(self, request: Request) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response([])
