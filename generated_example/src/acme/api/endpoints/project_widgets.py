from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import region_silo_endpoint
from acme.api.bases.project import ProjectEndpoint
from acme.models.project import Project


@region_silo_endpoint
class ProjectWidgetsEndpoint(ProjectEndpoint):
    owner = ApiOwner.TELEMETRY
    publish_status = {
        "GET": ApiPublishStatus.EXPERIMENTAL,
        "POST": ApiPublishStatus.EXPERIMENTAL,
    }

    def get(self, request: Request, project: Project) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response([])

    def post(self, request: Request, project: Project) -> Response:
        # TODO: implement POST; this stub only proves the route and lookups work.
        return Response({}, status=201)
