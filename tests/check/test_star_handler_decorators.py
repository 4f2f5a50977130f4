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
        # the star import binds the name last: its with_gadget is the one applied
        "from shop.api.plain import with_gadget\nfrom shop.api.decorators import *  # noqa",
    ],
    ids=["imported", "star-imported", "two-stars-away", "star-imported-over-an-import"],
)
def test_a_star_imported_decorator_is_followed(tmp_path: Path, imports: str) -> None:
    files = {
        "api/urls.py": URLS,
        "api/decorators.py": DECORATORS,
        "api/helpers.py": "from shop.api.decorators import *  # noqa: F403\n",
        "api/plain.py": "def with_gadget(handler):\n    return handler\n",
        "api/endpoints/gadgets.py": GADGETS.format(imports=imports),
    }
    root = served_tree(tmp_path, files)
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why for u in result.unresolved] == [CHANGED]


HARMLESS = "def with_gadget(handler):\n    return handler\n"
GADGETS_ONLY = GADGETS.format(imports="")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # the star import's with_gadget decorates; a def of the name below the class does not
        ("from shop.api.decorators import *  # noqa: F403\n", HARMLESS),
        # the module's own with_gadget decorates; a star import below the class does not
        (DECORATORS, "from shop.api.plain import *  # noqa: F403, E402\n"),
        # the first star import's with_gadget decorates; a second one below the class does not
        (
            "from shop.api.decorators import *  # noqa: F403\n",
            "from shop.api.plain import *  # noqa: F403, E402\n",
        ),
    ],
    ids=["star-then-class-then-def", "def-then-class-then-star", "star-then-class-then-star"],
)
def test_a_decorator_bound_again_below_the_class_is_not_the_one_applied(
    tmp_path: Path, before: str, after: str
) -> None:
    """What decorates a handler is what the name is bound to when the class statement runs,
    not the module's last binding of it; where a star import is on either side the reader
    does not say which one (never a finding)."""
    files = {
        "api/urls.py": URLS,
        "api/decorators.py": DECORATORS,
        "api/plain.py": HARMLESS,
        "api/endpoints/gadgets.py": before + GADGETS_ONLY + "\n\n" + after,
    }
    root = served_tree(tmp_path, files)
    assert status_of(root, "/acme/gadgets/7/") == 200
    result = check_tree(root)
    assert result.problems == []
    assert [u.why.partition(",")[0] for u in result.unresolved] == ["decorated by with_gadget"]
