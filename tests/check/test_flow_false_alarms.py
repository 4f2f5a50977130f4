"""param-mismatch makes a finding only where Django + DRF would really fail: the convert_args
chain is run per route (written-back parameters, conditional injections, chains that stop,
positional flow, renamed dicts), and what it cannot follow is recorded, not reported."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from scaffold.pysource.unresolved import Unresolved
from tests.check.trees import write_tree

ORG = r"^(?P<organization_id_or_slug>[^/]+)"
HEADER = """
from shop.api.base import Endpoint
from shop.api.bases.organization import OrganizationEndpoint
from shop.models import lookup


"""


def urls(routes: list[tuple[str, str]]) -> str:
    entries = "".join(
        f'    re_path(r"{pattern}", {cls}.as_view(), name="r{i}"),\n'
        for i, (pattern, cls) in enumerate(routes)
    )
    names = sorted({cls for _, cls in routes})
    return (
        "from django.urls import include, re_path\n\n"
        f"from shop.api.endpoints.things import {', '.join(names)}\n\n"
        f"ORGANIZATION_URLS = [\n{entries}]\n\n"
        'urlpatterns = [re_path(r"^organizations/", include(ORGANIZATION_URLS))]\n'
    )


def check(tmp_path: Path, things: str, routes: list[tuple[str, str]]) -> list[str]:
    """The param-mismatch messages, each prefixed with its route's index (`r0: ...`)."""
    return [message for message, _ in run(tmp_path, things, routes)[0]]


def run(
    tmp_path: Path,
    things: str,
    routes: list[tuple[str, str]],
    others: dict[str, str] | None = None,
) -> tuple[list[tuple[str, int]], list[Unresolved]]:
    """Findings and unresolved places; `others`: more files of the tree (src/shop/ relative)."""
    files = {"api/endpoints/things.py": HEADER + things, "api/urls.py": urls(routes)}
    files |= others or {}
    root = write_tree(tmp_path, files)
    config = load_check_config(root, {}, ["param-mismatch"], [], None)
    result = run_check(load_settings(root), config, None)
    found = [(f"{p.symbol}: {p.message.partition(': ')[2]}", p.line) for p in result.problems]
    return found, result.unresolved


WRITTEN_BACK = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, thing_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        kwargs["thing"] = lookup(thing_id)
        kwargs["thing_id"] = thing_id
        return (args, kwargs)

    def get(self, request, organization, thing, thing_id):
        return None
"""


def test_a_parameter_taken_then_written_back_reaches_the_handlers(tmp_path: Path) -> None:
    assert (
        check(tmp_path, WRITTEN_BACK, [(ORG + "/things/(?P<thing_id>[^/]+)/$", "ThingEndpoint")])
        == []
    )


def test_a_written_back_parameter_the_handler_does_not_take_is_found(tmp_path: Path) -> None:
    things = WRITTEN_BACK.replace(", thing, thing_id):", ", thing):")
    found = check(tmp_path, things, [(ORG + "/things/(?P<thing_id>[^/]+)/$", "ThingEndpoint")])
    assert found == ["r0: get() does not accept 'thing_id' (add it or **kwargs)"]


def test_a_renamed_group_is_still_found(tmp_path: Path) -> None:
    """Recall: a route whose group was renamed breaks a correctly wired endpoint."""
    found = check(
        tmp_path, WRITTEN_BACK, [(ORG + "/things/(?P<thing_slug>[^/]+)/$", "ThingEndpoint")]
    )
    assert found == ["r0: convert_args needs thing_id, which the route does not capture"]
    renamed_org = r"^(?P<organization_slug>[^/]+)/things/(?P<thing_id>[^/]+)/$"
    found = check(tmp_path, WRITTEN_BACK, [(renamed_org, "ThingEndpoint")])
    assert found == [
        "r0: convert_args needs organization_id_or_slug, which the route does not capture"
    ]


OPTIONAL = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, thing_id=None, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        if thing_id:
            kwargs["thing"] = lookup(thing_id)
        return (args, kwargs)

    def get(self, request, organization):
        return None
"""
INDEX = (ORG + "/things/$", "ThingEndpoint")
DETAILS = (ORG + "/things/(?P<thing_id>[^/]+)/$", "ThingEndpoint")


def test_an_injection_under_a_parameter_default_is_decided_per_route(tmp_path: Path) -> None:
    assert check(tmp_path, OPTIONAL, [INDEX, DETAILS]) == [
        "r1: get() does not accept 'thing' (add it or **kwargs)"
    ]


def test_presence_tests_on_kwargs_are_decided_per_route(tmp_path: Path) -> None:
    for test in (
        '"thing_id" in kwargs',
        'kwargs.get("thing_id")',
        'kwargs.get("thing_id") is not None',
    ):
        things = (
            OPTIONAL.replace("thing_id=None, *args", "*args")
            .replace("if thing_id:", f"if {test}:")
            .replace("lookup(thing_id)", 'lookup(kwargs.pop("thing_id"))')
        )
        assert check(tmp_path, things, [INDEX, DETAILS]) == [
            "r1: get() does not accept 'thing' (add it or **kwargs)"
        ], test


def test_super_called_only_when_an_optional_parameter_is_present(tmp_path: Path) -> None:
    things = """
class NewsEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug=None, *args, **kwargs):
        if organization_id_or_slug:
            args, kwargs = super().convert_args(request, organization_id_or_slug)
        return (args, kwargs)

    def get(self, request, organization=None):
        return None

    def post(self, request):
        return None
"""
    routes = [("^news/$", "NewsEndpoint"), (ORG + "/news/$", "NewsEndpoint")]
    assert check(tmp_path, things, routes) == [
        "r1: post() does not accept 'organization' (add it or **kwargs)"
    ]


def test_an_injection_under_any_other_condition_is_maybe_either_way(tmp_path: Path) -> None:
    things = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        if request.GET.get("full"):
            kwargs["extra"] = lookup(request)
        return (args, kwargs)

    def get(self, request, organization):
        return None

    def post(self, request, organization, extra):
        return None
"""
    assert check(tmp_path, things, [INDEX]) == []


def test_an_override_that_does_not_call_super_stops_the_chain(tmp_path: Path) -> None:
    things = """
class RawEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        return (args, kwargs)

    def get(self, request, organization_id_or_slug, thing_id):
        return None
"""
    route = (ORG + "/raw/(?P<thing_id>[^/]+)/$", "RawEndpoint")
    assert check(tmp_path, things, [route]) == []
    assert check(tmp_path, things.replace(", thing_id):", "):"), [route]) == [
        "r0: get() does not accept 'thing_id' (add it or **kwargs)"
    ]


def test_super_on_some_paths_only_makes_the_parents_effects_maybe(tmp_path: Path) -> None:
    things = """
class RawEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        if request.user.is_staff:
            return (args, kwargs)
        return super().convert_args(request, *args, **kwargs)

    def get(self, request, organization):
        return None

    def post(self, request, organization_id_or_slug):
        return None
"""
    assert check(tmp_path, things, [(ORG + "/raw/$", "RawEndpoint")]) == []


def test_a_base_earlier_in_the_mro_that_does_not_call_super_stops_the_chain(
    tmp_path: Path,
) -> None:
    """Diamond: the team base later in the MRO would need a group this route does not have."""
    things = """
class TeamEndpoint(Endpoint):
    def convert_args(self, request, organization_id_or_slug, team_id_or_slug, *args, **kwargs):
        kwargs["team"] = lookup(team_id_or_slug)
        return (args, kwargs)


class TeamDetailsEndpoint(TeamEndpoint):
    pass


class DirectoryEndpoint(OrganizationEndpoint):
    pass


class DirectoryTeamDetails(DirectoryEndpoint, TeamDetailsEndpoint):
    def convert_args(self, request, organization_id_or_slug, team_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug)
        kwargs["team"] = lookup(kwargs["organization"], team_id)
        return (args, kwargs)

    def get(self, request, organization, team):
        return None
"""
    route = (ORG + "/directory/teams/(?P<team_id>[^/]+)/$", "DirectoryTeamDetails")
    assert check(tmp_path, things, [route]) == []


def test_a_consumed_parameter_passed_on_positionally_reaches_the_handler(tmp_path: Path) -> None:
    things = """
class MappingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, mapping_id, *args, **kwargs):
        args, kwargs = super().convert_args(
            request, organization_id_or_slug, mapping_id, *args, **kwargs
        )
        kwargs["mapping"] = lookup(kwargs["organization"], mapping_id)
        return (args, kwargs)

    def put(self, request, mapping_id, organization, mapping):
        return None
"""
    route = (ORG + "/mappings/(?P<mapping_id>[^/]+)/$", "MappingEndpoint")
    assert check(tmp_path, things, [route]) == []
    missing = things.replace(
        "def put(self, request, mapping_id,", "def put(self, request, *, where,"
    )
    assert check(tmp_path, missing, [route]) == [  # and `mapping_id` comes by position
        "r0: put() requires 'where', which neither the route nor convert_args provides",
        (
            "r0: put() takes 0 positional argument(s) after request, and convert_args returns 1 "
            "in args (TypeError)"
        ),
    ]


def test_values_written_into_a_renamed_dict_reach_the_handlers(tmp_path: Path) -> None:
    things = """
class ActionEndpoint(OrganizationEndpoint):
    def convert_args(self, request, action_id, *args, **kwargs):
        parsed_args, parsed_kwargs = super().convert_args(request, *args, **kwargs)
        found = parsed_kwargs
        found["action"] = lookup(parsed_kwargs["organization"], action_id)
        return (parsed_args, parsed_kwargs)

    def get(self, request, organization, action):
        return None
"""
    route = (ORG + "/actions/(?P<action_id>[^/]+)/$", "ActionEndpoint")
    assert check(tmp_path, things, [route]) == []
    assert check(tmp_path, things.replace(", action):", "):"), [route]) == [
        "r0: get() does not accept 'action' (add it or **kwargs)"
    ]


UPDATED = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, thing_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        UPDATE
        return (args, kwargs)

    def get(self, request, organization, thing, owner):
        return None
"""


def test_keys_given_to_kwargs_update_are_injected_like_stores(tmp_path: Path) -> None:
    route = (ORG + "/things/(?P<thing_id>[^/]+)/$", "ThingEndpoint")
    for update in [
        'kwargs.update({"thing": lookup(thing_id), "owner": request.user})',
        "kwargs.update(thing=lookup(thing_id), owner=request.user)",
        'kwargs.update({"thing": lookup(thing_id)}, owner=request.user)',
    ]:
        things = UPDATED.replace("UPDATE", update)
        assert run(tmp_path, things, [route]) == ([], []), update
        lacking = things.replace(", thing, owner):", ", thing):")
        found, unresolved = run(tmp_path, lacking, [route])
        assert found == [("r0: get() does not accept 'owner' (add it or **kwargs)", 6)], update
        assert unresolved == [], update


def test_what_cannot_be_followed_is_recorded_once_per_class_not_reported(tmp_path: Path) -> None:
    for line, why in [
        ("kwargs[request.GET['k']] = 1", "stores kwargs[...] under a key not known here"),
        ("kwargs.update(extra())", "calls kwargs.update(...)"),
        ("kwargs.update(**extra())", "calls kwargs.update(...)"),
        ("annotate(request, kwargs)", "passes kwargs to annotate(...)"),
    ]:
        things = f"""
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        {line}
        return (args, kwargs)

    def get(self, request):
        return None
"""
        found, unresolved = run(tmp_path, things, [INDEX, INDEX[:1] + ("ThingEndpoint",)])
        assert found == [], line
        relpath = "src/shop/api/endpoints/things.py"
        assert unresolved == [
            Unresolved(relpath, 8, "ThingEndpoint.convert_args", f"{why} (line 10)")
        ], line


def test_a_generic_mixin_is_followed_past_typing_generic(tmp_path: Path) -> None:
    """`typing.Generic` lies outside the tree but defines no convert_args: the chain goes on."""
    things = """
from typing import Generic, TypeVar

T = TypeVar("T")


class ThingMixin(Generic[T]):
    kind = None


class ThingEndpoint(ThingMixin[int], OrganizationEndpoint):
    def get(self, request):
        return None
"""
    found, unresolved = run(tmp_path, things, [INDEX])
    assert found == [("r0: get() does not accept 'organization' (add it or **kwargs)", 6)]
    assert unresolved == []


def test_an_ancestor_outside_the_tree_is_recorded(tmp_path: Path) -> None:
    things = """
from elsewhere import Mixin


class ThingEndpoint(Mixin, OrganizationEndpoint):
    def get(self, request):
        return None
"""
    found, unresolved = run(tmp_path, things, [INDEX])
    assert found == []
    assert [(u.what, u.why) for u in unresolved] == [
        ("ThingEndpoint.convert_args", "elsewhere.Mixin is outside the tree and may define it")
    ]
