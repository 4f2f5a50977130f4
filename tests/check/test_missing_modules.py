"""A route naming a class imported from a module the tree does not have (deleted, or moved by
`git mv` while urls.py or a re-exporting package kept the old path): Python cannot import the
urlconf, so the route is an unknown-view. Nothing is said where something else may provide the
module (a compiled extension, a namespace package, a package extending its `__path__`, an
import under `except ImportError`, a file the check excludes, a package outside the tree), nor
where most of what the module imports from the tree is absent too (a skeleton tree)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.cached_runs import age, report
from tests.check.trees import URLS, write_tree

STATS_MODULE = "shop.api.endpoints.organization_stats"
STATS_IMPORT = f"from {STATS_MODULE} import OrganizationStatsEndpoint"
STATS = "api/endpoints/organization_stats.py"
KIND = """
from shop.api.base import Endpoint


class Kind{n}Endpoint(Endpoint):
    def get(self, request):
        return None
"""


def _whole_tree(root: Path, files: dict[str, str] | None = None, urls: str = URLS) -> Path:
    """The shop tree with ten more routed endpoint modules: a tree checked out whole."""
    kinds = {f"api/endpoints/kind_{n}.py": KIND.format(n=n) for n in range(10)}
    imports = "".join(
        f"from shop.api.endpoints.kind_{n} import Kind{n}Endpoint\n" for n in range(10)
    )
    routes = "".join(
        f'    re_path(r"^kinds/{n}/$", Kind{n}Endpoint.as_view()),\n' for n in range(10)
    )
    urls = urls.replace("ORGANIZATION_URLS = [", imports + "\nORGANIZATION_URLS = [", 1)
    urls = urls.replace("urlpatterns = [\n", "urlpatterns = [\n" + routes, 1)
    return write_tree(root, {**kinds, "api/urls.py": urls, **(files or {})})


def _check(root: Path, exclude: list[str] | None = None) -> CheckResult:
    overrides = {"exclude": exclude} if exclude else {}
    return run_check(load_settings(root), load_check_config(root, overrides, None, [], None), None)


def _unknown(result: CheckResult) -> list[tuple[str, str]]:
    return [(p.symbol, p.message) for p in result.problems if p.rule == "unknown-view"]


def test_a_route_to_a_deleted_module_is_an_unknown_view(tmp_path: Path) -> None:
    result = _check(_whole_tree(tmp_path / "p", {STATS: ""}))
    why = f"OrganizationStatsEndpoint is imported from {STATS_MODULE}, a module the tree does "
    why += "not have; fix the import"
    assert [(p.rule, p.symbol, p.message) for p in result.problems] == [
        ("unknown-view", "OrganizationStatsEndpoint", why)
    ]


def test_a_moved_module_a_package_still_re_exports_is_named(tmp_path: Path) -> None:
    """urls.py imports from the package; its __init__ re-exports from the module moved away."""
    urls = URLS.replace(STATS_IMPORT, "from shop.api.endpoints import OrganizationStatsEndpoint")
    init = "from .organization_stats import OrganizationStatsEndpoint\n"
    files = {"api/endpoints/__init__.py": init, STATS: "", "api/endpoints/stats/__init__.py": ""}
    ((_, message),) = _unknown(_check(_whole_tree(tmp_path / "p", files, urls)))
    assert f"imported from {STATS_MODULE}, a module the tree does not have" in message


def test_a_missing_package_on_the_path_is_named(tmp_path: Path) -> None:
    urls = URLS.replace(STATS_MODULE, "shop.api.reports.organization_stats")
    ((_, message),) = _unknown(_check(_whole_tree(tmp_path / "p", {STATS: ""}, urls)))
    assert "imported from shop.api.reports, a module the tree does not have" in message


def test_a_skeleton_tree_says_nothing(tmp_path: Path) -> None:
    """Half of urls.py's modules absent: a checkout of some files, not an edit."""
    root = write_tree(tmp_path / "p", {STATS: ""})
    assert _unknown(_check(root)) == []


@pytest.mark.parametrize(
    "files",
    [
        {"api/endpoints/organization_stats.cpython-311-x86_64-linux-gnu.so": "x"},
        {"api/endpoints/__init__.py": None},
        {
            "api/endpoints/__init__.py": "from pkgutil import extend_path\n\n__path__ = extend_path(__path__, __name__)\n"
        },
        {
            "api/urls.py": "try:\n    "
            + STATS_IMPORT
            + "\nexcept ImportError:\n    OrganizationStatsEndpoint = None\n"
        },
    ],
    ids=["extension", "namespace-package", "extended-path", "except-importerror"],
)
def test_a_module_something_else_may_provide_is_no_finding(
    tmp_path: Path, files: dict[str, str | None]
) -> None:
    root = _whole_tree(tmp_path / "p", {STATS: ""})
    for relpath, text in files.items():
        path = root / "src" / "shop" / relpath
        if text is None:
            path.unlink()
        elif relpath.endswith("urls.py"):
            path.write_text(path.read_text().replace(STATS_IMPORT, text.strip()))
        else:
            path.write_text(text, encoding="utf-8")
    assert _unknown(_check(root)) == []


def test_an_excluded_module_is_not_missing(tmp_path: Path) -> None:
    root = _whole_tree(tmp_path / "p")
    assert _unknown(_check(root, exclude=[f"src/shop/{STATS}"])) == []


def test_a_package_outside_the_tree_is_not_missing(tmp_path: Path) -> None:
    urls = URLS.replace(STATS_MODULE, "othershop.endpoints.organization_stats")
    assert _unknown(_check(_whole_tree(tmp_path / "p", {STATS: ""}, urls))) == []


def test_a_module_deleted_after_a_cached_run_is_named_by_the_next(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As pre-commit meets it: the module gone, another endpoint module edited."""
    root = _whole_tree(tmp_path / "p")
    age(root / "src", 60)
    assert report(root, capsys, cached=True)["problems"] == []
    stats, widgets = root / "src/shop" / STATS, root / "src/shop/api/endpoints/kind_1.py"
    text = stats.read_text()
    stats.unlink()
    widgets.write_text(widgets.read_text() + "# edited\n")
    cached = report(root, capsys, cached=True)["problems"]
    assert cached == report(root, capsys, cached=False)["problems"]
    assert isinstance(cached, list) and [p["rule"] for p in cached] == ["unknown-view"]
    stats.write_text(text)
    assert report(root, capsys, cached=True)["problems"] == []
