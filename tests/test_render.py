"""Rendering choices that depend on the target project's Python and style."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import black
import pytest

from scaffold.generate.render import render_endpoint
from scaffold.generate.resolve import resolve
from scaffold.generate.tests import render_test
from scaffold.project.catalog import Catalog
from scaffold.project.settings import load_settings
from scaffold.records import evolve
from scaffold.spec import resource_from_flags
from tests.helpers import EXAMPLE, FIXTURES, copy_project

DETAILS = {
    "name": "ProjectWidgetDetails",
    "route": "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id}/",
    "lookups": {"widget_id": {"model": "acme.models.widget.Widget"}},
}


def render(python_min: tuple[int, int] | None, name: str | None = None, **changes: Any) -> str:
    """DETAILS rendered; `name` for a class urls.py does not import (whose module then goes
    into an `endpoints_dir` given here, not where urls.py imports the class from)."""
    settings = evolve(load_settings(EXAMPLE), python_min=python_min, **changes)
    resource = {**DETAILS, "name": name} if name else dict(DETAILS)
    endpoint = resolve(resource_from_flags(resource), settings, Catalog(settings))
    return render_endpoint(endpoint, settings)


def test_python_3_9_and_later_get_builtin_generics_without_future_import() -> None:
    source = render((3, 11))
    assert "-> tuple[tuple[Any, ...], dict[str, Any]]:" in source
    assert "__future__" not in source


def test_python_3_7_and_3_8_make_annotations_lazy() -> None:
    # tuple[...] in an annotation raises TypeError at import time before Python 3.9.
    source = render((3, 8))
    assert source.startswith("from __future__ import annotations\n\n")
    ast.parse(source)


@pytest.mark.parametrize("python_min", [(3, 6), None])
def test_python_3_6_or_an_undeclared_version_spells_the_annotation_with_typing(
    python_min: tuple[int, int] | None, tmp_path: Path
) -> None:
    # `from __future__ import annotations` is a syntax error on 3.6: typing works everywhere.
    # (A folder of its own: the example's endpoint modules evaluate builtin generics.)
    source = render(python_min, "ProjectGizmoDetails", endpoints_dir=tmp_path)
    assert "from typing import Any, Dict, Tuple" in source
    assert "-> Tuple[Tuple[Any, ...], Dict[str, Any]]:" in source
    assert "__future__" not in source


def test_future_imports_of_api_base_are_mirrored_first_in_an_empty_folder(
    tmp_path: Path,
) -> None:
    source = render(
        (3, 11), "ProjectGizmoDetails", future_imports=("absolute_import",), endpoints_dir=tmp_path
    )
    assert source.startswith("from __future__ import absolute_import\n\nfrom typing import Any")


@pytest.mark.parametrize("with_it", [0, 1, 2, 3])
def test_a_module_starts_with_the_future_imports_most_of_its_neighbours_have(
    tmp_path: Path, with_it: int
) -> None:
    # api/base.py imports `annotations` (as Sentry's does); of three neighbours `with_it` do
    for number in range(3):
        future = "from __future__ import annotations\n\n" if number < with_it else ""
        (tmp_path / f"neighbour_{number}.py").write_text(f"{future}X = {number}\n")
    (tmp_path / "__init__.py").write_text("from __future__ import annotations\n")  # not counted
    source = render(
        (3, 11), "ProjectGizmoDetails", future_imports=("annotations",), endpoints_dir=tmp_path
    )
    assert source.startswith("from __future__ import annotations\n") is (with_it >= 2)
    ast.parse(source)


def test_unannotated_codebases_get_python_2_compatible_modules(tmp_path: Path) -> None:
    # (a folder of its own: the example's endpoint modules call `super()` bare, Python 3 only)
    source = render(None, "ProjectGizmoDetails", annotated=False, endpoints_dir=tmp_path)
    assert "def convert_args(self, request, widget_id, *args, **kwargs):" in source
    assert "super(ProjectGizmoDetailsEndpoint, self).convert_args(" in source
    assert "if not widget_id.isdecimal():" in source  # Python 2's str(u"é") raises
    assert ": Request" not in source and "->" not in source


@pytest.mark.parametrize(
    ("annotated", "description", "declared"),
    [
        (False, "Widgets \u2014 caf\u00e9", True),
        (False, "Widgets", False),
        (True, "caf\u00e9", False),
    ],
)
def test_a_python_2_era_module_with_non_ascii_text_declares_its_encoding(
    annotated: bool, description: str, declared: bool
) -> None:
    """Python 2 refuses a module holding a byte over 127 without a PEP 263 coding line
    (SyntaxError: Non-ASCII character): urls.py, which imports it, stopped loading. Written as
    Sentry's own modules of that era write it."""
    settings = evolve(load_settings(EXAMPLE), python_min=None, annotated=annotated)
    resource = resource_from_flags({**DETAILS, "description": description})
    source = render_endpoint(resolve(resource, settings, Catalog(settings)), settings)
    assert source.startswith("# -*- coding: utf-8 -*-\n") is declared
    ast.parse(source)


def test_the_projects_black_options_are_honoured() -> None:
    exploded = render((3, 11))
    assert 'publish_status = {\n        "GET": ApiPublishStatus.PRIVATE,\n    }' in exploded
    collapsed = render((3, 11), black_options={"skip-magic-trailing-comma": True})
    assert 'publish_status = {"GET": ApiPublishStatus.PRIVATE}' in collapsed


def test_annotations_are_read_from_the_bases_only_when_generation_asks() -> None:
    """A tree whose api/base.py carries no annotations: the bases decide, read on first use
    (a check never asks, so it never parses them); an annotated base.py decides alone."""
    legacy = load_settings(FIXTURES / "legacy")
    assert legacy.annotated is None and legacy.annotation_sources
    assert "annotations" not in vars(legacy)  # nothing read yet
    assert legacy.annotations is False
    assert vars(legacy)["annotations"] is False  # read once, kept
    modern = load_settings(FIXTURES / "modern")
    assert modern.annotated is True and modern.annotation_sources == ()
    assert modern.annotations is True


@pytest.mark.parametrize(
    ("neighbour", "modern"),
    [
        ("def f(x: int) -> dict[str, int]:\n    return {}\n", True),
        ("def f(x: list[int] | None) -> None:\n    pass\n", True),
        (  # lazy neighbours: the new module is lazy as they are, builtin generics with it
            "from __future__ import annotations\n\n\ndef f() -> dict[str, int]:\n    return {}\n",
            True,
        ),
        ("X: dict[str, int] = {}\n", True),  # a module's own annotations are evaluated
        ("def f() -> 'dict[str, int]':\n    x: dict[str, int] = {}\n    return x\n", False),
    ],
)
def test_an_undeclared_version_is_read_off_neighbours_that_evaluate_builtin_generics(
    tmp_path: Path, neighbour: str, modern: bool
) -> None:
    """A neighbour whose function annotations evaluate `dict[str, int]` when the module is
    imported (no `from __future__ import annotations`) runs on Python 3.9 or newer: a project
    declaring no version (a tree without its pyproject.toml) gets builtin generics too."""
    (tmp_path / "neighbour.py").write_text(neighbour)
    source = render(None, "ProjectGizmoDetails", endpoints_dir=tmp_path)
    assert ("-> tuple[tuple[Any, ...], dict[str, Any]]:" in source) is modern
    assert ("-> Tuple[Tuple[Any, ...], Dict[str, Any]]:" in source) is not modern


@pytest.mark.parametrize("single", [True, False])
def test_a_module_quotes_its_strings_as_most_of_its_neighbours_do(
    tmp_path: Path, single: bool
) -> None:
    """Sentry before black (2015-2019) wrote `'single'` quotes: a new module beside such
    neighbours does too (docstrings keep `\"\"\"`), and stays black-clean with string
    normalization off, as those files can only have been formatted."""
    quote = "'" if single else '"'
    for number in range(3):
        items = f"{quote}key{quote}: {quote}value{quote}, " + '"it' + "'" + 's": 1'
        (tmp_path / f"neighbour_{number}.py").write_text(f'"""Doc."""\nX = {{{items}}}\n')
    source = render(None, "ProjectGizmoDetails", endpoints_dir=tmp_path)
    code = re.sub(r'"""[\s\S]*?"""', "", source)  # docstrings aside
    strings = re.findall(r"""(?<![\w"'])(['"])[^'"\n]*\1""", code)
    assert strings and all(s == quote for s in strings), strings
    mode = black.Mode(line_length=100, string_normalization=not single)
    assert black.format_str(source, mode=mode) == source
    compile(source, "gizmo.py", "exec")


@pytest.mark.parametrize(
    ("neighbour_call", "bare"),
    [
        ("super().convert_args(request, *args, **kwargs)", True),
        ("super(GadgetEndpoint, self).convert_args(request, *args, **kwargs)", False),
    ],
)
def test_an_unannotated_codebase_calls_super_as_its_neighbours_do(
    tmp_path: Path, neighbour_call: str, bare: bool
) -> None:
    """A codebase that annotates nothing may still run on Python 3 alone (a Sentry fork of
    2021 writes `super().convert_args(...)` 132 times and `super(X, self)` twice): a new module
    beside such neighbours calls `super()` bare too, and its test; beside Python 2 era ones
    (or none), `super(Class, self)`, which Python 2 needs."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    folder = project / "src" / "acme" / "gadgets"
    folder.mkdir()
    for number in range(3):
        (folder / f"gadget_{number}.py").write_text(
            f"class GadgetEndpoint{number}(object):\n"
            "    def convert_args(self, request, *args, **kwargs):\n"
            f"        return {neighbour_call}\n"
        )
    settings = evolve(
        load_settings(project), python_min=None, annotated=False, endpoints_dir=folder
    )
    resource = resource_from_flags({**DETAILS, "name": "ProjectGizmoDetails"})
    endpoint = resolve(resource, settings, Catalog(settings))
    source = render_endpoint(endpoint, settings)
    test_source = render_test(endpoint, settings, "gizmo-details", None)
    assert ("super().convert_args(" in source) is bare
    assert ("super(ProjectGizmoDetailsEndpoint, self).convert_args(" in source) is not bare
    assert ("super().setUp()" in test_source) is bare
    assert ("super(ProjectGizmoDetailsTest, self).setUp()" in test_source) is not bare
