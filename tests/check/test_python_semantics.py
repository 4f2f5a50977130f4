"""param-mismatch follows what Python and Django do with the classes as written: the method
resolution order is C3's (a mixin listed again, a mixin after the base), an early `return` in
convert_args leaves what follows it maybe, a base's own `as_view` is not followed, and OPTIONS
is answered by a dispatch the tree wraps."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_flow_false_alarms import DETAILS, INDEX, run
from tests.check.trees import BASE

THING_ROUTE = (r"^(?P<organization_id_or_slug>[^/]+)/things/(?P<thing_id>\d+)/$", "ThingEndpoint")

MIXIN_LISTED_AGAIN = """
class ThingGetMixin:
    def get(self, request, organization, thing_id):
        return None


class LegacyThingBase(OrganizationEndpoint):
    def get(self, request, organization):
        return None


class ThingBase(ThingGetMixin, LegacyThingBase):
    pass


class ThingEndpoint(ThingBase, ThingGetMixin):
    pass
"""


def test_handlers_come_in_c3_order_when_a_mixin_is_listed_again(tmp_path: Path) -> None:
    # Python: ThingEndpoint, ThingBase, ThingGetMixin, LegacyThingBase, ...: the mixin's get
    found, unresolved = run(tmp_path, MIXIN_LISTED_AGAIN, [THING_ROUTE])
    assert found == []
    assert unresolved == []
    # ... and the other way round, the legacy get is the one Django calls, and it fails
    swapped = MIXIN_LISTED_AGAIN.replace(
        "class ThingBase(ThingGetMixin, LegacyThingBase)", "class ThingBase(LegacyThingBase)"
    ).replace("class ThingEndpoint(ThingBase, ThingGetMixin)", "class ThingEndpoint(ThingBase)")
    found, _ = run(tmp_path, swapped, [THING_ROUTE])
    assert [message for message, _ in found] == [
        "r0: get() does not accept 'thing_id' (add it or **kwargs)"
    ]


READ_ONLY_AFTER_THE_BASE = """
class ReadOnlyMixin:
    http_method_names = ["get", "head", "options"]


class ThingEndpoint(OrganizationEndpoint, ReadOnlyMixin):
    def get(self, request, organization):
        return None

    def post(self, request):
        return None
"""


def test_http_method_names_of_a_mixin_after_the_base_is_djangos_own(tmp_path: Path) -> None:
    # View.http_method_names comes before the mixin's in Python's order: POST reaches post()
    found, _ = run(tmp_path, READ_ONLY_AFTER_THE_BASE, [INDEX])
    assert [message for message, _ in found] == [
        "r0: post() does not accept 'organization' (add it or **kwargs)"
    ]
    before = READ_ONLY_AFTER_THE_BASE.replace(
        "(OrganizationEndpoint, ReadOnlyMixin)", "(ReadOnlyMixin, OrganizationEndpoint)"
    )
    found, _ = run(tmp_path, before, [INDEX])
    assert found == []  # listed first, the mixin's list holds: POST is answered 405


EARLY_RETURN = """
class MaybeThingEndpoint(OrganizationEndpoint):
    needs_thing = True

    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        if not self.needs_thing:
            return (args, kwargs)
        kwargs["thing"] = lookup(kwargs.pop("thing_id"))
        return (args, kwargs)


class ThingEndpoint(MaybeThingEndpoint):
    needs_thing = False

    def get(self, request, organization):
        return None
"""


def test_what_follows_an_early_return_in_convert_args_is_maybe(tmp_path: Path) -> None:
    found, _ = run(tmp_path, EARLY_RETURN, [INDEX])
    assert found == []
    # what comes before the return is still certain: a route without the organization fails
    found, _ = run(tmp_path, EARLY_RETURN, [(r"^things/$", "ThingEndpoint")])
    assert [message for message, _ in found] == [
        "r0: convert_args needs organization_id_or_slug, which the route does not capture"
    ]


OWN_AS_VIEW = """
class LegacyParamEndpoint(OrganizationEndpoint):
    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)

        def legacy_view(request, *args, **kwargs):
            kwargs.pop("thing_id", None)
            return view(request, *args, **kwargs)

        return legacy_view


class ThingEndpoint(LegacyParamEndpoint):
    def get(self, request, organization):
        return None
"""


def test_a_base_with_its_own_as_view_is_not_followed(tmp_path: Path) -> None:
    found, unresolved = run(tmp_path, OWN_AS_VIEW, [DETAILS])
    assert found == []
    assert [(u.what, u.why) for u in unresolved] == [
        (
            "LegacyParamEndpoint.as_view",
            (
                "the view Django calls is built here and may change the URL arguments; the "
                "handlers are not compared"
            ),
        )
    ]


CORS_BASE = BASE.replace(
    "class Endpoint:",
    "def allow_cors_options(func):\n    return func\n\n\nclass Endpoint:",
).replace(
    "    def convert_args(",
    "    @allow_cors_options\n    def dispatch(self, request, *args, **kwargs):\n"
    "        return None\n\n    def convert_args(",
)

WITH_OPTIONS = """
class ThingEndpoint(OrganizationEndpoint):
    def get(self, request, organization):
        return None

    def options(self, request):
        return None
"""


def test_options_is_not_compared_where_the_roots_dispatch_is_wrapped(tmp_path: Path) -> None:
    found, _ = run(tmp_path, WITH_OPTIONS, [INDEX], {"api/base.py": CORS_BASE})
    assert found == []
    # a root dispatch as DRF's: OPTIONS reaches options()
    found, _ = run(tmp_path, WITH_OPTIONS, [INDEX])
    assert [message for message, _ in found] == [
        "r0: options() does not accept 'organization' (add it or **kwargs)"
    ]


def test_a_positional_only_parameter_is_not_given_by_name(tmp_path: Path) -> None:
    things = """
class ThingEndpoint(OrganizationEndpoint):
    def get(self, request, organization, /):
        return None
"""
    found, _ = run(tmp_path, things, [INDEX])
    assert [message for message, _ in found] == [
        (
            "r0: get() takes 'organization' by position only, and Django passes it by name "
            "(move it after the /)"
        )
    ]
    keyword = things.replace(", /)", ")")
    assert run(tmp_path, keyword, [INDEX])[0] == []


NESTED_DEF = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)

        def fill():
            kwargs["thing"] = lookup(kwargs.pop("thing_id"))

        fill()
        return (args, kwargs)

    def get(self, request, organization, thing):
        return None
"""


def test_a_function_defined_inside_convert_args_is_read_as_written(tmp_path: Path) -> None:
    """The reader keeps convert_args whole, functions defined inside it too: one using kwargs
    is not followed (it was blanked as any other function body, and its effect lost)."""
    found, unresolved = run(tmp_path, NESTED_DEF, [DETAILS])
    assert found == []
    assert [(u.what, u.why) for u in unresolved] == [
        ("ThingEndpoint.convert_args", "uses kwargs in a functiondef statement (line 11)")
    ]


@pytest.mark.parametrize("name", ["request", "self"])
def test_a_group_named_as_the_view_functions_own_argument_is_found(
    tmp_path: Path, name: str
) -> None:
    """Django calls `view(request, *args, **kwargs)` and the view `self.dispatch(request, ...)`:
    a URL group named `request` or `self` is passed twice, whatever the handlers take."""
    things = """
class ThingEndpoint(OrganizationEndpoint):
    def get(self, request, organization, **kwargs):
        return None
"""
    found, _ = run(tmp_path, things, [(INDEX[0].replace("$", f"(?P<{name}>[^/]+)/$"), INDEX[1])])
    assert [message for message, _ in found] == [
        (
            f"r0: the route passes {name!r}, which Django's view function already takes "
            "(TypeError: multiple values); rename it"
        )
    ]


@pytest.mark.parametrize(("default", "named"), [("", True), ("=None", False)])
def test_a_required_parameter_an_optional_group_feeds_is_named_not_judged(
    tmp_path: Path, default: str, named: bool
) -> None:
    """`(?:(?P<thing_id>\\d+)/)?`: Django 2.0 on passes no `thing_id` for `things/`, 1.x passes
    None. A handler requiring it fails on one and not the other: named, no finding."""
    things = f"""
class ThingEndpoint(OrganizationEndpoint):
    def get(self, request, organization, thing_id{default}):
        return None
"""
    route = (INDEX[0].replace("$", r"(?:(?P<thing_id>\\d+)/)?$"), INDEX[1])
    found, unresolved = run(tmp_path, things, [route])
    assert found == []
    assert [u.why.split(",")[0] for u in unresolved] == (
        ["get() requires thing_id"] if named else []
    )


@pytest.mark.parametrize(
    ("handler", "found"),
    [
        ("def get(self, request):", True),
        ("def get(self, request, key):", False),
        ("def get(self, request, *args):", False),
    ],
)
def test_objects_convert_args_returns_in_args_reach_the_handler_by_position(
    tmp_path: Path, handler: str, found: bool
) -> None:
    """Sentry's dispatch calls `handler(request, *args, **kwargs)` with what convert_args
    returns: a value appended to `args` is one more positional argument."""
    things = f"""
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        kwargs.pop("organization")
        return ((*args, "key"), kwargs)

    {handler}
        return None
"""
    messages = [message for message, _ in run(tmp_path, things, [INDEX])[0]]
    expected = (
        "r0: get() takes 0 positional argument(s) after request, and convert_args returns 1 "
        "in args (TypeError)"
    )
    assert messages == ([expected] if found else [])
