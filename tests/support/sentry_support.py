"""Support modules of the Sentry-scale tree that endpoints and ordinary modules import."""

from __future__ import annotations

from tests.support import synthetic as syn

SRC = f"src/{syn.PACKAGE}"

USER_BASE = '''"""Base class for endpoints addressed under a user."""

from __future__ import annotations

from bigco.api.base import Endpoint
from bigco.api.exceptions import ResourceDoesNotExist
from bigco.models.user import User


class UserEndpoint(Endpoint):
    """Resolves the user in the URL (`me` is the caller) and passes it on as `user`."""

    def convert_args(self, request, user_id, *args, **kwargs):
        if user_id == "me":
            user_id = request.user.id
        try:
            kwargs["user"] = User.objects.get(id=int(user_id))
        except (ValueError, User.DoesNotExist):
            raise ResourceDoesNotExist from None
        return (args, kwargs)
'''

GROUP_BASE = '''"""Base class for endpoints addressed under an issue (a group of events)."""

from __future__ import annotations

from bigco.api.base import Endpoint
from bigco.api.bases.organization import lookup_organization
from bigco.api.exceptions import ResourceDoesNotExist
from bigco.models.group import Group
from bigco.models.organization import Organization


class GroupEndpoint(Endpoint):
    """Resolves the issue in the URL, optionally under an organization, as `group`."""

    def convert_args(self, request, issue_id, organization_id_or_slug=None, *args, **kwargs):
        try:
            scope = {}
            if organization_id_or_slug is not None:
                scope["organization_id"] = lookup_organization(organization_id_or_slug).id
            kwargs["group"] = Group.objects.get(id=int(issue_id), **scope)
        except (ValueError, Organization.DoesNotExist, Group.DoesNotExist):
            raise ResourceDoesNotExist from None
        return (args, kwargs)
'''

DB_BASE = '''"""Abstract model bases shared by every app."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class DefaultFieldsModel(models.Model):
    """Adds creation and update timestamps."""

    date_added = models.DateTimeField(default=timezone.now)
    date_updated = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
'''

SERIALIZERS = '''"""Registry of response serializers, and `serialize` that applies them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

_REGISTRY: dict[type, Serializer] = {}


class Serializer:
    """Turns model instances into JSON-ready dicts in two passes (bulk attrs, then each row)."""

    def get_attrs(self, item_list: Sequence[Any], user: Any, **kwargs: Any) -> dict[Any, Any]:
        return {}

    def serialize(self, obj: Any, attrs: dict[str, Any], user: Any, **kwargs: Any) -> Any:
        return {"id": str(obj.id)}


def register(model: type) -> Callable[[type[Serializer]], type[Serializer]]:
    def wrapper(cls: type[Serializer]) -> type[Serializer]:
        _REGISTRY[model] = cls()
        return cls

    return wrapper


def serialize(objects: Any, user: Any = None, **kwargs: Any) -> Any:
    """One dict for one object, a list for a list; unregistered types use the default shape."""
    if objects is None:
        return None
    rows = list(objects) if isinstance(objects, list | tuple) else [objects]
    if not rows:
        return []
    serializer = _REGISTRY.get(type(rows[0]), Serializer())
    attrs = serializer.get_attrs(rows, user, **kwargs)
    result = [serializer.serialize(row, attrs.get(row, {}), user, **kwargs) for row in rows]
    return result if isinstance(objects, list | tuple) else result[0]
'''

PAGINATOR = '''"""Offset pagination for list endpoints."""

from __future__ import annotations

from typing import Any


class OffsetPaginator:
    """Slices a queryset by `cursor` (an offset) and `per_page`."""

    def __init__(self, queryset: Any, order_by: str, max_limit: int = 100) -> None:
        self.queryset = queryset.order_by(order_by)
        self.max_limit = max_limit

    def get_result(self, limit: int, cursor: int = 0) -> list[Any]:
        limit = min(limit, self.max_limit)
        return list(self.queryset[cursor : cursor + limit])
'''

DATES = '''"""Date ranges from query parameters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone


def get_date_range(params: Mapping[str, str], default_days: int = 14) -> tuple[datetime, datetime]:
    """`(start, end)` from `start`/`end` ISO parameters, else the last `default_days` days."""
    end = datetime.now(timezone.utc)
    if "end" in params:
        end = datetime.fromisoformat(params["end"])
    start = end - timedelta(days=default_days)
    if "start" in params:
        start = datetime.fromisoformat(params["start"])
    return start, end
'''

TASKS = '''"""Task decorator used by every background job."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def instrumented_task(name: str, queue: str = "default", **options: Any) -> Callable[..., Any]:
    """Registers a function as a task with a name and queue; returns it unchanged."""

    def wrapper(func: Callable[..., Any]) -> Callable[..., Any]:
        func.task_name = name  # type: ignore[attr-defined]
        func.task_queue = queue  # type: ignore[attr-defined]
        func.task_options = options  # type: ignore[attr-defined]
        return func

    return wrapper
'''

CASES = '''"""Test case bases with factories and request helpers."""

from __future__ import annotations

from typing import Any


class APITestCase:
    """Holds a user and an organization, and calls the endpoint named by `endpoint`."""

    endpoint = ""

    def setUp(self) -> None:
        self.user = self.create_user()
        self.organization = self.create_organization(owner=self.user)

    def create_user(self) -> Any:
        return object()

    def create_organization(self, owner: Any) -> Any:
        return object()

    def login_as(self, user: Any) -> None:
        self.current_user = user

    def __getattr__(self, name: str) -> Any:
        if name.startswith("create_"):
            return lambda **fields: fields
        raise AttributeError(name)

    def get_success_response(self, *args: Any, **params: Any) -> Any:
        return self.get_error_response(*args, status_code=200, **params)

    def get_error_response(self, *args: Any, status_code: int, **params: Any) -> Any:
        raise NotImplementedError(f"{self.endpoint} {args} {params} -> {status_code}")
'''

SILO = '''"""Silo markers for test classes."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def region_silo_test(cls: T) -> T:
    """Marks a test class as running in the region silo."""
    return cls
'''

SUPPORT = {
    f"{SRC}/db/models/base.py": DB_BASE,
    f"{SRC}/api/serializers/__init__.py": SERIALIZERS,
    f"{SRC}/api/paginator.py": PAGINATOR,
    f"{SRC}/utils/dates.py": DATES,
    f"{SRC}/tasks/base.py": TASKS,
    f"{SRC}/testutils/cases.py": CASES,
    f"{SRC}/testutils/silo.py": SILO,
}


def core_bases() -> dict[str, str]:
    """The user and group bases (synthetic.py writes organization, project and team) and models."""
    model = syn._model_module
    return {
        f"{SRC}/api/bases/user.py": USER_BASE,
        f"{SRC}/api/bases/group.py": GROUP_BASE,
        f"{SRC}/models/user.py": model("User", "A person who signs in.", ("id", "email")),
        f"{SRC}/models/group.py": model("Group", "An issue.", ("id", "organization_id")),
        f"{SRC}/models/auditlogentry.py": model("AuditLogEntry", "An audit log row.", ("id",)),
    }
