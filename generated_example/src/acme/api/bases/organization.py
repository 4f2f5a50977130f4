"""Base endpoint and permission for routes scoped to one organization."""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from acme.api.base import ConvertedArgs, Endpoint
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.organization import Organization, OrganizationMember


def id_or_slug_filter(value: str) -> dict[str, str | int]:
    """Build the lookup for an "id or slug" URL value: ASCII digits mean an id, else a slug."""
    if value.isascii() and value.isdecimal():
        return {"id": int(value)}
    return {"slug": value}


class OrganizationPermission(BasePermission):
    """Allow signed-in users, and only members of the organization for object access."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(
        self, request: Request, view: APIView, organization: Organization
    ) -> bool:
        return OrganizationMember.objects.filter(
            organization=organization, user_id=request.user.id
        ).exists()


class OrganizationEndpoint(Endpoint):
    """An endpoint under /organizations/{organization_id_or_slug}/; injects `organization`."""

    permission_classes = (OrganizationPermission,)

    def convert_args(
        self, request: Request, organization_id_or_slug: str, *args: Any, **kwargs: Any
    ) -> ConvertedArgs:
        try:
            organization = Organization.objects.get(**id_or_slug_filter(organization_id_or_slug))
        except Organization.DoesNotExist:
            raise ResourceDoesNotExist
        self.check_object_permissions(request, organization)
        kwargs["organization"] = organization
        return (args, kwargs)
