"""The kinds of planted fault: where each can be planted in an untouched tree, the edit, and the
finding `scaffold check` owes for it (rule, file, line). See bench_check_real.py for the why."""

from __future__ import annotations

import ast
import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bench.real_plant import (
    add_import,
    delete_call,
    insert_copy_before,
    make_dead,
    parses,
    rename_group,
    replace,
    route_calls,
    string_literal,
)
from bench.real_sites import Facts, PlainClasses, Route, own_groups
from scaffold.check.reverse_names import lost_to, reverse_parameters
from scaffold.pysource.classes import EndpointClass


@dataclass(frozen=True)
class Expect:
    rule: str
    path: str
    line: int


@dataclass(frozen=True)
class Plant:
    """One planted fault: the new text of each edited file and the finding it must produce."""

    kind: str
    edits: tuple[tuple[str, str], ...]  # (relpath, new text)
    expect: Expect
    what: str  # one line for a person


def _shuffled(routes: list[Route], rng: random.Random) -> list[Route]:
    return rng.sample(routes, len(routes))


def _where(route: Route) -> str:
    return f"{route.entry.relpath}:{route.entry.line}"


def _other_view(facts: Facts, route: Route, rng: random.Random) -> str | None:
    """The text of another endpoint view routed in the same module (imported there)."""
    views = sorted(
        {
            r.entry.view.text
            for r in facts.routes
            if r.entry.relpath == route.entry.relpath
            and r.entry.view is not None
            and r.served is not None
            and r.served != route.served
        }
    )
    return rng.choice(views) if views else None


def unregistered(facts: Facts, rng: random.Random) -> Iterator[Plant]:
    """Delete the one entry serving a class -> unregistered-endpoint at the class."""
    serving = Counter(r.served for r in facts.routes if r.served)
    for route in _shuffled(facts.routes, rng):
        endpoint = facts.endpoints.get(route.served or "")
        if endpoint is None or serving[endpoint.dotted] != 1 or not route.plantable:
            continue
        path, name = endpoint.module.path_relpath, endpoint.name
        if path in facts.texts or f"{name}.as_view" in facts.elsewhere:
            continue
        if facts.flagged("unregistered-endpoint", path, endpoint.info.line):
            continue
        assert route.call is not None
        text = delete_call(facts.texts[route.entry.relpath], route.call)
        expect = Expect("unregistered-endpoint", path, endpoint.info.line)
        yield Plant(
            "unregistered", ((route.entry.relpath, text),), expect, f"{name} <- {_where(route)}"
        )


def _named(facts: Facts) -> list[Route]:
    names = Counter(r.entry.name for r in facts.routes if not r.entry.is_include)
    return [
        r
        for r in facts.routes
        if r.plantable and r.call and r.call.name and not r.entry.is_include
        and names[r.entry.name] == 1
    ]  # fmt: skip


def duplicate_name(facts: Facts, rng: random.Random) -> Iterator[Plant]:
    """Set route B's name= to that of a route A taking the same arguments, where Django's
    reverse() then loses the earlier of the two (its groups spelled as the later's, or
    accepting no value the later's refuse: with `[^/]+` before `\\d+` each is still reached
    by some value) -> duplicate-route-name at the later of the two."""
    named = _named(facts)
    order = {id(r): i for i, r in enumerate(facts.routes)}
    takes = {id(r): reverse_parameters(r.entry) for r in named}
    for b in _shuffled(named, rng):
        arguments = takes[id(b)]
        same = [a for a in named if a is not b and takes[id(a)] == arguments]
        if arguments is None or not same:
            continue
        a = rng.choice(same)
        if a.entry.name is None or b.call is None or b.call.name is None:
            continue
        later, earlier = (a, b) if order[id(a)] > order[id(b)] else (b, a)
        if lost_to(later.entry, [earlier.entry]) is None:
            continue
        expect = Expect("duplicate-route-name", later.entry.relpath, later.entry.line)
        if facts.flagged(*vars(expect).values()):
            continue
        text = replace(facts.texts[b.entry.relpath], b.call.name, f'"{a.entry.name}"')
        what = f"{_where(b)} named {a.entry.name!r} (as {_where(a)})"
        yield Plant("duplicate-name", ((b.entry.relpath, text),), expect, what)


def shadow(facts: Facts, rng: random.Random) -> Iterator[Plant]:
    """Insert before E a copy of E with another view and name -> unreachable-route at E."""
    for route in _shuffled(facts.routes, rng):
        call, entry = route.call, route.entry
        if not route.plantable or route.served is None or call is None or call.pattern is None:
            continue
        if facts.flagged("unreachable-route", entry.relpath, entry.line) or facts.flagged(
            "dead-pattern", entry.relpath, entry.line
        ):  # a dead pattern's copy is dead too: it shadows nothing
            continue
        view = _other_view(facts, route, rng)
        if view is None:
            continue
        name = f'"{entry.name}-bench-shadow"' if call.name else None
        text, added = insert_copy_before(
            facts.texts[entry.relpath], call, f"{view}.as_view()", name
        )
        expect = Expect("unreachable-route", entry.relpath, entry.line + added)
        yield Plant("shadow", ((entry.relpath, text),), expect, f"{_where(route)} behind {view}")


def _mentions(endpoint: EndpointClass, group: str) -> bool:
    """Some convert_args of the chain names `group` as a string, or rewrites a dict wholesale:
    it might put the parameter back, so its absence proves nothing."""
    for _, info in endpoint.ancestry:
        method = info.convert_args if info else None
        for node in ast.walk(method) if method else ():
            if isinstance(node, ast.Constant) and node.value == group:
                return True
            if isinstance(node, ast.Attribute) and node.attr in ("update", "setdefault"):
                return True
            if isinstance(node, ast.Dict) and None in node.keys:
                return True
    return False


def why_required(endpoint: EndpointClass, group: str) -> str | None:
    """Why the endpoint provably fails without the URL kwarg `group`, or None."""
    if any(info is None for _, info in endpoint.ancestry):
        return None  # an ancestor outside the tree could define anything
    first = next((i.convert_args for _, i in endpoint.ancestry if i and i.convert_args), None)
    if first is not None:
        args = first.args
        positional = [*args.posonlyargs, *args.args]
        required = [a.arg for a in positional[2 : len(positional) - len(args.defaults)]]
        required += [
            a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None
        ]
        if group in required:
            return "convert_args requires it"
    if _mentions(endpoint, group):
        return None
    for method, (_, info) in sorted(endpoint.handlers().items()):
        if group in info.methods[method].required:
            return f"{method}() requires it"
    return None


def param(facts: Facts, rng: random.Random) -> Iterator[Plant]:
    """Rename a group of a correctly wired endpoint's route to a name nothing accepts, where
    the endpoint provably needs the old name -> param-mismatch at that route."""
    flagged_at = {(f.path, f.line) for f in facts.baseline}
    routes_of: dict[str, list[Route]] = {}
    for route in facts.routes:
        routes_of.setdefault(route.served or "", []).append(route)
    for route in _shuffled(facts.routes, rng):
        call, entry = route.call, route.entry
        endpoint = facts.endpoints.get(route.served or "")
        if endpoint is None or call is None or call.pattern is None or not route.plantable:
            continue
        wired = {(r.entry.relpath, r.entry.line) for r in routes_of[endpoint.dotted]}
        wired.add((endpoint.module.path_relpath, endpoint.info.line))
        if wired & flagged_at:
            continue
        text = facts.texts[entry.relpath]
        literal = text[call.pattern[0] : call.pattern[1]]
        for group in rng.sample(own_groups(literal), len(own_groups(literal))):
            why = why_required(endpoint, group)
            renamed = rename_group(literal, group, f"bench_renamed_{group}") if why else None
            if renamed is not None:
                edit = (entry.relpath, replace(text, call.pattern, renamed))
                expect = Expect("param-mismatch", entry.relpath, entry.line)
                what = f"{_where(route)} {group} ({endpoint.name}: {why})"
                yield Plant("param", (edit,), expect, what)
                break


def non_endpoint(facts: Facts, rng: random.Random) -> Iterator[Plant]:
    """Import a class with no `as_view` into the API urls.py and route it -> unknown-view."""
    urls = facts.urls_relpath
    info = facts.resolver.tree.info(facts.module_of(urls))
    bound = set(info.imports) | set(info.classes) | info.names if info else set()
    plain = PlainClasses(facts)
    hosts = [r for r in facts.routes if r.entry.relpath == urls and r.plantable and r.call]
    modules = sorted(s.module for s in facts.resolver.tree.files() if ".models" in s.module)
    for module in rng.sample(modules, len(modules)):
        for name in sorted(plain.classes_of(module)):
            if name in bound or not plain.has_no_as_view(f"{module}.{name}") or not hosts:
                continue
            host = rng.choice(hosts)
            assert host.call is not None
            text, at = add_import(facts.texts[urls], f"from {module} import {name}")
            moved = host.entry.line + (at <= host.entry.line)
            call = route_calls(text).get(moved)
            if call is None:
                continue
            pattern = string_literal(f"^bench-not-an-endpoint-{name.lower()}/$")
            text, _ = insert_copy_before(text, call, f"{name}.as_view()", '"bench-x"', pattern)
            expect = Expect("unknown-view", urls, moved)
            yield Plant("non-endpoint", ((urls, text),), expect, f"{module}.{name} at {urls}")
            break


def cross_list(facts: Facts, rng: random.Random) -> Iterator[Plant]:
    """Before an include, a route whose full path is that of an entry inside it ->
    unreachable-route at the inner entry."""
    includes = [r for r in facts.routes if r.entry.is_include and r.plantable]
    for route in _shuffled(facts.routes, rng):
        entry = route.entry
        if route.walked != 1 or not entry.prefixes or entry.regex is None or not route.served:
            continue
        if facts.flagged("unreachable-route", entry.relpath, entry.line) or facts.flagged(
            "dead-pattern", entry.relpath, entry.line
        ):  # a dead pattern's copy is dead too: it shadows nothing
            continue
        outer = [
            i
            for i in includes
            if i.entry.regex == entry.prefixes[-1] and i.entry.prefixes == entry.prefixes[:-1]
            and (i.call and i.call.func != "path")
        ]  # fmt: skip
        if len(outer) > 1:
            outer = [i for i in outer if entry.list_key.split(":")[1:2] == [str(i.entry.line)]]
        if len(outer) != 1 or outer[0].call is None or outer[0].entry.regex is None:
            continue
        include = outer[0]
        assert include.call is not None and include.entry.regex is not None
        pattern = string_literal(include.entry.regex + entry.regex.removeprefix("^"))
        view = _other_view(facts, include, rng)
        if pattern is None or view is None:
            continue
        text, added = insert_copy_before(
            facts.texts[include.entry.relpath], include.call, f"{view}.as_view()", None, pattern
        )
        shifted = entry.relpath == include.entry.relpath and entry.line >= include.entry.line
        expect = Expect("unreachable-route", entry.relpath, entry.line + added * shifted)
        what = f"{_where(route)} behind a copy before {_where(include)}"
        yield Plant("cross-list", ((include.entry.relpath, text),), expect, what)


def dead(facts: Facts, rng: random.Random) -> Iterator[Plant]:
    """A `$` followed by more pattern -> dead-pattern at that route."""
    for route in _shuffled(facts.routes, rng):
        call, entry = route.call, route.entry
        if not route.plantable or call is None or call.pattern is None or entry.is_include:
            continue
        if facts.flagged("dead-pattern", entry.relpath, entry.line):
            continue
        text = facts.texts[entry.relpath]
        literal = make_dead(text[call.pattern[0] : call.pattern[1]])
        if literal is not None:
            edit = (entry.relpath, replace(text, call.pattern, literal))
            expect = Expect("dead-pattern", entry.relpath, entry.line)
            yield Plant("dead", (edit,), expect, f"{_where(route)} {literal}")


KINDS: dict[str, Callable[[Facts, random.Random], Iterator[Plant]]] = {
    "unregistered": unregistered,
    "duplicate-name": duplicate_name,
    "shadow": shadow,
    "param": param,
    "non-endpoint": non_endpoint,
    "cross-list": cross_list,
    "dead": dead,
}


def sample(facts: Facts, kind: str, seed: int, per_kind: int) -> list[Plant]:
    """Up to `per_kind` plants of `kind` whose files parse, in an order fixed by `seed` (each
    kind visits the sites in its own shuffled order and stops once it has enough)."""
    rng = random.Random(f"{seed}:{kind}")
    plants: list[Plant] = []
    for plant in KINDS[kind](facts, rng):
        if all(parses(text) for _, text in plant.edits):
            plants.append(plant)
        if len(plants) >= per_kind:
            break
    return plants
