"""The values a route helper is evaluated on: strings, class references, `X.as_view()`, argument
packs, the route or include it builds, and what stopped the evaluation."""

from __future__ import annotations

import ast
from typing import TypeAlias

from scaffold.pysource.urlmodule import UrlModule
from scaffold.records import evolve, record


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
    # the HTTP methods that reach the view: a dispatch helper's key lower-cased
    # (`method_dispatch(GET=X.as_view())`), `as_view(http_method_names=[...])` as written, "?"
    # when not known; None: every method reaches it
    methods: tuple[str, ...] | None = None


@record
class ViewOf:
    ref: Ref  # `ref.as_view(...)`
    # passed under an HTTP method's name, or `as_view(http_method_names=[...])`: those only
    methods: tuple[str, ...] | None = None


@record
class Const:
    """A constant other than a string (`None`, `False`, `3`)."""

    value: object


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
    namespace: Value | None = None  # `include(target, namespace=...)` as given


@record
class Route:
    function: str  # re_path / url / path
    pattern: Value
    view: Value
    name: Value | None
    kwargs: Value | None = None  # the extra keyword arguments Django hands the view


@record
class Opaque:
    why: str
    inner: tuple[Value, ...] = ()  # what it was built from (the views a dispatch holds)


Value: TypeAlias = Text | Const | Ref | ViewOf | Seq | Mapping | Helper | Include | Route | Opaque
# an extra keyword argument, as route_context reads one: its name, truth and None-ness if known
Extra: TypeAlias = tuple[str, bool | None, bool | None]


@record
class BuiltRoute:
    """What a helper call builds: the pattern as a regex, the views or the include, the name."""

    regex: str
    views: tuple[Ref, ...]
    name: str | None
    include: Value | None
    extra: tuple[Extra, ...] | None = ()  # None: not a mapping of known keys
    namespace: tuple[str, ...] | None = ()  # the include's; None: not one the reader can read


def views_in(value: Value) -> list[Ref]:
    """Every `X.as_view()` a value holds, in order."""
    if isinstance(value, ViewOf):
        return [value.ref if value.methods is None else evolve(value.ref, methods=value.methods)]
    if isinstance(value, Seq | Opaque):
        items = value.items if isinstance(value, Seq) else value.inner
        return [ref for item in items for ref in views_in(item)]
    if isinstance(value, Mapping):
        return [ref for _, item in value.items for ref in views_in(item)]
    return []


_HTTP_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"})


def by_method(key: str, value: Value) -> Value:
    """A view passed to a dispatch helper under an HTTP method's name (`GET=X.as_view()`) is
    taken as serving that method only, as Sentry's `method_dispatch` does; under any other
    keyword (`get=`: `request.method` is upper case) which methods reach it is not known
    (`?`)."""
    if not isinstance(value, ViewOf):
        return value
    if key not in _HTTP_METHODS:
        return evolve(value, methods=("?",))
    method = key.lower()  # and `as_view(http_method_names=...)` on it must let it through too
    reached = value.methods is None or method in value.methods
    return evolve(value, methods=(method,) if reached else ())


def merged_views(found: list[Ref]) -> tuple[Ref, ...]:
    """Each class once: one under two methods serves both; one under none, every method."""
    merged: dict[tuple[str, str | None], Ref] = {}
    for ref in found:
        seen = merged.setdefault((ref.text, ref.dotted), ref)
        if seen is ref:
            continue
        if seen.methods is not None and ref.methods is not None:
            merged[(ref.text, ref.dotted)] = evolve(seen, methods=(*seen.methods, *ref.methods))
        else:
            merged[(ref.text, ref.dotted)] = evolve(seen, methods=None)
    return tuple(merged.values())


def as_view_of(base: Value, call: ast.Call) -> Value:
    """`base.as_view(...)`; a literal `http_method_names=[...]` given there is what Django lets
    through to the handlers (Stop: one the reader cannot read)."""
    if not isinstance(base, Ref):
        return Opaque("as_view() on a non-class")
    given = next((k.value for k in call.keywords if k.arg == "http_method_names"), None)
    if given is None:
        return ViewOf(base)
    try:
        names = ast.literal_eval(given)
    except ValueError:
        names = None
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        raise Stop(f"as_view(http_method_names={ast.unparse(given)}) is not a literal list")
    return ViewOf(base, tuple(names))  # Django compares `request.method.lower()`: "GET" lets none


_DJANGO_PARAMS = ("route", "view", "kwargs", "name")


def django_route(function: str, args: list[Value], kwargs: dict[str, Value]) -> Value:
    """`re_path(route, view, kwargs=None, name=None)` bound to its values."""
    bound = dict(zip(_DJANGO_PARAMS, args, strict=False)) | kwargs
    if "route" not in bound or "view" not in bound or len(args) > len(_DJANGO_PARAMS):
        return Opaque(f"{function}() is called without a pattern and a view")
    return Route(function, bound["route"], bound["view"], bound.get("name"), bound.get("kwargs"))


def route_extra(value: Value | None) -> tuple[Extra, ...] | None:
    """The extra keyword arguments a built route passes, read as `extra_kwargs` reads those of
    a route written out: () for none, None when they are not a mapping the reader holds."""
    if value is None or value == Const(None):
        return ()
    if not isinstance(value, Mapping):
        return None
    return tuple((key, *_known(item)) for key, item in value.items)


def _known(value: Value) -> tuple[bool | None, bool | None]:
    """Whether a value is truthy and whether it is None, where the reader knows."""
    if isinstance(value, Const):
        return bool(value.value), value.value is None
    return (bool(value.value), False) if isinstance(value, Text) else (None, None)


def as_view_alias(called: Value, call: ast.Call) -> Value | None:
    """`b_view(...)` where the module binds `b_view = BView.as_view` (`called`, the name's
    value, a reference to it): `BView.as_view(...)`; None for any other call."""
    if not (isinstance(called, Ref) and called.dotted and called.dotted.endswith(".as_view")):
        return None
    dotted = called.dotted.removesuffix(".as_view")
    return as_view_of(Ref(dotted, dotted), call)
