"""An included module whose urlpatterns is built by code (a plugin registry's) routes views the
reader cannot see: an unrouted endpoint of that module's own package is not proven unregistered
(an Unresolved names it), while unrouted endpoints elsewhere are still reported."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import AUDIT, UNROUTED, URLS, write_tree

REGISTRY_URLS = """
from shop.plugins.base.registry import plugins


def load_plugin_urls(plugins):
    found = []
    for plugin in plugins:
        found.extend(plugin.get_project_urls())
    return found


urlpatterns = load_plugin_urls(plugins)
"""
PLUGIN_ENDPOINTS = """
from shop.api.bases.organization import OrganizationEndpoint


class PluginOrganizationEndpoint(OrganizationEndpoint):
    view = None

    def get(self, request, organization):
        return self.view(request, organization)
"""
WITH_PLUGINS = URLS.replace(
    "urlpatterns = [\n",
    'urlpatterns = [\n    re_path(r"^plugins/", include("shop.plugins.base.project_urls")),\n',
)

# a plugin registry's code-built urlpatterns, included from the API urls.py, and an endpoint of
# the API package no route serves
PLUGIN_TREE = {
    "api/urls.py": WITH_PLUGINS,
    "plugins/__init__.py": "",
    "plugins/base/__init__.py": "",
    "plugins/base/registry.py": "plugins = []\n",
    "plugins/base/project_urls.py": REGISTRY_URLS,
    "plugins/endpoints.py": PLUGIN_ENDPOINTS,
    "api/endpoints/organization_audit.py": UNROUTED,
}


def _check(root: Path) -> CheckResult:
    settings = load_settings(root)
    return run_check(settings, load_check_config(root, {}, None, [], None), None)


def test_an_unrouted_endpoint_of_the_builders_package_is_unresolved(tmp_path: Path) -> None:
    result = _check(write_tree(tmp_path / "p", PLUGIN_TREE))
    assert [(p.rule, p.symbol) for p in result.problems] == [
        ("unregistered-endpoint", "OrganizationAuditEndpoint")  # shop.api: still reported
    ]
    assert result.problems[0].path == AUDIT
    (plugin,) = [u for u in result.unresolved if u.what == "PluginOrganizationEndpoint"]
    assert plugin.relpath == "src/shop/plugins/endpoints.py"
    assert "shop.plugins.base.project_urls builds by code" in plugin.why


def test_a_builder_beside_the_urlconf_excuses_nothing(tmp_path: Path) -> None:
    """A code-built urlconf in the API's own package would excuse every endpoint of it: it
    excuses none, and the unrouted endpoint is reported."""
    result = _check(_built_tree(tmp_path))
    assert [p.symbol for p in result.problems] == ["OrganizationAuditEndpoint"]
    assert [u.what for u in result.unresolved] == ["include 'shop.api.built_urls'"]


def _check_paths(root: Path, *relpaths: str) -> CheckResult:
    settings = load_settings(root)
    config = load_check_config(root, {}, None, [], None)
    return run_check(settings, config, [root / relpath for relpath in relpaths])


def _built_tree(tmp_path: Path) -> Path:
    files = {
        "api/urls.py": URLS.replace(
            "urlpatterns = [\n",
            'urlpatterns = [\n    re_path(r"^more/", include("shop.api.built_urls")),\n',
        ),
        "api/built_urls.py": "from shop.plugins import load\n\nurlpatterns = load()\n",
        "api/endpoints/organization_audit.py": UNROUTED,
        "utils.py": "def helper():\n    return 1\n",
    }
    return write_tree(tmp_path / "p", files)


def test_files_holding_no_endpoint_leave_nothing_unproven(tmp_path: Path) -> None:
    """Nothing was judged, so no place the walk met is named as not followed."""
    result = _check_paths(_built_tree(tmp_path), "src/shop/utils.py")
    assert (result.problems, result.endpoints, result.unresolved) == ([], 0, [])


def test_an_unrouted_endpoint_confirmed_by_the_whole_tree_keeps_its_unresolved(
    tmp_path: Path,
) -> None:
    """PATHS mode confirms an unrouted class with a whole-tree run: its summary is that run's,
    the places it could not follow included."""
    root = _built_tree(tmp_path)
    whole = _check(root)
    result = _check_paths(root, AUDIT)
    assert [p.symbol for p in result.problems] == ["OrganizationAuditEndpoint"]
    assert (result.endpoints, result.routes) == (whole.endpoints, whole.routes)
    assert [u.what for u in result.unresolved] == ["include 'shop.api.built_urls'"]


# Sentry's plugin urlconfs of 2016: an empty `patterns('')` filled in a loop over the plugins
LOOP_FILLED_URLS = """
import re

from django.conf.urls import include, patterns, url

from shop.plugins.base.registry import plugins

urlpatterns = patterns('')

for _plugin in plugins:
    _urls = _plugin.get_project_urls()
    if _urls:
        urlpatterns.append(url(r'^%s/' % re.escape(_plugin.slug), include(_urls)))
"""


def _plugin_tree(tmp_path: Path, project_urls: str) -> Path:
    """The plugin package beside the API, its project urlconf `project_urls`."""
    files = {
        "api/urls.py": WITH_PLUGINS,
        "plugins/__init__.py": "",
        "plugins/base/__init__.py": "",
        "plugins/base/registry.py": "plugins = []\n",
        "plugins/base/project_urls.py": project_urls,
        "plugins/endpoints.py": PLUGIN_ENDPOINTS,
    }
    return write_tree(tmp_path / "p", files)


def test_a_list_filled_in_a_loop_is_built_by_code(tmp_path: Path) -> None:
    result = _check(_plugin_tree(tmp_path, LOOP_FILLED_URLS))
    assert result.problems == []
    assert sorted(u.what for u in result.unresolved) == [
        "PluginOrganizationEndpoint",
        "include 'shop.plugins.base.project_urls'",
    ]


def test_a_list_extended_by_what_the_reader_cannot_read_is_built_by_code(tmp_path: Path) -> None:
    urls = LOOP_FILLED_URLS.split("for _plugin")[0] + "urlpatterns += load_more()\n"
    result = _check(_plugin_tree(tmp_path, urls))
    assert result.problems == []
    assert "include 'shop.plugins.base.project_urls'" in [u.what for u in result.unresolved]
