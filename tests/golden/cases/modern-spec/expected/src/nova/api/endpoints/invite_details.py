from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from nova.api.api_owners import ApiOwner
from nova.api.api_publish_status import ApiPublishStatus
from nova.api.base import Endpoint, control_silo_endpoint
from nova.api.exceptions import ResourceDoesNotExist
from nova.models.invite import Invite


@control_silo_endpoint
class InviteDetailsEndpoint(Endpoint):
    """An invite, looked up by its token: "quoted" text stays a docstring."""

    owner = ApiOwner.ISSUES
    publish_status = {
        "GET": ApiPublishStatus.PRIVATE,
        "DELETE": ApiPublishStatus.PRIVATE,
    }

    def convert_args(
        self,
        request: Request,
        invite_token: str,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        try:
            invite = Invite.objects.get(token=invite_token)
        except Invite.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["invite"] = invite
        return args, kwargs

    def get(self, request: Request, invite: Invite) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(invite.id)})

    def delete(self, request: Request, invite: Invite) -> Response:
        # TODO: implement DELETE; this stub only proves the route and lookups work.
        return Response(status=204)
