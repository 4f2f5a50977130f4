"""The resource spec: a YAML file or command-line flags -> validated `ResourceSpec` values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scaffold.errors import SpecError
from scaffold.naming import CLASS_NAME_RE, class_name_for, module_name_for
from scaffold.routes import RouteSyntaxError, parse_route
from scaffold.spec.fields import (
    check_keys,
    fail,
    read_dotted_or_name,
    read_identifier,
    read_methods,
    read_permissions,
    read_publish_status,
    read_silo,
    read_string,
    read_url_name,
    refuse_long_file_name,
)
from scaffold.spec.lookups import read_lookups
from scaffold.spec.model import (  # re-exported: the rest of scaffold imports them from here
    AUTO,
    DEFAULT_KEYS,
    METHODS,
    RESOURCE_KEYS,
    Locator,
    LookupSpec,
    ResourceSpec,
)

__all__ = [
    "AUTO",
    "METHODS",
    "Locator",
    "LookupSpec",
    "ResourceSpec",
    "load_spec",
    "parse_lookup_flag",
    "resource_from_flags",
]


def load_spec(text: str, source: str) -> list[ResourceSpec]:
    """Parse and validate a spec file; `source` names it in messages."""
    import yaml  # here, not at the top: new-endpoint never needs it

    try:
        _refuse_aliases(yaml.scan(text, Loader=yaml.SafeLoader), source)
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        _refuse_duplicate_keys(node, source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        if isinstance(exc, yaml.reader.ReaderError):  # a character YAML does not allow
            line_start = text.rfind("\n", 0, exc.position) + 1
            line, column = text.count("\n", 0, exc.position) + 1, exc.position - line_start + 1
            where = f"{source}:{line}:{column}"
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        if isinstance(exc, yaml.constructor.ConstructorError):  # `!!python/object:...` and kin
            raise SpecError(
                f"{where}: {problem}; a spec holds plain values only: remove the tag"
            ) from None
        raise SpecError(f"{where}: invalid YAML: {problem}; fix the syntax") from None
    except RecursionError:
        raise SpecError(f"{source}: nested too deeply to be a spec; flatten it") from None
    locator = Locator(source, _line_map(node))
    raw_resources: Any
    defaults: Any
    if isinstance(data, list):
        raw_resources, defaults = data, {}
    elif isinstance(data, dict):
        check_keys(data, {"resources": "", "defaults": ""}, locator, ())
        raw_resources, defaults = data.get("resources"), data.get("defaults")
        if not isinstance(raw_resources, list):
            raise SpecError(f"{locator.at(('resources',))}: must be a list of resources")
        if defaults is None:  # `defaults:` with nothing after it
            defaults = {}
        if not isinstance(defaults, dict):  # `defaults: []` too: the wrong type, though empty
            raise SpecError(
                f"{locator.at(('defaults',))}: must be a mapping of {', '.join(DEFAULT_KEYS)}, "
                "e.g. defaults: {owner: issues, silo: region}"
            )
        check_keys(defaults, {k: "" for k in DEFAULT_KEYS}, locator, ("defaults",))
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


def _refuse_aliases(tokens: Iterable[Any], source: str) -> None:
    """A spec is small and flat: YAML aliases only make room for recursive values and
    "billion laughs" expansion, so `*name` is refused where it appears."""
    import yaml

    for token in tokens:
        if isinstance(token, yaml.AliasToken):
            mark = token.start_mark
            raise SpecError(
                f"{source}:{mark.line + 1}:{mark.column + 1}: YAML aliases (*{token.value}) are "
                "not supported in a spec; write the value out (values shared by every resource "
                "go under 'defaults')"
            )


def _refuse_duplicate_keys(node: Any, source: str) -> None:
    """YAML lets a later key replace an earlier one without a word (a second `resources:`
    would drop the first list): a spec names each key once."""
    import yaml

    pending = [node] if node is not None else []
    while pending:
        current = pending.pop()
        if isinstance(current, yaml.MappingNode):
            seen: set[object] = set()
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.value in seen:
                    mark = key.start_mark
                    raise SpecError(
                        f"{source}:{mark.line + 1}:{mark.column + 1}: {key.value!r} is given "
                        "twice in this mapping; keep one"
                    )
                seen.add(key.value if isinstance(key, yaml.ScalarNode) else id(key))
                pending.append(value)
        elif isinstance(current, yaml.SequenceNode):
            pending.extend(current.value)


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


# URL keyword arguments the view's machinery takes for itself, before any handler sees them
_VIEW_ARGUMENTS = {  # route parameters the view gives its own meaning, and why
    "format": "DRF reads `format` as the response format: an unknown one is a 404",
    "request": "every handler takes `request` itself",
    "self": "every method takes `self` itself",
    "args": "convert_args and the handlers take `*args` and `**kwargs` themselves",
    "kwargs": "convert_args and the handlers take `*args` and `**kwargs` themselves",
}


def _resource(
    raw: Any, defaults: dict[str, Any], locator: Locator, path: tuple[str | int, ...]
) -> ResourceSpec:
    if not isinstance(raw, dict):
        raise fail(locator, path, "each resource must be a mapping with name, route, methods")
    check_keys(raw, RESOURCE_KEYS, locator, path)
    merged = {**defaults, **{k: v for k, v in raw.items() if v is not None or k == "silo"}}

    def at(*fields: str | int) -> tuple[str | int, ...]:
        if fields and fields[0] not in raw and fields[0] in defaults:
            return ("defaults",) + fields
        return path + fields

    name = read_string(merged.get("name"), locator, at("name"), required=True)
    if not CLASS_NAME_RE.match(name) or name == "Endpoint":
        what = "is not a CamelCase class name"
        if name == "Endpoint":  # `Endpoint` is what scaffold appends: the name before it is empty
            what = "names no resource (Endpoint is appended to the name)"
        raise fail(locator, at("name"), f"{name!r} {what}; use e.g. ProjectWidgets")
    refuse_long_file_name(module_name_for(class_name_for(name)), locator, at("name"))
    given = merged.get("route")  # `route: ""` is empty, not missing: the route syntax says so
    route_text = read_string(given, locator, at("route"), required=given is None)
    try:
        route = parse_route(route_text)
    except RouteSyntaxError as exc:
        raise fail(locator, at("route"), f"{exc}") from None
    if any(param.name in _VIEW_ARGUMENTS for param in route.params):
        taken = next(p.name for p in route.params if p.name in _VIEW_ARGUMENTS)
        raise fail(
            locator,
            at("route"),
            f"the parameter {{{taken}}} is a name DRF or the view gives its own meaning "
            f"({_VIEW_ARGUMENTS[taken]}); rename it",
        )
    methods = read_methods(merged.get("methods", ["get"]), locator, at("methods"))
    lookups = read_lookups(merged.get("lookups", {}), route, locator, at("lookups"))
    return ResourceSpec(
        class_name=class_name_for(name),
        route=route,
        methods=methods,
        base=read_dotted_or_name(merged.get("base"), locator, at("base")),
        owner=read_identifier(merged.get("owner"), locator, at("owner"), "issues"),
        publish_status=read_publish_status(merged.get("publish_status"), methods, locator, at),
        permission_classes=read_permissions(
            merged.get("permission_classes"), locator, at("permission_classes")
        ),
        silo=read_silo(merged, locator, at("silo")),
        lookups=lookups,
        url_name=read_url_name(merged.get("url_name"), locator, at("url_name")),
        description=read_string(merged.get("description"), locator, at("description")),
        locator=locator,
        module=read_dotted_or_name(merged.get("module"), locator, at("module")),
        path=path,
        from_defaults=frozenset(key for key in defaults if key not in raw),
    )


def _check_unique(resources: list[ResourceSpec]) -> None:
    seen_names: dict[str | None, ResourceSpec] = {}
    seen_routes: dict[str | None, ResourceSpec] = {}
    seen_url_names: dict[str | None, ResourceSpec] = {}
    for resource in resources:
        for key, seen, what in (
            (resource.class_name, seen_names, "name"),
            (resource.route.text, seen_routes, "route"),
            (resource.url_name, seen_url_names, "url_name"),
        ):
            if key is not None and key in seen:
                raise SpecError(
                    f"{resource.at(what)}: the same {what} as {seen[key].at(what)}; each resource "
                    "must be unique"
                )
            seen[key] = resource
