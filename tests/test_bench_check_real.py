"""bench_check_real's planting on a small tree of ours: each kind's edit parses, lands on the
intended entry, and (for the rules that exist) the real `scaffold check` reports it there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.bench_check_real import run_check
from bench.bench_new_endpoint import default_scaffolds
from bench.real_kinds import Plant, sample, why_required
from bench.real_plant import make_dead, parses, rename_group, route_calls
from bench.real_sites import Facts, read_facts

URLS = "src/gizmo/api/urls.py"
ENDPOINTS = "src/gizmo/api/endpoints/widgets.py"
PREFIX = r"^(?P<organization_slug>[^/]+)/(?P<project_slug>[^/]+)/"

FILES = {
    "pyproject.toml": "[tool.ruff]\nline-length = 100\n",
    "src/gizmo/__init__.py": "",
    "src/gizmo/api/__init__.py": "",
    "src/gizmo/api/base.py": """\
class Endpoint:
    def convert_args(self, request, *args, **kwargs):
        return (args, kwargs)
""",
    "src/gizmo/api/bases/__init__.py": "",
    "src/gizmo/api/bases/project.py": """\
from gizmo.api.base import Endpoint


class ProjectEndpoint(Endpoint):
    def convert_args(self, request, organization_slug, project_slug, *args, **kwargs):
        kwargs["project"] = (organization_slug, project_slug)
        return (args, kwargs)
""",
    "src/gizmo/api/endpoints/__init__.py": "",
    ENDPOINTS: """\
from gizmo.api.base import Endpoint
from gizmo.api.bases.project import ProjectEndpoint


class HealthEndpoint(Endpoint):
    def get(self, request):
        return None


class ProjectWidgetsEndpoint(ProjectEndpoint):
    def get(self, request, project):
        return None


class ProjectWidgetDetailsEndpoint(ProjectEndpoint):
    def get(self, request, project, widget_id):
        return None


class ProjectGadgetsEndpoint(ProjectEndpoint):
    def post(self, request, project):
        return None
""",
    "src/gizmo/models/__init__.py": "",
    "src/gizmo/models/widget.py": "class Widget:\n    pass\n\n\nclass Sprocket(Widget):\n    pass\n",
    URLS: f'''\
"""Routes of the gizmo API."""

from django.urls import include, re_path

from gizmo.api.endpoints.widgets import (
    HealthEndpoint,
    ProjectGadgetsEndpoint,
    ProjectWidgetDetailsEndpoint,
    ProjectWidgetsEndpoint,
)

PROJECT_URLS = [
    re_path(
        r"{PREFIX}widgets/$",
        ProjectWidgetsEndpoint.as_view(),
        name="gizmo-api-0-project-widgets",
    ),
    re_path(
        r"{PREFIX}widgets/(?P<widget_id>[^/]+)/$",
        ProjectWidgetDetailsEndpoint.as_view(),
        name="gizmo-api-0-project-widget-details",
    ),
    re_path(
        r"{PREFIX}gadgets/$",
        ProjectGadgetsEndpoint.as_view(),
        name="gizmo-api-0-project-gadgets",
    ),
]

urlpatterns = [
    re_path(
        r"^health/$",
        HealthEndpoint.as_view(),
        name="gizmo-api-0-health",
    ),
    re_path(
        r"^projects/",
        include(PROJECT_URLS),
    ),
]
''',
}
EXISTING_RULES = ("unregistered", "duplicate-name", "shadow", "param", "non-endpoint")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gizmo")
    for relpath, text in FILES.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def facts(root: Path) -> Facts:
    return read_facts(root, [])


def _line(text: str, number: int) -> str:
    return text.splitlines()[number - 1]


def _only(facts: Facts, kind: str) -> list[Plant]:
    plants = sample(facts, kind, seed=1, per_kind=10)
    assert plants, f"no {kind} plant on the fixture"
    for plant in plants:
        assert all(parses(text) for _, text in plant.edits)
    return plants


def test_the_fixture_is_clean_and_read_whole(root: Path, facts: Facts) -> None:
    findings, unresolved, error = run_check(default_scaffolds(None)[0], root)
    assert (findings, error) == ([], "")
    assert unresolved in (None, 0)
    assert [r.entry.line for r in facts.routes if r.plantable] == [31, 36, 13, 18, 23]
    assert len(facts.endpoints) == 4


def test_unregistered_deletes_the_one_entry_and_expects_the_class(facts: Facts) -> None:
    for plant in _only(facts, "unregistered"):
        ((_, text),) = plant.edits
        name = plant.what.split(" ")[0]
        assert f"{name}.as_view()" not in text and text.count("re_path(") == 4
        assert (plant.expect.path, plant.expect.rule) == (ENDPOINTS, "unregistered-endpoint")
        assert _line(FILES[ENDPOINTS], plant.expect.line) == f"class {name}(" + (
            "Endpoint):" if name == "HealthEndpoint" else "ProjectEndpoint):"
        )


def test_shadow_copies_the_entry_just_above_it(facts: Facts) -> None:
    for plant in _only(facts, "shadow"):
        ((_, text),) = plant.edits
        calls = route_calls(text)
        shadowed, copy = calls[plant.expect.line], calls[plant.expect.line - 5]
        assert text[slice(*shadowed.pattern or (0, 0))] == text[slice(*copy.pattern or (0, 0))]
        assert text[slice(*shadowed.view or (0, 0))] != text[slice(*copy.view or (0, 0))]


def test_param_renames_a_group_the_code_requires(facts: Facts) -> None:
    whys = set()
    for plant in _only(facts, "param"):
        ((_, text),) = plant.edits
        assert "bench_renamed_" in _line(text, plant.expect.line + 1)
        whys.add(plant.what.split(": ")[1].rstrip(")"))
    assert whys <= {"convert_args requires it", "get() requires it"}
    details = facts.endpoints["gizmo.api.endpoints.widgets.ProjectWidgetDetailsEndpoint"]
    assert why_required(details, "widget_id") == "get() requires it"
    assert why_required(details, "project_slug") == "convert_args requires it"
    assert why_required(details, "project") is None  # convert_args puts it there


def test_non_endpoint_routes_a_plain_class(facts: Facts) -> None:
    plants = _only(facts, "non-endpoint")
    for plant in plants:
        ((_, text),) = plant.edits
        assert _line(text, plant.expect.line + 2).strip() in (
            "Widget.as_view(),",
            "Sprocket.as_view(),",
        )
        assert re.search(
            r"^from gizmo\.models\.widget import (Widget|Sprocket)$", text, re.MULTILINE
        )


def test_cross_list_repeats_the_full_path_before_the_include(facts: Facts) -> None:
    for plant in _only(facts, "cross-list"):
        ((_, text),) = plant.edits
        inner = _line(text, plant.expect.line + 1).strip()
        assert f'r"^projects/{inner[3:]}' in text


def test_dead_and_rename_edits() -> None:
    assert make_dead('r"^a/(?P<b>[^/]+)/c/$"') == 'r"^a/$(?P<b>[^/]+)/c/$"'
    assert make_dead('r"^(?P<b>[^/]+)/$"') is None
    assert rename_group('r"^(?P<x>[^/]+)/$"', "x", "y") == 'r"^(?P<y>[^/]+)/$"'
    assert rename_group('"<int:x>/"', "x", "y") == '"<int:y>/"'
    assert rename_group('r"^(?P<x>a)/(?P<x>b)$"', "x", "y") is None


@pytest.mark.parametrize("kind", EXISTING_RULES)
def test_the_check_reports_each_plant_where_expected(root: Path, facts: Facts, kind: str) -> None:
    scaffold = default_scaffolds(None)[0]
    for plant in _only(facts, kind)[:2]:
        ((relpath, text),) = plant.edits
        original = (root / relpath).read_text(encoding="utf-8")
        try:
            (root / relpath).write_text(text, encoding="utf-8")
            findings, _, error = run_check(scaffold, root)
        finally:
            (root / relpath).write_text(original, encoding="utf-8")
        where = [(f.rule, f.path, f.line) for f in findings]
        assert (plant.expect.rule, plant.expect.path, plant.expect.line) in where, (error, where)
