"""The last route of the API: answers 404 for any path nothing else matched."""

from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import Endpoint, region_silo_endpoint


@region_silo_endpoint
class CatchallEndpoint(Endpoint):
    """Any method on an unknown API path: a JSON 404."""

    owner = ApiOwner.UNOWNED
    publish_status = {
        "GET": ApiPublishStatus.PRIVATE,
        "POST": ApiPublishStatus.PRIVATE,
        "PUT": ApiPublishStatus.PRIVATE,
        "DELETE": ApiPublishStatus.PRIVATE,
    }
    permission_classes = (AllowAny,)

    def get(self, request: Request) -> Response:
        return self._not_found(request)

    def post(self, request: Request) -> Response:
        return self._not_found(request)

    def put(self, request: Request) -> Response:
        return self._not_found(request)

    def delete(self, request: Request) -> Response:
        return self._not_found(request)

    def _not_found(self, request: Request) -> Response:
        return Response(
            {"detail": f"No API endpoint matches {request.path}"},
            status=status.HTTP_404_NOT_FOUND,
        )
