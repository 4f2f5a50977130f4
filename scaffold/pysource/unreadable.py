"""Modules the reader could not parse: their classes are unknown to the check, so each is named
as a place it could not follow (a file with a syntax error, syntax newer than the Python
running scaffold, or one that cannot be read at all), never silently left out."""

from __future__ import annotations

import ast
import sys
from typing import TYPE_CHECKING

from scaffold.pysource.tree import Tree
from scaffold.pysource.unresolved import CODE_BUILT, Unresolved, star_brought
from scaffold.pysource.urlmodule import module_members

if TYPE_CHECKING:
    from scaffold.pysource.urlmodule import UrlModule

ROOT_UNREAD = "urlconf "  # how an Unresolved names a root urlconf no route was read from


def unparsed_modules(tree: Tree, modules: list[str]) -> list[Unresolved]:
    """One `Unresolved` per module of `modules` whose file does not parse."""
    found = []
    for module in modules:
        source = tree.file_for(module)
        if source is None or tree.info(module) is not None:
            continue
        line, why = _does_not_parse(tree, module)
        found.append(
            Unresolved(
                source.relpath, line, f"module {module}", f"{why}; its classes are not checked"
            )
        )
    return found


def unread_root(
    tree: Tree, module: str, parsed: UrlModule | None, routed: set[str]
) -> list[Unresolved]:
    """What the walk could not read of the root urlconf `module` (`parsed`, None when it does
    not parse), adding to `routed` the classes that may route: a file that does not parse gives
    no route at all, so no endpoint is called unregistered (`maybe_served`); a `urlpatterns`
    bound or changed by code (a comprehension, a call, a change under an `if`) may route each
    class the module imports or defines; it is named where it stopped being known."""
    source = tree.file_for(module)
    if parsed is None:
        if source is None or (tree.data(module) is None and module not in tree.unreadable):
            return []
        line, why = _does_not_parse(tree, module)
        return [
            Unresolved(
                source.relpath, line, f"{ROOT_UNREAD}{module}", f"{why}; no route was read from it"
            )
        ]
    if "urlpatterns" in parsed.lists or "urlpatterns" not in parsed.defined:
        return []
    bound = (node.lineno for node in parsed.tree.body if "urlpatterns" in _bound_names(node))
    line, why = parsed.unsure.get("urlpatterns", (max(bound, default=1), CODE_BUILT))
    routed |= set(parsed.imports.values()) | {f"{module}.{name}" for name in parsed.defined}
    routed |= star_brought(tree, parsed.stars, imported=True)  # classes and what they import
    routed |= module_members(parsed, lambda m: tree.file_for(m) is not None)  # `teams.TeamList`
    return [Unresolved(parsed.relpath, line, f"{module}.urlpatterns", why)]


def named_through_unparsed(tree: Tree, dotted_names: set[str]) -> set[str]:
    """The names of the classes `dotted_names` name through a module of the tree that does not
    parse (`everything.StatsEndpoint`, re-exported there): any class of the name may be it."""
    found = set()
    for dotted in dotted_names:
        owner, _, name = dotted.rpartition(".")
        if owner and tree.file_for(owner) is not None and tree.info(owner) is None:
            found.add(name)
    return found


def _bound_names(node: ast.stmt) -> set[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
    return {target.id for target in targets if isinstance(target, ast.Name)}


def _does_not_parse(tree: Tree, module: str) -> tuple[int, str]:
    if module in tree.unreadable:  # permissions, say: no line of it was read
        return 1, f"cannot be read ({tree.unreadable[module]})"
    line, message = _syntax_problem(tree.data(module) or b"")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return line, f"does not parse with Python {version} ({message})"


def _syntax_problem(data: bytes) -> tuple[int, str]:
    try:
        ast.parse(data)
    except SyntaxError as exc:
        return exc.lineno or 1, exc.msg
    except ValueError as exc:  # null bytes, and the like
        return 1, str(exc)
    return 1, "it parsed only on a second reading"
