"""A lookup `.get()`s one row: where nothing in the model makes what it filters on unique (a
field's `unique=True`, `unique_together`, a `UniqueConstraint` for every row), two rows sharing
a value make `.get()` raise MultipleObjectsReturned, a 500. The "create" line says so, with
Django's own reading of each model (`_meta`) as the oracle; what scaffold cannot read gives no
note."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.db import models

from scaffold.generate.lookup_fields import repeats
from scaffold.project.catalog import Catalog
from scaffold.project.settings import load_settings
from tests.helpers import EXAMPLE, copy_project, run_cli

MODELS = '''\
"""Models written several ways of saying what is unique."""

from django.db import models
from django.db.models import Q

from acme.models.project import Project


class RepeatPlain(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    slug = models.SlugField()
    code = models.CharField(max_length=8, unique=True)
    key = models.UUIDField(primary_key=True)

    class Meta:
        app_label = "acme"
        managed = False


class RepeatOneToOne(models.Model):
    project = models.OneToOneField(Project, on_delete=models.CASCADE)
    title = models.CharField(max_length=8)

    class Meta:
        app_label = "acme"
        managed = False


class RepeatFlat(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    slug = models.SlugField()
    title = models.CharField(max_length=8)

    class Meta:
        app_label = "acme"
        managed = False
        unique_together = ("project", "slug")


class RepeatNested(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    slug = models.SlugField()
    title = models.CharField(max_length=8)

    class Meta:
        app_label = "acme"
        managed = False
        unique_together = [["project_id", "title"], ("slug",)]


class RepeatColumn(models.Model):
    project_id = models.BigIntegerField(db_index=True)
    slug = models.SlugField()
    title = models.CharField(max_length=8)

    class Meta:
        app_label = "acme"
        managed = False
        unique_together = (("project_id", "slug"),)


class RepeatConstraints(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    slug = models.SlugField()
    title = models.CharField(max_length=8)
    name = models.CharField(max_length=8)

    class Meta:
        app_label = "acme"
        managed = False
        constraints = [
            models.CheckConstraint(condition=Q(slug__gt=""), name="repeat_slug_set"),
            models.UniqueConstraint(fields=("project", "slug"), name="repeat_slug"),
            models.UniqueConstraint(
                fields=["project", "title"], condition=Q(name=""), name="repeat_title"
            ),
        ]
'''

CASES = [
    (name, field, scope)
    for name, fields, scoped in [
        ("RepeatPlain", ["slug", "code", "key"], True),
        ("RepeatOneToOne", ["title", "project_id"], False),
        ("RepeatFlat", ["slug", "title"], True),
        ("RepeatNested", ["slug", "title"], True),
        ("RepeatColumn", ["slug", "title"], True),
        ("RepeatConstraints", ["slug", "title", "name"], True),
    ]
    for field in fields
    for scope in ([None, "project_id"] if scoped else [None])
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(EXAMPLE, tmp_path_factory.mktemp("repeat") / "p")
    (project / "src/acme/models/repeat.py").write_text(MODELS, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def django_models(project: Path) -> dict[str, type[models.Model]]:
    """The models, defined for real (Django checks every option as it builds `_meta`)."""
    spec = importlib.util.spec_from_file_location(
        "acme.models.repeat", project / "src/acme/models/repeat.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in dir(module) if name.startswith("Repeat")}


def _django_unique(model: type[models.Model], names: set[str]) -> bool:
    """Django's own answer: some unique set of the model lies within `names`."""
    meta = model._meta
    fields = {meta.get_field(name).name for name in names}
    unique = [{field.name} for field in meta.concrete_fields if field.unique]
    unique += [set(together) for together in meta.unique_together]
    unique += [set(constraint.fields) for constraint in meta.total_unique_constraints]
    return any({meta.get_field(name).name for name in group} <= fields for group in unique)


@pytest.fixture(scope="module")
def catalog(project: Path) -> Catalog:
    return Catalog(load_settings(project))


@pytest.mark.parametrize(("name", "field", "scope"), CASES)
def test_a_lookup_may_repeat_exactly_where_django_finds_nothing_unique(
    catalog: Catalog,
    django_models: dict[str, type[models.Model]],
    name: str,
    field: str,
    scope: str | None,
) -> None:
    model = django_models[name]
    expected = not _django_unique(model, {field} | ({scope} if scope else set()))
    found = repeats(catalog.resolver, f"acme.models.repeat.{name}", field, scope)
    assert found is expected


def test_what_cannot_be_read_or_is_no_column_gives_no_verdict(catalog: Catalog) -> None:
    """A scope through a relation or a many-to-many, or a Meta whose uniqueness is a name
    (`unique_together = SHARED`), proves nothing: no note."""
    resolver = catalog.resolver
    assert repeats(resolver, "acme.models.repeat.RepeatFlat", "title", "project__slug") is False
    assert repeats(resolver, "acme.models.widget.Widget", "title", "project_id") is True
    assert repeats(resolver, "acme.models.widget.Widget", "slug", "project_id") is False
    assert repeats(resolver, "acme.models.widget.Widget", "id", "project_id") is False


def test_the_create_line_says_a_lookup_may_raise_multiple_objects_returned(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    said = {}
    for field in ("title", "slug"):
        result = run_cli(
            capsys,
            "new-endpoint",
            "GadgetDetails",
            "--route",
            "projects/{organization_id_or_slug}/{project_id_or_slug}/gadgets/{widget}/",
            "--lookup",
            f"widget=acme.models.Widget:{field}",
            "--no-tests",
            "--dry-run",
            "--project",
            str(project),
        )
        assert result.code == 0, result.err
        said[field] = result.out
    assert (
        "note: nothing in Widget makes title unique within its project (unique=True, "
        "unique_together or a UniqueConstraint): two such rows make the lookup raise "
        "MultipleObjectsReturned, a 500" in " ".join(said["title"].split())
    )
    assert "MultipleObjectsReturned" not in said["slug"]
