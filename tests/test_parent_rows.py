"""Which parents a generated lookup checks for an id first: the reader follows what the base
stores one level into a helper of the tree (a method of the class, a function called by name)
and checks only a parent that may be no row; a value from code outside the tree (a service's
call) is taken as the object it is, as its neighbours take it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, run_cli

# A base under a project, storing a `widget` the way `STORED` says; the helpers it may call.
WIDGET_BASE = """\
from typing import Any

from rest_framework.request import Request

from acme.api.base import ConvertedArgs
from acme.api.bases.project import ProjectEndpoint
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.widget import Widget
from widget_service import widget_service

SAMPLE = {{"id": None, "slug": "sample", "title": "Sample"}}


def find_widget(project: Any, widget_id: str, queryset: Any = None) -> Any:
    if queryset is None:
        queryset = Widget.objects.filter(project=project)
        getter = queryset.get
    else:
        getter = Widget.objects.get_from_cache
    try:
        return getter(id=widget_id), False
    except Widget.DoesNotExist:
        return queryset.get(slug=widget_id), True


def first_widget(project: Any) -> Any:
    widget = Widget.objects.filter(project=project).order_by("id").first()
    if widget is None:
        raise ResourceDoesNotExist
    return widget


def any_widget(project: Any) -> Any:
    return Widget.objects.filter(project=project).first()


def lookup_widget(project: Any, widget_id: str) -> Any:
    raise NotImplementedError  # never returns: whatever replaces it is read then


def forgot_to_return(project: Any, widget_id: str) -> Any:
    Widget.objects.get(project=project, id=widget_id)


def widget_by_number(project: Any, widget_id: str) -> Any:
    if widget_id.isdigit():
        return Widget.objects.get(project=project, id=widget_id)


def widget_or_sample(project: Any, widget_id: str) -> Any:
    if widget_id == "sample":
        return SAMPLE
    return Widget.objects.get(project=project, id=widget_id)


class ProjectWidgetBase(ProjectEndpoint):
    def convert_args(
        self, request: Request, widget_id: str, *args: Any, **kwargs: Any
    ) -> ConvertedArgs:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        project = kwargs["project"]
        try:
{stored}
        except Widget.DoesNotExist:
            raise ResourceDoesNotExist
        return (args, kwargs)

    def _get_widget(self, project: Any, widget_id: str) -> Any:
        found = Widget.objects.filter(project=project, id=widget_id).get()
        return found

    def _get_built(self, project: Any, widget_id: str) -> Any:
        built = widget_service.build(project, widget_id)
        if widget_id == "new":
            return built
        return Widget.objects.get(project=project, id=widget_id)
"""

ROW = [  # the widget stored is a row: its `.id` is read as it is
    'widget, _ = find_widget(project, widget_id)\n            kwargs["widget"] = widget',
    'kwargs["widget"] = self._get_widget(project, widget_id)',
    'kwargs["widget"] = first_widget(project)',
    'kwargs["widget"] = lookup_widget(project, widget_id)',
    # a service outside the tree: read as the object it hands back, as Sentry's RPC models
    'kwargs["widget"] = widget_service.get(project_id=project.id, widget_id=widget_id)',
]
MAY_BE_NO_ROW = [  # a dict, or None: checked for an id first
    'kwargs["widget"] = widget_or_sample(project, widget_id)',
    'kwargs["widget"] = any_widget(project)',
    'kwargs["widget"] = self._get_built(project, widget_id)',
    'kwargs["widget"] = {"id": widget_id}',
    'kwargs["widget"] = forgot_to_return(project, widget_id)',
    'kwargs["widget"] = widget_by_number(project, widget_id)',  # None past its `if`
    'kwargs["widget"] = Widget.objects.filter(project=project).first()',
    (  # the second of two stores is a dict
        'if widget_id.isdigit(): kwargs["widget"] = Widget.objects.get(id=widget_id)\n'
        'else: kwargs["widget"] = {"id": None}'
    ),
]


def _generated(tmp_path: Path, capsys: pytest.CaptureFixture[str], stored: str) -> str:
    project = copy_project(EXAMPLE, tmp_path / "example")
    indented = "\n".join(" " * 12 + line.strip() for line in stored.splitlines())
    (project / "src/acme/api/bases/widget.py").write_text(WIDGET_BASE.format(stored=indented))
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id}/"
    argv = ("new-endpoint", "ProjectWidgetRevisionNote", "--route", route + "notes/{number}/")
    lookup = ("--lookup", "number=acme.models.widget.WidgetRevision", "--methods", "get")

    result = run_cli(capsys, *argv, *lookup, "--dry-run", "--project", str(project))

    assert result.code == 0, result.err
    assert "ProjectWidgetRevisionNoteEndpoint(ProjectWidgetBase)" in result.out
    assert 'widget_id=kwargs["widget"].id' in result.out
    return result.out


@pytest.mark.parametrize("stored", ROW)
def test_a_parent_the_base_gets_as_a_row_is_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stored: str
) -> None:
    assert "getattr" not in _generated(tmp_path, capsys, stored)


@pytest.mark.parametrize("stored", MAY_BE_NO_ROW)
def test_a_parent_the_base_may_store_as_no_row_is_checked_for_an_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], stored: str
) -> None:
    assert 'if getattr(kwargs["widget"], "id", None) is None:' in _generated(
        tmp_path, capsys, stored
    )
