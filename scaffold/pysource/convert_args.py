"""How URL keyword arguments flow through `convert_args`: consumed, read, required, injected."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

from scaffold.pysource.classes import EndpointClass


def kwargs_key(node: ast.AST, kwargs_name: str) -> str | None:
    """`x` for `kwargs["x"]` when `kwargs` is named `kwargs_name`, else None."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == kwargs_name
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
    ):
        return node.slice.value
    return None


def kwargs_access(node: ast.AST, kwargs_name: str) -> tuple[str, bool, bool] | None:
    """(name, raises when missing, removes it) for `kwargs["x"]` (load), `kwargs.pop("x"[, d])`
    and `kwargs.get("x"[, d])`; None for anything else."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        key = kwargs_key(node, kwargs_name)
        return (key, True, False) if key else None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("pop", "get")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == kwargs_name
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        pops = node.func.attr == "pop"
        return (node.args[0].value, pops and len(node.args) == 1, pops)
    return None


@dataclass(frozen=True)
class ArgsFlow:
    """How URL kwargs flow through convert_args to the handlers (None when not readable)."""

    consumed: frozenset[str]  # removed before the handlers (signature parameters, kwargs.pop)
    read: frozenset[str]  # looked at (also kwargs.get / kwargs[...]) but left in kwargs
    required: tuple[frozenset[str], ...]  # each: at least one of these names must be given
    injected: frozenset[str]  # objects stored in kwargs for the handlers


def args_flow(endpoint: EndpointClass) -> ArgsFlow | None:
    """Follow every convert_args in the MRO (each calls super); None if an ancestor outside the
    tree could hide one, or a convert_args rewrites kwargs in ways not followed here."""
    consumed: set[str] = set()
    read: set[str] = set()
    required: list[frozenset[str]] = []
    injected: set[str] = set()
    for _, info in endpoint.ancestry:
        if info is None:
            return None
        method = info.convert_args
        if method is None:
            continue
        flow = _read_convert_args(method)
        if flow is None:
            return None
        consumed |= flow.consumed
        read |= flow.read
        injected |= flow.injected
        required += flow.required
    required = [names for names in required if not names & injected]
    return ArgsFlow(
        frozenset(consumed), frozenset(read), tuple(required), frozenset(injected - consumed)
    )


@lru_cache(maxsize=4096)  # ast nodes hash by identity; a base's convert_args serves many routes
def _read_convert_args(method: ast.FunctionDef) -> ArgsFlow | None:
    args = method.args
    positional = [*args.posonlyargs, *args.args][2:]  # after self, request
    defaults_from = len(positional) - len(args.defaults)
    consumed = {a.arg for a in [*positional, *args.kwonlyargs]}
    required = [frozenset({a.arg}) for i, a in enumerate(positional) if i < defaults_from]
    kwargs_name = args.kwarg.arg if args.kwarg else None
    read: set[str] = set()
    injected: set[str] = set()
    if kwargs_name is None:
        return ArgsFlow(frozenset(consumed), frozenset(), tuple(required), frozenset())
    conditional: set[int] = set()
    for node in ast.walk(method):
        if isinstance(node, ast.If) and kwargs_name in {
            n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)
        }:
            conditional |= {id(n) for n in ast.walk(node)}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            rewrites = node.func.attr in ("update", "clear", "setdefault")
            if isinstance(owner, ast.Name) and owner.id == kwargs_name and rewrites:
                return None
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                key = kwargs_key(target, kwargs_name)
                if key is not None:
                    injected.add(key)
    in_chains: set[int] = set()
    for node in ast.walk(method):
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            reads = [(kwargs_access(v, kwargs_name), v) for v in node.values]
            names = frozenset(r[0] for r, _ in reads if r)
            if names and all(r for r, _ in reads):
                in_chains |= {id(v) for _, v in reads}
                last = reads[-1][0]
                if last and last[1] and id(node) not in conditional:
                    required.append(names)
    for node in ast.walk(method):
        found = kwargs_access(node, kwargs_name)
        if found is None:
            continue
        name, mandatory, pops = found
        if name in injected:
            continue
        (consumed if pops else read).add(name)
        if mandatory and id(node) not in in_chains and id(node) not in conditional:
            required.append(frozenset({name}))
    return ArgsFlow(frozenset(consumed), frozenset(read), tuple(required), frozenset(injected))
