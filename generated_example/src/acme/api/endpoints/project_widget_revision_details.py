from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus
from acme.api.base import region_silo_endpoint
from acme.api.bases.project import ProjectEndpoint
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.project import Project
from acme.models.widget import Widget, WidgetRevision


@region_silo_endpoint
class ProjectWidgetRevisionDetailsEndpoint(ProjectEndpoint):
    owner = ApiOwner.ECOSYSTEM
    publish_status = {
        "GET": ApiPublishStatus.EXPERIMENTAL,
        "DELETE": ApiPublishStatus.EXPERIMENTAL,
    }

    def convert_args(
        self,
        request: Request,
        widget_id_or_slug: str,
        revision_id: str,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        try:
            if str(widget_id_or_slug).isdecimal():
                widget = Widget.objects.get(project_id=kwargs["project"].id, id=widget_id_or_slug)
            else:
                widget = Widget.objects.get(project_id=kwargs["project"].id, slug=widget_id_or_slug)
        except Widget.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["widget"] = widget
        if not str(revision_id).isdecimal():
            raise ResourceDoesNotExist
        try:
            revision = WidgetRevision.objects.get(widget_id=widget.id, id=revision_id)
        except WidgetRevision.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["revision"] = revision
        return args, kwargs

    def get(
        self, request: Request, project: Project, widget: Widget, revision: WidgetRevision
    ) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(revision.id)})

    def delete(
        self, request: Request, project: Project, widget: Widget, revision: WidgetRevision
    ) -> Response:
        # TODO: implement DELETE; this stub only proves the route and lookups work.
        return Response(status=204)
