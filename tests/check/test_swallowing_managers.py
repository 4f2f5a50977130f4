"""A `with` whose context manager may swallow an exception ends its body anywhere, as
`contextlib.suppress` does: a class of the tree whose `__exit__` returns True, a generator
manager catching what its `yield` raises, or a manager the reader does not know; what the body
sets in kwargs is then maybe set. Django's `transaction.atomic` swallows nothing. Each case is
judged by a real request: a gadget `0` is not found, and the exception is swallowed or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.served import check_tree, served_tree, status_of
from tests.check.test_last_binding import URLS

GADGETS = """
import contextlib

from django.db import transaction

from shop.api.base import answer
from shop.api.bases.organization import OrganizationEndpoint
from shop.api.quiet import Quietly, quiet


def find_gadget(gadget_id):
    if gadget_id == "0":
        raise LookupError(gadget_id)
    return int(gadget_id)


class GadgetEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, gadget_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        with {manager}:
            kwargs["gadget"] = find_gadget(gadget_id)
        return (args, kwargs)

    def get(self, request, organization):
        return answer()
"""

QUIET = """
import contextlib


class Quietly:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True


@contextlib.contextmanager
def quiet():
    try:
        yield
    except LookupError:
        pass
"""

NOT_TAKEN = "GadgetEndpoint: get() does not accept 'gadget' (add it or **kwargs)"


def _served(tmp_path: Path, manager: str) -> Path:
    files = {
        "api/urls.py": URLS,
        "api/quiet.py": QUIET,
        "api/endpoints/gadgets.py": GADGETS.format(manager=manager),
    }
    return served_tree(tmp_path, files)


@pytest.mark.parametrize(
    "manager",
    ["contextlib.suppress(LookupError)", "Quietly()", "quiet()", "contextlib.nullcontext()"],
    ids=["suppress", "exit-returns-true", "generator-catches", "outside-the-tree"],
)
def test_a_manager_that_may_swallow_makes_what_its_body_sets_maybe(
    tmp_path: Path, manager: str
) -> None:
    root = _served(tmp_path, manager)
    if manager != "contextlib.nullcontext()":  # it does not, but the reader cannot know it
        assert status_of(root, "/acme/gadgets/0/") == 200  # swallowed: no gadget, get() runs
    assert status_of(root, "/acme/gadgets/7/") == 500
    result = check_tree(root)
    assert result.problems == []


def test_transaction_atomic_swallows_nothing(tmp_path: Path) -> None:
    root = _served(tmp_path, "transaction.atomic(durable=False, using=None, savepoint=False)")
    assert status_of(root, "/acme/gadgets/7/") == 500
    assert [p.message for p in check_tree(root).problems] == [NOT_TAKEN]
