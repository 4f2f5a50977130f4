"""What one route hands an endpoint's handlers: the convert_args chain run on the route's named
groups, following the real MRO and stopping where `super().convert_args(...)` is not called."""

from __future__ import annotations

import ast

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.flow_chain import Chain, Gap
from scaffold.pysource.flow_values import DictRef, Keys, TupleOf, escape_of, plain_keys, route_keys
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
    chain = Chain(endpoint)
    try:
        outcomes = chain.call(0, [], named, True)
    except Gap as gap:
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
