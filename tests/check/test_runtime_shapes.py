"""Shapes Django and DRF run fine that the check once reported (each found by a helper who ran
them through Django 5.2 and DRF first): extra keyword arguments of a route, unnamed groups
passed by position, handlers bound by assignment or under a statement, a `dispatch` that
changes the arguments, converters the project registers, and route names in namespaces. Each
is judged where the code proves it, and named as not followed where it does not."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES, CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

THINGS = """
from shop.api.base import Endpoint


class PlainGet(Endpoint):
    def get(self, request):
        return None


def strip_mode(func):
    def wrapped(self, request, *args, **kwargs):
        kwargs.pop("mode", None)
        return func(self, request, *args, **kwargs)

    return wrapped


class ModeEndpoint(Endpoint):
    def get(self, request, mode):
        return None


class NumberEndpoint(Endpoint):
    def get(self, request, thing_id):
        return None


class AssignedEndpoint(PlainGet):
    def get_impl(self, request, mode):
        return None

    get = get_impl


class ConditionalEndpoint(PlainGet):
    if True:

        def get(self, request, mode):
            return None


class WrappedEndpoint(Endpoint):
    def get(self, request):
        return None

    get = strip_mode(get)


class AliasEndpoint(Endpoint):
    def post(self, request):
        return None

    put = post


class PoppingDispatchEndpoint(Endpoint):
    def dispatch(self, request, *args, **kwargs):
        kwargs.pop("mode", None)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return None


class TracingDispatchEndpoint(Endpoint):
    def dispatch(self, request, *args, **kwargs):
        request.traced = True
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return None
"""


# the rules these shapes are about: not the conventions, and each test routes only some classes
_ROUTING = sorted(set(RULES) - {"missing-owner", "missing-publish-status", "duplicate-view"})


def _run(root: Path, rules: list[str]) -> CheckResult:
    return run_check(load_settings(root), load_check_config(root, {}, rules, [], None), None)


def _check(tmp_path: Path, urls: str, files: dict[str, str] | None = None) -> CheckResult:
    root = write_tree(
        tmp_path, {"api/endpoints/things.py": THINGS, "api/urls.py": urls, **(files or {})}
    )
    return _run(root, [rule for rule in _ROUTING if rule != "unregistered-endpoint"])


def _urls(*entries: str, names: str = "") -> str:
    body = "".join(f"    {entry},\n" for entry in entries)
    return f"""
from django.urls import include, path, re_path

from shop.api.endpoints import more, things
from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint
{names}
urlpatterns = [
    re_path(r"^organizations/(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(), name="w"),
    re_path(r"^organizations/(?P<organization_id_or_slug>[^/]+)/stats/$",
        OrganizationStatsEndpoint.as_view(), name="s"),
{body}]
"""


def _problems(result: CheckResult) -> list[tuple[str, str]]:
    return [(p.rule, p.message) for p in result.problems]


def _why(result: CheckResult, what: str) -> str:
    (found,) = [u.why for u in result.unresolved if u.what == what]
    return found


def test_a_routes_extra_keyword_arguments_reach_the_handler(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        _urls(
            're_path(r"^mode/$", things.ModeEndpoint.as_view(), {"mode": "x"}, name="m")',
            're_path(r"^m/", include([re_path(r"^a/$", things.ModeEndpoint.as_view())]),'
            ' {"mode": "y"})',
            'path("no-mode/", things.ModeEndpoint.as_view(), name="n")',
        ),
    )
    assert _problems(result) == [
        (
            "param-mismatch",
            (
                "ModeEndpoint: get() requires 'mode', which neither the route nor "
                "convert_args provides"
            ),
        )
    ]
    assert result.problems[0].line == 14  # the route without the dict


def test_extra_keyword_arguments_not_written_as_a_dict_leave_the_route_unjudged(
    tmp_path: Path,
) -> None:
    urls = _urls(
        're_path(r"^mode/$", things.ModeEndpoint.as_view(), EXTRA, name="m")',
        names='EXTRA = dict(mode="x")\n',
    )
    result = _check(tmp_path, urls)
    assert _problems(result) == []
    assert "not a literal dict" in _why(result, "route of ModeEndpoint")


def test_unnamed_groups_are_passed_by_position(tmp_path: Path) -> None:
    result = _check(
        tmp_path, _urls(r're_path(r"^things/(\d+)/$", things.NumberEndpoint.as_view())')
    )
    assert _problems(result) == []
    assert "by position" in _why(result, "route of NumberEndpoint")


def test_a_handler_bound_by_assignment_or_under_a_statement_is_not_the_parents(
    tmp_path: Path,
) -> None:
    result = _check(
        tmp_path,
        _urls(
            're_path(r"^a/(?P<mode>[^/]+)/$", things.AssignedEndpoint.as_view())',
            're_path(r"^c/(?P<mode>[^/]+)/$", things.ConditionalEndpoint.as_view())',
            're_path(r"^w/(?P<mode>[^/]+)/$", things.WrappedEndpoint.as_view())',
        ),
    )
    assert _problems(result) == []  # AssignedEndpoint's get is get_impl, which takes mode
    assert not [u for u in result.unresolved if u.what.startswith("AssignedEndpoint")]
    assert _why(result, "ConditionalEndpoint.get").startswith("get is bound inside a statement")
    assert _why(result, "WrappedEndpoint.get").startswith("get is assigned (get = strip_mode(get))")


def test_a_handler_assigned_another_handler_takes_its_parameters(tmp_path: Path) -> None:
    result = _check(
        tmp_path, _urls('re_path(r"^p/(?P<mode>[^/]+)/$", things.AliasEndpoint.as_view())')
    )
    assert sorted(message for _, message in _problems(result)) == [
        "AliasEndpoint: post() does not accept 'mode' (add it or **kwargs)",
        "AliasEndpoint: put() does not accept 'mode' (add it or **kwargs)",
    ]


def test_a_dispatch_changing_the_arguments_leaves_the_handlers_unjudged(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        _urls(
            're_path(r"^d/(?P<mode>[^/]+)/$", things.PoppingDispatchEndpoint.as_view())',
            're_path(r"^t/(?P<mode>[^/]+)/$", things.TracingDispatchEndpoint.as_view())',
        ),
    )
    assert _problems(result) == [
        (
            "param-mismatch",
            "TracingDispatchEndpoint: get() does not accept 'mode' (add it or **kwargs)",
        )
    ]
    assert "may change the URL arguments" in _why(result, "PoppingDispatchEndpoint.dispatch")


def test_a_converter_the_project_registers_is_not_taken_for_a_segment(tmp_path: Path) -> None:
    result = _check(
        tmp_path,
        _urls(
            'path("year/<yyyy:year>/", things.ModeEndpoint.as_view())',
            'path("year/latest/", things.PlainGet.as_view())',
            'path("id/<uuid:mode>/", things.ModeEndpoint.as_view())',
            'path("id/latest/", things.PlainGet.as_view())',
            'path("any/<str:mode>/", things.ModeEndpoint.as_view())',
            'path("any/latest/", things.PlainGet.as_view())',
        ),
    )
    assert [(p.rule, p.line) for p in result.problems] == [("unreachable-route", 17)]
    (unread,) = [u for u in result.unresolved if "converter" in u.why]
    assert unread.what == "route pattern 'year/<yyyy:year>/'"


def test_route_names_are_compared_within_their_namespace(tmp_path: Path) -> None:
    inner = 'include(([re_path(r"^(?P<mode>[^/]+)/$", things.ModeEndpoint.as_view(), name="dup")]'
    result = _check(
        tmp_path,
        _urls(
            f're_path(r"^one/", {inner}, "app1"), namespace="ns1"))',
            f're_path(r"^two/", {inner}, "app2")))',
            f're_path(r"^three/", {inner}, "app3"), "ns3"))',
            f're_path(r"^four/", {inner}, "app2")))',
        ),
    )
    assert [(p.rule, p.line) for p in result.problems] == [("duplicate-route-name", 15)]


# -- the second round -----------------------------------------------------------------------

MORE = """
from shop.api.base import Endpoint


class StaticEndpoint(Endpoint):
    @staticmethod
    def get(request, mode):
        return None


class ItemEndpoint(Endpoint):
    def get(self, request, mode):
        return None

    def post(self, request):
        return None


class ReadOnlyItemEndpoint(ItemEndpoint):
    http_method_names = ["get", "head", "options"]


class VersionedEndpoint(Endpoint):
    def initial(self, request, *args, **kwargs):
        self.api_version = self.kwargs.pop("version")
        return super().initial(request, *args, **kwargs)

    def get(self, request, mode):
        return None


class GatedEndpoint(Endpoint):
    def check_permissions(self, request):
        self.kwargs.pop("version")
        return super().check_permissions(request)

    def helper(self):
        return self.kwargs.get("mode")

    def get(self, request, mode):
        return None


class StatsV1Endpoint(Endpoint):
    def get(self, request, period):
        return None


class StatsV2Endpoint(Endpoint):
    def get(self, request):
        return None


ReportBase = ItemEndpoint


class ReportEndpoint(ReportBase):
    pass


class ByIdEndpoint(Endpoint):
    def get(self, request, issue):
        return None


class ByShortIdEndpoint(Endpoint):
    def get(self, request, issue):
        return None
"""


def _more(tmp_path: Path, *entries: str, names: str = "") -> CheckResult:
    files = {"api/endpoints/more.py": MORE}
    return _check(tmp_path, _urls(*entries, names=names), files)


def test_a_static_handler_takes_no_self(tmp_path: Path) -> None:
    result = _more(tmp_path, 're_path(r"^s/(?P<mode>[^/]+)/$", more.StaticEndpoint.as_view())')
    assert _problems(result) == []


def test_a_handler_http_method_names_leaves_out_is_never_called(tmp_path: Path) -> None:
    result = _more(
        tmp_path,
        're_path(r"^r/(?P<mode>[^/]+)/$", more.ReadOnlyItemEndpoint.as_view())',
        're_path(r"^i/(?P<mode>[^/]+)/$", more.ItemEndpoint.as_view())',
    )
    assert _problems(result) == [
        ("param-mismatch", "ItemEndpoint: post() does not accept 'mode' (add it or **kwargs)")
    ]


def test_an_initial_changing_self_kwargs_leaves_the_handlers_unjudged(tmp_path: Path) -> None:
    result = _more(
        tmp_path,
        're_path(r"^v(?P<version>\\d)/(?P<mode>[^/]+)/$", more.VersionedEndpoint.as_view())',
    )
    assert _problems(result) == []
    assert "self.kwargs" in _why(result, "VersionedEndpoint.initial")


def test_any_hook_changing_self_kwargs_leaves_the_handlers_unjudged(tmp_path: Path) -> None:
    """DRF's `initial` calls `check_permissions` (and other hooks) before the handler: one that
    pops from `self.kwargs` changes what the handler gets; one that only reads it does not."""
    result = _more(
        tmp_path,
        're_path(r"^g(?P<version>\\d)/(?P<mode>[^/]+)/$", more.GatedEndpoint.as_view())',
    )
    assert _problems(result) == []
    assert "self.kwargs" in _why(result, "GatedEndpoint.check_permissions")


def test_the_last_import_of_a_name_is_the_one_routed(tmp_path: Path) -> None:
    names = (
        "from shop.api.endpoints.more import StatsV1Endpoint as StatsEndpoint\n"
        "from shop.api.endpoints.more import StatsV2Endpoint as StatsEndpoint\n"
    )
    result = _more(tmp_path, 're_path(r"^stats/$", StatsEndpoint.as_view())', names=names)
    assert _problems(result) == []  # StatsV2Endpoint's get takes nothing more


def test_another_name_for_a_class_is_followed(tmp_path: Path) -> None:
    names = "CurrentStats = more.StatsV2Endpoint\n"
    result = _more(
        tmp_path,
        're_path(r"^stats/$", CurrentStats.as_view())',
        're_path(r"^report/(?P<mode>[^/]+)/$", more.ReportEndpoint.as_view())',
        names=names,
    )
    # ReportEndpoint is an ItemEndpoint: followed through the alias, its post() is judged
    assert _problems(result) == [
        ("param-mismatch", "ReportEndpoint: post() does not accept 'mode' (add it or **kwargs)")
    ]


def test_routes_of_one_name_told_apart_by_their_values_are_not_duplicates(tmp_path: Path) -> None:
    result = _more(
        tmp_path,
        're_path(r"^issues/(?P<issue>[0-9]+)/$", more.ByIdEndpoint.as_view(), name="issue")',
        're_path(r"^issues/(?P<issue>[A-Z]+-[0-9]+)/$", more.ByShortIdEndpoint.as_view(),'
        ' name="issue")',
        're_path(r"^i/(?P<issue>[0-9]+)/$", more.ByShortIdEndpoint.as_view(), name="issue")',
    )
    assert [(p.rule, p.line) for p in result.problems] == [("duplicate-route-name", 14)]


def test_a_view_from_a_star_import_is_the_star_modules(tmp_path: Path) -> None:
    urls = _urls(
        're_path(r"^stats/$", StatsV2Endpoint.as_view())',
        're_path(r"^legacy/$", LegacyView.as_view())',
        're_path(r"^typo/$", StatsV3Endpoint.as_view())',
        names="from shop.api.endpoints.more import *\nfrom outside.views import *\n",
    )
    root = write_tree(tmp_path, {"api/endpoints/more.py": MORE, "api/urls.py": urls})
    result = _run(root, _ROUTING)
    found = {(p.rule, p.symbol) for p in result.problems}
    assert not {f for f in found if f[1] in ("StatsV2Endpoint", "LegacyView", "StatsV3Endpoint")}
    assert "star import of outside.views" in _why(result, "LegacyView")
    # without the star import the reader cannot read, a name no star module binds is reported
    urls = urls.replace("from outside.views import *\n", "").replace(
        '    re_path(r"^legacy/$", LegacyView.as_view()),\n', ""
    )
    root = write_tree(tmp_path / "b", {"api/endpoints/more.py": MORE, "api/urls.py": urls})
    result = _run(root, _ROUTING)
    found = {(p.rule, p.symbol) for p in result.problems}
    assert ("unknown-view", "StatsV3Endpoint") in found
    assert not {f for f in found if f[1] == "StatsV2Endpoint"}


# -- the third round ------------------------------------------------------------------------

BUILT_URLS = """
from django.urls import re_path

from shop.api.endpoints.more import StatsV1Endpoint, StatsV2Endpoint

urlpatterns = []
for slug, view in (("one", StatsV1Endpoint), ("two", StatsV2Endpoint)):
    urlpatterns.append(re_path(rf"^{slug}/$", view.as_view()))
"""

ODD_BASES = """
import os

from shop.api.base import Endpoint


class Open(Endpoint):
    def get(self, request):
        return None


def make_base():
    return Open


Base = Open if os.environ.get("X") is None else Endpoint


class CondBaseEndpoint(Base):
    pass


class CallBaseEndpoint(make_base()):
    pass


class NotAnEndpoint(Exception):
    pass
"""


def test_classes_a_code_built_urlconf_imports_may_be_served_by_it(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "api/endpoints/more.py": MORE,
            "api/built_urls.py": BUILT_URLS,
            "api/urls.py": _urls('re_path(r"^built/", include("shop.api.built_urls"))'),
        },
    )
    result = _run(root, ["unregistered-endpoint"])
    reported = {p.symbol for p in result.problems}
    assert not {"StatsV1Endpoint", "StatsV2Endpoint"} & reported
    assert "StaticEndpoint" in reported  # the module imports only the two it routes
    assert "imports it" in _why(result, "StatsV2Endpoint")


def test_a_class_whose_base_cannot_be_followed_is_not_judged_an_endpoint_or_not(
    tmp_path: Path,
) -> None:
    result = _check(
        tmp_path,
        _urls(
            're_path(r"^c/$", odd.CondBaseEndpoint.as_view())',
            're_path(r"^k/$", odd.CallBaseEndpoint.as_view())',
            're_path(r"^n/$", odd.NotAnEndpoint.as_view())',
        ).replace("import more, things", "import more, odd, things"),
        {"api/endpoints/odd.py": ODD_BASES},
    )
    assert [(p.rule, p.symbol) for p in result.problems] == [("unknown-view", "odd.NotAnEndpoint")]
    assert "cannot be followed" in _why(result, "odd.CondBaseEndpoint")
    assert "cannot be followed" in _why(result, "odd.CallBaseEndpoint")


def test_a_class_an_unreadable_route_names_counts_as_served(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "api/endpoints/more.py": MORE,
            "api/urls.py": _urls('re_path(r"^h/$", getattr(more, "StatsV2Endpoint").as_view())'),
        },
    )
    result = _run(root, ["unregistered-endpoint"])
    assert "StatsV2Endpoint" not in {p.symbol for p in result.problems}
