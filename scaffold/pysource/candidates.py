"""The byte prefilter that finds the modules of a big tree that may define endpoint classes:
class headers and import aliases read by regex, a fixed point over names, and only those
modules parsed afterwards."""

from __future__ import annotations

from collections import defaultdict

from scaffold.pysource.headers import CLASS_HEADER_RE, base_names, import_aliases
from scaffold.pysource.tree import SourceFile, Tree, read_bytes

ROOT_CLASS = "Endpoint"
# the base list a file that cannot be read is filed under: it may define anything, so its
# module is a candidate, whose reading (`Tree.data`) then records why it could not be read
UNREAD = b"?"


Headers = tuple[dict[bytes, list[tuple[bytes, str]]], dict[bytes, set[bytes]]]


def read_headers(tree: Tree, files: list[SourceFile]) -> Headers:
    """Class headers grouped by their base list, and original -> alias names: what decides
    which modules may define endpoints (bytes and two regexes: this loop sees every file)."""
    by_bases: dict[bytes, list[tuple[bytes, str]]] = defaultdict(list)
    children: dict[bytes, set[bytes]] = defaultdict(set)
    for source in files:
        try:
            data = read_bytes(source.path)
        except OSError:  # its classes are unknown: a candidate the check names as not read
            by_bases[UNREAD].append((b"", source.module))
            continue
        headers, aliases = file_headers(data)
        if not headers:
            continue
        tree.remember(source, data)
        module = source.module
        for name, bases in headers:
            by_bases[bases].append((name, module))
        for original, alias in aliases:
            children[original].add(alias)
    return dict(by_bases), dict(children)


def file_headers(data: bytes) -> tuple[list[tuple[bytes, bytes]], list[tuple[bytes, bytes]]]:
    """One file's part of `read_headers`: its class headers (name, bases) and, when it has
    any, its `X as Y` aliases (original, alias)."""
    if b"class" not in data:
        return [], []
    headers: list[tuple[bytes, bytes]] = CLASS_HEADER_RE.findall(data)
    if not headers or b" as " not in data:
        return headers, []
    return headers, import_aliases(data)


def reachable_modules(parts: list[Headers], root_name: str = ROOT_CLASS) -> list[str]:
    """Modules defining a class whose bases may lead to `root_name`, judged by names only: a
    fixed point over class and alias names over-approximates the endpoint classes, so only
    their modules are parsed afterwards. Each distinct base list is read once."""
    children: dict[bytes, set[bytes]] = defaultdict(set)
    defined_in: dict[bytes, set[str]] = defaultdict(set)
    for by_bases, aliases in parts:
        for original, aliased in aliases.items():
            children[original] |= aliased
        for bases, classes in by_bases.items():
            names = base_names(bases) if bases != UNREAD else ()
            for name, module in classes:
                defined_in[name].add(module)
                for base in names:
                    children[base].add(name)
    unread = {module for by_bases, _ in parts for _, module in by_bases.get(UNREAD, ())}
    root = root_name.encode()
    reached = {root}
    pending = [root]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in reached:
                reached.add(child)
                pending.append(child)
    return sorted({module for name in reached for module in defined_in.get(name, ())} | unread)


def candidate_modules(
    tree: Tree, files: list[SourceFile], root_name: str = ROOT_CLASS
) -> list[str]:
    """The modules among `files` that may define endpoint classes (read when asked for)."""
    return reachable_modules([read_headers(tree, files)], root_name)
