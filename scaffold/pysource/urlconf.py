"""Walk the routing tree from the API urls.py: lists, includes, spreads, function-built lists,
route helpers and dispatch helpers. What it cannot follow is recorded, never guessed."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from scaffold.pysource.list_functions import as_call, function_list
from scaffold.pysource.route_context import extra_kwargs, namespace_of
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.route_recording import RouteRecorder
from scaffold.pysource.routes import call_name, path_regex
from scaffold.pysource.tree import Tree
from scaffold.pysource.unreadable import unread_root
from scaffold.pysource.unresolved import CODE_BUILT
from scaffold.pysource.urlmodule import UrlModule, View, as_view_references, named_in

if TYPE_CHECKING:
    from scaffold.pysource.route_values import BuiltRoute

__all__ = ["RouteEntry", "RoutingReader", "View", "as_view_references"]

_REGISTERED_CONVERTER = "a path converter the project registers: its regex is not read"


class RoutingReader(RouteRecorder):
    """Reads URL modules of the tree on demand and flattens the routes reachable from a root.
    An entry the walk cannot follow (a helper too complex to evaluate, a pattern that is not a
    literal, an include of a module outside the tree, a root not read) makes no RouteEntry: it
    goes to `unresolved`, and the classes it names go to `routed` (they count as served)."""

    def __init__(self, tree: Tree, cut: Callable[[bytes], bytes] | None = None):
        super().__init__(tree, cut)
        self.accounted: frozenset[str] = frozenset()  # urlconfs walked already: not included
        self.asked: set[str] = set()  # every module the walk asked the tree about (`walk_root`)

    def walk_root(self, module: str) -> None:
        """Every route reachable from `module.urlpatterns`, includes first-class entries too."""
        self.routes, self.unresolved, self.routed = [], [], set()

        def walk() -> None:
            parsed = self._module(module)
            if parsed is not None and "urlpatterns" in parsed.lists:
                self._walk(parsed, parsed.lists["urlpatterns"], (), f"{module}:urlpatterns", {}, ())
            self.unresolved += unread_root(self.tree, module, parsed, self.routed)

        self.asked |= self.tree.recorded(walk)[1]

    def walk_lists(self, module: str) -> None:
        """Add the routes of every module-level list of `module` (a urlconf of its own; a list
        changed by code, by what it may hold: only the classes they route are asked of them)."""
        parsed = self._module(module)
        if parsed is None:
            return
        for name, items in {**parsed.lists, **parsed.maybe}.items():
            self._walk(parsed, items, (), f"{module}:{name}", {}, ())

    def _walk(
        self,
        module: UrlModule,
        items: list[ast.expr],
        groups: tuple[str, ...],
        list_key: str,
        bindings: dict[str, str],
        stack: tuple[str, ...],
    ) -> None:
        if list_key in stack or len(stack) > 12:
            return
        stack = (*stack, list_key)
        for item in items:
            if isinstance(item, ast.Starred):
                found = self._named_list(module, item.value)
                if found is None:
                    why, named = self._no_list(module, item.value, "no list found")
                    self._unfollowed(module, item, f"*{ast.unparse(item.value)}", why, named)
                else:
                    self._walk(found[0], found[1], groups, list_key, bindings, stack[:-1])
                continue
            if not isinstance(item, ast.Call):
                continue
            if self.evaluator.helper_of(item, module) is not None:
                self._helper_entry(module, item, groups, list_key, bindings, stack)
            elif call_name(item) in ("re_path", "url", "path"):
                self._route_entry(module, item, groups, list_key, bindings, stack)
            else:  # what it is given may be what it routes
                what = f"list entry {ast.unparse(item.func)}(...)"
                why = "neither a route nor a helper of the tree"
                self._unfollowed(module, item, what, why, named_in(item, module))

    def _route_entry(
        self,
        module: UrlModule,
        call: ast.Call,
        groups: tuple[str, ...],
        list_key: str,
        bindings: dict[str, str],
        stack: tuple[str, ...],
    ) -> None:
        """`re_path(pattern, view or include(...), name=...)` written out."""
        nodes = dict(zip(("route", "view", "kwargs", "name"), call.args, strict=False))
        nodes |= {k.arg: k.value for k in call.keywords if k.arg}
        if "route" not in nodes or "view" not in nodes:
            what = f"route {ast.unparse(call.func)}(...)"
            return self._unfollowed(module, call, what, "no pattern and view the reader can find")
        target, is_include = nodes["view"], call_name(nodes["view"]) == "include"
        regex, why = self._string(nodes["route"], module, bindings)
        if regex is not None and call_name(call) == "path":
            regex = path_regex(regex, is_include)
            why = why if regex is not None else _REGISTERED_CONVERTER
        name = self._string(nodes["name"], module, bindings)[0] if "name" in nodes else None
        if regex is None:
            self._unfollowed(module, call, f"route pattern {ast.unparse(nodes['route'])}", why)
        extra = extra_kwargs(nodes.get("kwargs"))
        if is_include:
            self._enter(module, call, regex, groups, list_key, name)

            def walk(inner: tuple[str, ...]) -> None:
                self._include(module, target, inner, bindings, stack)

            self._descend(regex, groups, walk, extra, namespace_of(target, self._module, module))
            return None
        from scaffold.pysource.route_values import Stop  # the evaluator's: loaded with it

        try:
            views = self.views_of(target, module, bindings)
        except Stop as stop:
            self._unfollowed(module, call, f"route view {ast.unparse(target)}", stop.why)
            self.routed |= named_in(call, module)  # what it names may be what it serves
            if regex is not None and not self._above.blind:  # it still matches paths, by this name
                self._enter(module, call, regex, groups, list_key, name, view=None)
            return None
        self._serve(module, call, regex, groups, list_key, views, name, extra)
        return None

    def _helper_entry(
        self,
        module: UrlModule,
        call: ast.Call,
        groups: tuple[str, ...],
        list_key: str,
        bindings: dict[str, str],
        stack: tuple[str, ...],
    ) -> None:
        """A call to a function of the tree that builds the route: evaluated, or unresolved."""
        from scaffold.pysource.route_values import Stop  # the evaluator's: loaded with it

        try:
            built: BuiltRoute = self.evaluator.route(call, module, bindings)
        except Stop as stop:
            self._unfollowed(module, call, f"route helper {ast.unparse(call.func)}(...)", stop.why)
            self.routed |= named_in(call, module)
            return
        regex, name, extra = built.regex, built.name, built.extra
        if built.include is None:
            return self._serve(module, call, regex, groups, list_key, built.views, name, extra)
        self._enter(module, call, regex, groups, list_key, name)
        target = built.include

        def walk(inner: tuple[str, ...]) -> None:
            self._include_value(module, call, target, inner, stack)

        self._descend(regex, groups, walk, extra, built.namespace)

    def _include(
        self,
        module: UrlModule,
        call: ast.expr,
        groups: tuple[str, ...],
        bindings: dict[str, str],
        stack: tuple[str, ...],
    ) -> None:
        """`include(LIST)`, `include([...])`, `include("module")`, `include(func("x"))` (a
        function of this module or another), `include(mod.LIST)`, `include((LIST, "app"))`."""
        target = next(iter(getattr(call, "args", [])), None)
        if isinstance(target, ast.Tuple) and target.elts:
            target = target.elts[0]
        key = f"{module.module}:{call.lineno}"
        if isinstance(target, ast.List):
            self._walk(module, target.elts, groups, key, bindings, stack)
        elif isinstance(target, ast.Constant) and isinstance(target.value, str):
            self._include_module(module, call, target.value, groups, stack)
        elif isinstance(target, ast.Call) and (
            (helper := self.evaluator.helper_of(target, module))
            or isinstance(target.func, ast.Name)
        ):  # a function of this module, or of another of the tree
            read = function_list(helper, target, bindings)
            if isinstance(read, str):  # what it may return may be what it routes
                named = named_in(as_call(helper.function), helper.scope) if helper else set()
                self._unfollowed(module, call, f"include {ast.unparse(target)}", read, named)
            else:
                key = f"{key}:{ast.unparse(target.func).rpartition('.')[2]}"
                self._walk(read[0], read[1], groups, key, read[2], stack)
        elif target is not None:
            found = self._named_list(module, target)
            if found is not None:
                key = f"{key}:{found[0].module}.{ast.unparse(target)}"
                self._walk(found[0], found[1], groups, key, {}, stack)
            elif (dotted := module.dotted(ast.unparse(target))) and self._load(dotted):
                self._include_module(module, call, dotted, groups, stack)  # a module object
            else:
                why, named = self._no_list(module, target, "no route list the reader can find")
                self._unfollowed(module, call, f"include {ast.unparse(target)}", why, named)

    def _include_value(
        self,
        module: UrlModule,
        call: ast.Call,
        target: object,
        groups: tuple[str, ...],
        stack: tuple[str, ...],
    ) -> None:
        """What a helper-built include names: a module path or a route list."""
        from scaffold.pysource.route_values import Ref, Text

        found = self._list_at(target.dotted) if isinstance(target, Ref) and target.dotted else None
        if isinstance(target, Text):
            self._include_module(module, call, target.value, groups, stack)
        elif found is not None:
            self._walk(*found, groups, f"{module.module}:{call.lineno}", {}, stack)
        else:
            what = f"route helper {ast.unparse(call.func)}(...)"
            self._unfollowed(module, call, what, "it includes what the reader cannot find")

    def _include_module(
        self,
        module: UrlModule,
        call: ast.expr,
        name: str,
        groups: tuple[str, ...],
        stack: tuple[str, ...],
    ) -> None:
        if name in self.accounted:
            return
        included = self._module(name)
        if included is not None and "urlpatterns" in included.lists:
            patterns = included.lists["urlpatterns"]
            self._walk(included, patterns, groups, f"{name}:urlpatterns", {}, stack)
        else:
            why = "the module has no urlpatterns" if included else "the module is not in the tree"
            why = CODE_BUILT if included and "urlpatterns" in included.defined else why
            self._unfollowed(module, call, f"include {name!r}", self.unread(name) or why)
