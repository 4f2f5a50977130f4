"""Validators of a resource's `lookups`: each route parameter it looks an object up for, the
model, field and parent of that lookup, and the name the handlers get it by."""

from __future__ import annotations

from typing import Any

from scaffold.errors import did_you_mean
from scaffold.naming import (
    is_dotted_path,
    is_identifier,
    module_name_for,
    object_name_for,
    why_not_dotted,
)
from scaffold.routes import Route
from scaffold.spec.fields import check_keys, fail, read_bool, read_identifier, read_string
from scaffold.spec.model import AUTO, LOOKUP_KEYS, Locator, LookupSpec


def read_lookups(
    value: Any, route: Route, locator: Locator, path: tuple[str | int, ...]
) -> tuple[LookupSpec, ...]:
    if not isinstance(value, dict):
        raise fail(
            locator,
            path,
            "must be a mapping of route parameter -> lookup, e.g. "
            "{widget_id: {model: app.models.Widget}}",
        )
    params = [p.name for p in route.params]
    result = []
    for param, raw in value.items():
        here = path + (str(param),)
        if param not in params:
            raise fail(
                locator,
                here,
                f"{param!r} is not a parameter of the route{did_you_mean(str(param), params)}; "
                f"remove this lookup or add {{{param}}} to the route (its parameters: "
                f"{', '.join(params) or 'none'})",
            )
        result.append(read_lookup(str(param), raw, locator, here))
    return tuple(sorted(result, key=lambda lookup: params.index(lookup.param)))


def read_lookup(param: str, raw: Any, locator: Locator, path: tuple[str | int, ...]) -> LookupSpec:
    if not isinstance(raw, dict):
        raise fail(locator, path, "must be a mapping with at least 'model'")
    check_keys(raw, LOOKUP_KEYS, locator, path)
    passthrough = read_bool(raw.get("passthrough", False), locator, path + ("passthrough",))
    given = [key for key in LOOKUP_KEYS if key != "passthrough" and key in raw]
    if passthrough and given:  # the handler takes the route's raw value, under its own name
        raise fail(
            locator,
            path + (given[0],),
            f"{given[0]!r} does not go with passthrough: the handlers get the raw value as "
            f"{param!r}; remove {given[0]!r}, or remove passthrough to look an object up",
        )
    model = read_string(raw.get("model"), locator, path + ("model",), required=not passthrough)
    if model and not is_dotted_path(model):
        raise fail(
            locator,
            path + ("model",),
            f"{model!r} is not a dotted path like pkg.models.Widget: {why_not_dotted(model)}",
        )
    default_id_or_slug = param.endswith("_id_or_slug")
    id_or_slug = read_bool(
        raw.get("id_or_slug", default_id_or_slug), locator, path + ("id_or_slug",)
    )
    field_name = read_identifier(raw.get("field"), locator, path + ("field",), "slug")
    if field_name is not None and field_name.startswith("_"):
        raise fail(locator, path + ("field",), f"{field_name!r} is no model field; use e.g. slug")
    guessed = field_name is None and not (
        id_or_slug or param.endswith(("_slug", "_id")) or passthrough
    )
    defaulted = field_name is None and not guessed
    if field_name is None:
        field_name = "slug" if id_or_slug or param.endswith("_slug") else "id"
    if guessed:
        field_name = param
    name = read_identifier(raw.get("name"), locator, path + ("name",))
    if name is None:
        name = param if passthrough else object_name_for(param, field_name)
        named = module_name_for(model.rpartition(".")[2]) if name == param and model else ""
        if is_identifier(named):  # `{token}` looked up on Invite -> `invite`
            name = named
    parent = (
        AUTO if "parent" not in raw else read_identifier(raw["parent"], locator, path + ("parent",))
    )
    if parent is None and raw.get("parent_field") is not None:
        raise fail(
            locator,
            path + ("parent_field",),
            "parent is null (an unscoped lookup), so there is no parent to match; remove "
            "parent_field or name the parent",
        )
    return LookupSpec(
        param=param,
        model=model or None,
        field=field_name,
        id_or_slug=id_or_slug,
        name=name,
        parent=parent,
        parent_field=read_identifier(
            raw.get("parent_field"), locator, path + ("parent_field",), "project_id"
        ),
        passthrough=passthrough,
        field_guessed=guessed,
        field_defaulted=defaulted,
    )
