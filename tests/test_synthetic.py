"""Tests for the synthetic Sentry-shaped project that scaffold's tests and bench run against."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import libcst
import pytest

from tests.support.synthetic import (
    MIN_ROUTES,
    RESERVED_NOUNS,
    build_urls_source,
    sentry_tree_files,
    write_sentry_tree,
)

LIST_NAMES = [
    "AUTH_URLS",
    "USER_URLS",
    "TEAM_URLS",
    "ORGANIZATION_URLS",
    "PROJECT_URLS",
    "RELAY_URLS",
    "INTERNAL_URLS",
    "urlpatterns",
]
URL_CALLS = {"modern": "re_path", "legacy": "url"}


@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    return {style: build_urls_source(style=style) for style in URL_CALLS}


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("trees")
    return {style: write_sentry_tree(base / style, style=style) for style in URL_CALLS}


def _module_lists(tree: ast.Module) -> dict[str, ast.List]:
    """Module-level list assignments, plus create_group_urls' returned list under its name."""
    lists: dict[str, ast.List] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.List):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            assert isinstance(target, ast.Name)
            lists[target.id] = node.value
        elif isinstance(node, ast.FunctionDef):
            returned = node.body[-1]
            assert isinstance(returned, ast.Return) and isinstance(returned.value, ast.List)
            lists[node.name] = returned.value
    return lists


def _included(target: ast.expr, lists: dict[str, ast.List]) -> list[ast.expr]:
    if isinstance(target, ast.List):
        return target.elts
    if isinstance(target, ast.Name):
        return lists[target.id].elts
    assert isinstance(target, ast.Call) and isinstance(target.func, ast.Name)
    return lists[target.func.id].elts


def _resolve(
    elements: list[ast.expr], prefix: str, lists: dict[str, ast.List]
) -> Iterator[tuple[str, str]]:
    """(full pattern, view expression) for every route reachable from `elements`."""
    for element in elements:
        if isinstance(element, ast.Starred):
            continue
        assert isinstance(element, ast.Call)
        pattern, target = element.args[0], element.args[1]
        assert isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)
        assert isinstance(target, ast.Call)
        full = prefix + pattern.value.removeprefix("^") if prefix else pattern.value
        if isinstance(target.func, ast.Name) and target.func.id == "include":
            yield from _resolve(_included(target.args[0], lists), full, lists)
        else:
            assert isinstance(target.func, ast.Attribute)
            yield full, ast.unparse(target.func.value)


def _url_calls(tree: ast.Module, call: str) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == call
    ]


def _as_view_receivers(tree: ast.Module) -> list[str]:
    return [
        ast.unparse(node.func.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "as_view"
    ]


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_size_matches_sentry(sources: dict[str, str], style: str) -> None:
    text = sources[style]
    assert 3500 <= len(text.splitlines()) <= 4300
    assert text.count(".as_view()") == 550
    imports = [node for node in ast.parse(text).body if isinstance(node, ast.ImportFrom)]
    assert 420 <= len(imports) <= 500


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_parses_with_ast_and_round_trips_through_libcst(
    sources: dict[str, str], style: str
) -> None:
    ast.parse(sources[style])
    assert libcst.parse_module(sources[style]).code == sources[style]


def test_tree_and_urls_are_black_stable(trees: dict[str, Path]) -> None:
    command = [sys.executable, "-m", "black", "--line-length", "100", "--check", "--quiet"]
    result = subprocess.run(
        [*command, *map(str, trees.values())], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_every_endpoint_is_imported_and_every_import_used(
    sources: dict[str, str], style: str
) -> None:
    tree = ast.parse(sources[style])
    imported = {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module != "__future__"
        for alias in node.names
    }
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    roots = {receiver.split(".")[0] for receiver in _as_view_receivers(tree)}
    assert roots <= imported
    assert imported - used <= {"URLPattern", "URLResolver"} - used


def test_modern_imports_are_isort_sorted_in_two_blocks(sources: dict[str, str]) -> None:
    text = sources["modern"]
    tree = ast.parse(text)
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    absolute = [n for n in imports if n.level == 0 and n.module.startswith("bigco")]  # type: ignore[union-attr]
    relative = [n for n in imports if n.level == 1]
    assert len(absolute) > 50 and len(relative) > 200
    assert max(n.lineno for n in absolute) < min(n.lineno for n in relative)
    for block in (absolute, relative):
        modules = [str(n.module).lower() for n in block]
        assert modules == sorted(modules)
        for node in block:
            names = [alias.name for alias in node.names]
            assert names == sorted(names, key=lambda name: (name.lower(), name))
    lines = text.splitlines()
    assert lines[relative[0].lineno - 2] == "" and lines[absolute[-1].end_lineno] == ""  # type: ignore[index]
    wrapped = [n for n in imports if len(n.names) > 1 and lines[n.lineno - 1].endswith("(")]
    assert len(wrapped) >= 3
    import_lines = lines[: relative[-1].end_lineno]
    assert max(map(len, import_lines)) <= 100


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_lists_are_in_sentry_order_and_sizes(sources: dict[str, str], style: str) -> None:
    tree = ast.parse(sources[style])
    lists = _module_lists(tree)
    assert [name for name in lists if name != "create_group_urls"] == LIST_NAMES
    assert isinstance(tree.body[-1], ast.Assign) and tree.body[-1].targets[0].id == "urlpatterns"  # type: ignore[attr-defined]
    counts = {name: ast.unparse(node).count(".as_view()") for name, node in lists.items()}
    assert 230 <= counts["ORGANIZATION_URLS"] <= 270
    assert 110 <= counts["PROJECT_URLS"] <= 140
    assert counts["ORGANIZATION_URLS"] == max(counts.values())


def test_modern_annotations(sources: dict[str, str]) -> None:
    text = sources["modern"]
    assert "\nORGANIZATION_URLS: list[URLPattern | URLResolver] = [\n" in text
    assert "\nPROJECT_URLS = [\n" in text
    signature = "def create_group_urls(name_prefix: str) -> list[URLPattern | URLResolver]:"
    assert f"\n{signature}\n" in text
    assert text.startswith("from __future__ import annotations\n\n")
    assert "from django.urls import URLPattern, URLResolver, include, re_path\n" in text


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_urlpatterns_includes_every_list_and_ends_with_index_and_catchall(
    sources: dict[str, str], style: str
) -> None:
    text, call = sources[style], URL_CALLS[style]
    for prefix, name in [("organizations/", "ORGANIZATION_URLS"), ("projects/", "PROJECT_URLS")]:
        assert f'    {call}(\n        r"^{prefix}",\n        include({name}),\n    ),\n' in text
    elements = _module_lists(ast.parse(text))["urlpatterns"].elts
    index, catchall = elements[-2], elements[-1]
    assert ast.unparse(index).startswith(f"{call}('^$', IndexEndpoint.as_view()")
    expected = f"{call}('^', CatchallEndpoint.as_view(), name='bigco-api-catchall')"
    assert ast.unparse(catchall) == expected
    assert text.endswith('        name="bigco-api-catchall",\n    ),\n]\n')


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_special_shapes_are_present(sources: dict[str, str], style: str) -> None:
    text = sources[style]
    tree = ast.parse(text)
    assert re.search(r"\nORGANIZATION_URLS[^\n]*= \[\n(.*\n)*?    # Monitors\n", text)
    assert text.count('include(create_group_urls("bigco-api-0-organizations")),') == 1
    assert text.count('include(create_group_urls("bigco-api-0")),') == 1
    assert "        include(\n            [\n" in text
    assert "    *plugin_urls.PLUGIN_URLS,\n" in text
    assert "from bigco.plugins import urls as plugin_urls\n" in text
    assert "from bigco.api.endpoints import project_transfer as transfer\n" in text
    assert "        transfer.ProjectTransferEndpoint.as_view(),\n" in text
    receivers = Counter(_as_view_receivers(tree))
    assert [view for view, count in receivers.items() if count > 1] == [
        "ProjectUserReportsEndpoint"
    ]
    names = Counter(
        keyword.value.value
        for call in _url_calls(tree, URL_CALLS[style])
        for keyword in call.keywords
        if keyword.arg == "name" and isinstance(keyword.value, ast.Constant)
    )
    assert [name for name, count in names.items() if count > 1] == [
        "bigco-api-0-organization-usage"
    ]


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_every_entry_is_exploded_with_raw_patterns(sources: dict[str, str], style: str) -> None:
    text = sources[style]
    lines = text.splitlines()
    calls = _url_calls(ast.parse(text), URL_CALLS[style])
    assert len(calls) > 550
    for call in calls:
        parts = [*call.args, *call.keywords]
        starts = [part.lineno for part in parts]  # type: ignore[attr-defined]
        assert starts == list(range(call.lineno + 1, call.lineno + 1 + len(parts)))
        assert lines[call.end_lineno - 2].endswith(",")  # type: ignore[operator]
        assert lines[call.args[0].lineno - 1].lstrip().startswith('r"^')
    url_names = re.findall(r'^\s+name="([^"]+)",$', text, flags=re.MULTILINE)
    assert all(re.fullmatch(r"bigco-api(-0)?(-[a-z0-9]+)+", name) for name in url_names)
    group_names = re.findall(r'^\s+name=f"([^"]+)",$', text, flags=re.MULTILINE)
    assert group_names and all(name.startswith("{name_prefix}-group-") for name in group_names)


@pytest.mark.parametrize("style", ["modern", "legacy"])
def test_all_routes_resolve_to_valid_distinct_regexes(sources: dict[str, str], style: str) -> None:
    tree = ast.parse(sources[style])
    lists = _module_lists(tree)
    routes = list(_resolve(lists["urlpatterns"].elts, "", lists))
    group_routes = ast.unparse(lists["create_group_urls"]).count(".as_view()")
    assert len(routes) == 550 + group_routes
    patterns = [pattern for pattern, _ in routes]
    assert len(set(patterns)) == len(patterns)
    for pattern in patterns:
        re.compile(pattern)
    assert routes[-1] == ("^", "CatchallEndpoint")
    assert any(
        p.startswith("^organizations/(?P<") and "/issues/(?P<issue_id>" in p for p in patterns
    )


def test_output_is_deterministic_and_seeded() -> None:
    first = build_urls_source(n_routes=200, seed=3)
    assert first == build_urls_source(n_routes=200, seed=3)
    other = build_urls_source(n_routes=200, seed=4)
    assert other != first
    assert other.count(".as_view()") == first.count(".as_view()") == 200
    ast.parse(other)


@pytest.mark.parametrize("n_routes", [MIN_ROUTES, 97, 300, 800])
def test_route_count_is_exact_for_any_size_and_seed(n_routes: int) -> None:
    for seed in range(5):
        for style in URL_CALLS:
            text = build_urls_source(style=style, n_routes=n_routes, seed=seed)
            assert text.count(".as_view()") == n_routes


def test_legacy_style_differences(sources: dict[str, str]) -> None:
    modern, legacy = sources["modern"], sources["legacy"]
    assert legacy.startswith("from django.conf.urls import include, url\n\n")
    assert "re_path" not in legacy and "from ." not in legacy
    assert "URLPattern" not in legacy and "\ndef create_group_urls(name_prefix):\n" in legacy
    assert r"(?P<organization_slug>[^\/]+)/(?P<project_slug>[^\/]+)/" in legacy
    assert "_id_or_slug" not in legacy and "[^/]+" not in legacy
    assert "(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/" in modern
    assert r"[^\/]+" not in modern
    assert Counter(_as_view_receivers(ast.parse(modern))) == Counter(
        _as_view_receivers(ast.parse(legacy))
    )


def test_reserved_resources_are_never_generated(sources: dict[str, str]) -> None:
    for text in sources.values():
        for noun in RESERVED_NOUNS:
            assert noun not in text.lower()


def test_small_sizes_and_bad_arguments() -> None:
    text = build_urls_source(n_routes=MIN_ROUTES)
    assert text.count(".as_view()") == MIN_ROUTES
    assert "# Catch-all" in text and "create_group_urls(" in text
    with pytest.raises(ValueError):
        build_urls_source(n_routes=MIN_ROUTES - 1)
    with pytest.raises(ValueError):
        build_urls_source(style="2019")


def test_modern_tree_layout(trees: dict[str, Path]) -> None:
    root = trees["modern"]
    api = root / "src/bigco/api"
    assert "line-length = 100" in (root / "pyproject.toml").read_text()
    assert (api / "urls.py").read_text() == build_urls_source()
    base = (api / "base.py").read_text()
    for silo in ("region", "control", "all"):
        assert f"\n{silo}_silo_endpoint = EndpointSiloLimit(" in base
    assert (
        "    def convert_args(self, request, *args, **kwargs):\n        return (args, kwargs)\n"
        in base
    )
    assert "UNOWNED = " in (api / "api_owners.py").read_text()
    assert "ISSUES = " in (api / "api_owners.py").read_text()
    status = (api / "api_publish_status.py").read_text()
    assert all(
        f"\n    {value} = " in status for value in ("UNKNOWN", "PUBLIC", "PRIVATE", "EXPERIMENTAL")
    )
    organization = (api / "bases/organization.py").read_text()
    assert "class OrganizationEndpoint(Endpoint):" in organization
    assert "    def convert_args(self, request, *args, **kwargs):\n" in organization
    assert 'kwargs.pop("organization_id_or_slug", None) or kwargs.pop(' in organization
    assert 'kwargs["organization"] = organization' in organization
    project = (api / "bases/project.py").read_text()
    assert "class ProjectEndpoint(Endpoint):" in project
    assert "from bigco.models.project import Project\n" in project
    assert 'kwargs["project"] = project' in project
    assert "class ResourceDoesNotExist(" in (api / "exceptions.py").read_text()
    assert (api / "endpoints/__init__.py").is_file() and (api / "bases/__init__.py").is_file()


def test_legacy_tree_layout(trees: dict[str, Path]) -> None:
    api = trees["legacy"] / "src/bigco/api"
    assert not (api / "api_owners.py").exists() and not (api / "api_publish_status.py").exists()
    assert "silo" not in (api / "base.py").read_text()
    organization = (api / "bases/organization.py").read_text()
    assert "def convert_args(self, request, organization_slug, *args, **kwargs):" in organization
    project = (api / "bases/project.py").read_text()
    signature = "def convert_args(self, request, organization_slug, project_slug, *args, **kwargs):"
    assert signature in project
    assert set(sentry_tree_files(style="modern")) - set(sentry_tree_files(style="legacy")) == {
        "src/bigco/api/api_owners.py",
        "src/bigco/api/api_publish_status.py",
    }


TREE_SCRIPT = """
import sys

sys.path.insert(0, sys.argv[1])
org_key, project_key = sys.argv[2], sys.argv[3]

from bigco.api.bases import OrganizationEndpoint, ProjectEndpoint
from bigco.api.exceptions import ResourceDoesNotExist
from bigco.models.organization import Organization
from bigco.models.project import Project

org = Organization.objects.create(slug="acme", name="Acme")
web = Project.objects.create(slug="web", organization_id=org.id)


class ProjectThings(ProjectEndpoint):
    def get(self, request, project):
        return ("things", project)


class Request:
    method = "GET"


assert OrganizationEndpoint().convert_args(None, **{org_key: str(org.id)}) == (
    (),
    {"organization": org},
)
view = ProjectThings.as_view()
assert view(Request(), **{org_key: "acme", project_key: "web"}) == ("things", web)
try:
    ProjectEndpoint().convert_args(None, **{org_key: "acme", project_key: "missing"})
except ResourceDoesNotExist:
    print("ok")
"""


@pytest.mark.parametrize(
    ("style", "org_key", "project_key"),
    [
        ("modern", "organization_id_or_slug", "project_id_or_slug"),
        ("modern", "organization_slug", "project_slug"),
        ("legacy", "organization_slug", "project_slug"),
    ],
)
def test_tree_base_classes_resolve_url_kwargs(
    trees: dict[str, Path], style: str, org_key: str, project_key: str
) -> None:
    src = str(trees[style] / "src")
    command = [sys.executable, "-c", TREE_SCRIPT, src, org_key, project_key]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
