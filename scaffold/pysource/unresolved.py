"""What the reader met and could not follow. No finding is ever made from it; `scaffold check`
counts these in its summary and lists them with `--explain`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaffold.records import record

if TYPE_CHECKING:
    from scaffold.pysource.tree import Tree


@record(order=True)
class Unresolved:
    """One place the static reader could not follow: a call it cannot evaluate, a dynamic
    kwargs key, a pattern it cannot parse. `what` names the thing, `why` says what stopped it."""

    relpath: str  # POSIX, relative to the project root
    line: int
    what: str  # e.g. "route helper url2(...)", "OrgEndpoint.convert_args", "pattern '^a|b$'"
    why: str  # e.g. "calls a function defined outside the tree"

    def as_json(self) -> dict[str, str | int]:
        return {"path": self.relpath, "line": self.line, "what": self.what, "why": self.why}

    def as_text(self) -> str:
        return f"{self.relpath}:{self.line}: {self.what}: {self.why}"


CODE_BUILT = "its urlpatterns is built by code, not written as a list"  # why, for an include


def code_built_imports(unresolved: list[Unresolved], tree: Tree) -> dict[str, str]:
    """Dotted name -> module, for every name an included module whose urlpatterns is built by
    code imports (`from .endpoints.extra import AlphaEndpoint`, then a loop appends its
    routes), every class its star imports bring, and every `module.Class` it writes of a
    module of the tree it imports: it may route each of them."""
    found: dict[str, str] = {}
    for u in unresolved:
        module = u.what.removeprefix("include ").strip("'\"")
        info = tree.info(module) if u.why == CODE_BUILT and u.what.startswith("include ") else None
        for dotted in info.imports.values() if info is not None else ():
            found.setdefault(dotted, module)
        for dotted in sorted(star_brought(tree, info.star_imports)) if info is not None else ():
            found.setdefault(dotted, module)
        for dotted in sorted(_members(tree, module)) if info is not None else ():
            found.setdefault(dotted, module)
    return found


def star_brought(tree: Tree, stars: list[str], imported: bool = False) -> set[str]:
    """The classes (and, when `imported`, the names they import) star imports of `stars` may
    bring, through the star imports of those modules in turn (every name: more, never fewer)."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = list(stars)
    while todo:
        star = todo.pop()
        info = tree.info(star) if star not in seen else None
        seen.add(star)
        if info is not None:
            found |= {f"{star}.{name}" for name in info.classes}
            found |= set(info.imports.values()) if imported else set()
            todo += info.star_imports
    return found


def _members(tree: Tree, module: str) -> set[str]:
    """`module_members` of an included urlconf (read again: only code-built ones are)."""
    from scaffold.pysource.urlmodule import module_members, parse_url_module

    data, source = tree.data(module), tree.file_for(module)
    parsed = parse_url_module(data, module, "", source.is_package) if data and source else None
    return module_members(parsed, lambda m: tree.file_for(m) is not None) if parsed else set()


def code_built_packages(unresolved: list[Unresolved], tree: Tree) -> list[tuple[str, str]]:
    """(package, module) for each included module whose urlpatterns is built by code (a plugin
    registry's): its top-level package (`sentry.plugins` of `sentry.plugins.base.
    project_api_urls`) holds the views it routes. Never a package holding the urlconf that
    includes it: that would excuse the whole API."""
    including: dict[str, set[str]] = {}  # built module -> modules including it
    for u in unresolved:
        if u.why == CODE_BUILT and u.what.startswith("include "):
            source = tree.source_file(tree.project_root / u.relpath)
            module = u.what.removeprefix("include ").strip("'\"")
            including.setdefault(module, set()).add(source.module if source else "")
    found = []
    for module, users in including.items():
        package = ".".join(module.split(".")[:2])
        if package != module and not any(m.startswith(f"{package}.") for m in users):
            found.append((package, module))
    return found
