"""What settings read from the target's api/ modules: silo decorators, `__future__` imports,
annotations, the members of a class (ApiOwner, ApiPublishStatus), whether a class exists."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from scaffold.pysource.imports import read_imports
from scaffold.records import record


@record
class BaseModuleFacts:
    """What api/base.py declares; empty when the file is missing or does not parse."""

    silo_decorators: tuple[str, ...] = ()  # module-level names ending in `_silo_endpoint`
    future_imports: tuple[str, ...] = ()  # names of its `from __future__ import ...`
    annotated: bool = False  # a function of the module carries an annotation


def read_base_module(path: Path) -> BaseModuleFacts:
    """The silo decorators, `__future__` imports and annotations of api/base.py."""
    tree = _parse_file(path)
    if tree is None:
        return BaseModuleFacts()
    return BaseModuleFacts(_silo_decorators(tree), _future_imports(tree), _annotated(tree))


def uses_annotations(paths: Iterable[Path]) -> bool:
    """True when a function in one of the files (read in order, until one is) is annotated."""
    return any(tree is not None and _annotated(tree) for tree in map(_parse_file, paths))


def class_members(path: Path, class_name: str) -> tuple[str, ...] | None:
    """Names assigned in the body of the file's module-level `class <class_name>`; None when
    the file does not define it (or is missing or does not parse)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not re.search(rb"class\s+%s\b" % re.escape(class_name.encode()), data):
        return None  # most api/*.py files: no need to parse them
    tree = _parse(data, path)
    for node in tree.body if tree else ():
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            return tuple(
                target.id
                for statement in node.body
                if isinstance(statement, ast.Assign)
                for target in statement.targets
                if isinstance(target, ast.Name)
            )
    return None


def _parse_file(path: Path) -> ast.Module | None:
    try:
        return _parse(path.read_bytes(), path)
    except OSError:
        return None


@lru_cache(maxsize=8)  # api/base.py is read for several facts; the trees are only read
def _parse(data: bytes, path: Path) -> ast.Module | None:
    try:
        return ast.parse(data, filename=str(path))
    except (SyntaxError, ValueError):
        return None


def _silo_decorators(tree: ast.Module) -> tuple[str, ...]:
    return tuple(n for n in names_ending(tree, "_silo_endpoint") if not n.startswith("_"))


def names_ending(tree: ast.Module, suffix: str) -> tuple[str, ...]:
    """The names ending in `suffix` that the module's top-level statements bind by a def, a
    class or an assignment (`x = ...`, `x: T = ...`; a bare `x: T` binds nothing), in order,
    each once: what another module may import from it by name."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            candidates = [node.name]
        elif isinstance(node, ast.Assign):
            candidates = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            candidates = [node.target.id] if isinstance(node.target, ast.Name) else []
        else:
            continue
        names += [n for n in candidates if n.endswith(suffix)]
    return tuple(dict.fromkeys(names))


def _future_imports(tree: ast.Module) -> tuple[str, ...]:
    imports, _ = read_imports(tree, "")  # `__future__` is absolute: no package needed
    return tuple(
        sorted(name for dotted in imports.values() if (name := _future_name(dotted)) is not None)
    )


def _future_name(dotted: str) -> str | None:
    module, _, name = dotted.rpartition(".")
    return name if module == "__future__" else None


def _annotated(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            if node.returns or any(a.annotation for a in arguments):
                return True
    return False


_FUTURE_RE = re.compile(rb"^from __future__ import \(?([\w, \t]+)", re.MULTILINE)
_NEIGHBOURS_READ = 200  # modules of the endpoints folder read for their `__future__` imports


def neighbours_future_imports(paths: Sequence[Path]) -> tuple[str, ...] | None:
    """The `__future__` names at least half of these modules import (None: no module): a new
    module starts as most of its neighbours do (Sentry's api/base.py imports `annotations`
    while few of its endpoint modules do)."""
    counts: dict[str, int] = {}
    read = 0
    for path in list(paths)[:_NEIGHBOURS_READ]:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        read += 1
        names = {
            name.strip().decode()
            for match in _FUTURE_RE.finditer(data)
            for name in match.group(1).split(b",")
            if name.strip()
        }
        for name in names:
            counts[name] = counts.get(name, 0) + 1
    if not read:
        return None
    return tuple(sorted(name for name, count in counts.items() if 2 * count >= read))


_SUPER_RE = re.compile(rb"\bsuper\((\s*\))?")


def neighbours_call_bare_super(paths: Sequence[Path]) -> bool:
    """True when most `super(` calls of these modules (the first `_NEIGHBOURS_READ`) take no
    arguments: code for Python 3 alone, annotated or not (a Sentry fork of 2021 annotates
    nothing and writes `super().convert_args(...)`); False for none, or mostly
    `super(Class, self)`, which Python 2 needs."""
    bare = explicit = 0
    for path in list(paths)[:_NEIGHBOURS_READ]:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for match in _SUPER_RE.finditer(data):
            bare, explicit = (bare + 1, explicit) if match.group(1) else (bare, explicit + 1)
    return bare > explicit


_GENERICS = frozenset({"list", "dict", "tuple", "set", "frozenset", "type"})
_GENERIC_RE = re.compile(rb"\b(?:list|dict|tuple|set|frozenset|type)\[")


def evaluates_builtin_generics(paths: Sequence[Path]) -> bool:
    """True when one of these modules (the first `_NEIGHBOURS_READ`) evaluates a builtin
    generic (`dict[str, int]`) in an annotation Python evaluates, a function's or a module's
    or class body's own, with no `from __future__ import annotations`: that code runs on
    Python 3.9 or newer (before, `dict[...]` raises TypeError)."""
    for path in list(paths)[:_NEIGHBOURS_READ]:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        lazy = any(b"annotations" in match.group(1) for match in _FUTURE_RE.finditer(data))
        tree = None if lazy or not _GENERIC_RE.search(data) else _parse(data, path)
        if tree is not None and any(map(_generic, _evaluated_annotations(tree))):
            return True
    return False


def _evaluated_annotations(tree: ast.Module) -> Iterator[ast.expr]:
    """Function annotations anywhere, and annotated names of module and class bodies."""
    bodies = [tree.body]
    while bodies:
        for node in bodies.pop():
            if isinstance(node, ast.AnnAssign):
                yield node.annotation
            elif isinstance(node, ast.ClassDef):
                bodies.append(node.body)
    for function in ast.walk(tree):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = function.args
            every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
            every += [a for a in (arguments.vararg, arguments.kwarg) if a is not None]
            yield from (a.annotation for a in every if a.annotation is not None)
            if function.returns is not None:
                yield function.returns


def _generic(annotation: ast.expr) -> bool:
    return any(
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id in _GENERICS
        for node in ast.walk(annotation)
    )
