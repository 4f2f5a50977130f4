"""A looked-up object the generated test makes with its model's manager is given, besides its
parent, the objects before it that the model declares as fields, as the README says of every
such object: a gauge looked up with `parent: null` under a project still belongs to an
organization, and `Gauge.objects.create()` would fail on its NOT NULL column before the test
reached the endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES, copy_project, run_cli

GAUGE_MODEL = """\
from django.db import models

from orbit.models.organization import Organization


class Gauge(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    project_id = models.BigIntegerField()
    label = models.CharField(max_length=64)
"""

ROUTE = "projects/{organization_id_or_slug}/{project_id_or_slug}/gauges/{gauge_id}/"


def _spec(parent: str) -> str:
    return (
        "resources:\n"
        "  - name: ProjectGaugeDetails\n"
        f"    route: {ROUTE}\n"
        "    lookups:\n"
        "      gauge_id:\n"
        "        model: orbit.models.gauge.Gauge\n"
        f"{parent}"
    )


@pytest.mark.parametrize(
    ("model", "parent", "made"),
    [
        (  # unscoped: each object before it the model declares, as it declares it
            GAUGE_MODEL,
            "        parent: null\n",
            "Gauge.objects.create(organization=self.organization, project_id=self.project.id)",
        ),
        (  # under the project: the parent first, then the others the model declares
            GAUGE_MODEL,
            "",
            "Gauge.objects.create(project_id=self.project.id, organization=self.organization)",
        ),
        (  # a model declaring none of them is given none
            GAUGE_MODEL.replace("organization =", "owner =").replace("project_id =", "size ="),
            "        parent: null\n",
            "Gauge.objects.create()",
        ),
    ],
    ids=["unscoped", "scoped", "undeclared"],
)
def test_a_looked_up_object_gets_the_objects_before_it_its_model_declares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], model: str, parent: str, made: str
) -> None:
    project = copy_project(FIXTURES / "today", tmp_path / "today")
    (project / "src/orbit/models/gauge.py").write_text(model)
    spec = project / "spec.yaml"
    spec.write_text(_spec(parent))

    result = run_cli(capsys, "generate", str(spec), "--project", str(project))

    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_project_gauge_details.py").read_text()
    assert f"self.gauge={made}".replace(" ", "") in "".join(text.split()), text
    assert "# TODO: set the fields the model requires\n" in text


DIAL_MODEL = """\
from django.db import models

from orbit.models.project import Project


class Dial(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    label = models.CharField(max_length=64)
"""


@pytest.mark.parametrize(
    ("model", "made", "todo"),
    [
        (  # the path's first step is a fixture of the test case, under the organization
            DIAL_MODEL,
            "Dial.objects.create(project=self.project)",
            "set the fields the model requires",
        ),
        (  # no fixture of that name: nothing create() could take, and a TODO says what to give
            DIAL_MODEL.replace("project =", "gauge =").replace("(Project,", '("orbit.Gauge",'),
            "Dial.objects.create()",
            (
                "give it a gauge whose organization_id is self.organization.id, "
                "then set the fields the model requires"
            ),
        ),
    ],
    ids=["fixture", "no-fixture"],
)
def test_a_parent_field_through_a_relation_is_no_keyword_of_create(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], model: str, made: str, todo: str
) -> None:
    """`parent_field: project__organization_id` scopes the lookup through the project; Django's
    `create()` takes no such path (a TypeError before the test reaches the endpoint)."""
    project = copy_project(FIXTURES / "today", tmp_path / "today")
    (project / "src/orbit/models/dial.py").write_text(model)
    hop = "project" if "project =" in model else "gauge"
    spec = project / "spec.yaml"
    spec.write_text(
        "resources:\n"
        "  - name: OrganizationDialDetails\n"
        "    route: organizations/{organization_id_or_slug}/dials/{dial_id}/\n"
        "    lookups:\n"
        "      dial_id:\n"
        "        model: orbit.models.dial.Dial\n"
        f"        parent_field: {hop}__organization_id\n"
    )

    result = run_cli(capsys, "generate", str(spec), "--project", str(project))

    assert result.code == 0, result.err
    text = (project / "tests/orbit/api/endpoints/test_organization_dial_details.py").read_text()
    assert "__organization_id=" not in text, text
    assert f"self.dial={made}".replace(" ", "") in "".join(text.split()), text
    assert f"# TODO: {todo}\n" in text, text
