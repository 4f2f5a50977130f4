"""A handler made by a descriptor (`@property def get(self): return show`) is what the getter
returns, not the def read in the class: its parameters are not compared (no param-mismatch
from the getter's `(self)`), and the place is listed unresolved. A `classmethod` handler is
still called with the URL arguments after `cls`: it stays judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES, CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree


def _widgets(decorator: str, imports: str) -> str:
    return f"""
{imports}
from shop.api.bases.organization import OrganizationEndpoint


def _show(request, organization):
    return None


class OrganizationWidgetsEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.ISSUES"
    publish_status = {{"GET": "PRIVATE"}}

    {decorator}
    def get(self):
        return _show
"""


def _check(tmp_path: Path, decorator: str, imports: str = "") -> CheckResult:
    root = write_tree(
        tmp_path, {"api/endpoints/organization_widgets.py": _widgets(decorator, imports)}
    )
    return run_check(
        load_settings(root), load_check_config(root, {}, sorted(RULES), [], None), None
    )


@pytest.mark.parametrize(
    ("decorator", "imports", "name"),
    [
        ("@property", "", "property"),
        ("@cached_property", "from functools import cached_property", "cached_property"),
        ("@functools.cached_property", "import functools", "cached_property"),
        (
            "@cached_property",
            "from django.utils.functional import cached_property",
            "cached_property",
        ),
    ],
)
def test_a_handler_made_by_a_property_is_not_compared(
    tmp_path: Path, decorator: str, imports: str, name: str
) -> None:
    result = _check(tmp_path, decorator, imports)
    assert [p.rule for p in result.problems if p.rule == "param-mismatch"] == []
    (found,) = [u for u in result.unresolved if u.what == "OrganizationWidgetsEndpoint.get"]
    assert found.relpath == "src/shop/api/endpoints/organization_widgets.py"
    assert f"get is a {name}" in found.why


def test_a_classmethod_handler_is_still_compared(tmp_path: Path) -> None:
    """`get(cls)` takes no `organization`: Django's call fails, the finding stays."""
    result = _check(tmp_path, "@classmethod")
    assert [p.message for p in result.problems if p.rule == "param-mismatch"] == [
        "OrganizationWidgetsEndpoint: get() does not accept 'organization' (add it or **kwargs)"
    ]
