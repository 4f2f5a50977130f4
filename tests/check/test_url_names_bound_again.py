"""A route list holds the view its entries name when the list is built: a name the URL module
binds again below the list (an import of another class of that name) is not what the route
serves. Judged by a real request: the class imported above fits the route (200)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.served import check_tree, served_tree, status_of
from tests.check.test_last_binding import FITTING, NOT_FITTING

URLS = """
from django.urls import re_path

{before}

urlpatterns = [
    re_path(r"^(?P<organization_id_or_slug>[^/]+)/gadgets/(?P<gadget_id>\\d+)/$", GadgetEndpoint.as_view()),
]

{after}
"""
REBOUND = "GadgetEndpoint is bound again at line {line}, below the route naming it"


@pytest.mark.parametrize(
    "before",
    [
        "from shop.api.endpoints.gadgets import GadgetEndpoint",
        "from shop.api.endpoints.gadgets import *  # noqa: F403",
    ],
    ids=["imported", "star-imported"],
)
def test_a_view_imported_again_below_the_list_is_not_the_one_served(
    tmp_path: Path, before: str
) -> None:
    after = "from shop.api.endpoints.newer import GadgetEndpoint  # noqa: E402, F811"
    files = {
        "api/urls.py": URLS.format(before=before, after=after),
        "api/endpoints/gadgets.py": FITTING,
        "api/endpoints/newer.py": NOT_FITTING,
    }
    root = served_tree(tmp_path, files)
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why for u in result.unresolved] == [REBOUND.format(line=9)]


def test_a_view_imported_again_from_the_same_place_is_checked(tmp_path: Path) -> None:
    """The same import written again below the list binds the same class: the route is
    checked (a real fault: the class does not take gadget_id, 500)."""
    imported = "from shop.api.endpoints.gadgets import GadgetEndpoint  # noqa: E402, F811"
    files = {
        "api/urls.py": URLS.format(before=imported, after=imported),
        "api/endpoints/gadgets.py": NOT_FITTING,
    }
    root = served_tree(tmp_path, files)
    assert status_of(root, "/acme/gadgets/7/") == 500
    assert [p.message for p in check_tree(root).problems] == [
        "GadgetEndpoint: get() does not accept 'gadget_id' (add it or **kwargs)"
    ]
