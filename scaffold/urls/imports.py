"""isort's ordering of imports and names, and the text of one `from ... import` statement."""

from __future__ import annotations

import re
from typing import Any

_NATURAL_RE = re.compile(r"(\d+)")
_INDENT = "    "


def natural_key(text: str) -> list[Any]:
    """isort's `naturally` ordering of lower-cased text: digit runs compare as numbers."""
    return [int(part) if part.isdigit() else part for part in _NATURAL_RE.split(text.lower())]


def import_name_key(name: str) -> tuple[int, list[Any]]:
    """isort's order within `from x import a, B, C` (force_sort_within_sections off,
    order_by_type on): CONSTANTS, then Classes, then functions."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, natural_key(name)


def import_module_key(shown: str) -> list[Any]:
    """isort's module order: relative dots become `._` (force_sort_within_sections off)."""
    return natural_key(shown.replace(".", "._", 1) if shown.startswith(".") else shown)


def import_text(module: str, names: list[str], exploded: bool, nl: str, line_length: int) -> str:
    """`from module import a, b` on one line, or one name per line when `exploded` or too long
    (black's magic-trailing-comma layout)."""
    one_line = f"from {module} import {', '.join(names)}"
    if exploded or len(one_line) > line_length:
        return (
            f"from {module} import ({nl}" + "".join(f"{_INDENT}{n},{nl}" for n in names) + f"){nl}"
        )
    return one_line + nl
