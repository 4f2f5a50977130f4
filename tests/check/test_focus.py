"""PATHS mode with the speedups parses URL modules cut down to the changed classes' entries
(`commands/speedups.py` `cut_to`): each class gets the same routes as from the whole modules."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from scaffold.commands.speedups import cut_to, focus
from scaffold.project.settings import load_settings
from scaffold.pysource.tree import Tree
from scaffold.pysource.urlconf import RouteEntry, RoutingReader
from tests.helpers import EXAMPLE

FIXTURES = Path(__file__).parent.parent / "fixtures"
PROJECTS = [EXAMPLE, *sorted(p for p in FIXTURES.iterdir() if (p / "src").is_dir())]


def _serving(routes: list[RouteEntry], view: str) -> list[RouteEntry]:
    return [r for r in routes if r.view and r.view.text.rpartition(".")[2] == view]


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_each_view_gets_the_routes_of_the_whole_modules(root: Path) -> None:
    settings = load_settings(root)
    urls_module = settings.module_for(settings.urls_path)
    views = set()
    for path in settings.src_root.rglob("*urls.py"):
        views |= set(re.findall(r"(\w+)\.as_view", path.read_text()))
    assert views
    whole = RoutingReader(Tree(settings.project_root, settings.src_root))
    whole.walk_root(urls_module)
    for view in sorted(views) + ["NotAnEndpoint"]:
        cut = RoutingReader(
            Tree(settings.project_root, settings.src_root), focus(frozenset({view}))
        )
        cut.walk_root(urls_module)
        assert _serving(cut.routes, view) == _serving(whole.routes, view)
        assert set(cut.modules) == set(whole.modules)


URLS = textwrap.dedent('''\
    """Routes."""
    import re
    from django.urls import include, re_path

    from .endpoints.a import AEndpoint
    from .endpoints.b import (
        BEndpoint,
    )

    A_URLS = [
        re_path(
            r"^a/$",
            AEndpoint.as_view(),
            name="a",
        ),
        # a comment
        re_path(r"^b/$", BEndpoint.as_view(), name="b"),
    ]

    urlpatterns = [
        re_path(r"^x/", include(A_URLS)),
        *re.__all__,
    ]
    ''').encode()


def test_the_cut_blanks_other_entries_and_their_imports_keeping_lines() -> None:
    cut = cut_to(URLS, frozenset({"BEndpoint"})).decode()
    assert cut.count("\n") == URLS.count(b"\n")
    assert "AEndpoint" not in cut
    assert 'BEndpoint.as_view(), name="b"' in cut and "    BEndpoint," in cut
    assert "include(A_URLS)" in cut and "*re.__all__" in cut and "import re" in cut


def test_the_cut_leaves_other_layouts_whole() -> None:
    patterns = b'urlpatterns = patterns(\n    "",\n    url(r"^a/$", A.as_view()),\n)\n'
    assert cut_to(patterns, frozenset({"B"})) == patterns
    strings = b'X = [\n    "a",\n]\n'
    assert cut_to(strings, frozenset({"B"})) == strings
    docstrings = URLS + b'"""two"""\n"""more"""\n'
    assert cut_to(docstrings, frozenset({"BEndpoint"})) == docstrings
