"""Base endpoint and permission for routes scoped to one project."""

from typing import Any

from rest_framework.request import Request
from rest_framework.views import APIView

from acme.api.base import ConvertedArgs, Endpoint
from acme.api.bases.organization import OrganizationPermission, id_or_slug_filter
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.organization import Organization
from acme.models.project import Project


class ProjectPermission(OrganizationPermission):
    """Allow members of the organization that owns the project."""

    def has_object_permission(self, request: Request, view: APIView, project: Project) -> bool:
        return super().has_object_permission(request, view, project.organization)


class ProjectEndpoint(Endpoint):
    """An endpoint under /projects/{organization}/{project}/; injects `project`."""

    permission_classes = (ProjectPermission,)

    def convert_args(
        self,
        request: Request,
        organization_id_or_slug: str,
        project_id_or_slug: str,
        *args: Any,
        **kwargs: Any,
    ) -> ConvertedArgs:
        try:
            organization = Organization.objects.get(**id_or_slug_filter(organization_id_or_slug))
            project = Project.objects.select_related("organization").get(
                organization=organization, **id_or_slug_filter(project_id_or_slug)
            )
        except (Organization.DoesNotExist, Project.DoesNotExist):
            raise ResourceDoesNotExist
        self.check_object_permissions(request, project)
        kwargs["project"] = project
        return (args, kwargs)
