from typing import Any

from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import Endpoint, control_silo_endpoint
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.broadcast import Broadcast


@control_silo_endpoint
class BroadcastDetailsEndpoint(Endpoint):
    owner = ApiOwner.ECOSYSTEM
    publish_status = {
        "GET": ApiPublishStatus.EXPERIMENTAL,
    }
    permission_classes = (AllowAny,)

    def convert_args(
        self,
        request: Request,
        broadcast_id: str,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        if not str(broadcast_id).isdecimal():
            raise ResourceDoesNotExist
        try:
            broadcast = Broadcast.objects.get(id=broadcast_id)
        except Broadcast.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["broadcast"] = broadcast
        return args, kwargs

    def get(self, request: Request, broadcast: Broadcast) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(broadcast.id)})
