from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from nova.api.api_owners import ApiOwner
from nova.api.api_publish_status import ApiPublishStatus
from nova.api.base import cell_silo_endpoint
from nova.api.bases.monitor import ProjectMonitorEndpoint
from nova.api.bases.team import TeamPermission
from nova.api.exceptions import ResourceDoesNotExist
from nova.models.monitor import Monitor, MonitorEnvironment
from nova.models.project import Project


@cell_silo_endpoint
class ProjectMonitorEnvironmentsEndpoint(ProjectMonitorEndpoint):
    owner = ApiOwner.CRONS
    publish_status = {
        "PUT": ApiPublishStatus.PRIVATE,
        "PATCH": ApiPublishStatus.PRIVATE,
    }
    permission_classes = (TeamPermission,)

    def convert_args(
        self,
        request: Request,
        environment_name: str,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        try:
            environment = MonitorEnvironment.objects.get(
                monitor_id=kwargs["monitor"].id, name=environment_name
            )
        except MonitorEnvironment.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["environment"] = environment
        return args, kwargs

    def put(
        self, request: Request, project: Project, monitor: Monitor, environment: MonitorEnvironment
    ) -> Response:
        # TODO: implement PUT; this stub only proves the route and lookups work.
        return Response({"id": str(environment.id)})

    def patch(
        self, request: Request, project: Project, monitor: Monitor, environment: MonitorEnvironment
    ) -> Response:
        # TODO: implement PATCH; this stub only proves the route and lookups work.
        return Response({"id": str(environment.id)})
