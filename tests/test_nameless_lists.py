"""A list whose entries carry no URL name (Sentry's `GROUP_URLS` of 2020-2023): a new entry
follows it and carries none, unless one is asked for; everything downstream (the generated test,
the messages, `check`, `remove`, a second run) agrees."""

from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent

import pytest

from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from scaffold.urls.remove import remove_registration
from tests.helpers import EXAMPLE, copy_project, pytest_in, run_cli, snapshot

ROUTE = "projects/{organization_id_or_slug}/{project_id_or_slug}/gizmos/"
GIZMOS = ("new-endpoint", "ProjectGizmos", "--route", ROUTE, "--methods", "get,post")
GIZMOS_TEST = "tests/acme/api/endpoints/test_project_gizmos.py"


def _project_urls(urls: str) -> str:
    start = urls.index("PROJECT_URLS")
    return urls[start : urls.index("\n]\n", start)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example, its project routes written without names (all four)."""
    root = copy_project(EXAMPLE, tmp_path / "example")
    urls = root / "src/acme/api/urls.py"
    text = urls.read_text()
    block = _project_urls(text)
    urls.write_text(text.replace(block, re.sub(r'\n +name="[^"]+",', "", block)))
    return root


def test_a_new_entry_in_a_list_without_names_carries_none(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, *GIZMOS, "--project", str(project))

    assert result.code == 0, result.err
    urls = (project / "src/acme/api/urls.py").read_text()
    assert "ProjectGizmosEndpoint.as_view(),\n    ),\n" in _project_urls(urls)
    assert "project-gizmos" not in urls
    assert "+ ProjectGizmosEndpoint in PROJECT_URLS, no name, as the list's entries)" in result.out
    test = (project / GIZMOS_TEST).read_text()
    assert "endpoint =" not in test  # nothing to reverse: the path is written out
    # no blank first line in the class body: black before 24 takes it out again
    assert "class ProjectGizmosTest(APITestCase):\n    def setUp(self) -> None:\n" in test
    assert 'return "/api/0/projects/{}/{}/gizmos/".format(*args)' in test
    done = pytest_in(project / "src", GIZMOS_TEST)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed, 1 skipped" in done.stdout  # the silo check finds views by name
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out + checked.err


def test_a_name_asked_for_is_written_in_a_list_without_names(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "acme-api-0-gizmos"
    result = run_cli(capsys, *GIZMOS, "--url-name", name, "--project", str(project))

    assert result.code == 0, result.err
    assert f'name="{name}"' in (project / "src/acme/api/urls.py").read_text()
    assert f'endpoint = "{name}"' in (project / GIZMOS_TEST).read_text()


def test_a_list_with_names_keeps_giving_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    result = run_cli(capsys, *GIZMOS, "--project", str(project))

    assert result.code == 0, result.err
    urls = (project / "src/acme/api/urls.py").read_text()
    assert 'name="acme-api-0-project-gizmos"' in urls


def test_remove_gives_back_every_byte_and_a_second_run_changes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = snapshot(project)
    dry = run_cli(capsys, *GIZMOS, "--dry-run", "--project", str(project))
    assert dry.code == 0, dry.err
    assert snapshot(project) == original
    assert "+        ProjectGizmosEndpoint.as_view(),\n     ),\n" in dry.out
    assert run_cli(capsys, *GIZMOS, "--project", str(project)).code == 0
    spec = project / "gizmos.yaml"
    spec.write_text(f"- name: ProjectGizmos\n  route: {ROUTE}\n  methods: [get, post]\n")
    done = snapshot(project)

    again = run_cli(capsys, "generate", str(spec), "--project", str(project))

    assert again.code == 0, again.err
    assert snapshot(project) == done
    spec.unlink()
    removed = run_cli(capsys, "remove", "ProjectGizmos", "--project", str(project))
    assert removed.code == 0, removed.err
    assert snapshot(project) == original


def test_list_writes_the_unnamed_routes_of_such_a_list_and_generate_keeps_them(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = run_cli(capsys, "list", "--format", "spec", "--project", str(project))

    assert listed.code == 0, listed.err
    assert "- name: ProjectWidgetsEndpoint" in listed.out
    assert "no URL name" not in listed.out
    spec = project / "listed.yaml"
    spec.write_text(listed.out)
    before = snapshot(project)
    again = run_cli(capsys, "generate", str(spec), "--skip", "--project", str(project))
    assert again.code == 0, again.err
    assert snapshot(project) == before


HEADER = "from django.urls import include, re_path\n\n"
FEEDS = (
    HEADER
    + dedent("""\
    from .endpoints.feed_details import FeedDetailsEndpoint
    from .endpoints.feed_items import FeedItemsEndpoint
    from .endpoints.feed_owners import FeedOwnersEndpoint
    from .endpoints.feed_stats import FeedStatsEndpoint

    FEED_URLS = [
        re_path(r"^(?P<feed_id>[^/]+)/$", FeedDetailsEndpoint.as_view()),
        re_path(r"^(?P<feed_id>[^/]+)/items/$", FeedItemsEndpoint.as_view()),
        re_path(r"^(?P<feed_id>[^/]+)/owners/$", FeedOwnersEndpoint.as_view()),
        re_path(
            r"^(?P<feed_id>[^/]+)/stats/$",
            FeedStatsEndpoint.as_view(),
            name="acme-api-0-feed-stats",
        ),
    ]

    urlpatterns = [
        re_path(r"^feeds/", include(FEED_URLS)),
    """)
    + "".join(
        f'    re_path(\n        r"^{name.lower()}/$",\n        {name}Endpoint.as_view(),\n'
        f'        name="acme-api-0-{name.lower()}",\n    ),\n'
        for name in ("Cogs", "Gadgets", "Levers", "Wheels")  # the file's majority: exploded
    )
    + "]\n"
)


def _patched(source: str, class_name: str, route: str, url_name: str | None = None) -> str:
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", 100)
    module = f"acme.api.endpoints.{class_name.lower()}"
    urls.add(Registration(class_name, module, parse_route(route), url_name))
    return urls.code()


def test_a_list_of_one_line_entries_without_names_gets_one_more_so() -> None:
    after = _patched(FEEDS, "FeedTagsEndpoint", "feeds/{feed_id}/tags/")

    expected = '    re_path(r"^(?P<feed_id>[^/]+)/tags/$", FeedTagsEndpoint.as_view()),\n'
    assert expected in after


def test_three_unnamed_entries_in_four_make_the_rule_and_two_do_not() -> None:
    two = FEEDS.replace(
        "FeedOwnersEndpoint.as_view())",
        'FeedOwnersEndpoint.as_view(), name="acme-api-0-feed-owners")',
    )
    after = _patched(two, "FeedTagsEndpoint", "feeds/{feed_id}/tags/")

    assert 'name="acme-api-0-feed-tags"' in after


def test_the_top_level_of_named_entries_keeps_its_layout_and_names() -> None:
    after = _patched(FEEDS, "SprocketsEndpoint", "sprockets/")

    assert (
        '    re_path(\n        r"^sprockets/$",\n        SprocketsEndpoint.as_view(),\n'
        '        name="acme-api-0-sprockets",\n    ),\n'
    ) in after


def test_remove_takes_the_one_line_entry_out_byte_for_byte() -> None:
    after = _patched(FEEDS, "FeedTagsEndpoint", "feeds/{feed_id}/tags/")

    removal = remove_registration(after, "urls.py", "acme.api", "FeedTagsEndpoint", 100)

    assert removal.code == FEEDS
