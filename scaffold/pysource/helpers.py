"""Route helpers evaluated symbolically: a function of the tree that builds a route from its
arguments (`def url2(pattern, cls): return url(fmt(pattern), cls.as_view(), name=cls.name)`) is
run on values, not executed. Understood: parameters (positional, keyword, defaults, `*a`/`**kw`
forwarding), local assignments, `str.replace`, `%`, `.format`, f-strings, `+`, nested helpers,
`cls.as_view()`, a class's literal attribute. Anything else stops the evaluation with a reason."""

from __future__ import annotations

import ast
from collections.abc import Callable

from scaffold.pysource.decorators import wrapper_verdict
from scaffold.pysource.function_shapes import is_plain
from scaffold.pysource.helper_binding import bind_arguments
from scaffold.pysource.route_values import (
    BuiltRoute,
    Const,
    Helper,
    Include,
    Mapping,
    Opaque,
    Ref,
    Route,
    Seq,
    Stop,
    Text,
    Value,
    as_view_alias,
    as_view_of,
    by_method,
    django_route,
    merged_views,
    route_extra,
    views_in,
)
from scaffold.pysource.routes import ROUTE_CALLS, call_name, path_regex
from scaffold.pysource.urlmodule import UrlModule
from scaffold.records import record


@record
class _Frame:
    scope: UrlModule  # where global names are looked up
    env: dict[str, Value]
    depth: int


_MAX_DEPTH = 16


class Evaluator:
    """Evaluates route expressions. `load(module)` reads a module of the tree (None outside it);
    `literal(dotted)` is the string a dotted name holds (a module constant or a class's literal
    attribute; None when it holds none)."""

    def __init__(
        self, load: Callable[[str], UrlModule | None], literal: Callable[[str], str | None]
    ):
        self.load, self.literal = load, literal

    def helper_of(self, call: ast.Call, scope: UrlModule) -> Helper | None:
        """The function of the tree `call` calls (None: Django's, or not in the tree)."""
        func = call.func
        if isinstance(func, ast.Name) and func.id in scope.functions:
            return Helper(scope, scope.functions[func.id])
        text = ast.unparse(func) if isinstance(func, (ast.Name, ast.Attribute)) else None
        dotted = scope.dotted(text) if text else None
        if dotted is None or dotted.startswith(f"{scope.module}."):
            return None
        module, _, name = dotted.rpartition(".")
        other = self.load(module) if module else None
        return Helper(other, other.functions[name]) if other and name in other.functions else None

    def route(self, call: ast.Call, scope: UrlModule, bindings: dict[str, str]) -> BuiltRoute:
        """The route a helper call builds (Stop: not one the reader can follow)."""
        result = self._route(call, scope, bindings)
        regex = self._regex(result)
        given = result.name if result.name != Const(None) else None
        name = self._text(given) if given is not None else None
        extra = route_extra(result.kwargs)
        if isinstance(result.view, Include):
            space = self._namespace(result.view)
            return BuiltRoute(regex, (), name, result.view.target, extra, space)
        return BuiltRoute(regex, self._views(result.view), name, None, extra)

    def _namespace(self, include: Include) -> tuple[str, ...] | None:
        """The namespace an include opens, as `route_context.namespace_of` reads one written out:
        `namespace=`, else the included module's `app_name`; () for none."""
        given = include.namespace if include.namespace != Const(None) else None
        if given is not None:
            return (given.value,) if isinstance(given, Text) else None
        target = include.target
        included = self.load(target.value) if isinstance(target, Text) else None
        if included is None or "app_name" not in included.defined:
            return ()
        app = included.strings.get("app_name")
        return (app,) if app is not None else None

    def pattern(self, call: ast.Call, scope: UrlModule, bindings: dict[str, str]) -> str:
        """The regex of the route a helper call builds, whatever its view and name (Stop: not
        one the reader can follow)."""
        return self._regex(self._route(call, scope, bindings))

    def _route(self, call: ast.Call, scope: UrlModule, bindings: dict[str, str]) -> Route:
        result = self._value(call, _frame(scope, bindings))
        if not isinstance(result, Route):
            raise Stop(result.why if isinstance(result, Opaque) else "it builds no route")
        return result

    def _regex(self, route: Route) -> str:
        pattern = self._text(route.pattern)
        is_include = isinstance(route.view, Include)
        regex = path_regex(pattern, is_include) if route.function == "path" else pattern
        if regex is None:
            raise Stop("a path converter the project registers: its regex is not read")
        return regex

    def text(self, node: ast.expr, scope: UrlModule, bindings: dict[str, str]) -> str:
        """A string expression's value (Stop: not one the reader can evaluate)."""
        return self._text(self._value(node, _frame(scope, bindings)))

    def views(self, node: ast.expr, scope: UrlModule, bindings: dict[str, str]) -> tuple[Ref, ...]:
        """The classes a route's view serves: `X.as_view()`, each one inside a dispatch helper
        (`method_dispatch(GET=A.as_view())`), one a function of the tree wraps as it passes on."""
        helper = self.helper_of(node, scope) if isinstance(node, ast.Call) else None
        if helper and (verdict := wrapper_verdict(node, helper.function, is_plain)):
            raise Stop(f"{helper.function.name}() wraps the view and {verdict} its arguments")
        return self._views(self._value(node, _frame(scope, bindings)))

    def _views(self, value: Value) -> tuple[Ref, ...]:
        found = views_in(value)
        if not found:
            raise Stop("not an X.as_view() call")
        return merged_views(found)

    def _text(self, value: Value) -> str:
        if isinstance(value, Text):
            return value.value
        if isinstance(value, Ref):
            found = self.literal(value.dotted) if value.dotted else None
            if found is None:
                raise Stop(f"{value.text} is not a literal string the reader can find")
            return found
        if isinstance(value, Opaque):
            raise Stop(value.why)
        if isinstance(value, Const):
            raise Stop(f"{value.value!r} is not a string")
        raise Stop("not a literal string the reader can evaluate")

    def _value(self, node: ast.expr, frame: _Frame) -> Value:
        if isinstance(node, ast.Constant):
            return Text(node.value) if isinstance(node.value, str) else Const(node.value)
        if isinstance(node, ast.Name):  # a parameter, `view = X.as_view()` above, or global
            bound = frame.scope.views.get(node.id) if frame.depth == 0 else None
            if node.id in frame.env or bound is None or node.lineno <= bound[0]:
                return frame.env[node.id] if node.id in frame.env else _global(node.id, frame.scope)
            return self._value(bound[1], _Frame(frame.scope, {}, 0))
        if isinstance(node, ast.Attribute):
            base, scope = self._value(node.value, frame), frame.scope
            if isinstance(base, Ref) and base.text in scope.defined - scope.imports.keys():
                return Opaque(f"an attribute of {base.text}, which the module defines")
            if isinstance(base, Ref):
                return Ref(f"{base.text}.{node.attr}", base.dotted and f"{base.dotted}.{node.attr}")
        elif isinstance(node, ast.JoinedStr):
            return Text("".join(self._part(part, frame) for part in node.values))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            return self._operation(node, frame)
        elif isinstance(node, (ast.Tuple, ast.List)):
            return Seq(tuple(self._value(item, frame) for item in node.elts))
        elif isinstance(node, ast.Dict) and all(_is_text(key) for key in node.keys):
            pairs = zip(node.keys, node.values, strict=True)
            return Mapping(tuple((k.value, self._value(v, frame)) for k, v in pairs))  # type: ignore[union-attr]
        elif isinstance(node, ast.Call):
            return self._call(node, frame)
        return Opaque(f"{ast.unparse(node)} is not a literal string the reader can evaluate")

    def _part(self, part: ast.expr, frame: _Frame) -> str:
        if not isinstance(part, ast.FormattedValue):
            return self._text(self._value(part, frame))
        if part.format_spec is not None or part.conversion not in (-1, ord("s")):
            raise Stop("an f-string with a format spec or conversion")
        return self._text(self._value(part.value, frame))

    def _operation(self, node: ast.BinOp, frame: _Frame) -> Value:
        left = self._text(self._value(node.left, frame))
        right = self._value(node.right, frame)
        if isinstance(node.op, ast.Add):
            return Text(left + self._text(right))
        if isinstance(right, Seq):
            operand: object = tuple(self._text(item) for item in right.items)
        elif isinstance(right, Mapping):
            operand = {key: self._text(item) for key, item in right.items}
        else:
            operand = self._text(right)
        try:
            return Text(left % operand)
        except (TypeError, ValueError, KeyError) as exc:
            raise Stop(f"{ast.unparse(node)} does not format: {exc}") from None

    def _call(self, node: ast.Call, frame: _Frame) -> Value:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "as_view":
            return as_view_of(self._value(func.value, frame), node)
        aliased = (
            as_view_alias(self._value(func, frame), node) if isinstance(func, ast.Name) else None
        )
        if aliased is not None:  # `b_view()`, the module binding `b_view = BView.as_view`
            return aliased
        if isinstance(func, ast.Attribute) and func.attr in ("replace", "format"):
            base = self._value(func.value, frame)
            if isinstance(base, Text):
                return self._string_method(base.value, node, frame)
        if isinstance(func, ast.Name) and func.id in frame.env:
            passed = frame.env[func.id]  # a parameter: only a helper passed in can be called
            helper = passed if isinstance(passed, Helper) else None
        else:
            helper = self.helper_of(node, frame.scope)
        args, kwargs = self._arguments(node, frame)
        if helper is not None:
            return self._apply(helper, args, kwargs, frame.depth)
        name = call_name(node)
        if name in ROUTE_CALLS and isinstance(func, (ast.Name, ast.Attribute)):
            return django_route(name, args, kwargs)
        if name == "include" and args:
            return Include(args[0], kwargs.get("namespace", args[1] if args[1:] else None))
        why = f"{ast.unparse(func)}() is not a function of the tree the reader can follow"
        return Opaque(why, (*args, *(by_method(key, value) for key, value in kwargs.items())))

    def _string_method(self, text: str, node: ast.Call, frame: _Frame) -> Value:
        args, kwargs = self._arguments(node, frame)
        values = [self._text(arg) for arg in args]
        named = {key: self._text(value) for key, value in kwargs.items()}
        method = node.func.attr  # type: ignore[attr-defined]
        if method == "replace" and len(values) == 2 and not named:
            return Text(text.replace(values[0], values[1]))
        try:
            return Text(text.format(*values, **named)) if method == "format" else Opaque(method)
        except (IndexError, KeyError, ValueError) as exc:
            raise Stop(f"{ast.unparse(node)} does not format: {exc}") from None

    def _arguments(self, node: ast.Call, frame: _Frame) -> tuple[list[Value], dict[str, Value]]:
        args: list[Value] = []
        for arg in node.args:
            if not isinstance(arg, ast.Starred):
                args.append(self._value(arg, frame))
                continue
            spread = self._value(arg.value, frame)
            if not isinstance(spread, Seq):
                raise Stop(f"*{ast.unparse(arg.value)} is not a sequence the reader can follow")
            args += spread.items
        kwargs: dict[str, Value] = {}
        for keyword in node.keywords:
            value = self._value(keyword.value, frame)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
            elif isinstance(value, Mapping):
                kwargs.update(value.items)
            else:
                raise Stop(f"**{ast.unparse(keyword.value)} is not a mapping the reader can follow")
        return args, kwargs

    def _apply(
        self, helper: Helper, args: list[Value], kwargs: dict[str, Value], depth: int
    ) -> Value:
        function = helper.function
        if depth >= _MAX_DEPTH:
            raise Stop("helpers call each other too deep")
        if not is_plain(function):
            why = f"the body of {function.name}() is not plain assignments and a return"
            return Opaque(why, (*args, *(by_method(key, value) for key, value in kwargs.items())))
        frame = _Frame(helper.scope, {}, depth + 1)
        self._bind(function, args, kwargs, frame)
        for stmt in function.body:
            if isinstance(stmt, ast.Assign):
                value = self._value(stmt.value, frame)
                frame.env.update((t.id, value) for t in stmt.targets if isinstance(t, ast.Name))
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                if stmt.value is not None:
                    frame.env[stmt.target.id] = self._value(stmt.value, frame)
            elif isinstance(stmt, ast.Return) and stmt.value is not None:
                return self._value(stmt.value, frame)
        return Opaque(f"{function.name}() returns no route")

    def _bind(
        self, function: ast.FunctionDef, args: list[Value], kwargs: dict[str, Value], frame: _Frame
    ) -> None:
        outer = _Frame(frame.scope, {}, frame.depth)  # defaults are read where it is defined
        bind_arguments(function, args, kwargs, frame.env, lambda d: self._value(d, outer))


def _frame(scope: UrlModule, bindings: dict[str, str]) -> _Frame:
    return _Frame(scope, {key: Text(value) for key, value in bindings.items()}, 0)


def _is_text(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _global(name: str, scope: UrlModule) -> Value:
    if name in scope.functions:
        return Helper(scope, scope.functions[name])
    if name in scope.strings:
        return Text(scope.strings[name])
    return Ref(name, scope.dotted(name))
