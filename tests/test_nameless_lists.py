"""A list whose entries carry no URL name (Sentry's `GROUP_URLS` of 2020-2023): a new entry
follows it and carries none, unless one is asked for; everything downstream (the generated test,
the messages, `check`, `remove`, a second run) agrees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, run_cli, snapshot
from tests.test_generated_tests import _pytest

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
    assert 'return "/api/0/projects/{}/{}/gizmos/".format(*args)' in test
    done = _pytest([GIZMOS_TEST], project / "src")
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
