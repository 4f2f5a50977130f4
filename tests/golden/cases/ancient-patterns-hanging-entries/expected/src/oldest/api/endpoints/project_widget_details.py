from __future__ import absolute_import

from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from oldest.api.bases.project import ProjectEndpoint
from oldest.models import Widget


class ProjectWidgetDetailsEndpoint(ProjectEndpoint):
    def convert_args(self, request, widget_id_or_slug, *args, **kwargs):
        args, kwargs = super(ProjectWidgetDetailsEndpoint, self).convert_args(
            request, *args, **kwargs
        )
        try:
            if widget_id_or_slug.isdecimal():
                widget = Widget.objects.get(
                    project_id=kwargs["project"].id, id=widget_id_or_slug
                )
            else:
                widget = Widget.objects.get(
                    project_id=kwargs["project"].id, slug=widget_id_or_slug
                )
        except Widget.DoesNotExist:
            raise NotFound
        kwargs["widget"] = widget
        return args, kwargs

    def get(self, request, project, widget):
        # TODO: implement GET; this stub only proves the route and lookups work.
        return Response({"id": str(widget.id)})

    def delete(self, request, project, widget):
        # TODO: implement DELETE; this stub only proves the route and lookups work.
        return Response(status=204)
