"""Which binding of a name a module keeps, as Python runs it: the last statement binding the
name wins, whether an explicit import, a class, an assignment or a star import exporting it
(its literal `__all__`, else its names not starting with `_`). A base class named through
`from shop.api.bases import *` whose package star-imports two modules defining it, and a
view imported by name and then again by a later star import, are the class Python binds; a
later star import the reader cannot judge makes the name unresolved, never guessed."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import ORGANIZATION_BASE, WIDGETS, write_tree

# a second OrganizationEndpoint whose convert_args passes the slug on as it came
LEGACY = """
from shop.api.base import Endpoint

{all}

class LegacyEndpoint(Endpoint):
    pass


class OrganizationEndpoint(Endpoint):
    pass
"""

# an endpoint taking `organization`, which only bases/organization.py's base provides
STARRED_WIDGETS = WIDGETS.replace(
    "from shop.api.bases.organization import OrganizationEndpoint",
    "from shop.api.bases import *  # noqa: F403",
)


ROUTE = "shop-api-0-organization-widgets"  # param-mismatch names the route


def _run(tmp_path: Path, files: dict[str, str]) -> CheckResult:
    root = write_tree(tmp_path / "p", files)
    return run_check(load_settings(root), load_check_config(root, {}, None, [], None), None)


def _found(result: CheckResult) -> list[tuple[str, str]]:
    return [(p.rule, p.symbol) for p in result.problems]


def _bases(tmp_path: Path, init: str, legacy_all: str = "") -> CheckResult:
    return _run(
        tmp_path,
        {
            "api/bases/__init__.py": init,
            "api/bases/legacy.py": LEGACY.format(all=legacy_all),
            "api/endpoints/organization_widgets.py": STARRED_WIDGETS,
        },
    )


LEGACY_THEN_ORGANIZATION = "from .legacy import *\nfrom .organization import *\n"


def test_a_base_the_earlier_star_module_leaves_out_of_its_all_is_the_later_ones(
    tmp_path: Path,
) -> None:
    result = _bases(tmp_path, LEGACY_THEN_ORGANIZATION, '__all__ = ["LegacyEndpoint"]')
    assert (result.problems, result.unresolved) == ([], [])


def test_a_base_two_star_modules_export_is_the_later_ones(tmp_path: Path) -> None:
    result = _bases(tmp_path, LEGACY_THEN_ORGANIZATION)
    assert (result.problems, result.unresolved) == ([], [])


def test_the_later_star_module_still_wins_when_it_is_the_wrong_base(tmp_path: Path) -> None:
    result = _bases(tmp_path, "from .organization import *\nfrom .legacy import *\n")
    assert ("param-mismatch", ROUTE) in _found(result)


def test_a_later_star_module_whose_all_is_built_by_code_is_not_guessed(tmp_path: Path) -> None:
    legacy_all = '__all__ = ["LegacyEndpoint"]\n__all__ += [n for n in ("OrganizationEndpoint",)]'
    result = _bases(tmp_path, "from .organization import *\nfrom .legacy import *\n", legacy_all)
    assert result.problems == []
    assert [u.what for u in result.unresolved] == ["OrganizationWidgetsEndpoint"]


def test_an_explicit_import_after_the_star_imports_wins(tmp_path: Path) -> None:
    init = LEGACY_THEN_ORGANIZATION + "from .legacy import OrganizationEndpoint\n"
    result = _bases(tmp_path, init)
    assert ("param-mismatch", ROUTE) in _found(result)


def test_a_later_star_module_importing_the_name_back_from_the_package_binds_nothing_new(
    tmp_path: Path,
) -> None:
    """`from shop.api.bases import OrganizationEndpoint` in a module the package star-imports
    last (a circular import, as a 2022 Sentry's `db/models/paranoia.py` does with `Model`) is
    the object the package bound before it: still organization.py's base, followed."""
    circular = "from shop.api.bases import OrganizationEndpoint\n\n\nclass Later:\n    pass\n"
    files = {
        "api/bases/__init__.py": "from .organization import *\nfrom .later import *\n",
        "api/bases/later.py": circular,
        "api/endpoints/organization_widgets.py": STARRED_WIDGETS,
    }
    result = _run(tmp_path, files)
    assert (result.problems, result.unresolved) == ([], [])


# v2.py: a newer OrganizationWidgetsEndpoint, exported by its __all__
V2 = WIDGETS.replace("\n\n\nclass", '\n__all__ = ["OrganizationWidgetsEndpoint"]\n\n\nclass', 1)

# the old one takes a parameter no route gives: a mismatch were it the one routed
OLD_WIDGETS = WIDGETS.replace("request, organization)", "request, organization, debug)")

URLS = """
from django.urls import re_path

{imports}

urlpatterns = [
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="shop-api-0-organization-widgets",
    ),
]
"""

EXPLICIT = "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint"


def _views(tmp_path: Path, imports: str) -> CheckResult:
    files = {
        "api/bases/__init__.py": "",
        "api/bases/organization.py": ORGANIZATION_BASE,
        "api/endpoints/organization_widgets.py": OLD_WIDGETS,
        "api/endpoints/organization_stats.py": "",
        "api/endpoints/v2.py": V2,
        "api/urls.py": URLS.format(imports=imports),
    }
    return _run(tmp_path, files)


def test_a_view_imported_by_name_then_by_a_later_star_import_is_the_star_ones(
    tmp_path: Path,
) -> None:
    result = _views(tmp_path, f"{EXPLICIT}\nfrom shop.api.endpoints.v2 import *  # noqa\n")
    assert result.problems == []
    # the old class's `X.as_view()` in urls.py counts as a site that may serve it: no finding
    assert [u.relpath for u in result.unresolved] == ["src/shop/api/urls.py"]


def test_a_view_imported_by_name_after_a_star_import_is_the_named_one(tmp_path: Path) -> None:
    result = _views(tmp_path, f"from shop.api.endpoints.v2 import *  # noqa\n{EXPLICIT}\n")
    assert ("param-mismatch", ROUTE) in _found(result)
    assert ("unregistered-endpoint", "OrganizationWidgetsEndpoint") in _found(result)


def test_a_later_star_import_the_reader_cannot_read_leaves_the_view_unresolved(
    tmp_path: Path,
) -> None:
    result = _views(tmp_path, f"{EXPLICIT}\nfrom elsewhere.views import *  # noqa\n")
    assert ("param-mismatch", ROUTE) not in _found(result)
    (unresolved,) = result.unresolved
    assert "elsewhere.views" in unresolved.why


def test_what_the_order_needs_survives_the_fact_cache() -> None:
    """Star import lines, the lines of the bindings they follow and `__all__` are cached."""
    import json

    from scaffold.pysource.codec import decode_module, encode_module
    from scaffold.pysource.modules import read_module

    data = b'from a import X\nfrom b import *\nclass Y(X):\n    pass\n__all__ = ["Y"]\n'
    info = read_module(data, "m", "m.py", False)
    assert info is not None
    assert (info.star_lines, info.bound_lines, info.exports) == ([2], {"X": 1}, ["Y"])
    assert info.classes["Y"].base_paths == ["m.X"]  # read in statement order by the resolver
    back = decode_module(json.loads(json.dumps(encode_module(info, data))))
    assert back == info
