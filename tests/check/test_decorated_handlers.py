"""A handler's decorator that changes the URL keyword arguments (Sentry's `has_access` of 2014
pops `team_slug` and passes `team` on) makes the handler's own signature not what Django's call
meets: no param-mismatch is made from it, and the place is named. A decorator that passes the
arguments through (`sudo_required`, `method_decorator(never_cache)`) changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES, CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

CHANGING = """
from functools import wraps


def with_widget(func):
    @wraps(func)
    def wrapped(self, request, *args, **kwargs):
        kwargs["widget"] = kwargs.pop("widget_id")
        return func(self, request, *args, **kwargs)

    return wrapped
"""

PASSING = """
from functools import wraps


def audited(func):
    @wraps(func)
    def wrapped(self, request, *args, **kwargs):
        request.audited = True
        return func(self, request, *args, **kwargs)

    return wrapped
"""


def _widgets(decorator: str, imports: str) -> str:
    return f"""
from django.utils.decorators import method_decorator

from shop.api.bases.organization import OrganizationEndpoint
{imports}


class OrganizationWidgetsEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.ISSUES"
    publish_status = {{"GET": "PRIVATE"}}

    {decorator}
    def get(self, request, organization, widget):
        return None
"""


ROUTE = '(?P<organization_id_or_slug>[^/]+)/widgets/$"'
WIDGET_ROUTE = '(?P<organization_id_or_slug>[^/]+)/widgets/(?P<widget_id>[^/]+)/$"'


def _check(tmp_path: Path, decorator: str, imports: str) -> CheckResult:
    from tests.check.trees import URLS

    files = {
        "api/decorators.py": CHANGING + PASSING,
        "api/endpoints/organization_widgets.py": _widgets(decorator, imports),
        "api/urls.py": URLS.replace(ROUTE, WIDGET_ROUTE),
    }
    root = write_tree(tmp_path, files)
    return run_check(
        load_settings(root), load_check_config(root, {}, sorted(RULES), [], None), None
    )


@pytest.mark.parametrize(
    ("decorator", "imports"),
    [
        ("@with_widget", "from shop.api.decorators import with_widget"),
        ("@method_decorator(with_widget)", "from shop.api.decorators import with_widget"),
        ("@decorators.with_widget", "from shop.api import decorators"),
    ],
)
def test_a_decorator_changing_the_arguments_leaves_the_handler_unjudged(
    tmp_path: Path, decorator: str, imports: str
) -> None:
    result = _check(tmp_path, decorator, imports)
    assert [p.rule for p in result.problems] == []
    (found,) = [u for u in result.unresolved if u.what == "OrganizationWidgetsEndpoint.get"]
    assert found.relpath == "src/shop/api/endpoints/organization_widgets.py"
    assert "decorated by with_widget, which changes the URL arguments" in found.why


@pytest.mark.parametrize(
    ("decorator", "imports"),
    [
        ("@audited", "from shop.api.decorators import audited"),
        ("@method_decorator(audited)", "from shop.api.decorators import audited"),
        ("@method_decorator(never_cache)", "from django.views.decorators.cache import never_cache"),
    ],
)
def test_a_decorator_passing_the_arguments_on_changes_nothing(
    tmp_path: Path, decorator: str, imports: str
) -> None:
    """The route gives `widget_id`, the handler takes `widget`: both findings stay."""
    result = _check(tmp_path, decorator, imports)
    assert sorted(p.message for p in result.problems if p.rule == "param-mismatch") == [
        "OrganizationWidgetsEndpoint: get() does not accept 'widget_id' (add it or **kwargs)",
        (
            "OrganizationWidgetsEndpoint: get() requires 'widget', which neither the route "
            "nor convert_args provides"
        ),
    ]
