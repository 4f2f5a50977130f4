"""What an entry passes or lives in besides its pattern's groups: the extra keyword arguments of
`re_path(pattern, view, {"mode": "x"})` (Django hands them to the view with the groups) and
the namespace an `include(...)` opens (`reverse()` names its routes `namespace:name`)."""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from scaffold.pysource.urlmodule import UrlModule
from scaffold.records import record

NOTHING: tuple[str, ...] = ()
# an extra keyword argument: its name, and what is known of its value (None: not known):
# whether it is truthy, whether it is None (`{"detailed": False}` passes a falsy value)
Extra = tuple[str, bool | None, bool | None]
_T = TypeVar("_T")


@record
class Above:
    """What the includes above a list give its entries, outermost first: their patterns (None:
    not a literal), whether one is unknown (`blind`: the groups are unknown), the extra keyword
    arguments they pass and the namespaces they open (None: one is not a literal)."""

    prefixes: tuple[str | None, ...] = ()
    blind: bool = False
    extra: tuple[Extra, ...] | None = ()
    namespaces: tuple[str, ...] | None = ()

    def below(
        self,
        regex: str | None,
        extra: tuple[Extra, ...] | None,
        namespace: tuple[str, ...] | None,
    ) -> Above:
        """What the entries of an include with these give, under this."""
        return Above(
            (*self.prefixes, regex),
            self.blind or regex is None,
            joined(self.extra, extra),
            joined(self.namespaces, namespace),
        )


def joined(outer: tuple[_T, ...] | None, inner: tuple[_T, ...] | None) -> tuple[_T, ...] | None:
    return None if outer is None or inner is None else (*outer, *inner)


def extra_kwargs(node: ast.expr | None) -> tuple[Extra, ...] | None:
    """The keys of a route's `kwargs` argument, each with what is known of its value (a
    constant's truth and None-ness): () when there is none, None when it is not a dict with
    literal string keys."""
    if node is None or (isinstance(node, ast.Constant) and node.value is None):
        return ()
    if isinstance(node, ast.Dict) and all(
        isinstance(key, ast.Constant) and isinstance(key.value, str) for key in node.keys
    ):
        return tuple(
            (
                (str(key.value), bool(value.value), value.value is None)
                if isinstance(value, ast.Constant)
                else (str(key.value), None, None)
            )
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant)
        )
    return None


def namespace_of(
    include: ast.expr,
    load: Callable[[str], UrlModule | None],
    module: UrlModule | None = None,
) -> tuple[str, ...] | None:
    """The namespace `include(...)` opens: `namespace=` (or its second argument), else the app
    name of `include((patterns, "app"))` or of the included module's `app_name`, the module
    given by its dotted path or as a name `module` imports it under (`load` reads a module by
    name); () for none, None when one is given but not as a literal."""
    if not isinstance(include, ast.Call):
        return NOTHING
    given = [k.value for k in include.keywords if k.arg == "namespace"] or include.args[1:2]
    if given:
        return _literal(given[0])
    target = include.args[0] if include.args else None
    if isinstance(target, ast.Tuple) and len(target.elts) == 2:
        return _literal(target.elts[1])
    named = target.value if isinstance(target, ast.Constant) else None
    if isinstance(target, (ast.Name, ast.Attribute)) and module is not None:
        named = module.dotted(ast.unparse(target))  # the module object, imported
    included = load(named) if isinstance(named, str) else None
    if included is not None and "app_name" in included.defined:
        app = included.strings.get("app_name")
        return (app,) if app is not None else None
    return NOTHING


def positional_groups(texts: list[str | None]) -> int | None:
    """How many groups Django may pass by position for a route whose full pattern is `texts`
    (the include prefixes, then its own): the unnamed groups of each part with no named group
    (a part with one ignores its unnamed ones); None when a part is unknown or does not
    compile."""
    count = 0
    for text in texts:
        groups = _groups(text) if text is not None else None
        if groups is None:
            return None
        count += groups[0] if not groups[1] else 0
    return count


@lru_cache(maxsize=4096)  # an include's prefix comes again with each route under it
def _groups(text: str) -> tuple[int, bool] | None:
    """How many groups the regex has and whether one is named, as `re.compile` reads it; None
    when it does not compile. Only parsed (the groups are the parser's; compiling as well cost
    half as much again, over hundreds of routes in a cold check), except a pattern with a
    look-behind: that it has a fixed width is the one thing the compiler checks itself."""
    try:
        if "(?<" in text:
            compiled = re.compile(text)
            return compiled.groups, bool(compiled.groupindex)
        state = _SRE.parse(text).state
    except re.error:
        return None
    return state.groups - 1, bool(state.groupdict)


def optional_groups(texts: list[str | None]) -> frozenset[str]:
    """The named groups of a route's full pattern that a path may leave unmatched: inside a
    repeat that may run zero times (`(?:(?P<x>...)/)?`) or one branch of an alternation."""
    sre = _SRE

    found: set[str] = set()

    def walk(parsed: Any, optional: bool, names: dict[int, str]) -> None:
        for op, av in parsed:
            if op is sre.SUBPATTERN:
                if av[0] in names and optional:
                    found.add(names[av[0]])
                walk(av[3], optional, names)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
                walk(av[2], optional or av[0] == 0, names)
            elif op is sre.BRANCH:
                for branch in av[1]:
                    walk(branch, optional or len(av[1]) > 1, names)

    for text in texts:
        if not text or "(?P<" not in text or not _MAY_SKIP.search(text):
            continue  # nothing optional: most patterns, and parsing costs the check time
        try:
            parsed = sre.parse(text)
        except re.error:
            continue
        walk(parsed, False, {number: name for name, number in parsed.state.groupdict.items()})
    return frozenset(found)


_SRE: Any = importlib.import_module("re._parser")  # the parser `re` itself uses
_MAY_SKIP = re.compile(r"\)[?*]|\{0,|\|")  # `(...)?`, `(...)*`, `{0,n}`, an alternation


def _literal(node: ast.expr) -> tuple[str, ...] | None:
    if isinstance(node, ast.Constant) and node.value is None:
        return NOTHING
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    return None
