"""Modules the reader could not parse: their classes are unknown to the check, so each is named
as a place it could not follow (a file with a syntax error, or syntax newer than the Python
running scaffold), never silently left out."""

from __future__ import annotations

import ast
import sys

from scaffold.pysource.tree import Tree
from scaffold.pysource.unresolved import Unresolved


def unparsed_modules(tree: Tree, modules: list[str]) -> list[Unresolved]:
    """One `Unresolved` per module of `modules` whose file does not parse."""
    found = []
    for module in modules:
        source = tree.file_for(module)
        if source is None or tree.info(module) is not None:
            continue
        line, message = _syntax_problem(tree.data(module) or b"")
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        why = f"does not parse with Python {version} ({message}); its classes are not checked"
        found.append(Unresolved(source.relpath, line, f"module {module}", why))
    return found


def _syntax_problem(data: bytes) -> tuple[int, str]:
    try:
        ast.parse(data)
    except SyntaxError as exc:
        return exc.lineno or 1, exc.msg
    except ValueError as exc:  # null bytes, and the like
        return 1, str(exc)
    return 1, "it parsed only on a second reading"
