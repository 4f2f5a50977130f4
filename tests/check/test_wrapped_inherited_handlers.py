"""`@method_decorator(x, name="get")` on an endpoint whose `get` is inherited: Django's
method_decorator wraps the inherited attribute and sets the wrapper on the class, so Django
calls the inherited handler through x. Where x is proven to hand the URL arguments on as they
came (`functools.wraps` wrappers taking `*args, **kwargs`, one from outside the tree), the
inherited handler's parameters are compared; they were named as not compared. A decorator
that may change them, or an inherited handler that cannot be read, is still named."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

# a base kept beside its endpoints, handling `get` itself; the endpoint only wraps it
LISTING = """
from shop.api.bases.organization import OrganizationEndpoint


class WidgetListingBase(OrganizationEndpoint):
    def get(self, request, {parameter}):
        return None
"""
WIDGETS = """
from django.utils.decorators import method_decorator

from shop.api.endpoints.widget_listing import WidgetListingBase
from shop.api.wrappers import {imported}


@method_decorator({decorator}, name="get")
class OrganizationWidgetsEndpoint(WidgetListingBase):
    pass
"""
WRAPPERS = """
import functools

from django.views.decorators.cache import never_cache


def logged(function):
    @functools.wraps(function)
    def wrapper(self, request, *args, **kwargs):
        return function(self, request, *args, **kwargs)

    return wrapper


def unslugged(function):
    @functools.wraps(function)
    def wrapper(self, request, *args, **kwargs):
        kwargs.pop("organization", None)
        return function(self, request, *args, **kwargs)

    return wrapper


def pinned(function):
    def wrapper(self, request, organization):
        return function(self, request, organization=organization)

    return wrapper
"""


def _check(
    tmp_path: Path, decorator: str, parameter: str = "organization", listing: str = LISTING
) -> tuple[list[str], list[str]]:
    imported = decorator if decorator != "never_cache" else "logged"
    files = {
        "api/endpoints/widget_listing.py": listing.format(parameter=parameter),
        "api/endpoints/organization_widgets.py": WIDGETS.format(
            imported=imported, decorator=decorator
        ),
        "api/wrappers.py": WRAPPERS,
    }
    root = write_tree(tmp_path, files)
    result = run_check(
        load_settings(root), load_check_config(root, {}, ["param-mismatch"], [], None), None
    )
    return [p.message for p in result.problems], [f"{u.what}: {u.why}" for u in result.unresolved]


@pytest.mark.parametrize("decorator", ["logged", "never_cache"])
def test_an_inherited_handler_wrapped_as_is_is_compared(tmp_path: Path, decorator: str) -> None:
    assert _check(tmp_path, decorator) == ([], [])
    found, unresolved = _check(tmp_path / "wrong", decorator, parameter="org")
    assert unresolved == []
    assert [m.partition(": ")[2] for m in found] == [
        "get() does not accept 'organization' (add it or **kwargs)",
        "get() requires 'org', which neither the route nor convert_args provides",
    ]
    assert all(m.startswith("OrganizationWidgetsEndpoint: ") for m in found)


def test_a_wrapper_that_changes_the_arguments_leaves_it_unresolved(tmp_path: Path) -> None:
    found, unresolved = _check(tmp_path, "unslugged", parameter="org")
    assert found == []
    assert len(unresolved) == 1 and unresolved[0].startswith("OrganizationWidgetsEndpoint.get: ")


def test_a_wrapper_of_fixed_parameters_is_compared_by_its_own(tmp_path: Path) -> None:
    """`pinned` calls the handler itself: Django meets the wrapper's `organization`."""
    assert _check(tmp_path, "pinned", parameter="org") == ([], [])


def test_an_inherited_handler_not_read_leaves_it_unresolved(tmp_path: Path) -> None:
    """The inherited `get` is bound by code: what it takes is not known."""
    listing = """
from shop.api.bases.organization import OrganizationEndpoint
from shop.api.wrappers import logged


class WidgetListingBase(OrganizationEndpoint):
    get = logged(lambda self, request, {parameter}: None)
"""
    found, unresolved = _check(tmp_path, "logged", listing=listing)
    assert found == []
    assert [u.partition(": ")[0] for u in unresolved] == ["WidgetListingBase.get"]


def test_the_handler_wrapped_is_the_wrapping_class_s_own_inherited_one(tmp_path: Path) -> None:
    """`class Endpoint(Wrapped, Mixin)`: the MRO puts Mixin between Wrapped and its base, but
    method_decorator wrapped the `get` Wrapped inherits from its base, not Mixin's."""
    listing = LISTING + """

@method_decorator(logged, name="get")
class WrappedListing(WidgetListingBase):
    pass


class ShowingMixin(WidgetListingBase):
    def get(self, request, shown):
        return None
"""
    listing = listing.replace(
        "from shop",
        "from django.utils.decorators import method_decorator\n"
        "from shop.api.wrappers import logged\nfrom shop",
        1,
    )
    widgets = """
from shop.api.endpoints.widget_listing import ShowingMixin, WrappedListing


class OrganizationWidgetsEndpoint(WrappedListing, ShowingMixin):
    pass
"""
    files = {
        "api/endpoints/widget_listing.py": listing.format(parameter="org"),
        "api/endpoints/organization_widgets.py": widgets,
        "api/wrappers.py": WRAPPERS,
    }
    root = write_tree(tmp_path, files)
    result = run_check(
        load_settings(root), load_check_config(root, {}, ["param-mismatch"], [], None), None
    )
    assert [u.why for u in result.unresolved] == []
    assert [p.message.partition(": ")[2] for p in result.problems] == [
        "get() does not accept 'organization' (add it or **kwargs)",
        "get() requires 'org', which neither the route nor convert_args provides",
    ]
