from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from oldco.api.bases.project import ProjectEndpoint
from oldco.api.exceptions import ResourceDoesNotExist
from oldco.models import Project, Widget


class ProjectWidgetDetailsEndpoint(ProjectEndpoint):
    def convert_args(
        self,
        request: Request,
        widget_id: str,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        if not str(widget_id).isdecimal():
            raise ResourceDoesNotExist
        try:
            widget = Widget.objects.get(project_id=kwargs["project"].id, id=widget_id)
        except Widget.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["widget"] = widget
        return args, kwargs

    def get(self, request: Request, project: Project, widget: Widget) -> Response:
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(widget.id)})

    def delete(self, request: Request, project: Project, widget: Widget) -> Response:
        # TODO: implement DELETE; this stub only proves the route and lookups work.
        return Response(status=204)
