"""A module-level name is bound by the last statement binding it, as Python runs the module:
a class the module defines and then imports over (or an import it then defines over) is the
later one, for a route's view as for a base; each case is judged by a real request."""

from __future__ import annotations

from pathlib import Path

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


def _tree(tmp_path: Path, gadgets: str, newer: str) -> Path:
    return served_tree(
        tmp_path,
        {
            "api/urls.py": URLS,
            "api/endpoints/gadgets.py": gadgets,
            "api/endpoints/newer.py": newer,
        },
    )


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
