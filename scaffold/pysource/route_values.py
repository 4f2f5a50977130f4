"""The values a route helper is evaluated on: strings, class references, `X.as_view()`, argument
packs, the route or include it builds, and what stopped the evaluation."""

from __future__ import annotations

import ast
from typing import TypeAlias

from scaffold.pysource.urlmodule import UrlModule
from scaffold.records import record


class Stop(Exception):
    """The evaluation met something it cannot follow; `why` says what."""

    def __init__(self, why: str):
        super().__init__(why)
        self.why = why


@record
class Text:
    value: str


@record
class Ref:
    """A name as written where it is bound (`X`, `alias.X`, `cls.name` once `cls` is bound)."""

    text: str
    dotted: str | None


@record
class ViewOf:
    ref: Ref  # `ref.as_view(...)`


@record
class Seq:
    items: tuple[Value, ...]


@record
class Mapping:
    items: tuple[tuple[str, Value], ...]


@record
class Helper:
    scope: UrlModule
    function: ast.FunctionDef


@record
class Include:
    target: Value


@record
class Route:
    function: str  # re_path / url / path
    pattern: Value
    view: Value
    name: Value | None


@record
class Opaque:
    why: str
    inner: tuple[Value, ...] = ()  # what it was built from (the views a dispatch holds)


Value: TypeAlias = Text | Ref | ViewOf | Seq | Mapping | Helper | Include | Route | Opaque


@record
class BuiltRoute:
    """What a helper call builds: the pattern as a regex, the views or the include, the name."""

    regex: str
    views: tuple[Ref, ...]
    name: str | None
    include: Value | None


def views_in(value: Value) -> list[Ref]:
    """Every `X.as_view()` a value holds, in order."""
    if isinstance(value, ViewOf):
        return [value.ref]
    if isinstance(value, Seq | Opaque):
        items = value.items if isinstance(value, Seq) else value.inner
        return [ref for item in items for ref in views_in(item)]
    if isinstance(value, Mapping):
        return [ref for _, item in value.items for ref in views_in(item)]
    return []
