from __future__ import absolute_import

from rest_framework.response import Response

from midco.api.bases.project import ProjectEndpoint
from midco.api.exceptions import ResourceDoesNotExist
from midco.models import Widget


class ProjectWidgetDetailsEndpoint(ProjectEndpoint):
    def convert_args(self, request, widget_id, *args, **kwargs):
        args, kwargs = super(ProjectWidgetDetailsEndpoint, self).convert_args(
            request, *args, **kwargs
        )
        if not widget_id.isdecimal():
            raise ResourceDoesNotExist
        try:
            widget = Widget.objects.get(project_id=kwargs["project"].id, id=widget_id)
        except Widget.DoesNotExist:
            raise ResourceDoesNotExist
        kwargs["widget"] = widget
        return args, kwargs

    def get(self, request, project, widget):
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(widget.id)})
