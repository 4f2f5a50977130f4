"""A handler's decorator a star import brings (`from .decorators import *`) is judged as a
directly imported one is: the star import is followed to the function, so one that takes the
route's `gadget_id` and hands the handler `gadget` is not read as passing the arguments on;
each case is judged by a real request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.served import check_tree, served_tree, status_of
from tests.check.test_last_binding import CHANGED, DECORATORS, URLS

GADGETS = """
from shop.api.base import answer
from shop.api.bases.organization import OrganizationEndpoint
{imports}


class GadgetEndpoint(OrganizationEndpoint):
    @with_gadget
    def get(self, request, organization, gadget):
        return answer()
"""


@pytest.mark.parametrize(
    "imports",
    [
        "from shop.api.decorators import with_gadget",
        "from shop.api.decorators import *  # noqa: F403",
        "from shop.api.helpers import *  # noqa: F403",
    ],
    ids=["imported", "star-imported", "two-stars-away"],
)
def test_a_star_imported_decorator_is_followed(tmp_path: Path, imports: str) -> None:
    files = {
        "api/urls.py": URLS,
        "api/decorators.py": DECORATORS,
        "api/helpers.py": "from shop.api.decorators import *  # noqa: F403\n",
        "api/endpoints/gadgets.py": GADGETS.format(imports=imports),
    }
    root = served_tree(tmp_path, files)
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why for u in result.unresolved] == [CHANGED]


def test_a_star_import_binding_a_decorator_over_an_import_is_followed(tmp_path: Path) -> None:
    """`from plain import with_gadget` then `from .decorators import *`: the star import binds
    the name last, and its with_gadget (taking gadget_id) is the one applied."""
    imports = (
        "from shop.api.plain import with_gadget\n"
        "from shop.api.decorators import *  # noqa: F403, E402, F811"
    )
    files = {
        "api/urls.py": URLS,
        "api/decorators.py": DECORATORS,
        "api/plain.py": "def with_gadget(handler):\n    return handler\n",
        "api/endpoints/gadgets.py": GADGETS.format(imports=imports),
    }
    root = served_tree(tmp_path, files)
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why for u in result.unresolved] == [CHANGED]
