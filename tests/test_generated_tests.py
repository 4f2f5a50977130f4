"""The test module scaffold writes with each endpoint: where it goes, which idiom it follows,
that it runs and passes against the generated stub, and that it fails when a lookup breaks."""

from __future__ import annotations

import re
from pathlib import Path

import black
import pytest

from scaffold.pysource.test_idiom import Requests, read_test_idiom
from tests.helpers import (
    EXAMPLE,
    FIXTURES,
    copy_project,
    fixtures_module,
    pytest_in,
    run_cli,
    snapshot,
)

TODAY = FIXTURES / "today"
ISSUE_LINKS = (
    "new-endpoint",
    "ProjectIssueLinks",
    "--route",
    "projects/{organization_id_or_slug}/{project_id_or_slug}/issue-links/{team_id_or_slug}/",
    "--lookup",
    "team_id_or_slug=orbit.models.team.Team",
    "--methods",
    "get,post",
    "--module",
    "orbit.issues.endpoints",
)
ISSUE_LINKS_TEST = Path("tests/orbit/issues/endpoints/test_project_issue_links.py")
EXAMPLE_TESTS = EXAMPLE / "tests" / "acme" / "api" / "endpoints"


def test_the_idiom_is_read_from_the_test_utilities() -> None:
    idiom = read_test_idiom(TODAY / "src/orbit/testutils", "orbit.testutils")

    assert idiom is not None
    assert (idiom.cases_module, idiom.case_class) == ("orbit.testutils.cases", "APITestCase")
    assert {"organization", "project", "create_team", "login_as"} <= idiom.members
    assert idiom.silo_module == "orbit.testutils.silo"
    assert idiom.silo_test_for("cell_silo_endpoint") == "cell_silo_test"
    assert idiom.silo_test_for("all_silo_endpoint") is None  # the utilities define none


def test_no_idiom_without_the_success_and_error_helpers(tmp_path: Path) -> None:
    utils = tmp_path / "testutils"
    utils.mkdir()
    (utils / "cases.py").write_text("class APITestCase:\n    endpoint = None\n    method = 'get'\n")
    assert read_test_idiom(utils, "x.testutils") is None
    assert read_test_idiom(FIXTURES / "modern/src/nova/testutils", "nova.testutils") is None


# an older tree's test utilities (2015-2019 shape): the case class logs its fixture user in
# and builds fixtures lazily, but has no endpoint/method attributes nor response helpers
OLD_CASES = """\
from rest_framework.test import APITestCase as BaseAPITestCase

from oldco.testutils.fixtures import Fixtures


class BaseTestCase(Fixtures):
    def login_as(self, user):
        self.client.force_login(user)


class APITestCase(BaseTestCase, BaseAPITestCase):
    pass
"""
OLD_FIXTURES = fixtures_module("(object)")


def _with_old_utilities(project: Path) -> Path:
    utils = project / "src/oldco/testutils"
    utils.mkdir()
    (utils / "__init__.py").write_text("")
    (utils / "cases.py").write_text(OLD_CASES)
    (utils / "fixtures.py").write_text(OLD_FIXTURES)
    return utils


def test_an_older_case_class_is_read_without_the_helpers(tmp_path: Path) -> None:
    utils = _with_old_utilities(copy_project(FIXTURES / "legacy", tmp_path / "legacy"))
    idiom = read_test_idiom(utils, "oldco.testutils")
    assert idiom is not None and idiom.requests is Requests.CLIENT
    assert (idiom.cases_module, idiom.case_class) == ("oldco.testutils.cases", "APITestCase")
    assert {"login_as", "user", "organization", "create_organization"} <= idiom.members


def _old_gizmos_test(project: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The test module `new-endpoint` writes for an organization route on the legacy tree."""
    argv = (
        "new-endpoint",
        "OrganizationGizmos",
        "--route",
        "organizations/{organization_slug}/gizmos/",
    )
    assert run_cli(capsys, *argv, "--project", str(project)).code == 0
    return (project / "tests/oldco/api/endpoints/test_organization_gizmos.py").read_text()


def test_on_an_older_tree_the_test_logs_in_with_its_case_class_and_fixtures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(FIXTURES / "legacy", tmp_path / "legacy")
    _with_old_utilities(project)
    text = _old_gizmos_test(project, capsys)
    assert black.format_str(text, mode=black.Mode(line_length=100)) == text
    assert "from oldco.testutils.cases import APITestCase" in text
    assert "class OrganizationGizmosTest(APITestCase):" in text
    assert "self.login_as(self.user)" in text
    assert "get_user_model" not in text and "force_authenticate" not in text
    assert "self.client.get(self.url(self.organization.slug)" in text  # the fixture, no TODO
    assert "TODO" not in text
    compile(text, "test_organization_gizmos.py", "exec")


@pytest.mark.parametrize("imported", ["django.core.urlresolvers", "django.urls", None])
def test_reverse_is_imported_from_where_the_tree_imports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], imported: str | None
) -> None:
    """A list-style urls.py runs on Django 1.8 and 1.9 too, which have no `django.urls`: a tree
    whose API modules import `reverse` from `django.core.urlresolvers` only (Sentry 2020 did, on
    Django 1.11) gets its test importing it from there; without a hint, `django.urls`."""
    project = copy_project(FIXTURES / "legacy", tmp_path / "legacy")
    _with_old_utilities(project)
    if imported is not None:
        helper = project / "src/oldco/api/links.py"
        helper.write_text(f"from {imported} import reverse\n\nLINK = reverse\n")
    text = _old_gizmos_test(project, capsys)
    assert f"from {imported or 'django.urls'} import reverse\n" in text


def test_on_todays_layout_the_test_mirrors_the_domain_package_in_the_sentry_idiom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(TODAY, tmp_path / "today")

    result = run_cli(capsys, *ISSUE_LINKS, "--project", str(project))

    assert result.code == 0, result.err
    text = (project / ISSUE_LINKS_TEST).read_text()
    assert black.format_str(text, mode=black.Mode(line_length=100)) == text  # [tool.ruff]
    assert "@cell_silo_test\nclass ProjectIssueLinksTest(APITestCase):" in text
    assert 'endpoint = "orbit-api-0-project-issue-links"' in text
    assert "self.login_as(self.user)" in text
    assert "self.team = self.create_team(project=self.project)" in text
    assert re.search(r'method="post",\s+status_code=201', text)
    assert re.search(r'self.project.slug, "0", status_code=404', text)
    # every name it imports exists where it imports it from
    imports = re.findall(r"^from ([\w.]+) import (\w+)$", text, re.MULTILINE)
    assert imports[0] == ("__future__", "annotations")  # as the project's modules have it
    assert len(imports) == 3
    for module, name in imports[1:]:
        source = (project / "src" / (module.replace(".", "/") + ".py")).read_text()
        assert re.search(rf"^(class {name}\b|{name} = )", source, re.MULTILINE), (module, name)


def test_a_factory_named_after_the_parent_and_the_model_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `gizmo_id` looked up as a Team: the utilities' `create_project_team`, as Sentry names
    # `create_project_rule`, makes it (there is no `create_gizmo` nor `create_project_gizmo`)
    project = copy_project(TODAY, tmp_path / "today")
    fixtures = project / "src/orbit/testutils/fixtures.py"
    fixtures.write_text(
        fixtures.read_text().replace("def create_team(", "def create_project_team(")
    )
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/gizmos/{gizmo_id}/"
    argv = ("new-endpoint", "ProjectGizmoDetails", "--route", route)
    lookup = ("--lookup", "gizmo_id=orbit.models.team.Team", "--module", "orbit.issues.endpoints")

    assert run_cli(capsys, *argv, *lookup, "--project", str(project)).code == 0

    test = project / "tests/orbit/issues/endpoints/test_project_gizmo_details.py"
    text = test.read_text()
    assert "self.gizmo = self.create_project_team(project=self.project)" in text
    assert "TODO" not in text


def test_on_todays_layout_pytest_collects_the_generated_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(TODAY, tmp_path / "today")
    assert run_cli(capsys, *ISSUE_LINKS, "--project", str(project)).code == 0

    done = pytest_in(project / "src", "--collect-only", "-p", "no:django", str(ISSUE_LINKS_TEST))

    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("test_get", "test_post", "test_missing_team_is_404"):
        assert f"ProjectIssueLinksTest::{name}" in done.stdout


def test_without_an_idiom_the_test_falls_back_to_drf(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(FIXTURES / "modern", tmp_path / "modern")
    argv = (
        "new-endpoint",
        "OrganizationGizmos",
        "--route",
        "organizations/{organization_id_or_slug}/gizmos/",
    )

    assert run_cli(capsys, *argv, "--project", str(project)).code == 0

    text = (project / "tests/nova/api/endpoints/test_organization_gizmos.py").read_text()
    assert "from rest_framework.test import APITestCase" in text
    assert 'reverse("nova-api-0-organization-gizmos", args=args)' in text
    assert "# TODO: create the organization the route needs" in text


def test_no_tests_writes_none_and_dry_run_shows_the_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(TODAY, tmp_path / "today")

    shown = run_cli(capsys, *ISSUE_LINKS, "--dry-run", "--project", str(project))
    assert shown.code == 0
    assert f"+++ b/{ISSUE_LINKS_TEST.as_posix()}" in shown.out
    assert run_cli(capsys, *ISSUE_LINKS, "--no-tests", "--project", str(project)).code == 0
    assert not (project / ISSUE_LINKS_TEST).exists()


def test_remove_deletes_the_test_it_wrote_and_keeps_an_edited_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(TODAY, tmp_path / "today")
    before = snapshot(project)
    assert run_cli(capsys, *ISSUE_LINKS, "--project", str(project)).code == 0
    assert run_cli(capsys, "remove", "ProjectIssueLinks", "--project", str(project)).code == 0
    assert snapshot(project) == before

    assert run_cli(capsys, *ISSUE_LINKS, "--project", str(project)).code == 0
    test_module = project / ISSUE_LINKS_TEST
    test_module.write_text(test_module.read_text() + "\n# mine now\n")
    result = run_cli(capsys, "remove", "ProjectIssueLinks", "--project", str(project))
    assert result.code == 0, result.err
    assert test_module.exists()
    assert f"keep    {ISSUE_LINKS_TEST.as_posix()}  (edited since scaffold wrote it" in result.out
    # the test kept still reverses the route taken out: the run says so (it said nothing)
    name = re.search(r'endpoint = "([^"]+)"', test_module.read_text())
    assert name is not None and name.group(1) not in (project / "src/orbit/api/urls.py").read_text()
    assert (
        f"note    {ISSUE_LINKS_TEST.as_posix()}  (reverses {name.group(1)!r}, the name of a "
        "route this takes out: it fails with NoReverseMatch" in result.out
    )


def test_remove_names_another_test_that_reverses_the_route_it_takes_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(TODAY, tmp_path / "today")
    assert run_cli(capsys, *ISSUE_LINKS, "--project", str(project)).code == 0
    name = re.search(r'endpoint = "([^"]+)"', (project / ISSUE_LINKS_TEST).read_text())
    assert name is not None
    other = project / "tests/test_links_elsewhere.py"
    other.write_text(f'LINKS = "{name.group(1)}"\n')
    result = run_cli(capsys, "remove", "ProjectIssueLinks", "--project", str(project))
    assert result.code == 0, result.err
    assert f"delete  {ISSUE_LINKS_TEST.as_posix()}\n" in result.out
    assert "note    tests/test_links_elsewhere.py  (reverses" in result.out
    assert "note    " + ISSUE_LINKS_TEST.as_posix() not in result.out


def test_the_example_has_a_generated_test_for_every_generated_endpoint() -> None:
    modules = {p.stem for p in (EXAMPLE / "src/acme/api/endpoints").glob("*.py")}
    hand_written = {"__init__", "catchall", "index", "organization_details", "project_details"}
    expected = {f"test_{stem}" for stem in modules - hand_written}
    assert {p.stem for p in EXAMPLE_TESTS.glob("test_*.py")} == expected


def test_a_broken_lookup_fails_its_generated_404_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The test of the tests: regenerate one endpoint from a spec whose lookup passes the raw
    value through (no object, no 404), keep its generated test, and run that test."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "resources:\n"
        "  - name: ProjectWidgetDetails\n"
        "    route: projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/"
        "{widget_id_or_slug}/\n"
        "    methods: [get, put, delete]\n"
        "    lookups:\n"
        "      widget_id_or_slug: {passthrough: true}\n"
    )
    test_module = "tests/acme/api/endpoints/test_project_widget_details.py"

    passing = pytest_in(project / "src", test_module)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    result = run_cli(
        capsys, "generate", str(broken), "--force", "--no-tests", "--project", str(project)
    )
    assert result.code == 0, result.err
    failing = pytest_in(project / "src", test_module)

    assert failing.returncode == 1, failing.stdout
    failed = set(re.findall(r"FAILED \S+::(\w+)", failing.stdout))
    assert failed == {"test_missing_widget_is_404"}, failing.stdout


GROUP_FIXTURE = "    @cached_property\n    def group(self) -> Any:\n        return None\n"


def _add_to_fixtures(project: Path, method: str) -> None:
    """Put `method` (its text, indented as a method) into the today fixture's utilities."""
    fixtures = project / "src/orbit/testutils/fixtures.py"
    anchor = "    def create_user("
    fixtures.write_text(fixtures.read_text().replace(anchor, f"{method}\n{anchor}", 1))


GROUP_BASE = """\
from __future__ import annotations

from typing import Any

from orbit.api.base import Endpoint


class GroupEndpoint(Endpoint):
    def convert_args(self, request: Any, issue_id: str, *args: Any, **kwargs: Any) -> Any:
        kwargs["group"] = issue_id
        return (args, kwargs)
"""


def test_a_parameter_the_base_injects_under_another_name_uses_that_fixture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`issue_id` becomes `group` in GroupEndpoint, as in Sentry: the test takes the utilities'
    `self.group`, not a `self.issue = None` the route call then fails on."""
    project = copy_project(TODAY, tmp_path / "today")
    (project / "src/orbit/api/bases/group.py").write_text(GROUP_BASE)
    _add_to_fixtures(project, GROUP_FIXTURE)
    argv = ("new-endpoint", "GroupSuspectCommits", "--route", "issues/{issue_id}/suspect-commits/")
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_group_suspect_commits.py").read_text()
    assert "self.get_success_response(self.group.id, status_code=200)" in text
    assert "self.issue" not in text


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        ("create_project_widget", "orbit.models.team.Team"),
        ("create_team", "orbit.models.team.Team"),
    ],
)
def test_a_lookup_takes_the_utilities_factory_named_as_sentry_names_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], factory: str, model: str
) -> None:
    """`create_<object>`, else `create_<parent>_<object>` (Sentry's `create_project_rule`),
    else the model's own name (`create_project_key` for ProjectKey; here `create_team`)."""
    project = copy_project(TODAY, tmp_path / "today")
    _add_to_fixtures(
        project, f"    def {factory}(self, project: Any = None) -> Any:\n        return None\n"
    )
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id}/"
    argv = (
        "new-endpoint",
        "ProjectWidgetThing",
        "--route",
        route,
        "--lookup",
        f"widget_id={model}",
    )
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_project_widget_thing.py").read_text()
    assert f"self.widget = self.{factory}(project=self.project)" in text


def test_a_factory_named_after_the_model_comes_before_one_named_after_the_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`files/{file_id}` looked up as a ReleaseFile: Sentry's `create_file` makes a File (whose
    id the endpoint 404s), `create_release_file` the ReleaseFile; here a `widget` that is a
    Team, with both `create_widget` and `create_team` in the utilities."""
    project = copy_project(TODAY, tmp_path / "today")
    for factory in ("create_widget", "create_team"):
        method = f"    def {factory}(self, project: Any = None) -> Any:\n        return None\n"
        _add_to_fixtures(project, method)
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id}/"
    lookup = ("--lookup", "widget_id=orbit.models.team.Team")
    result = run_cli(
        capsys,
        "new-endpoint",
        "ProjectWidgetThing",
        "--route",
        route,
        *lookup,
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_project_widget_thing.py").read_text()
    assert "self.widget = self.create_team(project=self.project)" in text


GADGET_MODEL = """\
from django.db import models

from orbit.models.project import Project


class Gadget(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
"""

GADGET_BASE = """\
from typing import Any

from orbit.api.bases.project import ProjectEndpoint
from orbit.models.gadget import Gadget


class GadgetEndpoint(ProjectEndpoint):
    def convert_args(self, request: Any, gadget_id: str, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        kwargs["gadget"] = Gadget.objects.get(project=kwargs["project"], id=gadget_id)
        return (args, kwargs)
"""


def _with_gadgets(tmp_path: Path) -> Path:
    """A copy of today's fixture with a Gadget model (a project's)."""
    project = copy_project(TODAY, tmp_path / "today")
    (project / "src/orbit/models/gadget.py").write_text(GADGET_MODEL)
    return project


def _gadget_lookup_test(capsys: pytest.CaptureFixture[str], project: Path, noun: str) -> str:
    """The test `new-endpoint` writes for `projects/.../<noun>s/{<noun>_id}/`, a Gadget."""
    route = f"projects/{{organization_id_or_slug}}/{{project_id_or_slug}}/{noun}s/{{{noun}_id}}/"
    lookup = ("--lookup", f"{noun}_id=orbit.models.gadget.Gadget")
    argv = ("new-endpoint", f"Project{noun.capitalize()}Thing", "--route", route, *lookup)
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    return (project / f"tests/orbit/api/endpoints/test_project_{noun}_thing.py").read_text()


GADGET_FACTORIES = """

class Factories:
    @staticmethod
    def create_gadget(the_project: Any, size: int) -> Any:
        return None
"""


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (
            "def create_gadget(self, project_id: Any = None) -> Any:\n        return None\n",
            "self.gadget = self.create_gadget(project_id=self.project.id)\n",
        ),
        (
            "def create_gadget(self, projects: Any = None) -> Any:\n        return None\n",
            "self.gadget = self.create_gadget(projects=[self.project])\n",
        ),
        (
            (
                "def create_gadget(self, project: Any = None, *args: Any, **kwargs: Any) -> Any:\n"
                "        return Factories.create_gadget(project, **kwargs)\n"
            ),
            (
                "# TODO: give size: create_gadget requires it\n"
                "        self.gadget = self.create_gadget(project=self.project)\n"
            ),
        ),
    ],
)
def test_a_parent_is_passed_as_the_factory_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], method: str, expected: str
) -> None:
    """Sentry's `create_release_file(self, release_id=None, ...)` and `create_project(teams=)`
    take the parent as its id or in a list ("takes no release" was a false TODO), and
    `create_alert_rule_trigger_action` hands its `alert_rule_trigger` on positionally (the
    target's first parameter: "give trigger" was a false TODO)."""
    project = _with_gadgets(tmp_path)
    _add_to_fixtures(project, f"    {method}")
    fixtures = project / "src/orbit/testutils/fixtures.py"
    fixtures.write_text(fixtures.read_text() + GADGET_FACTORIES)
    text = _gadget_lookup_test(capsys, project, "gadget")
    assert expected in text
    assert text.count("TODO") == expected.count("TODO")


@pytest.mark.parametrize(
    ("column", "body", "call"),
    [
        # Sentry's 2018 `create_environment(self, **kwargs)` reads `kwargs.get("project")`,
        # and an Environment holds a `project_id` column ("has no project field": a false TODO)
        (True, 'project = kwargs.get("project")\n        return project', "project=self.project"),
        # `create_monitor` sets `project_id=self.project.id` itself: passing it again is a
        # TypeError (two values for one keyword)
        (True, "return Gadget.objects.create(project_id=self.project.id, **kwargs)", ""),
        (False, "return Gadget.objects.create(project=self.project, **kwargs)", ""),
        # OrgAuthToken holds `organization_id` and its factory hands `**kwargs` to the model
        (True, "return Gadget.objects.create(**kwargs)", "project_id=self.project.id"),
    ],
)
def test_a_kwargs_factory_gets_the_parent_as_it_takes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], column: bool, body: str, call: str
) -> None:
    project = _with_gadgets(tmp_path)
    model = project / "src/orbit/models/gadget.py"
    if column:  # `project_id = ...IntegerField()`: a plain column, no relation
        model.write_text(model.read_text().split("    project = ")[0] + COLUMN)
    factory = f"    def create_gadget(self, **kwargs: Any) -> Any:\n        {body}\n"
    _add_to_fixtures(project, factory)
    text = _gadget_lookup_test(capsys, project, "gadget")
    assert f"self.gadget = self.create_gadget({call})\n" in text
    assert "TODO" not in text


COLUMN = "    project_id = models.IntegerField()\n"


def test_a_factory_and_a_parameter_named_in_short_are_used_when_provable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's `create_repo` makes a Repository (`Repository.objects.create`), and
    `create_commit(self, project, repo)` takes the repository as `repo`: the test made the
    repository with its manager and a TODO, and the commit with "give repo"."""
    project = _with_gadgets(tmp_path)
    model = project / "src/orbit/models/gadget.py"
    model.write_text(
        model.read_text().replace("class Gadget(", "class GadgetNote(")
        + "\n\nclass Sprocket(models.Model):\n"
        "    gadget_note = models.ForeignKey(GadgetNote, on_delete=models.CASCADE)\n"
    )
    _add_to_fixtures(
        project,
        "    def create_gadget(self, project: Any = None) -> Any:\n"
        "        return GadgetNote.objects.create(project=project)\n\n"
        "    def create_sprocket(self, gadget: Any) -> Any:\n"
        "        return Sprocket.objects.create(gadget_note=gadget)\n",
    )
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/g/{gadget_note_id}/s/{sprocket_id}/"
    lookups = (
        ("--lookup", "gadget_note_id=orbit.models.gadget.GadgetNote"),
        ("--lookup", "sprocket_id=orbit.models.gadget.Sprocket"),
    )
    argv = ("new-endpoint", "ProjectSprocketThing", "--route", route, *lookups[0], *lookups[1])
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_project_sprocket_thing.py").read_text()
    assert "self.gadget_note = self.create_gadget(project=self.project)\n" in text
    assert "self.sprocket = self.create_sprocket(gadget=self.gadget_note)\n" in text
    assert "TODO" not in text


@pytest.mark.parametrize("returns", ["gadget", "note"])
def test_a_shorter_factory_is_used_only_when_it_gives_back_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], returns: str
) -> None:
    """Sentry's `create_incident` also makes IncidentSeen and IncidentProject rows but returns
    the Incident: a lookup of an IncidentSeen was made with it (its id an incident's)."""
    project = _with_gadgets(tmp_path)
    model = project / "src/orbit/models/gadget.py"
    model.write_text(
        model.read_text() + "\n\nclass GadgetNote(models.Model):\n"
        "    project = models.ForeignKey(Project, on_delete=models.CASCADE)\n"
    )
    _add_to_fixtures(
        project,
        "    def create_gadget(self, project: Any = None) -> Any:\n"
        "        gadget = Gadget.objects.create(project=project)\n"
        "        note = GadgetNote.objects.create(project=project)\n"
        f"        return {returns}\n",
    )
    text = _note_lookup_test(capsys, project, "gadget_note_id")
    made = {
        "gadget": "self.gadget_note = GadgetNote.objects.create(project_id=self.project.id)\n",
        "note": "self.gadget_note = self.create_gadget(project=self.project)\n",
    }[returns]
    assert made in text


def test_a_factory_named_after_the_model_in_one_word_is_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's `create_useremail` makes a UserEmail (and `create_userreport` a UserReport):
    a lookup of one was made with `UserEmail.objects.create()` and a TODO."""
    project = _with_gadgets(tmp_path)
    model = project / "src/orbit/models/gadget.py"
    model.write_text(model.read_text().replace("class Gadget(", "class GadgetNote("))
    _add_to_fixtures(
        project,
        "    def create_gadgetnote(self, project: Any = None) -> Any:\n" "        return None\n",
    )
    text = _note_lookup_test(capsys, project, "note_id")
    assert "self.note = self.create_gadgetnote(project=self.project)" in text


def _note_lookup_test(capsys: pytest.CaptureFixture[str], project: Path, param: str) -> str:
    """The test `new-endpoint` writes for `projects/.../notes/{<param>}/`, a GadgetNote."""
    route = f"projects/{{organization_id_or_slug}}/{{project_id_or_slug}}/notes/{{{param}}}/"
    lookup = ("--lookup", f"{param}=orbit.models.gadget.GadgetNote")
    argv = ("new-endpoint", "ProjectNoteThing", "--route", route, *lookup)
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    return (project / "tests/orbit/api/endpoints/test_project_note_thing.py").read_text()


@pytest.mark.parametrize("offered", [True, False])
def test_the_feature_flags_a_base_checks_are_turned_on_in_each_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], offered: bool
) -> None:
    """Sentry's incident and monitor bases 404 unless `features.has("organizations:...")`: the
    generated tests met that 404 on every request. With the case class's `feature` context
    manager, each test runs inside it."""
    project = _with_gadgets(tmp_path)
    base = GADGET_BASE.replace(
        "        kwargs[",
        '        if not features.has("organizations:gadgets", kwargs["project"]):\n'
        "            raise ValueError\n"
        "        kwargs[",
    )
    (project / "src/orbit/api/bases/gadget.py").write_text(f"from orbit import features\n{base}")
    if offered:
        cases = project / "src/orbit/testutils/cases.py"
        method = "    def feature(self, names: Any) -> Any:\n        return names\n\n"
        text = cases.read_text().replace("    def login_as(", method + "    def login_as(", 1)
        cases.write_text(text)
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/gadgets/{gadget_id}/notes/"
    argv = ("new-endpoint", "ProjectGadgetNotes", "--route", route, "--methods", "get,post")
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_project_gadget_notes.py").read_text()
    wrapped = '        with self.feature("organizations:gadgets"):\n            self.get_'
    assert text.count(wrapped) == (2 if offered else 0)  # one per method (no 404 test here)
    assert ("self.feature" in text) is offered


@pytest.mark.parametrize(("made", "used"), [("Project", False), ("Gadget", True)])
def test_a_fixture_named_as_the_object_that_makes_another_model_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], made: str, used: bool
) -> None:
    """Sentry's `activity` fixture makes a group's Activity: an incident comment route, whose
    base looks up an IncidentActivity, requested that Activity's id (a 404 for a 200)."""
    project = _with_gadgets(tmp_path)
    (project / "src/orbit/api/bases/gadget.py").write_text(GADGET_BASE)
    body = f"        return {made}.objects.create()\n"
    _add_to_fixtures(project, f"    @cached_property\n    def gadget(self) -> Any:\n{body}")
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/gadgets/{gadget_id}/notes/"
    result = run_cli(
        capsys, "new-endpoint", "ProjectGadgetNotes", "--route", route, "--project", str(project)
    )
    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_project_gadget_notes.py").read_text()
    assert "self.gadget.id" in text
    assert ("self.gadget = " not in text) is used


@pytest.mark.parametrize(("made", "used"), [("Project", False), ("Gadget", True)])
def test_a_factory_named_after_the_object_that_makes_another_model_is_not_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], made: str, used: bool
) -> None:
    """Sentry before `create_release_file`: `create_file` makes a File (`File.objects.create`),
    and a `file` looked up as a ReleaseFile got it (a TypeError for `release=`, or a File id
    the endpoint 404s); here a `gizmo` that is a Gadget and a `create_gizmo` making a `made`."""
    project = _with_gadgets(tmp_path)
    body = f"        return {made}.objects.create()\n"
    _add_to_fixtures(project, f"    def create_gizmo(self, project: Any = None) -> Any:\n{body}")
    text = _gadget_lookup_test(capsys, project, "gizmo")
    assert ("self.gizmo = self.create_gizmo(" in text) is used
    assert ("self.gizmo = Gadget.objects.create(" in text) is not used


DASHBOARD_MODEL = """\
from django.db import models

from orbit.models.organization import Organization


class Dashboard(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    title = models.CharField(max_length=64)
"""

DASHBOARD_BASE = """\
from typing import Any

from orbit.api.bases.organization import OrganizationEndpoint
from orbit.api.exceptions import ResourceDoesNotExist
from orbit.models.dashboard import Dashboard


class OrganizationDashboardBase(OrganizationEndpoint):
    def convert_args(
        self, request: Any, organization_id_or_slug: str, dashboard_id: str, *args: Any, **kwargs: Any
    ) -> tuple[Any, Any]:
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        try:
            kwargs["dashboard"] = Dashboard.objects.get(
                id=dashboard_id, organization=kwargs["organization"]
            )
        except Dashboard.DoesNotExist:
            raise ResourceDoesNotExist
        return (args, kwargs)
"""


@pytest.mark.parametrize(
    "kind",
    ["declares", "column", "undeclared", "factory", "factory-undeclared", "factory-names-it"],
)
def test_an_object_the_base_looks_up_is_made_under_the_object_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """The utilities' factory makes the dashboard, given its organization, as Sentry's
    `create_project_rule(project=...)`; with none, its model's manager does, given the
    organization when the model declares that field (and only then)."""
    project = copy_project(TODAY, tmp_path / "today")
    undeclared = kind.endswith(("undeclared", "names-it"))  # no `organization` field
    model = DASHBOARD_MODEL.replace("organization =", "owner =") if undeclared else None
    if kind == "column":  # Sentry's Monitor: `organization_id = BoundedBigIntegerField(...)`
        column = "organization_id = models.BigIntegerField()"
        model = DASHBOARD_MODEL.replace(
            "organization = models.ForeignKey(Organization, on_delete=models.CASCADE)", column
        )
    (project / "src/orbit/models/dashboard.py").write_text(model or DASHBOARD_MODEL)
    (project / "src/orbit/api/bases/dashboard.py").write_text(DASHBOARD_BASE)
    if kind.startswith("factory"):  # naming the parent, or handing **kwargs to the model
        names = kind != "factory-undeclared"
        signature = "self, organization: Any = None" if names else "self, **kwargs: Any"
        factory = (
            f"    def create_organization_dashboard({signature}) -> Any:\n        return None\n"
        )
        _add_to_fixtures(project, factory)
    route = "organizations/{organization_id_or_slug}/dashboards/{dashboard_id}/summary/"
    argv = ("new-endpoint", "OrganizationDashboardSummary", "--route", route)

    result = run_cli(capsys, *argv, "--project", str(project))

    assert result.code == 0, result.err
    assert "OrganizationDashboardSummaryEndpoint(OrganizationDashboardBase)" in result.out
    text = (
        project / "tests/orbit/api/endpoints/test_organization_dashboard_summary.py"
    ).read_text()
    made = {
        "factory": "self.create_organization_dashboard(organization=self.organization)",
        "declares": "Dashboard.objects.create(organization=self.organization)",
        "column": "Dashboard.objects.create(organization_id=self.organization.id)",
        "undeclared": "Dashboard.objects.create()",
        # the factory would hand `organization=` to a model that has no such field
        "factory-undeclared": "self.create_organization_dashboard()",
        # the factory takes the organization itself, whatever the model's fields
        "factory-names-it": "self.create_organization_dashboard(organization=self.organization)",
    }[kind]
    assert f"self.dashboard = {made}\n" in text
    todo = {
        "factory": None,
        "declares": "set the other fields dashboard",
        "column": "set the other fields dashboard",
        "undeclared": "create the dashboard",
        "factory-undeclared": "put it under self.organization (Dashboard has no organization",
        "factory-names-it": None,
    }[kind]
    assert (f"# TODO: {todo}" in text) if todo else ("TODO" not in text)
    assert "self.get_success_response(self.organization.slug, self.dashboard.id" in text


@pytest.mark.parametrize(
    ("route", "lookup", "success", "missing"),
    [
        (  # a lookup after the base's parameter is the lookup's object, not the base's again
            "issues/{issue_id}/hashes/{hash_id}/",
            ("--lookup", "hash_id=orbit.models.team.Team"),
            "self.get_success_response(self.group.id, self.hash.id, status_code=200)",
            'self.get_error_response(self.group.id, "0", status_code=404)',
        ),
        (  # the organization the base only checks the group against is the utilities' own
            "organizations/{organization_id_or_slug}/issues/{issue_id}/thing/",
            (),
            "self.get_success_response(self.organization.slug, self.group.id, status_code=200)",
            None,
        ),
    ],
)
def test_a_base_taking_an_optional_organization_gets_each_route_argument_right(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    route: str,
    lookup: tuple[str, ...],
    success: str,
    missing: str | None,
) -> None:
    """GroupEndpoint as from 2021: `convert_args(request, issue_id, organization_id_or_slug=None)`
    takes its parameters by name, wherever the route has them."""
    project = copy_project(TODAY, tmp_path / "today")
    base = GROUP_BASE.replace(
        "issue_id: str, *args",
        "issue_id: str, organization_id_or_slug: str | None = None, *args",
    )
    (project / "src/orbit/api/bases/group.py").write_text(base)
    _add_to_fixtures(project, GROUP_FIXTURE)
    argv = ("new-endpoint", "GroupThing", "--route", route, *lookup, "--project", str(project))

    result = run_cli(capsys, *argv)

    assert result.code == 0, result.err
    assert "GroupThingEndpoint(GroupEndpoint)" in result.out
    text = (project / "tests/orbit/api/endpoints/test_group_thing.py").read_text()
    assert success in text
    if missing is not None:
        assert missing in text
    else:  # no lookup of its own: the base's 404 is the base's to test
        assert "404" not in text


def test_a_route_reverse_cannot_build_is_tested_at_its_written_out_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A list included under a prefix with alternatives (Sentry's `GROUP_URLS` under
    `^(?:issues|groups)/`): Django's reverse() finds no path for its names, so the generated
    test requests the path written out, and passes on real Django."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    urls = project / "src/acme/api/urls.py"
    urls.write_text(urls.read_text().replace('r"^projects/",', 'r"^(?:projects|p)/",', 1))
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/gizmos/"
    argv = ("new-endpoint", "ProjectGizmos", "--route", route, "--methods", "get,post")

    result = run_cli(capsys, *argv, "--project", str(project))

    assert result.code == 0, result.err
    test = "tests/acme/api/endpoints/test_project_gizmos.py"
    text = (project / test).read_text()
    assert 'return "/api/0/projects/{}/{}/gizmos/".format(*args)' in text
    done = pytest_in(project / "src", test)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout  # get, post and the silo decorator's own


def test_the_test_module_has_the_future_imports_its_endpoint_module_has(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tree of Python 2 days starts each module with `from __future__ import
    absolute_import`: the endpoint module does, and so does its test."""
    project = copy_project(FIXTURES / "inline", tmp_path / "inline")
    route = "organizations/{organization_slug}/gizmos/"
    result = run_cli(
        capsys, "new-endpoint", "OrganizationGizmos", "--route", route, "--project", str(project)
    )
    assert result.code == 0, result.err
    module = next(project.rglob("organization_gizmos.py")).read_text()
    test = next(project.rglob("test_organization_gizmos.py")).read_text()
    assert module.startswith("from __future__ import absolute_import\n")
    assert test.startswith("from __future__ import absolute_import\n")


def test_a_model_named_after_its_parent_takes_the_factory_named_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A WidgetRevision looked up by number under a widget: the utilities' `create_revision`
    makes it (the lookup's name is `widget_revision`), and the test passes on real Django."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    route = (
        "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id_or_slug}/"
        "by-number/{number}/"
    )
    lookups = (
        ("--lookup", "widget_id_or_slug=acme.models.widget.Widget"),
        ("--lookup", "number=acme.models.widget.WidgetRevision:number"),
    )
    argv = ("new-endpoint", "WidgetRevisionByNumber", "--route", route)
    result = run_cli(capsys, *argv, *lookups[0], *lookups[1], "--project", str(project))
    assert result.code == 0, result.err
    test = "tests/acme/api/endpoints/test_widget_revision_by_number.py"
    text = (project / test).read_text()
    assert "self.widget_revision = self.create_revision(widget=self.widget)" in text
    assert "TODO" not in text
    done = pytest_in(project / "src", test)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("permission", "todo"),
    [
        ("rest_framework.permissions.IsAdminUser", "IsAdminUser"),
        ("rest_framework.permissions.IsAuthenticated", None),  # the logged-in user passes it
    ],
)
def test_a_permission_the_tests_user_may_not_pass_is_a_todo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], permission: str, todo: str | None
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    argv = ("new-endpoint", "BroadcastCounts", "--route", "broadcast-counts/")
    result = run_cli(capsys, *argv, "--permission", permission, "--project", str(project))
    assert result.code == 0, result.err
    text = (project / "tests/acme/api/endpoints/test_broadcast_counts.py").read_text()
    if todo is None:
        assert "TODO" not in text
    else:
        assert f"# TODO: give self.user what {todo} requires (else every request is a 403)" in text


def test_test_values_stay_inside_a_parameters_own_regex(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`{widget_id_or_slug:\\d+}` is requested by id, `{a:[0-9]+}` passed through takes "1":
    both tests pass on real Django (reverse() builds no path from a value the regex refuses);
    `{widget_slug:[a-z]+}` cannot be known to fit the fixture's slug: a TODO says so."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    prefix = "projects/{organization_id_or_slug}/{project_id_or_slug}"
    made = [
        ("WidgetNumeric", f"{prefix}/n/{{widget_id_or_slug:\\d+}}/", "widget_id_or_slug"),
        ("WidgetLetters", f"{prefix}/l/{{widget_slug:[a-z]+}}/", "widget_slug"),
        ("WidgetDigits", f"{prefix}/d/{{widget_slug:\\d+}}/", "widget_slug"),  # by slug only
        ("WidgetHex", f"{prefix}/h/{{widget_slug:[a-f0-9]{{32}}}}/", "widget_slug"),
    ]
    for name, route, param in made:
        lookup = ("--lookup", f"{param}=acme.models.widget.Widget")
        result = run_cli(
            capsys, "new-endpoint", name, "--route", route, *lookup, "--project", str(project)
        )
        assert result.code == 0, result.err
    passed = (
        "new-endpoint",
        "Bogus",
        "--route",
        "organizations/{organization_id_or_slug}/x/{a:[0-9]+}/",
    )
    assert run_cli(capsys, *passed, "--lookup", "a=-", "--project", str(project)).code == 0
    hexed = (
        "new-endpoint",
        "HexBogus",
        "--route",
        "organizations/{organization_id_or_slug}/h/{key:[0-9a-f]{32}}/",
    )
    assert run_cli(capsys, *hexed, "--lookup", "key=-", "--project", str(project)).code == 0
    tests = project / "tests/acme/api/endpoints"
    numeric = (tests / "test_widget_numeric.py").read_text()
    assert "self.widget.id" in numeric and "self.widget.slug" not in numeric
    assert '"0", status_code=404' in numeric
    letters = (tests / "test_widget_letters.py").read_text()
    assert "# TODO: give the widget a slug that the route's [a-z]+ takes" in letters
    assert '"nosuch", status_code=404' in letters
    assert 'self.organization.slug, "1", status_code=200' in (tests / "test_bogus.py").read_text()
    digits = (tests / "test_widget_digits.py").read_text()  # a slug lookup: never by id
    ones = '"' + "1" * 32 + '"'  # a value the regex takes, for a passthrough and a 404
    assert (
        f"self.organization.slug, {ones}, status_code=200"
        in (tests / "test_hex_bogus.py").read_text()
    )
    assert f"{ones}, status_code=404" in " ".join(
        (tests / "test_widget_hex.py").read_text().split()
    )
    assert "self.widget.slug" in digits and "# TODO: give the widget a slug that" in digits
    done = pytest_in(
        project / "src",
        *(
            str(tests / name)
            for name in ("test_widget_numeric.py", "test_bogus.py", "test_hex_bogus.py")
        ),
    )
    assert done.returncode == 0, done.stdout + done.stderr


FACTORIES = """

class Factories:
    @staticmethod
    def create_widget(project: Project, slug: str | None = None) -> Widget:
        slug = slug or _unique("widget")
        return Widget.objects.create(project=project, slug=slug, title=slug)

    @staticmethod
    def create_revision(number: int, widget: Widget, body: str = "{}") -> WidgetRevision:
        return WidgetRevision.objects.create(widget=widget, number=number, body=body)
"""


def test_a_factory_is_called_as_its_signature_allows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The utilities' factories as Sentry's are (2018: `create_repo(self, project, name=None)`;
    2024: `create_dashboard_widget(self, *args, **kwargs)` handing on to
    `Factories.create_dashboard_widget(order, dashboard=None, ...)`): a parameter the factory
    requires is given from the test case's fixture of that name, the parent only where the
    signature (followed through the hand-on) takes it, and a TODO names what is left. The
    generated test passes on real Django where nothing is left."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    fixtures = project / "src/acme/testutils/fixtures.py"
    text = fixtures.read_text()
    start, end = text.index("    def create_widget("), text.index("    def create_broadcast(")
    wrappers = (
        "    def create_widget(self, *args: Any, **kwargs: Any) -> Widget:\n"
        "        return Factories.create_widget(*args, **kwargs)\n\n"
        "    def create_revision(self, *args: Any, **kwargs: Any) -> WidgetRevision:\n"
        "        return Factories.create_revision(*args, **kwargs)\n\n"
    )
    text = text[:start] + wrappers + text[end:] + FACTORIES
    fixtures.write_text(
        text if "from typing import Any" in text else "from typing import Any\n" + text
    )
    prefix = "organizations/{organization_id_or_slug}"
    spec = project / "spec.yaml"
    spec.write_text(
        "- name: OrgWidgetDetails\n"
        f"  route: {prefix}/w/{{widget_id}}/\n"
        "  lookups: {widget_id: {model: acme.models.widget.Widget, parent: null}}\n"
        "- name: OrgWidgetRevision\n"
        f"  route: {prefix}/w/{{widget_id}}/r/{{revision_id}}/\n"
        "  lookups:\n"
        "    widget_id: {model: acme.models.widget.Widget, parent: null}\n"
        "    revision_id: {model: acme.models.widget.WidgetRevision}\n"
    )
    result = run_cli(capsys, "generate", str(spec), "--project", str(project))
    assert result.code == 0, result.err
    tests = project / "tests/acme/api/endpoints"
    details = (tests / "test_org_widget_details.py").read_text()
    assert "self.widget = self.create_widget(project=self.project)" in details
    assert "TODO" not in details
    revision = " ".join((tests / "test_org_widget_revision.py").read_text().split())
    assert "self.revision = self.create_revision(widget=self.widget)" in revision
    assert "# TODO: give number: create_revision requires it" in revision
    done = pytest_in(project / "src", str(tests / "test_org_widget_details.py"))
    assert done.returncode == 0, done.stdout + done.stderr


REVISION_BASE = '''"""A base that looks its object up by a field other than its id."""

from typing import Any

from rest_framework.request import Request

from acme.api.base import ConvertedArgs
from acme.api.bases.project import ProjectEndpoint
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.widget import WidgetRevision


class WidgetRevisionEndpoint(ProjectEndpoint):
    def convert_args(
        self, request: Request, revision_id: str, *args: Any, **kwargs: Any
    ) -> ConvertedArgs:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        if not str(revision_id).isdecimal():
            raise ResourceDoesNotExist
        try:
            kwargs["revision"] = WidgetRevision.objects.get(
                widget__project=kwargs["project"], number=revision_id
            )
        except WidgetRevision.DoesNotExist:
            raise ResourceDoesNotExist
        return (args, kwargs)
'''


def test_a_parameter_a_base_matches_to_a_field_of_another_object_is_requested_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's monitor environment base finds the Environment by `name=environment`, then
    stores the MonitorEnvironment it leads to: the test asked the environment for its `slug`
    (an Environment has none)."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    stored = (
        '            kwargs["revision"] = WidgetRevision.objects.get(\n'
        '                widget__project=kwargs["project"], number=revision_id\n'
        "            )\n"
    )
    assert stored in REVISION_BASE
    base = REVISION_BASE.replace(
        stored,
        "            found = WidgetRevision.objects.get(\n"
        '                widget__project=kwargs["project"], number=revision_id\n'
        "            )\n"
        '            kwargs["revision_body"] = found.body\n',
    )
    (project / "src/acme/api/bases/revision.py").write_text(base)
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/revisions/{revision_id}/notes/"
    argv = ("new-endpoint", "ProjectRevisionNotes", "--route", route, "--project", str(project))
    result = run_cli(capsys, *argv)
    assert result.code == 0, result.err
    text = (project / "tests/acme/api/endpoints/test_project_revision_notes.py").read_text()
    assert re.search(r"self\.\w+\.number, status_code=200", text), text


@pytest.mark.parametrize("param", ["revision_id", "revision_number"])
def test_an_object_a_base_looks_up_by_another_field_is_requested_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], param: str
) -> None:
    """Sentry's `ProjectMonitorCheckinEndpoint` looks `checkin_id` up as `guid=checkin_id`:
    the test requests the object's `guid`, not its `id` (a 404 where a 200 was expected); its
    incident base looks `incident_identifier` up as `identifier=` (an Incident has no `slug`,
    which a parameter not ending in `_id` was given). Here a revision by its `number`, on real
    Django."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "src/acme/api/bases/revision.py").write_text(
        REVISION_BASE.replace("revision_id", param)
    )
    route = (
        f"projects/{{organization_id_or_slug}}/{{project_id_or_slug}}/revisions/{{{param}}}/notes/"
    )
    argv = ("new-endpoint", "ProjectRevisionNotes", "--route", route, "--project", str(project))
    result = run_cli(capsys, *argv)
    assert result.code == 0, result.err
    assert "ProjectRevisionNotesEndpoint(WidgetRevisionEndpoint)" in result.out
    test = project / "tests/acme/api/endpoints/test_project_revision_notes.py"
    assert "self.revision.number" in test.read_text()
    done = pytest_in(project / "src", str(test))
    assert done.returncode == 0, done.stdout + done.stderr


SERVICE_BASE = """\
from typing import Any

from rest_framework.request import Request

from acme.api.base import ConvertedArgs, Endpoint
from acme.api.exceptions import ResourceDoesNotExist


def find_widget(token: str) -> Any:
    return None


class WidgetTokenEndpoint(Endpoint):
    permission_classes = ()

    def convert_args(
        self, request: Request, token: str, *args: Any, **kwargs: Any
    ) -> ConvertedArgs:
        widget = find_widget(token)
        if widget is None:
            raise ResourceDoesNotExist
        kwargs["widget"] = widget
        return (args, kwargs)
"""


def test_an_object_a_base_finds_by_a_parameter_named_for_no_id_or_slug_is_requested_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's `SentryAppInstallationBaseEndpoint` finds the installation for `{uuid}` through
    a service, which says nothing of the field: the test requested `self.installation.slug`
    (an installation has none); the parameter's own name is the field, as for a lookup's."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "src/acme/api/bases/widget_token.py").write_text(SERVICE_BASE)
    argv = ("new-endpoint", "TokenGadgets", "--route", "tokens/{token}/gadgets/")
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    assert "TokenGadgetsEndpoint(WidgetTokenEndpoint)" in result.out
    text = (project / "tests/acme/api/endpoints/test_token_gadgets.py").read_text()
    assert "self.widget.token" in text and ".slug" not in text, text


@pytest.mark.parametrize(
    ("creates", "call"),
    [
        ("Gadget.objects.create(project=project, **kwargs)", "organization=self.organization"),
        ("Gadget.objects.create(project=project, organization=project.org, **kwargs)", ""),
    ],
)
def test_a_kwargs_factory_making_the_model_gets_the_objects_above_it_the_model_relates_to(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], creates: str, call: str
) -> None:
    """Sentry's `create_member(teams=None, **kwargs)` hands its kwargs to OrganizationMember,
    whose organization is required: given only `teams=[self.team]`, setUp raised
    IntegrityError. The organization above the project is given too; never what the factory
    passes by name itself."""
    project = _with_gadgets(tmp_path)
    model = project / "src/orbit/models/gadget.py"
    model.write_text(
        model.read_text().replace(
            "from orbit.models.project import Project\n",
            "from orbit.models.organization import Organization\n"
            "from orbit.models.project import Project\n",
        )
        + "    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)\n"
    )
    factory = "    def create_gadget(self, project: Any = None, **kwargs: Any) -> Any:\n"
    _add_to_fixtures(project, factory + f"        return {creates}\n")
    text = _gadget_lookup_test(capsys, project, "gadget")
    expected = ", ".join(a for a in ("project=self.project", call) if a)
    assert f"self.gadget = self.create_gadget({expected})\n" in text
