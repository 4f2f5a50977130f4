"""The MRO's convert_args methods run on abstract values, from the most derived one down through
`super().convert_args(...)`: the arguments each call is bound to, and where the run cannot be
followed (`Gap`)."""

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
)
from scaffold.pysource.unresolved import Unresolved

# classes outside the tree known to define no convert_args (`class AvatarMixin(Generic[T])`)
_WITHOUT_CONVERT_ARGS = frozenset({"typing.Generic", "typing.Protocol", "abc.ABC", "object"})


class Gap(Exception):
    """Where the run stops: a convert_args it cannot follow."""

    def __init__(self, where: Unresolved) -> None:
        super().__init__(where.why)
        self.where = where


class Chain:
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
                raise Gap(where)
            if "convert_args" in info.methods:
                if info.convert_args is None:
                    raise Gap(self.gap(index, "is not a plain def", None))
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
            raise Gap(self.gap(index, stop.why, stop.line)) from None
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
                    raise Gap(self.escaped(keys))
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
