"""A module-level name is bound by the last statement binding it, as Python runs the module:
a class the module defines and then imports over (or an import it then defines over) is the
later one, for a route's view as for a base; each case is judged by a real request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.served import check_tree, served_tree, status_of

URLS = """
from django.urls import re_path

from shop.api.endpoints.gadgets import GadgetEndpoint

urlpatterns = [
    re_path(r"^(?P<organization_id_or_slug>[^/]+)/gadgets/(?P<gadget_id>\\d+)/$", GadgetEndpoint.as_view()),
]
"""

# takes the route's gadget_id: Django answers 200
FITTING = """
from shop.api.base import answer
from shop.api.bases.organization import OrganizationEndpoint


class GadgetEndpoint(OrganizationEndpoint):
    def get(self, request, organization, gadget_id):
        return answer()
"""

# does not take it: Django answers 500 (a TypeError)
NOT_FITTING = FITTING.replace(", gadget_id)", ")")

# takes gadget_id away and gives gadget
DECORATORS = """
import functools


def with_gadget(handler):
    @functools.wraps(handler)
    def wrapper(self, request, *args, **kwargs):
        kwargs["gadget"] = int(kwargs.pop("gadget_id"))
        return handler(self, request, *args, **kwargs)

    return wrapper
"""
DECORATED = "    @with_gadget\n    def get(self, request, organization, gadget):"
CHANGED = (
    "decorated by with_gadget, which changes the URL arguments before the handler runs; "
    "its parameters are not compared"
)


def _tree(tmp_path: Path, gadgets: str, newer: str, others: dict[str, str] | None = None) -> Path:
    files = {"api/urls.py": URLS, "api/endpoints/gadgets.py": gadgets}
    return served_tree(tmp_path, {**files, "api/endpoints/newer.py": newer, **(others or {})})


def test_a_class_imported_over_is_not_the_view(tmp_path: Path) -> None:
    gadgets = NOT_FITTING + "\n\nfrom shop.api.endpoints.newer import GadgetEndpoint  # noqa\n"
    root = _tree(tmp_path, gadgets, FITTING)
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []


def test_the_imported_class_a_later_import_binds_is_checked(tmp_path: Path) -> None:
    gadgets = FITTING + "\n\nfrom shop.api.endpoints.newer import GadgetEndpoint  # noqa\n"
    root = _tree(tmp_path, gadgets, NOT_FITTING)
    assert status_of(root, "/acme/gadgets/7/") == 500
    result = check_tree(root)
    assert [p.message.partition(": ")[2] for p in result.problems] == [
        "get() does not accept 'gadget_id' (add it or **kwargs)"
    ]


def test_a_class_defined_over_an_import_is_the_view(tmp_path: Path) -> None:
    gadgets = "from shop.api.endpoints.newer import GadgetEndpoint  # noqa\n" + FITTING
    root = _tree(tmp_path, gadgets, NOT_FITTING)
    assert status_of(root, "/acme/gadgets/7/") == 200
    assert check_tree(root).problems == []


def test_a_base_is_the_binding_its_class_statement_sees(tmp_path: Path) -> None:
    """`from x import OrganizationEndpoint` then `class OrganizationEndpoint(OrganizationEndpoint)`:
    the base is x's class, not the class being defined."""
    gadgets = (
        "from shop.api.bases.organization import OrganizationEndpoint\n\n\n"
        "class OrganizationEndpoint(OrganizationEndpoint):\n    pass\n"
        + NOT_FITTING.replace("from shop.api.bases.organization import OrganizationEndpoint", "")
    )
    root = _tree(tmp_path, gadgets, FITTING)
    assert status_of(root, "/acme/gadgets/7/") == 500
    assert [p.message.partition(": ")[2] for p in check_tree(root).problems] == [
        "get() does not accept 'gadget_id' (add it or **kwargs)"
    ]


def test_a_handler_decorator_is_the_binding_its_class_statement_sees(tmp_path: Path) -> None:
    """`from x import with_gadget`, the class using `@with_gadget`, then `def with_gadget`: the
    handler is wrapped by x's, which takes gadget_id and hands `gadget` on."""
    gadgets = (
        "from shop.api.decorators import with_gadget\n"
        + FITTING.replace("    def get(self, request, organization, gadget_id):", DECORATED)
        + "\n\ndef with_gadget(handler):\n    return handler\n"
    )
    root = _tree(tmp_path, gadgets, FITTING, {"api/decorators.py": DECORATORS})
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why for u in result.unresolved] == [CHANGED]


def test_a_handler_decorator_a_later_import_binds_over_is_the_one_applied(
    tmp_path: Path,
) -> None:
    """The module defines with_gadget, decorates the handler with it, then imports a harmless
    with_gadget: the handler is wrapped by its own, which hands `gadget` on."""
    gadgets = (
        DECORATORS
        + FITTING.replace("    def get(self, request, organization, gadget_id):", DECORATED)
        + "\n\nfrom shop.api.plain import with_gadget  # noqa: E402, F811\n"
    )
    plain = "def with_gadget(handler):\n    return handler\n"
    root = _tree(tmp_path, gadgets, FITTING, {"api/plain.py": plain})
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why for u in result.unresolved] == [CHANGED]


HARMLESS = "\n\ndef with_gadget(handler):\n    return handler\n"
DECORATED_GADGETS = FITTING.replace(
    "    def get(self, request, organization, gadget_id):", DECORATED
)
ASSIGNED = "from shop.api import decorators\n\nwith_gadget = decorators.with_gadget\n"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (HARMLESS + DECORATORS, ""),  # two defs: the second is the one the class sees
        (ASSIGNED, HARMLESS),  # `with_gadget = decorators.with_gadget`, a def below the class
    ],
    ids=["second-of-two-defs", "assigned-then-class-then-def"],
)
def test_a_decorator_def_is_the_one_the_class_statement_sees(
    tmp_path: Path, before: str, after: str
) -> None:
    """Each case wraps the handler in the with_gadget that hands `gadget` on: a def above it
    or below the class is not the one applied (never a finding)."""
    gadgets = "from shop.api.base import answer  # noqa\n" + before + DECORATED_GADGETS + after
    root = _tree(tmp_path, gadgets, FITTING, {"api/decorators.py": DECORATORS})
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why.partition(",")[0] for u in result.unresolved] == ["decorated by with_gadget"]


# a class decorator that replaces get() with one taking the route's gadget_id
SWAP = """
from shop.api.base import answer


def swap(cls):
    def get(self, request, organization, gadget_id):
        return answer()

    cls.get = get
    return cls
"""
KEEP = "\n\ndef swap(cls):\n    return cls\n"
SWAPPED = NOT_FITTING.replace("class GadgetEndpoint", "@swap\nclass GadgetEndpoint")


def test_a_class_decorator_defined_again_below_the_class_is_not_the_one_applied(
    tmp_path: Path,
) -> None:
    root = _tree(tmp_path, SWAP + SWAPPED + KEEP, FITTING)
    assert status_of(root, "/acme/gadgets/7/") == 200
    assert check_tree(root).problems == []


def test_a_class_decorator_defined_again_above_the_class_is_judged(tmp_path: Path) -> None:
    root = _tree(tmp_path, SWAP + KEEP + SWAPPED, FITTING)
    assert status_of(root, "/acme/gadgets/7/") == 500
    assert [p.message.partition(": ")[2] for p in check_tree(root).problems] == [
        "get() does not accept 'gadget_id' (add it or **kwargs)"
    ]


def test_a_decorator_defined_again_above_the_class_is_the_one_judged(tmp_path: Path) -> None:
    """The first with_gadget hands `gadget` on, the second (the one applied) does not: the
    handler taking `gadget` is a real fault, reported."""
    gadgets = "from shop.api.base import answer  # noqa\n" + DECORATORS + HARMLESS
    root = _tree(tmp_path, gadgets + DECORATED_GADGETS, FITTING)
    assert status_of(root, "/acme/gadgets/7/") == 500
    assert [p.message.partition(": ")[2] for p in check_tree(root).problems] == [
        "get() does not accept 'gadget_id' (add it or **kwargs)",
        "get() requires 'gadget', which neither the route nor convert_args provides",
    ]


# a base of the same name that takes no organization: a handler under it gets the route's
# organization_id_or_slug as it came
PLAIN = """
from shop.api.base import Endpoint


class PlainEndpoint(Endpoint):
    pass


OrganizationEndpoint = PlainEndpoint
"""
UNDER_PLAIN = FITTING.replace(
    "from shop.api.bases.organization import OrganizationEndpoint\n", "{before}\n"
).replace("organization, gadget_id", "organization_id_or_slug, gadget_id")
STAR_ORGANIZATION = "from shop.api.bases.organization import *  # noqa: F403"
STAR_PLAIN = "from shop.api.plain import *  # noqa: F403, E402"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (STAR_PLAIN, "from shop.api.bases.organization import OrganizationEndpoint  # noqa"),
        (STAR_PLAIN, STAR_ORGANIZATION),
        ("from shop.api.plain import OrganizationEndpoint", STAR_ORGANIZATION),
    ],
    ids=["star-then-class-then-import", "star-then-class-then-star", "import-then-class-then-star"],
)
def test_a_base_bound_again_below_the_class_is_not_the_one_it_has(
    tmp_path: Path, before: str, after: str
) -> None:
    """The class statement sees the plain OrganizationEndpoint: its handler takes the route's
    organization_id_or_slug (200); the one bound below the class is not its base (never a
    finding; where a star import is on either side the base is not followed)."""
    gadgets = UNDER_PLAIN.format(before=before) + "\n\n" + after + "\n"
    root = _tree(tmp_path, gadgets, FITTING, {"api/plain.py": PLAIN})
    assert status_of(root, "/acme/gadgets/7/") == 200
    assert check_tree(root).problems == []
