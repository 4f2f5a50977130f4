"""Rendering choices that depend on the target project's Python and style."""

from __future__ import annotations

import ast
import dataclasses

import pytest

from scaffold.bases import Catalog
from scaffold.render import render_endpoint
from scaffold.resolve import resolve
from scaffold.settings import load_settings
from scaffold.spec import resource_from_flags
from tests.helpers import EXAMPLE

DETAILS = {
    "name": "ProjectWidgetDetails",
    "route": "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id}/",
    "lookups": {"widget_id": {"model": "acme.models.widget.Widget"}},
}


def render(python_min: tuple[int, int] | None, **changes: object) -> str:
    settings = dataclasses.replace(load_settings(EXAMPLE), python_min=python_min, **changes)
    endpoint = resolve(resource_from_flags(dict(DETAILS)), settings, Catalog(settings))
    return render_endpoint(endpoint, settings)


def test_python_3_9_and_later_get_builtin_generics_without_future_import() -> None:
    source = render((3, 11))
    assert "-> tuple[tuple[Any, ...], dict[str, Any]]:" in source
    assert "__future__" not in source


@pytest.mark.parametrize("python_min", [(3, 8), None])
def test_older_or_unknown_python_makes_annotations_lazy(python_min: tuple[int, int] | None) -> None:
    # tuple[...] in an annotation raises TypeError at import time before Python 3.9.
    source = render(python_min)
    assert source.startswith("from __future__ import annotations\n\n")
    ast.parse(source)


def test_python_3_6_spells_the_annotation_with_typing() -> None:
    source = render((3, 6))
    assert "from typing import Any, Dict, Tuple" in source
    assert "-> Tuple[Tuple[Any, ...], Dict[str, Any]]:" in source
    assert "__future__" not in source


def test_future_imports_of_api_base_are_mirrored_first() -> None:
    source = render((3, 11), future_imports=("absolute_import",))
    assert source.startswith("from __future__ import absolute_import\n\nfrom typing import Any")


def test_unannotated_codebases_get_python_2_compatible_modules() -> None:
    source = render(None, annotations=False)
    assert "def convert_args(self, request, widget_id, *args, **kwargs):" in source
    assert "super(ProjectWidgetDetailsEndpoint, self).convert_args(" in source
    assert ".isdigit()" in source and ": Request" not in source and "->" not in source
