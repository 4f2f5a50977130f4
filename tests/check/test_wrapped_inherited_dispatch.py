"""`@method_decorator(x, name="dispatch")` on an endpoint that inherits its dispatch: Django
calls the inherited dispatch through x. Where x is proven to hand the URL arguments on as they
came (`csrf_exempt`, from outside the tree, as a handler's decorator is taken; one of the tree
whose wrapper takes and hands on `*args, **kwargs`), the handlers are compared as without
it; they were named as not compared. A decorator that may change them is still named."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from scaffold.pysource.method_decorators import WRAPPED_INHERITED
from tests.check.trees import write_tree

WIDGETS = """
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt

from shop.api.bases.organization import OrganizationEndpoint
from shop.api.wrappers import {imported}


@method_decorator({decorator}, name="dispatch")
class OrganizationWidgetsEndpoint(OrganizationEndpoint):
    def get(self, request, {parameter}):
        return None
{more}"""
WRAPPERS = """
import functools

from corsheaders.decorators import allow_cors_options


def logged(function):
    @functools.wraps(function)
    def wrapper(self, request, *args, **kwargs):
        return function(self, request, *args, **kwargs)

    return wrapper


def unslugged(function):
    def wrapper(self, request, *args, **kwargs):
        kwargs.pop("organization_id_or_slug", None)
        return function(self, request, *args, **kwargs)

    return wrapper
"""
NOT_COMPARED = "the handlers are not compared"
OPTIONS = """
    def options(self, request):
        return None
"""


def _check(
    tmp_path: Path, decorator: str, parameter: str = "organization", more: str = ""
) -> tuple[list[str], list[str]]:
    imported = decorator if decorator != "csrf_exempt" else "logged"
    widgets = WIDGETS.format(imported=imported, decorator=decorator, parameter=parameter, more=more)
    files = {"api/endpoints/organization_widgets.py": widgets, "api/wrappers.py": WRAPPERS}
    root = write_tree(tmp_path, files)
    result = run_check(
        load_settings(root), load_check_config(root, {}, ["param-mismatch"], [], None), None
    )
    return [p.message for p in result.problems], [u.why for u in result.unresolved]


@pytest.mark.parametrize("decorator", ["csrf_exempt", "logged"])
def test_a_dispatch_wrapped_as_is_keeps_the_handlers_compared(
    tmp_path: Path, decorator: str
) -> None:
    assert _check(tmp_path, decorator) == ([], [])
    found, unresolved = _check(tmp_path / "wrong", decorator, parameter="org")
    assert unresolved == []
    assert "OrganizationWidgetsEndpoint: get() does not accept 'organization'" in found[0]


def test_a_dispatch_wrapped_by_what_changes_the_arguments_is_still_named(tmp_path: Path) -> None:
    found, unresolved = _check(tmp_path, "unslugged", parameter="org")
    assert (found, unresolved) == ([], [f"dispatch is {WRAPPED_INHERITED}; {NOT_COMPARED}"])


def test_options_is_not_compared_where_the_wrapper_may_answer_it(tmp_path: Path) -> None:
    """Django's csrf_exempt calls the dispatch: options() is compared; a wrapper from outside
    the tree (django-cors-headers') may answer OPTIONS itself: it is not."""
    found, _ = _check(tmp_path, "csrf_exempt", more=OPTIONS)
    assert [m.partition(": ")[2] for m in found] == [
        "options() does not accept 'organization' (add it or **kwargs)"
    ]
    assert _check(tmp_path / "cors", "allow_cors_options", more=OPTIONS) == ([], [])
