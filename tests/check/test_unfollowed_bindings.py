"""Where a view's class is bound in a way the reader does not follow (under a module-level `if`
or `try`, by a module `__getattr__`, by a comprehension building the routes, in a urls.py that
does not parse), no finding is made from what it cannot see: the place is named as unresolved,
and the classes that place names are not called unregistered or undefined."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import AUDIT, STATS, UNROUTED, URLS, write_tree

AUDIT_RELPATH = AUDIT.removeprefix("src/shop/")


def _check(root: Path) -> CheckResult:
    settings = load_settings(root)
    return run_check(settings, load_check_config(root, {}, None, [], None), None)


def _found(result: CheckResult) -> list[tuple[str, str]]:
    return [(problem.rule, problem.message.split(" ")[0]) for problem in result.problems]


STATS_UNDER_IF = (
    STATS.replace(
        "class OrganizationStatsEndpoint(OrganizationEndpoint):",
        "import sys\n\nif sys.version_info >= (3, 8):\n\n    class OrganizationStatsEndpoint("
        "OrganizationEndpoint):",
    )
    .replace("\n    ", "\n        ")
    .replace("\n        class Org", "\n    class Org")
)


def test_a_class_defined_under_a_module_level_if_is_not_called_undefined(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_stats.py": STATS_UNDER_IF})
    result = _check(root)
    assert result.problems == [], _found(result)
    assert [u.what for u in result.unresolved] == ["OrganizationStatsEndpoint"]


FALLBACK_STATS = """
from shop.api.bases.organization import OrganizationEndpoint


class BaseStatsEndpoint(OrganizationEndpoint):
    def get(self, request, organization):
        return None


try:
    from shop_ext.stats import OrganizationStatsEndpoint
except ImportError:

    class OrganizationStatsEndpoint(BaseStatsEndpoint):
        pass
"""
TYPE_STATS = """
from shop.api.bases.organization import OrganizationEndpoint


class BaseStatsEndpoint(OrganizationEndpoint):
    def get(self, request, organization):
        return None


OrganizationStatsEndpoint = type("OrganizationStatsEndpoint", (BaseStatsEndpoint,), {})
"""


@pytest.mark.parametrize("stats", [FALLBACK_STATS, TYPE_STATS], ids=["try", "type"])
def test_a_class_named_where_a_routed_view_is_bound_unfollowed_is_not_unregistered(
    tmp_path: Path, stats: str
) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_stats.py": stats})
    result = _check(root)
    assert result.problems == [], _found(result)
    assert "OrganizationStatsEndpoint" in [u.what for u in result.unresolved]


CONDITIONAL_IMPORT_URLS = URLS.replace(
    "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n",
    "from django.conf import settings\n\nif settings.DEBUG:\n"
    "    from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n"
    "else:\n"
    "    from shop.api.endpoints.stats_two import OrganizationStatsEndpoint\n",
)


def test_a_name_imported_in_two_branches_serves_both_classes(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path / "p",
        {"api/urls.py": CONDITIONAL_IMPORT_URLS, "api/endpoints/stats_two.py": STATS},
    )
    result = _check(root)
    assert result.problems == [], _found(result)
    assert [u.what for u in result.unresolved] == ["OrganizationStatsEndpoint"]


LAZY_PACKAGE = """
import importlib


def __getattr__(name):
    if name == "OrganizationStatsEndpoint":
        return importlib.import_module(".organization_stats", __name__).OrganizationStatsEndpoint
    raise AttributeError(name)
"""


def test_a_name_a_module_getattr_may_give_is_not_called_undefined(tmp_path: Path) -> None:
    urls = URLS.replace(
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint",
        "from shop.api.endpoints import OrganizationStatsEndpoint",
    )
    root = write_tree(
        tmp_path / "p", {"api/urls.py": urls, "api/endpoints/__init__.py": LAZY_PACKAGE}
    )
    result = _check(root)
    assert result.problems == [], _found(result)
    assert [u.what for u in result.unresolved] == ["OrganizationStatsEndpoint"]


COMPREHENSION_URLS = """
from django.urls import include, re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

ROUTES = [
    (r"^(?P<organization_id_or_slug>[^/]+)/widgets/$", OrganizationWidgetsEndpoint, "widgets"),
    (r"^(?P<organization_id_or_slug>[^/]+)/stats/$", OrganizationStatsEndpoint, "stats"),
]

urlpatterns = [re_path(p, view.as_view(), name=n) for p, view, n in ROUTES]
"""


def test_routes_a_comprehension_builds_are_unresolved_not_unregistered(tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/urls.py": COMPREHENSION_URLS})
    result = _check(root)
    assert result.problems == [], _found(result)
    assert len(result.unresolved) == 1
    assert (result.unresolved[0].relpath, result.unresolved[0].line) == (
        "src/shop/api/urls.py",
        11,
    )


def test_a_urls_py_that_does_not_parse_is_named_and_no_endpoint_called_unregistered(
    tmp_path: Path,
) -> None:
    root = write_tree(
        tmp_path / "p", {"api/urls.py": URLS.replace("urlpatterns = [", "urlpatterns = [[")}
    )
    result = _check(root)
    assert result.problems == [], _found(result)
    (unread,) = result.unresolved
    assert unread.relpath == "src/shop/api/urls.py"
    assert "does not parse with Python 3." in unread.why


def test_a_class_counted_as_routed_stays_so_when_another_endpoint_is_unrouted(
    tmp_path: Path,
) -> None:
    """The search of other urlconfs (run when some endpoint looks unrouted) replaced the set
    holding the classes of unfollowed bindings: BaseStatsEndpoint came back as unregistered."""
    root = write_tree(
        tmp_path / "p", {"api/endpoints/organization_stats.py": TYPE_STATS, AUDIT_RELPATH: UNROUTED}
    )
    result = _check(root)
    assert _found(result) == [("unregistered-endpoint", "OrganizationAuditEndpoint")]


def test_star_imports_that_import_one_another_resolve_in_time(tmp_path: Path) -> None:
    """A routed name bound by `type(...)` in a module importing from a package whose star
    imports import back from it: resolving each name tried every path (16 s for twelve)."""
    files = {
        "api/serializers/__init__.py": "from .base import *\nfrom .models import *\n",
        "api/serializers/base.py": "def serialize(obj):\n    return obj\n",
        "api/serializers/models/__init__.py": "".join(f"from .m{i} import *\n" for i in range(12)),
        "api/endpoints/organization_stats.py": TYPE_STATS.replace(
            "from shop.api.bases",
            "from shop.api.serializers import Serializer, serialize\nfrom shop.api.bases",
        ),
    }
    for i in range(12):
        files[f"api/serializers/models/m{i}.py"] = (
            f"from shop.api.serializers import serialize\n\n\nclass M{i}:\n    pass\n"
        )
    root = write_tree(tmp_path / "p", files)
    started = time.perf_counter()
    result = _check(root)
    assert result.problems == [], _found(result)
    assert time.perf_counter() - started < 5  # a hang guard, not a speed figure: 16 s before


def test_classes_a_star_import_brings_to_a_code_built_urls_py_are_not_unregistered(
    tmp_path: Path,
) -> None:
    urls = COMPREHENSION_URLS.replace(
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n"
        "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint\n",
        "from shop.api.endpoints import *\n",
    )
    package = (
        "from .organization_stats import OrganizationStatsEndpoint\n"
        "from .organization_widgets import OrganizationWidgetsEndpoint\n"
    )
    root = write_tree(tmp_path / "p", {"api/urls.py": urls, "api/endpoints/__init__.py": package})
    result = _check(root)
    assert result.problems == [], _found(result)


def test_a_paths_run_checks_a_route_naming_the_class_through_an_alias(tmp_path: Path) -> None:
    urls = URLS.replace(
        "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint\n",
        "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint\n"
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint as Stats\n",
    ).replace(
        "]\n\nurlpatterns",
        '    re_path(r"^(?P<org_slug>[^/]+)/stats-old/$", Stats.as_view(), name="old"),\n'
        "]\n\nurlpatterns",
    )
    root = write_tree(tmp_path / "p", {"api/urls.py": urls})
    settings = load_settings(root)
    config = load_check_config(root, {}, None, [], None)
    whole = run_check(settings, config, None)
    assert [p.rule for p in whole.problems] == ["param-mismatch"]
    stats = root / "src/shop/api/endpoints/organization_stats.py"
    assert run_check(settings, config, [stats]).problems == whole.problems


ALIASED_URLS = """
from django.urls import re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

{binding}

urlpatterns = [
    re_path(r"^(?P<organization_id_or_slug>[^/]+)/w/$", OrganizationWidgetsEndpoint.as_view()),
    re_path(r"^(?P<organization_id_or_slug>[^/]+)/s/$", {used}.as_view(), name="s"),
]
"""


@pytest.mark.parametrize(
    ("binding", "used", "unfollowed"),
    [
        ("S, W = (OrganizationStatsEndpoint, OrganizationWidgetsEndpoint)", "S", None),
        ("[S] = [OrganizationStatsEndpoint]", "S", None),
        ("A = S = OrganizationStatsEndpoint", "S", None),
        ("S, W = make_views()", "S", "S"),
        ('VIEWS = {"s": OrganizationStatsEndpoint}', 'VIEWS["s"]', "route view VIEWS['s']"),
        ("class Views:\n    s = OrganizationStatsEndpoint", "Views.s", "route view Views.s"),
    ],
)
def test_a_class_bound_to_other_names_in_urls_py_is_routed(
    tmp_path: Path, binding: str, used: str, unfollowed: str | None
) -> None:
    """Python binds each name of `S, W = (X, Y)` and `A = S = X`: the route serves X. Through
    a dict or a class attribute the reader does not follow, the route is named unresolved and
    X counts as routed (it was called unregistered)."""
    urls = ALIASED_URLS.format(binding=binding, used=used)
    result = _check(write_tree(tmp_path, {"api/urls.py": urls}))
    assert _found(result) == []
    assert [u.what.removesuffix(".as_view()") for u in result.unresolved] == (
        [unfollowed] if unfollowed else []
    )


@pytest.mark.parametrize(
    ("exports", "routed", "undefined"),
    [
        ('__all__ = ["OrganizationStatsEndpoint"]', "OrganizationStatsEndpoint", ["W"]),
        ('__all__ = ("OrganizationWidgetsEndpoint",)', "OrganizationStatsEndpoint", ["S"]),
        (  # built from literals: read as Python builds it
            '__all__ = ["_PrivateEndpoint"]\n__all__ += ["OrganizationStatsEndpoint"]',
            "OrganizationStatsEndpoint",
            ["W"],
        ),
        (  # built by code: not judged
            '__all__ = ["X"]\n__all__ += [n for n in ["OrganizationStatsEndpoint"]]',
            "OrganizationStatsEndpoint",
            [],
        ),
        ("", "_PrivateEndpoint", ["S"]),  # no __all__: a star import binds no `_name`
    ],
)
def test_a_star_import_binds_what_the_module_exports(
    tmp_path: Path, exports: str, routed: str, undefined: list[str]
) -> None:
    """`from .endpoints.index import *` binds the names of a literal `__all__` alone (or, with
    none, those not starting with `_`): routing another is a NameError when urls.py loads."""
    index = (
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n"
        "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint\n"
        "_PrivateEndpoint = OrganizationStatsEndpoint\n"
        f"{exports}\n"
    )
    urls = (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints.index import *\n\n"
        "urlpatterns = [\n"
        '    re_path(r"^(?P<organization_id_or_slug>[^/]+)/w/$", '
        'OrganizationWidgetsEndpoint.as_view(), name="w"),\n'
        f'    re_path(r"^(?P<organization_id_or_slug>[^/]+)/s/$", {routed}.as_view(), name="s"),\n'
        "]\n"
    )
    result = _check(write_tree(tmp_path, {"api/urls.py": urls, "api/endpoints/index.py": index}))
    views = [message for rule, message in _found(result) if rule == "unknown-view"]
    names = {"W": "OrganizationWidgetsEndpoint", "S": routed}
    assert views == [names[u] for u in undefined]
