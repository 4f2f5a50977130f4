"""Which endpoint classes are concrete (must be routed): a handler of their own or from a mixin,
handlers inherited from an endpoint base, or a `dispatch` of their own; never a class that other
endpoint classes inherit from, nor what the root Endpoint itself defines."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import BASE, URLS, write_tree

ROOT_WITH_DISPATCH = BASE.replace(
    "    def convert_args",
    "    def dispatch(self, request, *args, **kwargs):\n"
    "        return None\n\n"
    "    def options(self, request, *args, **kwargs):\n"
    "        return None\n\n"
    "    def convert_args",
)

CLASSES = """
from shop.api.bases.organization import OrganizationEndpoint


class StatsBase(OrganizationEndpoint):
    def get(self, request, organization):
        return None


class ReportsEndpoint(StatsBase):
    owner = "ApiOwner.ISSUES"


class DailyReportsEndpoint(StatsBase):
    owner = "ApiOwner.ISSUES"


class ForwardingEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.ISSUES"

    def dispatch(self, request, *args, **kwargs):
        return None


class QuietEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.ISSUES"
"""

URLS_WITH_DAILY = URLS.replace(
    "from shop.api.endpoints.organization_stats",
    "from shop.api.endpoints.reports import DailyReportsEndpoint\n"
    "from shop.api.endpoints.organization_stats",
).replace(
    "ORGANIZATION_URLS = [\n",
    'ORGANIZATION_URLS = [\n    re_path(r"^daily/$", DailyReportsEndpoint.as_view(), name="daily"),\n',
)


def _unregistered(root: Path) -> list[tuple[str, int, str]]:
    settings = load_settings(root)
    config = load_check_config(root, {}, ["unregistered-endpoint"], [], None)
    return [(p.path, p.line, p.symbol) for p in run_check(settings, config, None).problems]


def test_inherited_handlers_and_dispatch_make_a_class_concrete(tmp_path: Path) -> None:
    """ReportsEndpoint only inherits get(), ForwardingEndpoint only overrides dispatch(): both
    are reported unrouted. StatsBase is subclassed (a base), QuietEndpoint has nothing but what
    the root Endpoint defines (dispatch, options), DailyReportsEndpoint is routed."""
    files = {
        "api/base.py": ROOT_WITH_DISPATCH,
        "api/endpoints/reports.py": CLASSES,
        "api/urls.py": URLS_WITH_DAILY,
    }
    assert _unregistered(write_tree(tmp_path, files)) == [
        ("src/shop/api/endpoints/reports.py", 9, "ReportsEndpoint"),
        ("src/shop/api/endpoints/reports.py", 17, "ForwardingEndpoint"),
    ]


PLUGIN = """
from django.urls import re_path

from shop.api.endpoints.reports import ReportsEndpoint


class WidgetPlugin:
    def get_group_urls(self):
        return [
            re_path(r"^autocomplete/$", ReportsEndpoint.as_view(view="complete", plugin=self)),
        ]
"""


def test_a_class_served_by_code_outside_the_urlconfs_is_unresolved(tmp_path: Path) -> None:
    """ReportsEndpoint.as_view() in a plugin's URL list: maybe routed, so no finding, one
    Unresolved naming the call."""
    files = {
        "api/base.py": ROOT_WITH_DISPATCH,
        "api/endpoints/reports.py": CLASSES,
        "api/urls.py": URLS_WITH_DAILY,
        "plugins/__init__.py": "",
        "plugins/widget.py": PLUGIN,
    }
    root = write_tree(tmp_path, files)
    settings = load_settings(root)
    config = load_check_config(root, {}, ["unregistered-endpoint"], [], None)
    result = run_check(settings, config, None)
    assert [p.symbol for p in result.problems] == ["ForwardingEndpoint"]
    assert [(u.relpath, u.line, u.what) for u in result.unresolved] == [
        ("src/shop/plugins/widget.py", 9, "ReportsEndpoint.as_view()")
    ]


PLUGIN_BASES = """
from shop.api.endpoints.reports import StatsBase


class PluginStatsEndpoint(StatsBase):
    plugin = None

    def _handle(self, request, organization):
        return None


class PluginForwardingEndpoint(StatsBase):
    def dispatch(self, request, *args, **kwargs):
        return None
"""


def test_a_class_in_a_base_module_needs_a_handler_of_its_own(tmp_path: Path) -> None:
    """plugins/bases/: classes there that only inherit handlers or override dispatch are
    bases for code outside the tree, not unrouted endpoints."""
    files = {
        "api/base.py": ROOT_WITH_DISPATCH,
        "api/endpoints/reports.py": CLASSES,
        "api/urls.py": URLS_WITH_DAILY,
        "plugins/__init__.py": "",
        "plugins/bases/__init__.py": "",
        "plugins/bases/stats.py": PLUGIN_BASES,
    }
    assert [f[2] for f in _unregistered(write_tree(tmp_path, files))] == [
        "ReportsEndpoint",
        "ForwardingEndpoint",
    ]
