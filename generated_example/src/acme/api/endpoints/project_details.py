"""Details of one project."""

from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import region_silo_endpoint
from acme.api.bases.project import ProjectEndpoint
from acme.models.project import Project


@region_silo_endpoint
class ProjectDetailsEndpoint(ProjectEndpoint):
    """GET /api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/"""

    owner = ApiOwner.ISSUES
    publish_status = {
        "GET": ApiPublishStatus.PUBLIC,
    }

    def get(self, request: Request, project: Project) -> Response:
        return Response({"id": str(project.id), "slug": project.slug})
