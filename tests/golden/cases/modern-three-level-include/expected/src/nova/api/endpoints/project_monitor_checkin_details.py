from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from nova.api.api_owners import ApiOwner
from nova.api.api_publish_status import ApiPublishStatus
from nova.api.base import cell_silo_endpoint
from nova.api.bases.monitor import ProjectMonitorCheckinEndpoint
from nova.models.monitor import Monitor, MonitorCheckIn
from nova.models.project import Project


@cell_silo_endpoint
class ProjectMonitorCheckinDetailsEndpoint(ProjectMonitorCheckinEndpoint):
    owner = ApiOwner.CRONS
    publish_status = {
        "GET": ApiPublishStatus.PRIVATE,
        "DELETE": ApiPublishStatus.PRIVATE,
    }

    def get(
        self, request: Request, project: Project, monitor: Monitor, checkin: MonitorCheckIn
    ) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(checkin.id)})

    def delete(
        self, request: Request, project: Project, monitor: Monitor, checkin: MonitorCheckIn
    ) -> Response:
        # TODO: implement DELETE; this stub only proves the route and lookups work.
        return Response(status=204)
