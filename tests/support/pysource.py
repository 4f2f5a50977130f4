"""Small helpers for writing Python source text: isort-style import blocks and names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

STDLIB = frozenset(
    [
        "collections",
        "dataclasses",
        "datetime",
        "enum",
        "functools",
        "hashlib",
        "itertools",
        "json",
        "logging",
        "re",
        "typing",
        "uuid",
    ]
)
FIRST_PARTY = frozenset({"bigco", "tests"})
LINE_LENGTH = 100

Import = tuple[str, str | None]  # (module, name); name None for `import module`


def camel(snake: str) -> str:
    """`alert_rule` -> `AlertRule`."""
    return "".join(part.capitalize() for part in snake.split("_"))


def _section(module: str) -> int:
    root = module.split(".", 1)[0]
    return 0 if root == "__future__" else 1 if root in STDLIB else 3 if root in FIRST_PARTY else 2


def _from_lines(module: str, names: Sequence[str]) -> list[str]:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return [line]
    return [f"from {module} import (", *(f"    {name}," for name in names), ")"]


def render_imports(imports: Iterable[Import]) -> str:
    """isort (profile black) import block, with a trailing blank line pair; '' when empty."""
    plain: dict[int, set[str]] = {}
    named: dict[int, dict[str, set[str]]] = {}
    for module, name in imports:
        if name is None:
            plain.setdefault(_section(module), set()).add(module)
        else:
            named.setdefault(_section(module), {}).setdefault(module, set()).add(name)
    blocks = []
    for section in sorted(set(plain) | set(named)):
        lines = [f"import {module}" for module in sorted(plain.get(section, ()))]
        for module, names in sorted(named.get(section, {}).items()):
            lines += _from_lines(module, sorted(names, key=lambda n: (n.lower(), n)))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""
