"""Class decorators that look harmless at a glance but change what Django calls: each is left
unjudged (an unresolved entry, no param-mismatch). Django answers the `.csv` route of each
fixture below without calling get() with `suffix`, or with a get() that takes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_class_decorators import MISMATCH, STATS, SUFFIXED, _check, _mismatches
from tests.check.trees import write_tree

DROPPING = """
def stamped(cls):
    original = cls.convert_args

    def convert_args(self, request, *args, **kwargs):
        kwargs.pop("suffix", None)
        return original(self, request, *args, **kwargs)

    cls.convert_args = convert_args
    return cls
"""

# `_drop` of the handlers' module is DROPPING's `stamped`
UNPROVEN = DROPPING.replace("def stamped", "def _drop") + """
from django.utils.decorators import method_decorator

HANDLER = "get"


def drop_suffix_view(view):
    def inner(request, *args, **kwargs):
        kwargs.pop("suffix", None)
        return view(request, *args, **kwargs)

    return inner


def _dropping_suffix(marker):
    def decorate(cls):
        return _drop(marker(cls))

    return decorate


@_dropping_suffix
def marked(cls):
    cls.marked = True
    return cls


async def awaited(cls):
    return cls


def _plain_get(cls):
    def get(self, request, organization, suffix=None):
        return None

    cls.get = get
    return cls


def tagged(plain=False):
    def mark(cls):
        return cls

    if plain:
        mark = _plain_get
    return mark


class Zone:
    def __call__(self, cls):
        self.install(cls)
        return cls

    @staticmethod
    def install(self, unused=None):
        # `self` is the endpoint class here
        self.convert_args = _drop(self).convert_args
        return unused


static_zone = Zone()


def closed_to_get(cls):
    cls.http_method_names.remove("get")
    return cls


def first_dropped(cls):
    del cls.http_method_names[0]
    return cls


def _pop_suffix(self, request):
    self.kwargs.pop("suffix", None)  # the dict dispatch hands on to convert_args


def checked(cls):
    cls.check_permissions = _pop_suffix
    return cls


class Converting:
    def __call__(self, cls):
        return type(cls.__name__, (cls,), {"convert_args": self.override(cls.convert_args)})

    def override(self, original):
        def convert_args(*args, **kwargs):
            converted = original(*args, **kwargs)
            converted[1].pop("suffix", None)
            return converted

        return convert_args


class Narrowing:
    def __call__(self, cls):
        return type(cls.__name__, (cls,), {"dispatch": self.override(cls.dispatch)})

    def override(self, original):
        def dispatch(self, request, *args, **kwargs):
            self.http_method_names = ["post"]  # `self` is the view here
            return original(self, request, *args, **kwargs)

        return dispatch


converting = Converting()
narrowing = Narrowing()
"""


NAMES = "HANDLER awaited drop_suffix_view marked static_zone tagged"
NAMES += " checked closed_to_get converting first_dropped narrowing"
IMPORTS = f"from shop.api.unproven import {', '.join(NAMES.split())}\n"


def _unresolved(tmp_path: Path, decorator: str, files: dict[str, str] | None = None) -> str:
    """The why of the one unresolved entry about the stats endpoint; no param-mismatch."""
    imports = f"from django.utils.decorators import method_decorator\n{IMPORTS}"
    stats = STATS.format(decorator=decorator, imports=imports)
    given = {"api/unproven.py": UNPROVEN, "api/endpoints/organization_stats.py": stats}
    root = write_tree(tmp_path, {**given, "api/urls.py": SUFFIXED, **(files or {})})
    result = _check(root)
    assert _mismatches(result) == []
    (found,) = [u for u in result.unresolved if u.what.startswith("OrganizationStatsEndpoint")]
    return f"{found.what}: {found.why}"


def test_method_decorator_naming_its_method_by_position_decorates_that_method(
    tmp_path: Path,
) -> None:
    """`method_decorator(x, "get")` wraps get() as `name="get"` does; it was read as a
    decorator of the class that only records."""
    why = _unresolved(tmp_path, '@method_decorator(drop_suffix_view, "get")')
    assert why.startswith("OrganizationStatsEndpoint.get: decorated by drop_suffix_view, ")


def test_method_decorator_naming_its_method_by_code_is_not_followed(tmp_path: Path) -> None:
    why = _unresolved(tmp_path, "@method_decorator(drop_suffix_view, name=HANDLER)")
    assert why == (
        "OrganizationStatsEndpoint: decorated by method_decorator, which names the method it "
        "wraps by code the reader does not follow; its handlers are not compared"
    )


@pytest.mark.parametrize(
    ("decorator", "name"),
    [
        ("@marked", "marked"),  # decorated itself: what decorates it replaces convert_args
        ("@awaited", "awaited"),  # async: the class becomes a coroutine
        ("@tagged(plain=True)", "tagged"),  # the name it returns is bound twice
        ("@static_zone", "static_zone"),  # a staticmethod's first parameter is the class
    ],
)
def test_a_class_decorator_whose_functions_are_decorated_or_rebound_is_not_followed(
    tmp_path: Path, decorator: str, name: str
) -> None:
    why = _unresolved(tmp_path, decorator)
    assert why == (
        f"OrganizationStatsEndpoint: decorated by {name}, which may set or replace what Django "
        "calls; its handlers are not compared"
    )


@pytest.mark.parametrize(
    ("decorator", "name"),
    [
        ("@closed_to_get", "closed_to_get"),  # a method of what the class holds, called
        ("@first_dropped", "first_dropped"),  # an item of what it holds, deleted
        ("@checked", "checked"),  # a method DRF calls, replaced
        ("@converting", "converting"),  # convert_args' answer changed on its way back
        ("@narrowing", "narrowing"),  # the view's http_method_names, set in the dispatch
    ],
)
def test_a_class_decorator_changing_what_the_class_holds_or_answers_is_not_followed(
    tmp_path: Path, decorator: str, name: str
) -> None:
    """Each was taken as harmless: a call on `cls.x` as a read, `check_permissions` as a
    name Django never calls, a wrapper handing on `*args, **kwargs` as proof of what it
    returns, and `self.x = ...` in any function of a decorator's class as the decorator's."""
    why = _unresolved(tmp_path, decorator)
    assert why == (
        f"OrganizationStatsEndpoint: decorated by {name}, which may set or replace what Django "
        "calls; its handlers are not compared"
    )


PLAIN = """
def stamped(cls):
    cls.stamped = True
    return cls
"""


TRY_RICHER = PLAIN + """

try:  # the richer one, when it is there
    from shop.api.marks.dropping import stamped
except ImportError:
    pass
"""

UNLISTED = 'other = 1\n__all__ = ["other"]\n'


def _marks(tmp_path: Path, stars: str, plain: str = PLAIN) -> dict[str, str]:
    """`stamped` of the endpoint's module comes through `from shop.api.marks.all import *`,
    above the base's import (which a star import after it could rebind)."""
    star = "from shop.api.marks.all import *\n"
    stats = star + STATS.format(decorator="@stamped", imports="")
    return {
        "api/marks/__init__.py": "",
        "api/marks/plain.py": plain,
        "api/marks/dropping.py": DROPPING,
        "api/marks/all.py": stars,
        "api/endpoints/organization_stats.py": stats,
    }


@pytest.mark.parametrize(
    ("stars", "plain", "why"),
    [  # Python binds what the last star import exporting the name brings
        ("from .plain import *\nfrom .dropping import *\n", PLAIN, "may set or replace"),
        ("from .plain import *\nfrom .dropping import *\n", PLAIN + UNLISTED, "may set or "),
        ("from .dropping import *\nfrom .plain import *\n", PLAIN + UNLISTED, "may set or "),
        ("from .dropping import *\nfrom .plain import *\n", PLAIN + "__all__ = dir()\n", "is bo"),
        ("from .richer import *\n", TRY_RICHER, "is bound by code the reader does not follow"),
    ],
    ids=["last-star", "not-in-all", "all-says-not", "all-by-code", "rebound-under-try"],
)
def test_a_class_decorator_is_the_one_python_binds_through_star_imports(
    tmp_path: Path, stars: str, plain: str, why: str
) -> None:
    """The last star import exporting the name binds it (a literal `__all__` says what a
    module exports); one rebound under a `try`, or exported by an `__all__` of code, is not
    followed. The first star import providing the name was taken."""
    files = _marks(tmp_path, stars, plain)
    files["api/marks/richer.py"] = TRY_RICHER
    found = _unresolved(tmp_path, "@stamped", files)
    assert found.startswith(f"OrganizationStatsEndpoint: decorated by stamped, which {why}")


def test_a_harmless_decorator_bound_last_by_a_star_import_keeps_the_handlers(
    tmp_path: Path,
) -> None:
    files = _marks(tmp_path, "from .dropping import *\nfrom .plain import *\n")
    root = write_tree(tmp_path, {**files, "api/urls.py": SUFFIXED})
    assert _mismatches(_check(root)) == [MISMATCH]
