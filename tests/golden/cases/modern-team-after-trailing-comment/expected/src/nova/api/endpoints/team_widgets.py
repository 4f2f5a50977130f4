from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from nova.api.api_owners import ApiOwner
from nova.api.api_publish_status import ApiPublishStatus
from nova.api.base import cell_silo_endpoint
from nova.api.bases.team import TeamEndpoint, TeamPermission
from nova.models.team import Team


@cell_silo_endpoint
class TeamWidgetsEndpoint(TeamEndpoint):
    owner = ApiOwner.UNOWNED
    publish_status = {
        "GET": ApiPublishStatus.PUBLIC,
        "POST": ApiPublishStatus.PRIVATE,
    }
    permission_classes = (TeamPermission,)

    def get(self, request: Request, team: Team) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response([])

    def post(self, request: Request, team: Team) -> Response:
        # TODO: implement POST; this stub only proves the route and lookups work.
        return Response({}, status=201)
