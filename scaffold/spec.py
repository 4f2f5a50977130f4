"""The resource spec: YAML file or command-line flags -> validated `ResourceSpec` values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from scaffold.errors import SpecError, did_you_mean
from scaffold.naming import (
    CLASS_NAME_RE,
    URL_NAME_RE,
    class_name_for,
    is_dotted_path,
    is_identifier,
    module_name_for,
    object_name_for,
)
from scaffold.routes import Route, RouteSyntaxError, parse_route

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
}
AUTO = "<auto>"  # a lookup's parent when the spec does not say


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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
    path: tuple[str | int, ...] = ()
    from_defaults: frozenset[str] = frozenset()

    def at(self, *fields: str | int) -> str:
        """Where one of this resource's fields came from, for messages."""
        if fields and fields[0] in self.from_defaults:
            return self.locator.at(("defaults",) + fields)
        return self.locator.at(self.path + fields)


def load_spec(text: str, source: str) -> list[ResourceSpec]:
    """Parse and validate a spec file; `source` names it in messages."""
    import yaml  # here, not at the top: new-endpoint never needs it

    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise SpecError(f"{where}: invalid YAML: {problem}; fix the syntax") from None
    locator = Locator(source, _line_map(node))
    raw_resources: Any
    defaults: dict[str, Any]
    if isinstance(data, list):
        raw_resources, defaults = data, {}
    elif isinstance(data, dict):
        _check_keys(data, {"resources": "", "defaults": ""}, locator, ())
        raw_resources, defaults = data.get("resources"), data.get("defaults") or {}
        if not isinstance(raw_resources, list):
            raise SpecError(f"{locator.at(('resources',))}: must be a list of resources")
        if not isinstance(defaults, dict):
            raise SpecError(f"{locator.at(('defaults',))}: must be a mapping")
        _check_keys(defaults, {k: "" for k in DEFAULT_KEYS}, locator, ("defaults",))
    else:
        raise SpecError(
            f"{source}:1: the spec must be a list of resources or a mapping with 'resources'"
        )
    resources = [
        _resource(raw, defaults, locator, ("resources", i)) for i, raw in enumerate(raw_resources)
    ]
    _check_unique(resources)
    return resources


def resource_from_flags(raw: dict[str, Any]) -> ResourceSpec:
    """Validate one resource given as command-line values (same rules as the spec file)."""
    return _resource(raw, {}, Locator("command line", is_flags=True), ())


def parse_lookup_flag(value: str) -> tuple[str, dict[str, Any]]:
    """`widget_id_or_slug=sentry.models.widget.Widget[:field]` -> (param, lookup mapping)."""
    param, sep, target = value.partition("=")
    if not sep or not param.strip() or not target.strip():
        raise SpecError(
            f"--lookup {value!r}: expected PARAM=MODEL[:FIELD], e.g. "
            "widget_id_or_slug=sentry.models.widget.Widget"
        )
    model, _, field_name = target.strip().partition(":")
    lookup: dict[str, Any] = {"passthrough": True} if model == "-" else {"model": model}
    if field_name:
        lookup["field"] = field_name
    return param.strip(), lookup


def _line_map(node: Any) -> dict[tuple[str | int, ...], int]:
    lines: dict[tuple[str | int, ...], int] = {}

    import yaml

    def walk(current: yaml.Node, path: tuple[str | int, ...]) -> None:
        lines[path] = current.start_mark.line + 1
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    walk(value, path + (key.value,))
                    lines[path + (key.value,)] = key.start_mark.line + 1
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                walk(item, path + (i,))

    if node is not None:
        walk(node, ())
        if isinstance(node, yaml.SequenceNode):  # a bare list reads as `resources[i]`
            lines.update({("resources",) + k: v for k, v in list(lines.items())})
    return lines


def _check_keys(
    raw: dict[Any, Any], allowed: Mapping[str, str], locator: Locator, path: tuple[str | int, ...]
) -> None:
    for key in raw:
        if key not in allowed:
            raise SpecError(
                f"{locator.at(path + (str(key),))}: unknown key {key!r}"
                f"{did_you_mean(str(key), allowed)}; allowed: {', '.join(allowed)}"
            )


def _fail(locator: Locator, path: tuple[str | int, ...], message: str) -> SpecError:
    return SpecError(f"{locator.at(path)}: {message}")


def _resource(
    raw: Any, defaults: dict[str, Any], locator: Locator, path: tuple[str | int, ...]
) -> ResourceSpec:
    if not isinstance(raw, dict):
        raise _fail(locator, path, "each resource must be a mapping with name, route, methods")
    _check_keys(raw, RESOURCE_KEYS, locator, path)
    merged = {**defaults, **{k: v for k, v in raw.items() if v is not None or k == "silo"}}

    def at(*fields: str | int) -> tuple[str | int, ...]:
        if fields and fields[0] not in raw and fields[0] in defaults:
            return ("defaults",) + fields
        return path + fields

    name = _string(merged.get("name"), locator, at("name"), required=True)
    if not CLASS_NAME_RE.match(name) or name == "Endpoint":
        raise _fail(
            locator, at("name"), f"{name!r} is not a CamelCase class name; use e.g. ProjectWidgets"
        )
    route_text = _string(merged.get("route"), locator, at("route"), required=True)
    try:
        route = parse_route(route_text)
    except RouteSyntaxError as exc:
        raise _fail(locator, at("route"), f"{exc}") from None
    methods = _methods(merged.get("methods", ["get"]), locator, at("methods"))
    lookups = _lookups(merged.get("lookups") or {}, route, locator, at("lookups"))
    return ResourceSpec(
        class_name=class_name_for(name),
        route=route,
        methods=methods,
        base=_dotted_or_name(merged.get("base"), locator, at("base")),
        owner=_identifier(merged.get("owner"), locator, at("owner")),
        publish_status=_publish_status(merged.get("publish_status"), methods, locator, at),
        permission_classes=_permissions(
            merged.get("permission_classes"), locator, at("permission_classes")
        ),
        silo=_silo(merged, locator, at("silo")),
        lookups=lookups,
        url_name=_url_name(merged.get("url_name"), locator, at("url_name")),
        description=_string(merged.get("description"), locator, at("description")),
        locator=locator,
        path=path,
        from_defaults=frozenset(key for key in defaults if key not in raw),
    )


def _string(
    value: Any, locator: Locator, path: tuple[str | int, ...], *, required: bool = False
) -> str:
    if value is None or value == "":
        if required:
            raise _fail(locator, path, "is required")
        return ""
    if not isinstance(value, str):
        raise _fail(locator, path, f"must be a string, not {type(value).__name__}")
    return value


def _identifier(value: Any, locator: Locator, path: tuple[str | int, ...]) -> str | None:
    text = _string(value, locator, path)
    if text and not is_identifier(text):
        raise _fail(locator, path, f"{text!r} is not an identifier; use e.g. issues")
    return text or None


def _dotted_or_name(value: Any, locator: Locator, path: tuple[str | int, ...]) -> str | None:
    text = _string(value, locator, path)
    if text and not (is_identifier(text) or is_dotted_path(text)):
        raise _fail(locator, path, f"{text!r} is not a class name or dotted path")
    return text or None


def _methods(value: Any, locator: Locator, path: tuple[str | int, ...]) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise _fail(locator, path, f"must be a non-empty list of {', '.join(METHODS)}")
    seen: list[str] = []
    for i, item in enumerate(items):
        method = item.strip().lower() if isinstance(item, str) else item
        if method not in METHODS:
            raise _fail(
                locator,
                path if isinstance(value, str) else path + (i,),
                f"unknown method {item!r}; use any of {', '.join(METHODS)}",
            )
        if method in seen:
            raise _fail(locator, path, f"method {method!r} is listed twice; list it once")
        seen.append(method)
    return tuple(m for m in METHODS if m in seen)


def _publish_status(
    value: Any, methods: tuple[str, ...], locator: Locator, at: Any
) -> dict[str, str]:
    path = at("publish_status")
    if value is None:
        return {}
    if isinstance(value, str):
        status = _identifier(value, locator, path)
        return {m: str(status).upper() for m in methods}
    if not isinstance(value, dict):
        raise _fail(locator, path, "must be a status (e.g. private) or a mapping method -> status")
    result: dict[str, str] = {}
    for method, status in value.items():
        key = str(method).lower()
        if key not in methods:
            raise _fail(
                locator, path + (str(method),), f"{method!r} is not one of this resource's methods"
            )
        result[key] = str(_identifier(status, locator, path + (str(method),))).upper()
    missing = [m for m in methods if m not in result]
    if missing:
        raise _fail(locator, path, f"no status for {', '.join(missing)}; give one per method")
    return result


def _permissions(value: Any, locator: Locator, path: tuple[str | int, ...]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _fail(locator, path, "must be a list of dotted paths")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not is_dotted_path(item):
            raise _fail(
                locator, path + (i,), f"{item!r} is not a dotted path like pkg.module.Permission"
            )
    return tuple(value)


def _silo(merged: dict[str, Any], locator: Locator, path: tuple[str | int, ...]) -> str | None:
    if "silo" in merged and merged["silo"] is None:
        return "none"
    return _identifier(merged.get("silo"), locator, path)


def _url_name(value: Any, locator: Locator, path: tuple[str | int, ...]) -> str | None:
    text = _string(value, locator, path)
    if text and not URL_NAME_RE.match(text):
        raise _fail(
            locator, path, f"{text!r} is not a valid URL name; use e.g. sentry-api-0-widgets"
        )
    return text or None


def _lookups(
    value: Any, route: Route, locator: Locator, path: tuple[str | int, ...]
) -> tuple[LookupSpec, ...]:
    if not isinstance(value, dict):
        raise _fail(locator, path, "must be a mapping of route parameter -> lookup")
    params = [p.name for p in route.params]
    result = []
    for param, raw in value.items():
        here = path + (str(param),)
        if param not in params:
            raise _fail(
                locator,
                here,
                f"{param!r} is not a parameter of the route{did_you_mean(str(param), params)}; "
                f"remove this lookup or add {{{param}}} to the route (its parameters: "
                f"{', '.join(params) or 'none'})",
            )
        result.append(_lookup(str(param), raw, locator, here))
    return tuple(sorted(result, key=lambda lookup: params.index(lookup.param)))


def _lookup(param: str, raw: Any, locator: Locator, path: tuple[str | int, ...]) -> LookupSpec:
    if not isinstance(raw, dict):
        raise _fail(locator, path, "must be a mapping with at least 'model'")
    _check_keys(raw, LOOKUP_KEYS, locator, path)
    passthrough = _bool(raw.get("passthrough", False), locator, path + ("passthrough",))
    model = _string(raw.get("model"), locator, path + ("model",), required=not passthrough)
    if model and not is_dotted_path(model):
        raise _fail(
            locator, path + ("model",), f"{model!r} is not a dotted path like pkg.models.Widget"
        )
    default_id_or_slug = param.endswith("_id_or_slug")
    id_or_slug = _bool(raw.get("id_or_slug", default_id_or_slug), locator, path + ("id_or_slug",))
    field_name = _identifier(raw.get("field"), locator, path + ("field",))
    if field_name is None:
        if id_or_slug or param.endswith("_slug"):
            field_name = "slug"
        elif param.endswith("_id") or passthrough:
            field_name = "id"
        else:
            raise _fail(locator, path, f"say which model field {param!r} matches: add 'field'")
    name = _identifier(raw.get("name"), locator, path + ("name",))
    if name is None:
        name = param if passthrough else object_name_for(param, field_name)
        if name == param and model:  # `{token}` looked up on Invite -> `invite`
            name = module_name_for(model.rpartition(".")[2])
    parent = (
        AUTO if "parent" not in raw else _identifier(raw["parent"], locator, path + ("parent",))
    )
    return LookupSpec(
        param=param,
        model=model or None,
        field=field_name,
        id_or_slug=id_or_slug,
        name=name,
        parent=parent,
        parent_field=_identifier(raw.get("parent_field"), locator, path + ("parent_field",)),
        passthrough=passthrough,
    )


def _bool(value: Any, locator: Locator, path: tuple[str | int, ...]) -> bool:
    if not isinstance(value, bool):
        raise _fail(locator, path, "must be true or false")
    return value


def _check_unique(resources: list[ResourceSpec]) -> None:
    seen_names: dict[str, ResourceSpec] = {}
    seen_routes: dict[str, ResourceSpec] = {}
    for resource in resources:
        for key, seen, what in (
            (resource.class_name, seen_names, "name"),
            (resource.route.text, seen_routes, "route"),
        ):
            if key in seen:
                raise SpecError(
                    f"{resource.at(what)}: the same {what} as {seen[key].at(what)}; each resource "
                    "must be unique"
                )
            seen[key] = resource
