"""What a project's own API test modules do, read from their text: where they import the test
case class from, and whether their calls of a status-asserting helper name the status that the
helper asserts anyway (`self.get_valid_response(..., status_code=200)`) or leave it out."""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from scaffold.pysource.imports import read_imports
from scaffold.records import record

_STATUS = "status_code"


@record
class NeighbourTests:
    """What the test modules read say, counted over them."""

    read: int  # the test modules parsed (those the text prefilter let through)
    # (module, how many test modules import the case class from it), most first, then by name
    imported_from: tuple[tuple[str, int], ...] = ()
    naming: int = 0  # helper calls giving the default status (`status_code=200`, `HTTP_200_OK`)
    leaving_out: int = 0  # helper calls giving no status_code

    def most_imported_from(self) -> str | None:
        """The module most of them import the case class from (None: none does, or a tie)."""
        counts = self.imported_from
        tied = len(counts) > 1 and counts[0][1] == counts[1][1]
        return counts[0][0] if counts and not tied else None

    def mostly_leave_out(self) -> bool:
        """Their helper calls mostly leave the default status out."""
        return self.leaving_out > self.naming


def read_neighbour_tests(
    datas: Sequence[tuple[Path, bytes]], case_class: str, helper: str, default: int | None
) -> NeighbourTests:
    """`datas`: test modules' paths and bytes, already let through a text prefilter. `helper`:
    the helper whose calls are counted (`get_valid_response`), `default` the status it asserts
    when given none (None: the calls are not counted)."""
    sources: Counter[str] = Counter()
    naming = leaving_out = read = 0
    for path, data in datas:
        try:
            tree = ast.parse(data, filename=str(path))
        except (SyntaxError, ValueError):
            continue
        read += 1
        dotted = read_imports(tree, "")[0].get(case_class, "")
        module, _, name = dotted.rpartition(".")
        if name == case_class and module and not module.startswith("."):
            sources[module] += 1
        for node in ast.walk(tree) if default is not None else ():
            if not _calls_helper(node, helper):
                continue
            keywords = node.keywords  # type: ignore[attr-defined]
            if any(k.arg is None for k in keywords):  # `**params` may carry a status_code
                continue
            given = [k.value for k in keywords if k.arg == _STATUS]
            if not given:
                leaving_out += 1
            elif _is_status(given[0], default):
                naming += 1
    counted = sorted(sources.items(), key=lambda item: (-item[1], item[0]))
    return NeighbourTests(read, tuple(counted), naming, leaving_out)


def _calls_helper(node: ast.AST, helper: str) -> bool:
    """`self.<helper>(...)`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == helper
        and getattr(node.func.value, "id", None) == "self"
    )


def _is_status(value: ast.expr, status: int | None) -> bool:
    """`200`, or a constant named for it (`status.HTTP_200_OK`)."""
    if isinstance(value, ast.Constant):
        return type(value.value) is int and value.value == status
    name = value.attr if isinstance(value, ast.Attribute) else getattr(value, "id", "")
    return name.startswith(f"HTTP_{status}_")
