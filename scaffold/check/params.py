"""Which URL keyword arguments an endpoint's convert_args chain and handlers accept."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from scaffold.check.old_django import passes_none_for_missing_groups
from scaffold.check.unreached import raising_without
from scaffold.check.wrapped_dispatch import dispatch_wrapped, inherited_as_is
from scaffold.check.wrapped_handlers import decorating, handler_signatures
from scaffold.pysource.class_decorators import class_decorator_unfollowed
from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.decorators import changes_arguments, fixed_wrapper
from scaffold.pysource.dispatch_kwargs import dispatch_passes_on, kwargs_changed_by
from scaffold.pysource.modules import HTTP_METHODS, ClassInfo, Signature, signature_of
from scaffold.pysource.root_dispatch import root_changes_kwargs
from scaffold.pysource.route_context import Extra, optional_groups, positional_groups
from scaffold.pysource.route_flow import route_flow
from scaffold.pysource.tree import Tree
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RouteEntry

_NOT_COMPARED = "the handlers are not compared"
# `remember(key, compute)`: compute(), or its answer kept by an earlier run (check.rules.Analysis)
Remember = Callable[[str, Callable[[], Any]], Any]


def mismatches(
    endpoint: EndpointClass,
    groups: tuple[str, ...],
    tree: Tree,
    methods: tuple[str, ...] | None = None,
    extra: tuple[Extra, ...] = (),
) -> list[str] | Unresolved:
    """What provably does not fit between a route's named groups and the endpoint (empty: it
    fits, or nothing is certain); an Unresolved where its convert_args chain cannot be followed,
    or where a handler's decorator (read in `tree`) changes the arguments it is called with.
    `methods`: the only HTTP methods the route hands the view (a dispatch helper's); `extra`: its
    extra keyword arguments, with what is known of their values."""
    rewritten = _class_decorated(tree, endpoint)
    if rewritten is not None:  # it may replace convert_args too
        return rewritten
    flow = route_flow(endpoint, groups, extra)
    if isinstance(flow, Unresolved):
        return flow
    passed = {*groups, *(key for key, _, _ in extra)}
    found = [_needed(names, passed) for names in dict.fromkeys(flow.missing)]
    wrappers: dict[str, Signature] = {}
    decorated = _decorated(tree, endpoint, wrappers)
    if decorated is not None:  # convert_args runs before a handler's decorator: what it needs
        return found or decorated  # of the route is still judged
    if endpoint.handlers():  # a dispatch of its own alone: nothing to judge
        dispatched = _dispatched(tree, endpoint)
        if dispatched is not None:
            return dispatched
    if not flow.reached:  # every request raises: for want of what the route lacks, maybe
        return found or raising_without(endpoint, groups, extra)
    limiting = [  # View's own list comes before a mixin's listed after an endpoint base
        (d, i)
        for d, i in endpoint.ancestry[: endpoint.framework_end]
        if i is not None and i.http_methods is not None
    ]
    allowed = limiting[0][1].http_methods if limiting else None
    if allowed == ("?",):
        why = "http_method_names is not a literal list; the handlers are not compared"
        return _unfollowed(endpoint, *limiting[0], "http_method_names", why)
    handlers = handler_signatures(endpoint)
    called = {m for m in [*handlers, "head"] if _reaches(m, allowed, methods)}
    if "head" in called and "head" not in handlers:
        called.add("get")  # Django's View.setup: a class without head() answers HEAD with get()
    for method, (_, _, handler) in sorted(handlers.items()):
        if method not in called or (method == "options" and dispatch_wrapped(endpoint)):
            continue  # Django answers 405 before the handler is called, or the dispatch does
        signature = wrappers.get(method) or handler
        only = set(signature.by_position_only) & flow.passed
        found += [
            f"{method}() takes {name!r} by position only, and Django passes it by name (move "
            "it after the /)"
            for name in sorted(only)
        ]
        if not signature.var_keyword:
            unaccepted = sorted(flow.passed - set(signature.names))
            found += [
                f"{method}() does not accept {name!r} (add it or **kwargs)" for name in unaccepted
            ]
        if (flow.positional or 0) > signature.positional and not signature.var_positional:
            found.append(
                f"{method}() takes {signature.positional} positional argument(s) after request, "
                f"and convert_args returns {flow.positional} in args (TypeError)"
            )
        if flow.positional is None:  # any positional parameter may be filled
            filled = set(signature.names[: signature.positional])
        else:
            filled = set(signature.names[: min(flow.positional, signature.positional)])
        provided = filled | flow.passed | flow.maybe
        missing = [name for name in signature.required if name not in provided]
        found += [
            f"{method}() requires {name!r}, which neither the route nor convert_args provides"
            for name in sorted(missing)
        ]
    return found


def _needed(names: frozenset[str], passed: set[str]) -> str:
    """Why convert_args fails for want of one of `names`: the route does not pass it, or it
    does and an earlier convert_args of the chain no longer holds it by name."""
    if names & passed:
        lost = " or ".join(sorted(names & passed))
        return (
            f"convert_args needs {lost} by name, which the route captures but an earlier "
            "convert_args of the chain hands on by position or takes out"
        )
    return f"convert_args needs {' or '.join(sorted(names))}, which the route does not capture"


def all_mismatches(
    tree: Tree, remember: Remember | None, pairs: list[tuple[RouteEntry, EndpointClass]]
) -> list[list[str] | Unresolved]:
    """`mismatches` of each (route, endpoint). They depend on each endpoint's ancestry (named
    in the key) and on the modules defining it (asked of the tree: kept with the answer), so
    they are kept per set of defining modules: a changed module runs its endpoints' again."""
    parts: dict[tuple[str, ...], list[int]] = {}
    for index, (_, endpoint) in enumerate(pairs):
        modules = tuple(sorted({m.module for m in endpoint.modules.values()}))
        parts.setdefault(modules, []).append(index)
    found: list[list[str] | Unresolved] = [[] for _ in pairs]
    for modules, indexes in parts.items():
        part = [pairs[i] for i in indexes]

        def compute(
            part: list[tuple[RouteEntry, EndpointClass]] = part, modules: tuple[str, ...] = modules
        ) -> list[list[str] | Unresolved]:
            for module in modules:
                tree.info(module)
            return [_route_mismatches(route, endpoint, tree) for route, endpoint in part]

        if remember is None:
            answer = compute()
        else:
            key = "param-mismatch\n" + "\n".join(
                f"{route.groups}|{route.extra}|{route.prefixes}|{route.regex}|"
                f"{route.view.methods if route.view else None}|"
                f"{','.join(dotted for dotted, _ in endpoint.ancestry)}"
                for route, endpoint in part
            )
            answer = remember(key, compute)
        for index, each in zip(indexes, answer, strict=True):
            found[index] = each
    return found


def _route_mismatches(
    route: RouteEntry, endpoint: EndpointClass, tree: Tree
) -> list[str] | Unresolved:
    """`mismatches` for the keyword arguments the route passes: its groups and the extra ones
    of its `kwargs` dicts; an Unresolved where those are not literal, or where Django passes
    the route's unnamed groups by position (a pattern with no named group)."""
    where = f"route of {endpoint.name}"
    if route.extra is None:
        why = "its extra keyword arguments are not a literal dict; the handlers are not compared"
        return Unresolved(route.relpath, route.line, where, why)
    if positional_groups([*route.prefixes, route.regex]) != 0:
        why = "Django passes its unnamed groups by position; the handlers are not compared"
        return Unresolved(route.relpath, route.line, where, why)
    if route.view and route.view.methods and "?" in route.view.methods:
        why = "a dispatch helper takes it under a keyword naming no HTTP method; not compared"
        return Unresolved(route.relpath, route.line, where, why)
    groups = tuple(dict.fromkeys((*route.groups, *(name for name, _, _ in route.extra))))
    taken = [name for name in groups if name in ("request", "self")]  # as_view()'s own names
    if taken:
        return [
            f"the route passes {name!r}, which Django's view function already takes "
            "(TypeError: multiple values); rename it"
            for name in taken
        ]
    optional = optional_groups([*route.prefixes, route.regex])
    if optional:
        unfollowed = _needs_optional(endpoint, optional)
        if unfollowed is not None and not passes_none_for_missing_groups(tree, route):
            why = (
                f"{unfollowed} requires {', '.join(sorted(optional))}, which the route may leave "
                "out (Django 2.0 on passes no such argument, 1.x passes None); not compared"
            )
            return Unresolved(route.relpath, route.line, where, why)
    methods = route.view.methods if route.view else None  # an extra a group may replace: unknown
    extra = tuple((n, None, None) if n in route.groups else (n, t, i) for n, t, i in route.extra)
    return mismatches(endpoint, groups, tree, methods, extra)


def _needs_optional(endpoint: EndpointClass, optional: frozenset[str]) -> str | None:
    """The first handler (or the first convert_args) requiring a group a path may leave out."""
    chain = [(d, i) for d, i in endpoint.ancestry if i is not None and "convert_args" in i.methods]
    methods = [("convert_args", chain[0][1].methods["convert_args"])] if chain else []
    methods += [(m, sig) for m, (_, _, sig) in sorted(handler_signatures(endpoint).items())]
    return next((f"{m}()" for m, sig in methods if optional & set(sig.required)), None)


# methods whose change to `self.kwargs` comes after the handlers got theirs, or that are
# compared on their own (`dispatch`, `convert_args`)
_CALLED_AFTER = frozenset({*HTTP_METHODS, "options", "dispatch", "convert_args", "as_view"})


def _dispatched(tree: Tree, endpoint: EndpointClass) -> Unresolved | None:
    """An Unresolved for a `dispatch` of the tree, below the endpoint root, that may change
    what the handlers are called with (the root's own calls convert_args and the handler), an
    `initial` that changes `self.kwargs` (the dict the root hands on), or an `as_view` of its
    own (the function Django calls is then the class's); at the root, a dispatch or hook
    of its own that changes the URL kwargs (a fork's `kwargs["started"] = 1`)."""
    for dotted, info in endpoint.ancestry:
        if info is None:  # a class outside the tree: taken as passing them on
            if dotted == endpoint.root:
                return None
            continue
        data = tree.data(endpoint.modules.get(dotted, endpoint.module).module)
        hooks = tuple(m for m in info.methods if m not in _CALLED_AFTER)  # `initial`, ...
        if dotted == endpoint.root:  # its dispatch calls convert_args and the handler
            root = root_changes_kwargs(data, info.name, hooks) if data else None
            why = f"the root's {root} changes the URL arguments; {_NOT_COMPARED}"
            return _unfollowed(endpoint, dotted, info, root, why) if root else None
        if "as_view" in info.methods:
            why = "the view Django calls is built here and may change the URL arguments"
            return _unfollowed(endpoint, dotted, info, "as_view", f"{why}; {_NOT_COMPARED}")
        changing = hooks[0] if hooks and data is None else None
        changing = changing or (kwargs_changed_by(data, info.name, hooks) if data else None)
        if changing is not None:
            why = "it may change self.kwargs, which the handlers get; they are not compared"
            return _unfollowed(endpoint, dotted, info, changing, why)
        dispatch = info.methods.get("dispatch")
        if dispatch is None or inherited_as_is(tree, dispatch):  # its parent's: the next class
            continue
        opaque = dispatch.opaque
        if opaque is None and data is not None and dispatch_passes_on(data, info.name):
            continue
        why = (opaque or "it may change the URL arguments") + "; the handlers are not compared"
        return _unfollowed(endpoint, dotted, info, "dispatch", why)
    return None


def _decorated(
    tree: Tree, endpoint: EndpointClass, wrappers: dict[str, Signature]
) -> Unresolved | None:
    """An Unresolved for the first handler whose decorator, or whose binding in the class
    body (`get = wrap(get)`, a def under `if`), changes or hides its keyword arguments; a
    decorator returning a wrapper of fixed parameters puts its signature in `wrappers`."""
    for method, (dotted, info, handler) in sorted(handler_signatures(endpoint).items()):
        if handler.opaque is not None:
            why = f"{handler.opaque}: its parameters are not compared"
            return _unfollowed(endpoint, dotted, info, method, why)
        decorators = handler.decorators
        verdicts = [changes_arguments(tree, decorator) for decorator in decorators]
        flagged = [d for d, v in zip(decorators, verdicts, strict=True) if v is not None]
        one = flagged[0] if len(flagged) == 1 and "changes" not in verdicts else None
        fixed = fixed_wrapper(tree, one) if one else None  # the others pass them on
        if fixed is not None:
            wrappers[method] = signature_of(fixed.args)  # what Django's call meets
            continue
        for decorator, verdict in zip(decorators, verdicts, strict=True):
            if verdict is not None:
                why = (
                    f"decorated by {decorator.rpartition('.')[2]}, which {verdict} the URL "
                    "arguments before the handler runs; its parameters are not compared"
                )
                return _unfollowed(endpoint, *decorating(endpoint, method, decorator), method, why)
    return None


def _class_decorated(tree: Tree, endpoint: EndpointClass) -> Unresolved | None:
    """An Unresolved for the first class of the endpoint's ancestry, to its root, decorated by
    something not proven to keep the handlers, dispatch and convert_args as written."""
    for dotted, info in endpoint.ancestry:
        for decorator in info.decorators if info is not None else ():
            why = tree.remembered(  # once a decorator: most endpoints share theirs
                f"class_decorator_unfollowed {decorator}",
                partial(class_decorator_unfollowed, tree, decorator),
            )
            if why is not None and info is not None:
                name = decorator.removesuffix("()").rpartition(".")[2]
                module = endpoint.modules.get(dotted, endpoint.module)
                why = f"decorated by {name}, which {why}; its handlers are not compared"
                return Unresolved(module.path_relpath, info.line, info.name, why)
        if dotted == endpoint.root:
            break
    return None


def _reaches(method: str, allowed: tuple[str, ...] | None, methods: tuple[str, ...] | None) -> bool:
    """Django lets the method through (`http_method_names`) and the route hands it on."""
    return (allowed is None or method in allowed) and (methods is None or method in methods)


def _unfollowed(
    endpoint: EndpointClass, dotted: str, info: ClassInfo, member: str, why: str
) -> Unresolved:
    """The place `info.member` of the endpoint's ancestry (defined as `dotted`), not followed."""
    module = endpoint.modules.get(dotted, endpoint.module)
    return Unresolved(module.path_relpath, info.line, f"{info.name}.{member}", why)
