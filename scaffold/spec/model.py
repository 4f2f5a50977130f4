"""The validated shape of a resource spec, and where each value came from."""

from __future__ import annotations

from collections.abc import Mapping

from scaffold.records import field, record
from scaffold.routes import Route

METHODS = ("get", "post", "put", "patch", "delete")
RESOURCE_KEYS = {
    "name": "CamelCase class name, e.g. OrganizationWidgets",
    "route": "path below /api/0/, e.g. organizations/{organization_id_or_slug}/widgets/",
    "methods": "list of get, post, put, patch, delete",
    "base": "base class name or dotted path (default: chosen from the route)",
    "owner": "ApiOwner member, e.g. issues",
    "publish_status": "one status for all methods, or a mapping method -> status",
    "permission_classes": "list of dotted paths",
    "silo": "silo decorator: region, control, all, none, or a full name",
    "lookups": "mapping route parameter -> lookup",
    "url_name": "URL name (default: <prefix>-<scope>-<resource>)",
    "description": "docstring of the class",
    "module": "dotted module for the class, or a package (the file named from the class)",
}
DEFAULT_KEYS = ("owner", "silo", "publish_status", "permission_classes")
LOOKUP_KEYS = {
    "model": "dotted path of the model, e.g. sentry.models.widget.Widget",
    "field": "model field matched against the parameter (default from the name)",
    "id_or_slug": "digits look up by id, anything else by slug",
    "name": "keyword the object is passed as (default from the parameter)",
    "parent": "object the lookup is scoped by; null for none (default: the previous object)",
    "parent_field": "model field holding the parent's id (default <parent>_id)",
    "passthrough": "true to pass the raw string to the handlers instead of an object",
}
FLAG_FOR_FIELD = {
    "name": "NAME",
    "route": "--route",
    "methods": "--methods",
    "base": "--base",
    "owner": "--owner",
    "publish_status": "--publish-status",
    "permission_classes": "--permission",
    "silo": "--silo",
    "lookups": "--lookup",
    "url_name": "--url-name",
    "description": "--description",
    "module": "--module",
}
AUTO = "<auto>"  # a lookup's parent when the spec does not say


@record
class Locator:
    """Says where a value came from: `spec.yaml:12: resources[1].methods` or `--methods`."""

    source: str
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict)
    is_flags: bool = False

    def at(self, path: tuple[str | int, ...]) -> str:
        if self.is_flags:
            field_name = next((p for p in path if isinstance(p, str) and p != "resources"), "")
            return FLAG_FOR_FIELD.get(str(field_name), "command line")
        line = next(
            (self.lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in self.lines), 1
        )
        return f"{self.source}:{line}: {_format_path(path)}"


def _format_path(path: tuple[str | int, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(top level)"


@record
class LookupSpec:
    """How one route parameter left over by the base becomes an object (or a raw value)."""

    param: str
    model: str | None
    field: str
    id_or_slug: bool
    name: str
    parent: str | None  # AUTO, an object name, or None for an unscoped lookup
    parent_field: str | None
    passthrough: bool
    # no `field` given and no `_id`/`_slug` suffix: the parameter's own name (`{version}` on
    # Release), used only where the model provably declares it
    field_guessed: bool = False
    # no `field` given: the one its suffix gives (`slug` for `*_id_or_slug` and `*_slug`)
    field_defaulted: bool = False


@record
class ResourceSpec:
    """One endpoint to generate, validated but not yet resolved against the project."""

    class_name: str
    route: Route
    methods: tuple[str, ...]
    base: str | None
    owner: str | None
    publish_status: Mapping[str, str]
    permission_classes: tuple[str, ...]
    silo: str | None
    lookups: tuple[LookupSpec, ...]
    url_name: str | None
    description: str | None
    locator: Locator = field(compare=False)
    module: str | None = None  # dotted module or package; None: [tool.scaffold] endpoints
    path: tuple[str | int, ...] = ()
    from_defaults: frozenset[str] = frozenset()

    def named(self, field_name: str) -> str:
        """A field as the user wrote it: `--owner` on the command line, `'owner'` in a spec."""
        if self.locator.is_flags:
            return FLAG_FOR_FIELD.get(field_name, field_name)
        return repr(field_name)

    def at(self, *fields: str | int) -> str:
        """Where one of this resource's fields came from, for messages."""
        if fields and fields[0] in self.from_defaults:
            return self.locator.at(("defaults",) + fields)
        return self.locator.at(self.path + fields)
