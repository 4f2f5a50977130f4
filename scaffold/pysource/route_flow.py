"""What one route hands an endpoint's handlers: the convert_args chain run on the route's named
groups, following the real MRO and stopping where `super().convert_args(...)` is not called."""

from __future__ import annotations

import ast
import itertools

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.flow_body import BodyRunner
from scaffold.pysource.flow_expr import ExprRunner
from scaffold.pysource.flow_syntax import Unfollowed, holds_dict
from scaffold.pysource.flow_values import (
    NONE,
    UNKNOWN,
    DictRef,
    Joiner,
    Keys,
    Scalar,
    State,
    TupleOf,
    Value,
    escape_of,
    plain_keys,
    route_keys,
)
from scaffold.pysource.route_context import Extra
from scaffold.pysource.unresolved import Unresolved
from scaffold.records import record


@record
class RouteFlow:
    """The chain's effect for one route. `reached` False: every path raises before a handler."""

    missing: tuple[frozenset[str], ...]  # convert_args fails for certain: one of these is needed
    reached: bool
    passed: frozenset[str]  # keyword arguments every handler call gets
    maybe: frozenset[str]  # keyword arguments some paths give
    positional: int | None  # positional arguments the handler gets (None: not known)


def route_flow(
    endpoint: EndpointClass, groups: tuple[str, ...], extra: tuple[Extra, ...] = ()
) -> RouteFlow | Unresolved:
    """Run `endpoint`'s convert_args chain on a route capturing `groups` (as keywords; `extra`:
    what is known of the values of those given by its extra keyword arguments). Most
    endpoints share their chain with many others (a base's convert_args and what follows it in
    the MRO), so a chain is run once per route shape."""
    key = _chain_key(endpoint)
    if key is None:
        return _route_flow(endpoint, route_keys(groups, extra))
    if len(_SHARED) > 4096:
        _SHARED.clear()
    found = _SHARED.get((key, groups, extra))
    if found is None:
        found = _SHARED[(key, groups, extra)] = _route_flow(endpoint, route_keys(groups, extra))
    return found


ChainKey = tuple[tuple[str, ast.FunctionDef | None], ...]
# (chain, groups) -> its flow; keyed by the method nodes themselves (hashed by identity and kept
# alive here), so a tree read later never meets another tree's answers
_SHARED: dict[tuple[ChainKey, tuple[str, ...], tuple[Extra, ...]], RouteFlow | Unresolved] = {}


def _chain_key(endpoint: EndpointClass) -> ChainKey | None:
    """What the run depends on: the MRO from the first class defining convert_args on (each
    class with its method, if it defines one: `super(Cls, self)` starts after Cls); None when a
    class outside the tree, or a convert_args that is not a plain def, is met (what is reported
    then names the endpoint itself)."""
    chain: list[tuple[str, ast.FunctionDef | None]] = []
    for dotted, info in endpoint.ancestry:
        if info is None:
            return None
        defines = "convert_args" in info.methods
        if defines and info.convert_args is None:
            return None
        if defines or chain:
            chain.append((dotted, info.convert_args if defines else None))
    return tuple(chain)


def _route_flow(endpoint: EndpointClass, named: Keys) -> RouteFlow | Unresolved:
    chain = _Chain(endpoint)
    try:
        outcomes = chain.call(0, [], named, True)
    except _Gap as gap:
        return gap.where
    pairs: list[tuple[int | None, Keys]] = []  # per return: positional count, kwargs
    for value, heap in outcomes:
        items = value.items if isinstance(value, TupleOf) else None
        kwargs = items[1] if items is not None and len(items) == 2 else None
        if items is None or not isinstance(kwargs, DictRef):
            return chain.gap(chain.entry, "returns something other than (args, kwargs)", None)
        keys = heap.get(kwargs.ref, {})
        if escape_of(keys) is not None:
            return chain.escaped(keys)
        args = items[0]
        count = len(args.items) if isinstance(args, TupleOf) and args.items is not None else None
        pairs.append((count, plain_keys(keys)))
    present = [frozenset(k for k, (certain, _) in keys.items() if certain) for _, keys in pairs]
    passed = frozenset.intersection(*present) if present else frozenset[str]()
    maybe = frozenset(k for _, keys in pairs for k in keys) - passed
    counts = {count for count, _ in pairs}
    count = counts.pop() if len(counts) == 1 else None
    return RouteFlow(tuple(chain.missing), bool(pairs), passed, maybe, count)


# classes outside the tree known to define no convert_args (`class AvatarMixin(Generic[T])`)
_WITHOUT_CONVERT_ARGS = frozenset({"typing.Generic", "typing.Protocol", "abc.ABC", "object"})


class _Gap(Exception):
    def __init__(self, where: Unresolved) -> None:
        super().__init__(where.why)
        self.where = where


class _Chain:
    """The MRO's convert_args methods, called from the most derived one down through super."""

    def __init__(self, endpoint: EndpointClass) -> None:
        self.endpoint = endpoint
        self.mro = endpoint.ancestry
        self.missing: list[frozenset[str]] = []
        self._refs = itertools.count(1)
        self.joiner = Joiner(self.new_ref)
        self.entry = 0

    def new_ref(self) -> int:
        return next(self._refs)

    def gap(self, index: int, why: str, line: int | None) -> Unresolved:
        dotted, info = self.mro[index]
        module = self.endpoint.modules.get(dotted, self.endpoint.module)
        name = info.name if info else dotted.rpartition(".")[2]
        method = info.convert_args if info else None
        where = method.lineno if method else (info.line if info else self.endpoint.info.line)
        at = f" (line {line})" if line is not None and line != where else ""
        return Unresolved(module.path_relpath, where, f"{name}.convert_args", why + at)

    def escaped(self, keys: Keys) -> Unresolved:
        """Where the dict with these keys escaped: its mark names the class and the line."""
        mark = escape_of(keys) or "0:0:?"
        index, line, why = mark.split(":", 2)
        return self.gap(int(index), why, int(line))

    def _find(self, start: int) -> int | None:
        """The index of the first class from `start` on that defines convert_args (None: none
        does: the root's parent, outside the tree, is taken to pass everything on)."""
        for index in range(start, len(self.mro)):
            dotted, info = self.mro[index]
            if info is None and dotted in _WITHOUT_CONVERT_ARGS:
                continue
            if info is None:
                endpoint = self.endpoint
                why = f"{dotted} is outside the tree and may define it"
                where = Unresolved(
                    endpoint.module.path_relpath,
                    endpoint.info.line,
                    f"{endpoint.name}.convert_args",
                    why,
                )
                raise _Gap(where)
            if "convert_args" in info.methods:
                if info.convert_args is None:
                    raise _Gap(self.gap(index, "is not a plain def", None))
                return index
        return None

    def call(
        self, start: int, positional: list[Value], named: Keys, certain: bool
    ) -> list[tuple[Value, dict[int, Keys]]]:
        """What the convert_args found from `start` on returns, per return statement reached
        (none: it always raises)."""
        index = self._find(start)
        if start == 0:
            self.entry = index or 0
        if index is None:
            ref = self.new_ref()
            return [(TupleOf((TupleOf(tuple(positional)), DictRef(ref))), {ref: dict(named)})]
        method = self.mro[index][1].convert_args  # type: ignore[union-attr]
        assert method is not None
        st = self._bind(method, positional, dict(named), certain)
        if st is None:
            return []

        def parent(
            runner: ExprRunner, call: ast.Call, skip: int, start: str | None, state: State
        ) -> Value:
            return self._parent(runner, index, call, skip, start, state)

        runner = BodyRunner(self.joiner, self.new_ref, parent, self.missing)
        runner.owner = index
        runner.scope = self.endpoint.modules.get(self.mro[index][0], self.endpoint.module)
        try:
            runner.run(method.body, st)
        except Unfollowed as stop:
            raise _Gap(self.gap(index, stop.why, stop.line)) from None
        return [(value, end.heap) for value, end in runner.outcomes]

    def _bind(
        self, method: ast.FunctionDef, positional: list[Value], named: Keys, certain: bool
    ) -> State | None:
        """The state a call starts in (None: the call raises TypeError on every path)."""
        args = method.args
        params = [*args.posonlyargs, *args.args]
        defaults: list[ast.expr | None] = [None] * (len(params) - len(args.defaults))
        defaults += args.defaults
        env: dict[str, Value] = {p.arg: UNKNOWN for p in params[:2]}
        extra = positional[len(params) - 2 :]
        if extra and args.vararg is None:
            return None
        for param, value in zip(params[2:], positional, strict=False):
            if named.pop(param.arg, (False, UNKNOWN))[0]:
                return None  # given twice
            env[param.arg] = value
        rest = [(p, d) for p, d in zip(params, defaults, strict=True)][2 + len(positional) :]
        rest += list(zip(args.kwonlyargs, args.kw_defaults, strict=True))
        for param, default in rest:
            entry = named.pop(param.arg, None)
            fallback = _default(default)
            if entry is None:
                if fallback is None:
                    if certain:
                        self.missing.append(frozenset({param.arg}))
                    return None
                env[param.arg] = fallback
            elif entry[0] or fallback is None:
                env[param.arg] = entry[1]
            else:
                env[param.arg] = self.joiner.value(entry[1], fallback, {}, {})
        heap: dict[int, Keys] = {}
        if args.vararg is not None:
            env[args.vararg.arg] = TupleOf(tuple(extra))
        if args.kwarg is not None:
            ref = self.new_ref()
            heap[ref] = named
            env[args.kwarg.arg] = DictRef(ref)
        elif any(present for present, _ in named.values()):
            return None  # an unexpected keyword argument
        return State(env, heap, certain)

    def _parent(
        self,
        runner: ExprRunner,
        index: int,
        call: ast.Call,
        skip: int,
        after: str | None,
        st: State,
    ) -> Value:
        """Evaluate a `super().convert_args(...)` call's arguments and run the parent."""
        values: list[Value] = []
        known = True
        for arg in call.args[skip + 1 :]:
            value = runner.ev(arg.value if isinstance(arg, ast.Starred) else arg, st)
            if not isinstance(arg, ast.Starred):
                values.append(value)
            elif isinstance(value, TupleOf) and value.items is not None:
                values += value.items
            else:
                known = False
        named: Keys = {}
        for keyword in call.keywords:
            value = runner.ev(keyword.value, st)
            if keyword.arg is not None:
                named[keyword.arg] = (True, value)
            elif isinstance(value, DictRef):
                keys = st.heap.get(value.ref, {})
                if escape_of(keys) is not None:
                    raise _Gap(self.escaped(keys))
                named.update(keys)
            else:
                raise Unfollowed("passes **... not followed here to super", call.lineno)
        if not known or any(holds_dict(v) for v in [*values, *(v for _, v in named.values())]):
            raise Unfollowed("passes positional arguments not followed here", call.lineno)
        start = index + 1 if after is None else self._after(index, after, call)
        found = self.call(start, values, named, st.certain) if not st.dead else []
        if not found:
            st.dead = True
            return UNKNOWN
        value, heap = found[0]
        for other, other_heap in found[1:]:
            value = self.joiner.value(value, other, heap, other_heap)
        st.heap.update(heap)
        return value

    def _after(self, index: int, named: str, call: ast.Call) -> int:
        """Where `super(Cls, self)` (after Cls) or `Cls.convert_args(self, ...)` (at Cls) starts:
        the class the calling module binds Cls to, as the resolver follows a base."""
        name = named.lstrip("=")
        module = self.endpoint.modules.get(self.mro[index][0], self.endpoint.module)
        bound = self.endpoint.defined_as and self.endpoint.defined_as(f"{module.module}.{name}")
        if bound is None:  # outside the tree (as the MRO names it), or not judged
            own = module.own(name) if not module.star_imports else None
            bound = own[0] if own is not None else None
        found = [i for i, (dotted, _) in enumerate(self.mro) if dotted == bound]
        if not found:
            raise Unfollowed(f"calls convert_args of {name}, a class not in the MRO", call.lineno)
        return found[0] if named.startswith("=") else found[0] + 1


def _default(node: ast.expr | None) -> Value | None:
    if node is None:
        return None
    if isinstance(node, ast.Constant):
        return NONE if node.value is None else Scalar(bool(node.value), False)
    return UNKNOWN
