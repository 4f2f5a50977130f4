"""One entry of a route list built for two prefixes (today's Sentry `create_group_urls(name_prefix)`
included under `issues/` and `organizations/{org}/issues/`) gives one finding per route: the text
and workflow reports name the route when the same line says the same thing twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.trees import URLS, write_tree
from tests.helpers import run_cli

BUILT_TWICE = URLS.replace(
    """ORGANIZATION_URLS = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="shop-api-0-organization-widgets",
    ),""",
    """def organization_urls(name_prefix):
    return [
        re_path(
            r"^(?P<organization_id_or_slug>[^/]+)/widgets/(?P<widget>[^/]+)/$",
            OrganizationWidgetsEndpoint.as_view(),
            name=f"{name_prefix}-organization-widgets",
        ),
    ]


ORGANIZATION_URLS = [""",
).replace(
    "include(ORGANIZATION_URLS)),\n",
    "include(ORGANIZATION_URLS)),\n"
    '    re_path(r"^organizations/", include(organization_urls("shop-api-0"))),\n'
    '    re_path(r"^orgs/", include(organization_urls("shop-api-0-short"))),\n',
)


@pytest.mark.parametrize("form", ["text", "github"])
def test_each_route_of_an_entry_built_twice_is_told_apart(
    form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path / "p", {"api/urls.py": BUILT_TWICE})

    result = run_cli(capsys, "check", "--project", str(root), "--format", form)

    assert result.code == 1
    told = [line for line in result.out.splitlines() if "'widget'" in line]
    assert len(told) == 2
    assert told[0] != told[1]
    assert told[0].endswith("(route shop-api-0-organization-widgets)")
    assert told[1].endswith("(route shop-api-0-short-organization-widgets)")


def test_a_finding_said_once_names_no_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    once = BUILT_TWICE.replace(
        '    re_path(r"^orgs/", include(organization_urls("shop-api-0-short"))),\n', ""
    )
    root = write_tree(tmp_path / "p", {"api/urls.py": once})

    result = run_cli(capsys, "check", "--project", str(root))

    (told,) = [line for line in result.out.splitlines() if "'widget'" in line]
    assert "(route " not in told
