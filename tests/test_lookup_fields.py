"""A lookup filters its model by fields: one the model provably lacks is refused before anything
is written (Django would raise FieldError, a 500 on every request), with Django's own models
as the oracle; what scaffold cannot read is taken as given."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core.exceptions import FieldError

from acme.models import Widget
from tests.helpers import EXAMPLE, Result, copy_project, run_cli, snapshot

PROJECT_ROUTE = "projects/{organization_id_or_slug}/{project_id_or_slug}/gadgets/{widget_id}/"
ORG_ROUTE = "organizations/{organization_id_or_slug}/gadgets/{widget_id}/"


def _django_accepts(**filters: object) -> bool:
    try:
        Widget.objects.filter(**filters)
    except FieldError:
        return False
    return True


def _new(
    project: Path, capsys: pytest.CaptureFixture[str], route: str, *lookups: str
) -> tuple[Result, bool]:
    before = snapshot(project)
    result = run_cli(
        capsys,
        "new-endpoint",
        "GadgetDetails",
        "--route",
        route,
        *(flag for lookup in lookups for flag in ("--lookup", lookup)),
        "--no-tests",
        "--project",
        str(project),
    )
    return result, snapshot(project) == before


def test_a_mistyped_field_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not _django_accepts(titel="x")
    project = copy_project(EXAMPLE, tmp_path / "p")
    result, unchanged = _new(project, capsys, PROJECT_ROUTE, "widget_id=acme.models.Widget:titel")
    assert result.code == 2 and unchanged
    assert result.err.strip() == (
        "error: --lookup: acme.models.Widget has no field 'titel' (did you mean 'title'?); "
        "check the field name"
    )


def test_a_parameter_named_like_a_field_of_its_model_looks_that_field_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`{title}` on Widget, no field given: Widget provably has `title`, so the lookup filters
    on it (Rails' `find_by(title: ...)`); a name it lacks, or a model that cannot be read, is
    still a question for the user."""
    assert _django_accepts(title="x", project_id=1)
    project = copy_project(EXAMPLE, tmp_path / "p")
    route = PROJECT_ROUTE.replace("{widget_id}", "{title}")
    result, unchanged = _new(project, capsys, route, "title=acme.models.Widget")
    assert result.code == 0 and not unchanged, result.err
    module = (project / "src/acme/api/endpoints/gadget_details.py").read_text(encoding="utf-8")
    assert 'Widget.objects.get(project_id=kwargs["project"].id, title=title)' in module
    assert "def get(self, request: Request, project: Project, widget: Widget)" in module

    project = copy_project(EXAMPLE, tmp_path / "q")
    result, unchanged = _new(
        project, capsys, route.replace("title", "titel"), "titel=acme.models.Widget"
    )
    assert result.code == 2 and unchanged
    assert result.err.strip() == (
        "error: --lookup: say which model field 'titel' matches: acme.models.Widget has no field "
        "'titel' (did you mean 'title'?); write --lookup titel=acme.models.Widget:FIELD"
    )
    user = "django.contrib.auth.models.User"
    result, unchanged = _new(
        project, capsys, route.replace("title", "username"), f"username={user}"
    )
    assert result.code == 2 and unchanged
    assert result.err.strip() == (
        f"error: --lookup: say which model field 'username' matches: {user}'s fields cannot be "
        f"read; write --lookup username={user}:FIELD"
    )


def test_a_parent_scope_the_model_lacks_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # under an organization the widget would be scoped by organization_id, which it lacks
    assert not _django_accepts(organization_id=1)
    project = copy_project(EXAMPLE, tmp_path / "p")
    result, unchanged = _new(project, capsys, ORG_ROUTE, "widget_id=acme.models.Widget")
    assert result.code == 2 and unchanged
    assert "acme.models.Widget has no field 'organization_id'" in result.err
    assert (  # --lookup has no parent_field: a spec has
        "write the resource in a spec (scaffold generate) with lookups.widget_id.parent_field "
        "naming the field holding the organization's id, or parent: null" in result.err
    )


@pytest.mark.parametrize("field", ["slug", "title", "project__slug"])
def test_fields_the_model_has_or_that_cross_relations_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    assert _django_accepts(**{field: "x", "project_id": 1})
    project = copy_project(EXAMPLE, tmp_path / "p")
    result, unchanged = _new(
        project, capsys, PROJECT_ROUTE, f"widget_id=acme.models.Widget:{field}"
    )
    assert result.code == 0, result.err
    assert not unchanged
    module = (project / "src/acme/api/endpoints/gadget_details.py").read_text()
    assert f'project_id=kwargs["project"].id, {field}=widget_id' in module


def test_a_model_with_a_base_from_outside_the_project_is_taken_as_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    models = project / "src/acme/models/widget.py"
    text = models.read_text()
    # a base whose fields cannot be read: scaffold makes no claim about the model's fields
    models.write_text(
        "from some_package.models import TimestampedModel\n"
        + text.replace("class Widget(models.Model):", "class Widget(TimestampedModel):")
    )
    result, _ = _new(project, capsys, PROJECT_ROUTE, "widget_id=acme.models.Widget:created_at")
    assert result.code == 0, result.err


def test_a_lookup_on_an_integer_field_turns_a_non_number_into_a_404(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Django raises ValueError (a 500) for `get(number="abc")` on an IntegerField: the
    generated convert_args checks the value is a number first, as it does for `id`; a text
    field gets no such check."""
    from acme.models import WidgetRevision

    with pytest.raises(ValueError):
        WidgetRevision.objects.filter(number="no-such-revision")
    project = copy_project(EXAMPLE, tmp_path / "p")
    for name, field in (("RevisionDetails", "number"), ("RevisionBodies", "body")):
        result = run_cli(
            capsys,
            "new-endpoint",
            name,
            "--route",
            "revisions/{revision}/",
            "--lookup",
            f"revision=acme.models.widget.WidgetRevision:{field}",
            "--permission",
            "rest_framework.permissions.AllowAny",
            "--no-tests",
            "--dry-run",
            "--project",
            str(project),
        )
        assert result.code == 0, result.err
        checked = "if not str(revision).isdecimal():\n" in result.out
        assert checked is (field == "number"), result.out


@pytest.mark.parametrize("typo", ["titel", "object_id", "projekt_id", "slugg", "titl_id"])
def test_a_suggested_field_is_one_django_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], typo: str
) -> None:
    """The reading accepts more names than a model has (`objects_id` from a manager, `title_id`
    from a text field: a call's kind is not always known), but it only suggests real ones."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    models = project / "src/acme/models/widget.py"
    text = models.read_text()
    models.write_text(
        text.replace("    title = models", "    objects = models.Manager()\n    title = models", 1)
    )
    assert not _django_accepts(**{typo: "x"})
    result, unchanged = _new(project, capsys, PROJECT_ROUTE, f"widget_id=acme.models.Widget:{typo}")
    assert result.code == 2 and unchanged, result.err
    assert f"has no field {typo!r}" in result.err
    suggested = result.err.partition("(did you mean '")[2].partition("'")[0]
    assert suggested, result.err
    assert _django_accepts(**{suggested: 1}), suggested


RELEASE_MODEL = """\
from django.db import models

from acme.models.project import Project


class Release(models.Model):
    project_id = models.IntegerField(null=True)  # legacy: the projects are linked below
    projects = models.ManyToManyField(Project)
    version = models.CharField(max_length=64)
"""


@pytest.mark.parametrize("linked", [True, False])
def test_a_legacy_parent_column_beside_a_relation_to_the_parents_scopes_by_the_relation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], linked: bool
) -> None:
    """Sentry's Release keeps a nullable `project_id` of its own and links its projects through
    `projects`: scoped by `project_id`, the endpoint finds none of the releases made today."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    model = RELEASE_MODEL if linked else RELEASE_MODEL.replace("    projects = ", "    teams = ")
    (project / "src/acme/models/release.py").write_text(model)
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/releases/{version}/"
    lookup = "version=acme.models.release.Release:version"

    result, _ = _new(project, capsys, route, lookup)

    assert result.code == 0, result.err
    module = (project / "src/acme/api/endpoints/gadget_details.py").read_text()
    scope = 'projects=kwargs["project"].id' if linked else 'project_id=kwargs["project"].id'
    assert f"Release.objects.get({scope}, version=version)" in module


IMPORT_SUBMODULES = """\
from acme.utils.imports import import_submodules

import_submodules(globals(), __name__, __path__)
"""


def test_a_model_named_through_a_package_that_imports_its_submodules_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry before 2021: `sentry/models/__init__.py` binds every submodule's names with
    `import_submodules(globals(), __name__, __path__)`, and code names `sentry.models.Release`.
    Unread, the model's legacy `project_id` scoped the lookup (every release made today 404s)."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "src/acme/models/release.py").write_text(RELEASE_MODEL)
    (project / "src/acme/models/__init__.py").write_text(IMPORT_SUBMODULES)
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/releases/{version}/"

    result, _ = _new(project, capsys, route, "version=acme.models.Release:version")

    assert result.code == 0, result.err
    module = (project / "src/acme/api/endpoints/gadget_details.py").read_text()
    assert 'Release.objects.get(projects=kwargs["project"].id, version=version)' in module
    refused, unchanged = _new(project, capsys, ORG_ROUTE, "widget_id=acme.models.Widget:titel")
    assert refused.code == 2 and unchanged, refused.err  # and a field it lacks is refused
    assert "has no field 'titel'" in refused.err


def test_an_object_named_as_its_parameter_does_not_rebind_the_parameter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`{widget}` looked up as `widget`: the str parameter is not rebound to the Widget (mypy
    refuses `widget: str` holding a Widget); the object goes straight into kwargs, and a lookup
    under it is scoped by `kwargs["widget"]`."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/gadgets/{widget}/{revision}/"
    lookups = (
        "widget=acme.models.Widget:slug",
        "revision=acme.models.widget.WidgetRevision:number",
    )
    result, _ = _new(project, capsys, route, *lookups)
    assert result.code == 0, result.err
    module = (project / "src/acme/api/endpoints/gadget_details.py").read_text(encoding="utf-8")
    convert_args = next(
        node
        for node in ast.walk(ast.parse(module))
        if isinstance(node, ast.FunctionDef) and node.name == "convert_args"
    )
    params = {arg.arg for arg in convert_args.args.args}
    assigned = {
        target.id
        for node in ast.walk(convert_args)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert {"widget", "revision"} <= params and not params & assigned, assigned
    assert 'kwargs["widget"] = Widget.objects.get(' in module
    assert 'widget_id=kwargs["widget"].id, number=revision' in module


MONITOR_BASE = """\
from __future__ import annotations

from typing import Any

from orbit.api.base import Endpoint


class MonitorEndpoint(Endpoint):
    def convert_args(self, request: Any, monitor_id: str, *args: Any, **kwargs: Any) -> Any:
        monitor = load_monitor(monitor_id)
        kwargs.update({"monitor": monitor, "project": monitor.project})
        return (args, kwargs)
"""


def test_a_lookup_is_scoped_by_the_object_of_the_parameter_before_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's MonitorEndpoint stores the monitor, then its project: a check-in under
    `monitors/{monitor_id}/` belongs to the monitor (scoped by the project, one monitor's URL
    served another's check-ins), the object of the parameter before it, not the last stored."""
    from tests.helpers import FIXTURES

    project = copy_project(FIXTURES / "today", tmp_path / "today")
    (project / "src/orbit/api/bases/monitor.py").write_text(MONITOR_BASE)
    route = "monitors/{monitor_id}/checkins/{checkin_id}/"
    lookup = "checkin_id=outside.models.MonitorCheckIn:guid"
    result = run_cli(
        capsys,
        "new-endpoint",
        "MonitorCheckInLogs",
        "--route",
        route,
        "--lookup",
        lookup,
        "--no-tests",
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    module = (project / "src/orbit/api/endpoints/monitor_check_in_logs.py").read_text()
    assert 'MonitorCheckIn.objects.get(monitor_id=kwargs["monitor"].id, guid=checkin_id)' in module


TOKEN_MODEL = """\
from django.db import models

from acme.models.project import Project


class Token(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    guid = models.UUIDField()
"""


def test_a_value_that_is_no_uuid_is_a_404_before_a_uuid_field_is_queried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Django's UUIDField raises ValidationError (Sentry's own ValueError) for "no-such-token",
    a 500 the generated 404 test met; the value is tried as a UUID first."""
    from django.core.exceptions import ValidationError
    from django.db.models import UUIDField

    with pytest.raises(ValidationError):  # what the query would meet (Django as the oracle)
        UUIDField().to_python("no-such-token")
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "src/acme/models/token.py").write_text(TOKEN_MODEL)
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/tokens/{token}/"

    result, _ = _new(project, capsys, route, "token=acme.models.token.Token:guid")

    assert result.code == 0, result.err
    module = (project / "src/acme/api/endpoints/gadget_details.py").read_text()
    assert "from uuid import UUID\n" in module
    guard = "        try:\n            UUID(str(token))\n        except ValueError:\n"
    assert guard + "            raise ResourceDoesNotExist\n" in module
    assert module.index(guard) < module.index("Token.objects.get(")


@pytest.mark.parametrize(
    ("model", "made"),
    [
        (RELEASE_MODEL, "Release.objects.create()"),  # scoped by `projects`, a many-to-many
        (  # scoped by its foreign key: the object, not its id
            TOKEN_MODEL.replace("guid = models.UUIDField()", "version = models.CharField()"),
            "Token.objects.create(project=self.project)",
        ),
    ],
)
def test_a_test_object_is_made_under_its_parent_as_the_scope_field_takes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], model: str, made: str
) -> None:
    """`Integration.objects.create(organizations=self.organization.id)` (a many-to-many) raised
    TypeError on a 2018 tree; a foreign key given by name takes the object, not its id."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    name = "release" if "class Release" in model else "token"
    (project / f"src/acme/models/{name}.py").write_text(model)
    cls = name.capitalize()
    route = f"projects/{{organization_id_or_slug}}/{{project_id_or_slug}}/{name}s/{{version}}/"
    spec = project / "spec.yaml"
    parent_field = "" if name == "release" else ", parent_field: project"
    spec.write_text(
        f"- name: Gadget{cls}\n  route: {route}\n"
        f"  lookups: {{version: {{model: acme.models.{name}.{cls}, field: version{parent_field}}}}}\n"
    )
    result = run_cli(capsys, "generate", str(spec), "--project", str(project))
    assert result.code == 0, result.err
    test = (project / f"tests/acme/api/endpoints/test_gadget_{name}.py").read_text()
    assert f"self.{name} = {made}" in test, test
    if name == "release":
        assert "# TODO: add self.project to its projects, then set the fields" in test
