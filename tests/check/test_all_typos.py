"""A name a package's `__all__` lists but the package binds nowhere (a typo there): a route
reaching it through the package (`from pkg import *`, `from pkg import Name`, `pkg.Name`) serves
what Python cannot import, so it is an unknown-view naming the module, the name and the
`__all__` line, also when the package re-exports by star imports the reader follows. Where code
may bind the name (`globals()`, `setattr` on the module, `exec`, `__getattr__`, a function's
`global`, a star import of a module outside the tree), the route stays unresolved: no finding,
and no endpoint the package holds is called unrouted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_route_helpers import check
from tests.check.trees import write_tree

TYPO = "OrganizationWidgetEndpoint"  # the package exports OrganizationWidgetsEndpoint
EXPORTS = f"""
__all__ = [
    "OrganizationWidgetsEndpoint",
    "{TYPO}",
]
"""
LISTED = "src/shop/api/endpoints/__init__.py:5"  # where the typo is
IMPORTED = "from .organization_widgets import OrganizationWidgetsEndpoint\n"
STARRED = "from .organization_widgets import *\n"
URLS = r"""
from django.urls import re_path

{imports}

urlpatterns = [
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/widgets/$",
        {view}.as_view(),
        name="shop-api-0-organization-widgets",
    ),
]
"""
THROUGH = {  # how urls.py reaches the name: its import, and the view as the route writes it
    "star": ("from shop.api.endpoints import *", TYPO),
    "from": (f"from shop.api.endpoints import {TYPO}", TYPO),
    "module": ("from shop.api import endpoints", f"endpoints.{TYPO}"),
}
RULES = ["unknown-view"]  # the export the route misses is unregistered too: not asked here


def tree(tmp_path: Path, through: str, package: str) -> Path:
    imports, view = THROUGH[through]
    files = {
        "api/urls.py": URLS.format(imports=imports, view=view),
        "api/endpoints/__init__.py": package,
        "api/endpoints/organization_stats.py": "",
    }
    return write_tree(tmp_path, files)


@pytest.mark.parametrize("reexport", [IMPORTED, STARRED], ids=["imported", "starred"])
@pytest.mark.parametrize("through", list(THROUGH))
def test_a_typo_in_all_is_an_unknown_view_naming_the_all_line(
    tmp_path: Path, through: str, reexport: str
) -> None:
    found, unresolved = check(tree(tmp_path, through, reexport + EXPORTS), RULES)
    assert [(rule, where) for rule, where, _ in found] == [
        ("unknown-view", "src/shop/api/urls.py:6")
    ]
    assert unresolved == []
    result = _messages(tmp_path)
    assert len(result) == 1 and LISTED in result[0] and "shop.api.endpoints" in result[0]


BY_CODE = {
    "globals": f'globals()["{TYPO}"] = OrganizationWidgetsEndpoint\n',
    "setattr": f'import sys\n\nsetattr(sys.modules[__name__], "{TYPO}", OrganizationWidgetsEndpoint)\n',
    "exec": f'exec("{TYPO} = OrganizationWidgetsEndpoint")\n',
    "getattr": "def __getattr__(name):\n    return OrganizationWidgetsEndpoint\n",
    "outside": "from outside_the_tree import *\n",
    "global": (
        f"def _export():\n    global {TYPO}\n    {TYPO} = OrganizationWidgetsEndpoint\n\n\n"
        "_export()\n"
    ),
}


# through a star import of urls.py, a name a star import of a module outside the tree may bind
# leaves the package's classes unrouted, as before (`UrlModules.view_of`): not judged here
CASES = [(t, b) for t in THROUGH for b in BY_CODE if (t, b) != ("star", "outside")]


@pytest.mark.parametrize(("through", "bound"), CASES)
def test_a_name_code_may_bind_stays_unresolved(tmp_path: Path, through: str, bound: str) -> None:
    package = IMPORTED + EXPORTS + "\n" + BY_CODE[bound]
    found, unresolved = check(tree(tmp_path, through, package), [*RULES, "unregistered-endpoint"])
    assert found == []
    assert [text.partition(": ")[0] for text in unresolved] == ["src/shop/api/urls.py:6"]


def test_a_name_no_all_lists_keeps_its_message(tmp_path: Path) -> None:
    found, _ = check(tree(tmp_path, "from", STARRED), RULES)
    assert [rule for rule, _, _ in found] == ["unknown-view"]
    assert _messages(tmp_path) == [
        f"{TYPO} is not defined in shop.api.endpoints; fix the import or the name"
    ]


def _messages(root: Path) -> list[str]:
    from scaffold.check.config import load_check_config
    from scaffold.check.run import run_check
    from scaffold.project.settings import load_settings

    config = load_check_config(root, {}, RULES, [], None)
    return [p.message for p in run_check(load_settings(root), config, None).problems]
