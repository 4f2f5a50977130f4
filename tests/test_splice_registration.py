"""A feature keeping its routes in its own urls module, spliced into a list of the API urls.py
(`*gauge_urls.organization_urlpatterns`, as Sentry's workflow engine and preprod do in late
2025): a new endpoint of that feature's package is registered in the feature's list, its import
in that module's style; urls.py is left as it is. `remove` is the inverse, byte for byte."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tests.helpers import (
    FIXTURES,
    assert_no_problems,
    changed_files,
    cli_in,
    copy_project,
    run_cli,
    snapshot,
)

URLS = "src/orbit/api/urls.py"
GAUGE_URLS = "src/orbit/gauges/endpoints/urls.py"
ORG = "organizations/{organization_id_or_slug}"
PROJECT = "projects/{organization_id_or_slug}/{project_id_or_slug}"

GAUGE_INDEX = dedent("""\
    from __future__ import annotations

    from rest_framework.request import Request
    from rest_framework.response import Response

    from orbit.api.base import cell_silo_endpoint
    from orbit.api.bases.organization import OrganizationEndpoint
    from orbit.models.organization import Organization


    @cell_silo_endpoint
    class OrganizationGaugeIndexEndpoint(OrganizationEndpoint):
        def get(self, request: Request, organization: Organization) -> Response:
            return Response([])
    """)

GAUGE_URLS_TEXT = dedent("""\
    from django.urls import re_path

    from .organization_gauge_index import OrganizationGaugeIndexEndpoint

    organization_urlpatterns = [
        re_path(
            r"^(?P<organization_id_or_slug>[^/]+)/gauges/$",
            OrganizationGaugeIndexEndpoint.as_view(),
            name="orbit-api-0-organization-gauge-index",
        ),
    ]

    project_urlpatterns: list = []
    """)


def gauge_tree(tmp_path: Path) -> Path:
    """Today's tree with a `gauges` feature whose routes live in its own urls module."""
    root = copy_project(FIXTURES / "today", tmp_path / "p")
    endpoints = root / "src/orbit/gauges/endpoints"
    endpoints.mkdir(parents=True)
    (endpoints.parent / "__init__.py").write_text("")
    (endpoints / "__init__.py").write_text("")
    (endpoints / "organization_gauge_index.py").write_text(GAUGE_INDEX)
    (endpoints / "urls.py").write_text(GAUGE_URLS_TEXT)
    urls = root / URLS
    text = urls.read_text()
    text = text.replace(
        "from orbit.issues.endpoints import (",
        "from orbit.gauges.endpoints import urls as gauge_urls\nfrom orbit.issues.endpoints import (",
    )
    text = text.replace(
        '        name="orbit-api-0-organization-issue-counts",\n    ),\n]\n',
        '        name="orbit-api-0-organization-issue-counts",\n    ),\n'
        "    *gauge_urls.organization_urlpatterns,\n]\n",
    )
    text = text.replace(
        '        name="orbit-api-0-project-issue-owners",\n    ),\n]\n',
        '        name="orbit-api-0-project-issue-owners",\n    ),\n'
        "    *gauge_urls.project_urlpatterns,\n]\n",
    )
    assert text.count("*gauge_urls.") == 2
    urls.write_text(text)
    return root


DETAILS = (
    "OrganizationGaugeDetails",
    "--route",
    f"{ORG}/gauges/{{gauge_id}}/",
    "--lookup",
    "gauge_id=-",
    "--module",
    "orbit.gauges.endpoints",
)

GAUGE_URLS_WITH_DETAILS = dedent("""\
    from django.urls import re_path

    from .organization_gauge_details import OrganizationGaugeDetailsEndpoint
    from .organization_gauge_index import OrganizationGaugeIndexEndpoint

    organization_urlpatterns = [
        re_path(
            r"^(?P<organization_id_or_slug>[^/]+)/gauges/$",
            OrganizationGaugeIndexEndpoint.as_view(),
            name="orbit-api-0-organization-gauge-index",
        ),
        re_path(
            r"^(?P<organization_id_or_slug>[^/]+)/gauges/(?P<gauge_id>[^/]+)/$",
            OrganizationGaugeDetailsEndpoint.as_view(),
            name="orbit-api-0-organization-gauge-details",
        ),
    ]

    project_urlpatterns: list = []
    """)


def test_an_endpoint_of_the_feature_goes_into_its_own_list_and_remove_gives_all_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    before = snapshot(root)
    said = cli_in(capsys, root, "new-endpoint", *DETAILS)
    assert "organization_urlpatterns" in said, said
    changed = changed_files(before, snapshot(root))
    assert URLS not in changed
    assert changed[GAUGE_URLS] == GAUGE_URLS_WITH_DETAILS.encode()
    test_text = changed["tests/orbit/gauges/endpoints/test_organization_gauge_details.py"]
    assert test_text is not None and b'"orbit-api-0-organization-gauge-details"' in test_text
    assert_no_problems(capsys, root)
    after = snapshot(root)
    cli_in(capsys, root, "new-endpoint", *DETAILS, "--skip")  # a second run changes nothing
    assert not changed_files(after, snapshot(root))
    cli_in(capsys, root, "remove", "OrganizationGaugeDetails")
    assert not changed_files(before, snapshot(root))


def test_the_dry_run_shows_the_feature_module_diff_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    before = snapshot(root)
    out = cli_in(capsys, root, "new-endpoint", *DETAILS, "--dry-run")
    assert "+++ b/" + GAUGE_URLS in out or GAUGE_URLS in out
    assert "+from .organization_gauge_details import OrganizationGaugeDetailsEndpoint" in out
    assert '+        name="orbit-api-0-organization-gauge-details",' in out
    assert not changed_files(before, snapshot(root))


GAUGE_URLS_WITH_PROJECT = GAUGE_URLS_TEXT.replace(
    "from .organization_gauge_index import OrganizationGaugeIndexEndpoint\n",
    "from .organization_gauge_index import OrganizationGaugeIndexEndpoint\n"
    "from .project_gauge_readings import ProjectGaugeReadingsEndpoint\n",
).replace(
    "project_urlpatterns: list = []\n",
    dedent("""\
        project_urlpatterns: list = [
            re_path(
                r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/gauge-readings/$",
                ProjectGaugeReadingsEndpoint.as_view(),
                name="orbit-api-0-project-gauge-readings",
            ),
        ]
        """),
)


def test_an_empty_spliced_list_gets_its_first_entry_laid_out_as_black_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    before = snapshot(root)
    argv = ("ProjectGaugeReadings", "--route", f"{PROJECT}/gauge-readings/")
    cli_in(capsys, root, "new-endpoint", *argv, "--module", "orbit.gauges.endpoints")
    changed = changed_files(before, snapshot(root))
    assert URLS not in changed
    assert changed[GAUGE_URLS] == GAUGE_URLS_WITH_PROJECT.encode()
    assert_no_problems(capsys, root)
    cli_in(capsys, root, "remove", "ProjectGaugeReadings")
    assert not changed_files(before, snapshot(root))


def test_a_class_outside_the_feature_package_goes_to_the_api_list_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    before = snapshot(root)
    cli_in(capsys, root, "new-endpoint", "OrganizationDials", "--route", f"{ORG}/dials/")
    changed = changed_files(before, snapshot(root))
    assert GAUGE_URLS not in changed
    urls = (root / URLS).read_text()
    dials = urls.index("^(?P<organization_id_or_slug>[^/]+)/dials/$")
    assert urls.index("ORGANIZATION_URLS") < dials < urls.index("*gauge_urls.organization_")
    cli_in(capsys, root, "remove", "OrganizationDials")
    assert not changed_files(before, snapshot(root))


def test_a_second_route_in_the_feature_list_comes_out_alone_with_remove_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    before = snapshot(root)
    route = f"{ORG}/gauges/all/"
    argv = ("OrganizationGaugeIndex", "--route", route, "--url-name", "orbit-api-0-gauges-all")
    cli_in(capsys, root, "new-endpoint", *argv, "--module", "orbit.gauges.endpoints", "--skip")
    changed = changed_files(before, snapshot(root))
    assert list(changed) == [GAUGE_URLS]
    assert b'name="orbit-api-0-gauges-all"' in (changed[GAUGE_URLS] or b"")
    assert_no_problems(capsys, root)
    cli_in(capsys, root, "remove", "OrganizationGaugeIndex", "--route", route)
    assert not changed_files(before, snapshot(root))


@pytest.mark.parametrize(
    ("urls_old", "urls_new", "gauges_old", "gauges_new"),
    [
        pytest.param(  # two lists of the feature spliced into one: which one, no one can say
            "    *gauge_urls.organization_urlpatterns,\n",
            "    *gauge_urls.organization_urlpatterns,\n    *gauge_urls.project_urlpatterns,\n",
            "",
            "",
            id="several-splices",
        ),
        pytest.param(  # a list the module builds with code: not read as routes
            "",
            "",
            "organization_urlpatterns = [",
            "organization_urlpatterns = list(  # built\n    [",
            id="not-a-literal-list",
        ),
        pytest.param(  # the alias bound a second time: which module it names is not plain
            "\nORGANIZATION_URLS",
            "\ngauge_urls = gauge_urls\n\nORGANIZATION_URLS",
            "",
            "",
            id="alias-bound-twice",
        ),
    ],
)
def test_what_cannot_be_followed_leaves_the_route_to_the_api_list(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    urls_old: str,
    urls_new: str,
    gauges_old: str,
    gauges_new: str,
) -> None:
    root = gauge_tree(tmp_path)
    for rel, old, new in ((URLS, urls_old, urls_new), (GAUGE_URLS, gauges_old, gauges_new)):
        text = (root / rel).read_text()
        assert old in text
        text = text.replace(old, new, 1)
        if "list(" in new:
            text = text.replace("    ),\n]\n\nproject", "    ),\n]\n)\n\nproject")
        (root / rel).write_text(text)
    before = snapshot(root)
    cli_in(capsys, root, "new-endpoint", *DETAILS)
    changed = changed_files(before, snapshot(root))
    assert GAUGE_URLS not in changed and URLS in changed
    cli_in(capsys, root, "remove", "OrganizationGaugeDetails")
    assert not changed_files(before, snapshot(root))


def test_a_kept_class_that_cannot_take_the_route_is_refused_before_the_feature_list_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pre-write check reads the feature's module as patched: the index endpoint's `get`
    takes no `gauge_id`, so the route would fail at every request."""
    root = gauge_tree(tmp_path)
    before = snapshot(root)
    route = f"{ORG}/gauges/{{gauge_id}}/"
    argv = ("OrganizationGaugeIndex", "--route", route, "--lookup", "gauge_id=-", "--skip")
    more = ("--url-name", "orbit-api-0-gauge-one", "--module", "orbit.gauges.endpoints")
    result = run_cli(capsys, "new-endpoint", *argv, *more, "--project", str(root))
    assert result.code == 1, result.out + result.err
    assert (
        result.err.startswith(f"error: {GAUGE_URLS}: the new route") and "cannot take" in result.err
    )
    assert not changed_files(before, snapshot(root))
