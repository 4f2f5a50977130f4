"""A route helper hands Django the extra keyword arguments of the route it builds
(`re_path(pattern, view, {"kind": "x"})` inside the helper, or a wrapper passing `*args,
**kwargs` on to Django's `url()`): the view gets them as it gets the groups. They are compared
as those of a route written out are, and a `name=None` the helper defaults to names nothing."""

from __future__ import annotations

from pathlib import Path

from tests.check.test_route_helpers import URLS_PATH, check
from tests.check.trees import write_tree

# a report endpoint reading the kind of report from the route's extra arguments
REPORTS = """
from shop.api.bases.organization import OrganizationEndpoint


class OrganizationReportEndpoint(OrganizationEndpoint):
    def get(self, request, organization, report_kind):
        return None
"""

# a helper that fills in the kind, another that wraps url() and passes the rest on
URLS = r"""
from django.conf import urls
from django.urls import re_path

from shop.api.endpoints.reports import OrganizationReportEndpoint

ORG = r"^organizations/(?P<organization_id_or_slug>[^\/]+)/"


def report_route(suffix, kind, name=None):
    return re_path(ORG + suffix, OrganizationReportEndpoint.as_view(), {"report_kind": kind}, name=name)


def url(pattern, *args, **kwargs):
    return urls.url(pattern, *args, **kwargs)


urlpatterns = [
    report_route(r"reports/daily/$", "daily"),
    report_route(r"reports/weekly/$", "weekly", name="shop-api-0-weekly-report"),
    url(
        ORG + r"reports/monthly/$",
        OrganizationReportEndpoint.as_view(),
        {"report_kind": "monthly"},
        name="shop-api-0-monthly-report",
    ),
]
"""


RULES = ["param-mismatch", "duplicate-route-name", "unreachable-route"]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.strip().splitlines(), 1) if needle in line)


def test_the_extra_arguments_a_helper_passes_reach_the_handler(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"api/endpoints/reports.py": REPORTS, "api/urls.py": URLS})
    assert check(root, RULES) == ([], [])


def test_a_helper_route_without_the_extra_argument_is_still_a_finding(tmp_path: Path) -> None:
    urls = URLS.replace('{"report_kind": "monthly"}', '{"kind": "monthly"}')
    root = write_tree(tmp_path, {"api/endpoints/reports.py": REPORTS, "api/urls.py": urls})
    line = line_of(urls, "    url(")
    assert check(root, RULES) == (
        [  # get() requires report_kind, and does not accept kind
            ("param-mismatch", f"{URLS_PATH}:{line}", "shop-api-0-monthly-report"),
            ("param-mismatch", f"{URLS_PATH}:{line}", "shop-api-0-monthly-report"),
        ],
        [],
    )


def test_extra_arguments_a_helper_builds_by_code_are_not_compared(tmp_path: Path) -> None:
    urls = URLS.replace('{"report_kind": kind}', "dict(report_kind=kind)")
    root = write_tree(tmp_path, {"api/endpoints/reports.py": REPORTS, "api/urls.py": urls})
    found, unresolved = check(root, RULES)
    assert found == []
    line = line_of(urls, '(r"reports/daily/$"')
    why = "its extra keyword arguments are not a literal dict; the handlers are not compared"
    assert unresolved == [f"{URLS_PATH}:{line}: route of OrganizationReportEndpoint: {why}"]
