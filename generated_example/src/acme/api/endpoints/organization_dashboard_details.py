from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import region_silo_endpoint
from acme.api.bases.organization import OrganizationEndpoint
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.dashboard import Dashboard
from acme.models.organization import Organization


@region_silo_endpoint
class OrganizationDashboardDetailsEndpoint(OrganizationEndpoint):
    owner = ApiOwner.ECOSYSTEM
    publish_status = {
        "GET": ApiPublishStatus.EXPERIMENTAL,
        "PUT": ApiPublishStatus.EXPERIMENTAL,
        "DELETE": ApiPublishStatus.EXPERIMENTAL,
    }

    def convert_args(
        self,
        request: Request,
        dashboard_id: str,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        if not str(dashboard_id).isdecimal():
            raise ResourceDoesNotExist
        try:
            dashboard = Dashboard.objects.get(
                organization_id=kwargs["organization"].id, id=dashboard_id
            )
        except Dashboard.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["dashboard"] = dashboard
        return args, kwargs

    def get(self, request: Request, organization: Organization, dashboard: Dashboard) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(dashboard.id)})

    def put(self, request: Request, organization: Organization, dashboard: Dashboard) -> Response:
        # TODO: implement PUT; this stub only proves the route and lookups work.
        return Response({"id": str(dashboard.id)})

    def delete(
        self, request: Request, organization: Organization, dashboard: Dashboard
    ) -> Response:
        # TODO: implement DELETE; this stub only proves the route and lookups work.
        return Response(status=204)
