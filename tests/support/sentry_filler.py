"""The non-endpoint bulk of the Sentry-scale tree: models, serializers, tasks, utils, migrations, tests.

Sizes follow a real codebase (about 100-250 lines a file, imports, classes, functions), so that
timing a linter or `scaffold check` on the tree means something. Every file is `ruff --select F`
clean: each import is used, each name defined.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from string import Template

from tests.support.pysource import camel

PKG = "bigco"
NOUNS = (
    "activity", "allocation", "annotation", "assignment", "batch", "bucket", "cache_entry",
    "campaign", "channel", "cohort", "commit", "counter", "cursor", "dataset", "deploy",
    "device", "digest_item", "domain", "draft", "entitlement", "fingerprint", "forecast",
    "grant", "heartbeat", "import_job", "interval", "job", "ledger", "lease", "limit",
    "manifest", "marker", "measure", "outbox", "partition", "payload", "pipeline", "policy",
    "portal", "preference", "receipt", "record", "region", "replica", "report", "retention",
    "revision", "rollout", "scan", "segment", "shard", "signal", "sketch", "slot", "span_link",
    "stream", "target", "ticket", "timeline", "topic", "trace_item", "trend", "usage",
    "vault", "watch", "window",
)  # fmt: skip

MODEL_HEAD = """\
\"\"\"Models for $topic.\"\"\"

from __future__ import annotations

from django.db import models
from django.utils import timezone

from bigco.db.models.base import DefaultFieldsModel
"""
MODEL = """

class ${Name}Status(models.IntegerChoices):
    ACTIVE = 0, "active"
    DISABLED = 1, "disabled"
    PENDING_DELETION = 2, "pending deletion"


class $Name(DefaultFieldsModel):
    \"\"\"A $noun, scoped to an organization, with the settings it was created with.\"\"\"

    organization_id = models.BigIntegerField(db_index=True)
    name = models.CharField(max_length=64)
    slug = models.SlugField(max_length=50)
    status = models.PositiveSmallIntegerField(
        choices=${Name}Status.choices, default=${Name}Status.ACTIVE
    )
    config = models.JSONField(default=dict)
    date_added = models.DateTimeField(default=timezone.now)
$fields
    class Meta:
        app_label = "$app"
        db_table = "${app}_$table"
        unique_together = (("organization_id", "slug"),)

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    def is_active(self) -> bool:
        return self.status == ${Name}Status.ACTIVE

    def disable(self) -> None:
        self.status = ${Name}Status.DISABLED
        self.save(update_fields=["status"])

    def get_config_value(self, key: str, default: object = None) -> object:
        return self.config.get(key, default)

    def age_in_days(self) -> int:
        return (timezone.now() - self.date_added).days
"""
FIELDS = (
    "    external_id = models.CharField(max_length=128, null=True)\n",
    "    date_updated = models.DateTimeField(auto_now=True)\n",
    "    project_id = models.BigIntegerField(null=True, db_index=True)\n",
    "    user_id = models.BigIntegerField(null=True)\n",
    "    data = models.JSONField(default=dict)\n",
    "    priority = models.PositiveSmallIntegerField(default=0)\n",
    "    is_default = models.BooleanField(default=False)\n",
    "    expires_at = models.DateTimeField(null=True)\n",
)

SERIALIZER_HEAD = """\
\"\"\"API serializers for $topic.\"\"\"

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rest_framework import serializers

from bigco.api.serializers import Serializer, register
"""
SERIALIZER = """

@register($Model)
class ${Name}ResponseSerializer(Serializer):
    \"\"\"Turns $noun rows into the API's JSON shape.\"\"\"

    def get_attrs(self, item_list: Sequence[$Model], user: Any, **kwargs: Any) -> dict[Any, Any]:
        owners = {item.id: getattr(item, "user_id", None) for item in item_list}
        return {item: {"owner": owners[item.id]} for item in item_list}

    def serialize(self, obj: $Model, attrs: dict[str, Any], user: Any, **kwargs: Any) -> dict[str, Any]:
        return {
            "id": str(obj.id),
            "name": obj.name,
            "slug": obj.slug,
            "status": obj.status,
            "owner": attrs.get("owner"),
            "dateAdded": obj.date_added,
        }


class ${Name}InputSerializer(serializers.Serializer):
    \"\"\"Validates a request body that creates or edits a $noun.\"\"\"

    name = serializers.CharField(max_length=64)
    slug = serializers.SlugField(max_length=50, required=False)
    config = serializers.DictField(required=False)

    def validate_slug(self, value: str) -> str:
        if value and value.isdecimal():
            raise serializers.ValidationError("Enter a slug that is not only digits.")
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("config") and "name" not in attrs:
            raise serializers.ValidationError({"name": "A config needs a name."})
        return attrs
"""

TASK_HEAD = """\
\"\"\"Background tasks for $topic.\"\"\"

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from bigco.tasks.base import instrumented_task
"""
TASK = """

@instrumented_task(name="$module.$func", queue="$app", max_retries=3)
def $func(${var}_id: int, days: int = 30, **kwargs: object) -> int:
    \"\"\"Process the ${noun}'s stale rows; returns how many were touched.\"\"\"
    try:
        item = $Model.objects.get(id=${var}_id)
    except $Model.DoesNotExist:
        logger.info("$func.missing", extra={"id": ${var}_id})
        return 0
    cutoff = timezone.now() - timedelta(days=days)
    touched = 0
    for row in $Model.objects.filter(organization_id=item.organization_id, date_added__lt=cutoff):
        if not row.is_active():
            continue
        row.disable()
        touched += 1
    logger.info("$func.done", extra={"id": ${var}_id, "touched": touched})
    return touched
"""

UTIL_HEAD = """\
\"\"\"Helpers for $topic.\"\"\"

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_TOKEN = re.compile(r"[a-z0-9_]+")
"""
UTIL = """

@dataclass(frozen=True)
class ${Name}Window:
    \"\"\"A closed range of $noun offsets, with the labels that matched it.\"\"\"

    start: int
    end: int
    labels: tuple[str, ...] = field(default_factory=tuple)

    def __contains__(self, offset: object) -> bool:
        return isinstance(offset, int) and self.start <= offset <= self.end

    def merge(self, other: ${Name}Window) -> ${Name}Window:
        labels = tuple(sorted(set(self.labels) | set(other.labels)))
        return ${Name}Window(min(self.start, other.start), max(self.end, other.end), labels)


def tokenize_$var(text: str) -> list[str]:
    \"\"\"Lower-case tokens of a $noun description, in order.\"\"\"
    return _TOKEN.findall(text.lower())


def group_${var}_windows(windows: Iterable[${Name}Window]) -> list[${Name}Window]:
    \"\"\"Merge overlapping windows; the result is sorted by start.\"\"\"
    merged: list[${Name}Window] = []
    for window in sorted(windows, key=lambda w: w.start):
        if merged and window.start <= merged[-1].end:
            merged[-1] = merged[-1].merge(window)
        else:
            merged.append(window)
    return merged


def ${var}_summary(counts: Mapping[str, int], limit: int = 10) -> dict[str, object]:
    \"\"\"The `limit` largest counts and the total, for the $noun overview.\"\"\"
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return {"top": top, "total": sum(counts.values()), "distinct": len(counts)}
"""

MIGRATION_HEAD = """\
# Generated by Django 5.2 on 2026-$month-$day

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("$app", "$previous"),
    ]

    operations = [
"""
MIGRATION = """\
        migrations.CreateModel(
            name="$Name",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("organization_id", models.BigIntegerField(db_index=True)),
                ("name", models.CharField(max_length=64)),
                ("slug", models.SlugField(max_length=50)),
                ("status", models.PositiveSmallIntegerField(default=0)),
                ("config", models.JSONField(default=dict)),
                ("date_added", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"db_table": "${app}_$table"},
        ),
        migrations.AddIndex(
            model_name="$table",
            index=models.Index(fields=["organization_id", "status"], name="${table}_org_status"),
        ),
"""

TEST_HEAD = """\
\"\"\"Tests for $topic.\"\"\"

from __future__ import annotations

import pytest

from bigco.testutils.cases import APITestCase
from bigco.testutils.silo import region_silo_test
"""
TEST = """

@region_silo_test
class ${Name}Test(APITestCase):
    endpoint = "bigco-api-0-$kebab"

    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.user)
        self.item = self.create_$var(organization=self.organization, name="first")

    def test_lists_items(self) -> None:
        response = self.get_success_response(self.organization.slug)
        assert [row["id"] for row in response.data] == [str(self.item.id)]

    def test_filters_by_query(self) -> None:
        self.create_$var(organization=self.organization, name="second")
        response = self.get_success_response(self.organization.slug, qs_params={"query": "sec"})
        assert [row["name"] for row in response.data] == ["second"]

    def test_other_organization_is_hidden(self) -> None:
        other = self.create_organization(owner=self.create_user())
        self.get_error_response(other.slug, status_code=403)

    @pytest.mark.parametrize("status", ["active", "disabled"])
    def test_filters_by_status(self, status: str) -> None:
        response = self.get_success_response(self.organization.slug, qs_params={"status": status})
        assert all(row["status"] == status for row in response.data)
"""


def _topic(noun: str) -> str:
    return noun.replace("_", " ")


def model_module(app: str, nouns: list[str], rng: random.Random) -> str:
    """A models module defining one Django model per noun (the first noun first)."""
    parts = [Template(MODEL_HEAD).substitute(topic=_topic(nouns[0]))]
    for noun in dict.fromkeys(nouns):
        fields = "".join(rng.sample(FIELDS, rng.randint(0, len(FIELDS))))
        parts.append(
            Template(MODEL).substitute(
                Name=camel(noun), noun=_topic(noun), app=app, table=noun, fields=fields
            )
        )
    return "".join(parts)


Blocks = Callable[[str, str, list[tuple[str, str]], random.Random], str]


def _models_import(models: list[tuple[str, str]]) -> str:
    lines = sorted({f"from {module} import {name}" for name, module in models})
    return "\n".join(lines) + "\n"


def serializer_module(
    app: str, stem: str, models: list[tuple[str, str]], rng: random.Random
) -> str:
    """Response and input serializers for each of `models` ((class, module) pairs)."""
    head = Template(SERIALIZER_HEAD).substitute(topic=_topic(stem)) + _models_import(models)
    suffixes = [stem, *rng.sample(NOUNS, rng.randint(0, 2))]
    body = "".join(
        Template(SERIALIZER).substitute(Model=name, Name=name + camel(suffix), noun=_topic(suffix))
        for name, _ in models
        for suffix in dict.fromkeys(suffixes)
    )
    return head + body


def task_module(app: str, stem: str, models: list[tuple[str, str]], rng: random.Random) -> str:
    """Tasks over each of `models`."""
    head = Template(TASK_HEAD).substitute(topic=_topic(stem)) + _models_import(models)
    head += "\nlogger = logging.getLogger(__name__)\n"
    module = f"{PKG}.{app}.tasks.{stem}"
    body = "".join(
        Template(TASK).substitute(
            module=module, func=f"{verb}_{stem}_{name.lower()}", app=app, Model=name,
            var=name.lower(), noun=_topic(stem),
        )
        for name, _ in models
        for verb in rng.sample(("prune", "expire", "sweep", "reconcile"), rng.randint(2, 4))
    )  # fmt: skip
    return head + body


def util_module(app: str, stem: str, models: list[tuple[str, str]], rng: random.Random) -> str:
    """Pure helpers: windows, tokenizing, summaries, a few times over."""
    nouns = list(dict.fromkeys([stem, *rng.sample(NOUNS, rng.randint(1, 5))]))
    head = Template(UTIL_HEAD).substitute(topic=_topic(stem))
    body = "".join(Template(UTIL).substitute(Name=camel(n), var=n, noun=_topic(n)) for n in nouns)
    return head + body


def migration_module(app: str, stem: str, models: list[tuple[str, str]], rng: random.Random) -> str:
    """A migration creating a table (with an index) per noun."""
    head = Template(MIGRATION_HEAD).substitute(
        month=f"{rng.randint(1, 12):02d}", day=f"{rng.randint(1, 28):02d}", app=app,
        previous=f"{rng.randint(1, 999):04d}_previous",
    )  # fmt: skip
    nouns = [stem, *rng.sample(NOUNS, rng.randint(2, 10))]
    body = "".join(
        Template(MIGRATION).substitute(Name=camel(n), app=app, table=n)
        for n in dict.fromkeys(nouns)
    )
    return head + body + "    ]\n"


def test_module(app: str, stem: str, models: list[tuple[str, str]], rng: random.Random) -> str:
    """API tests, a class per noun."""
    nouns = list(dict.fromkeys([stem, *rng.sample(NOUNS, rng.randint(1, 6))]))
    head = Template(TEST_HEAD).substitute(topic=_topic(stem))
    body = "".join(
        Template(TEST).substitute(Name=camel(n), var=n, kebab=n.replace("_", "-")) for n in nouns
    )
    return head + body


KINDS: tuple[tuple[str, float, Blocks], ...] = (
    ("serializers", 0.13, serializer_module),
    ("tasks", 0.10, task_module),
    ("utils", 0.20, util_module),
    ("migrations", 0.17, migration_module),
    ("tests", 0.40, test_module),
)
