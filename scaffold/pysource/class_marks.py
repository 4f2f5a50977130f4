"""What a class is marked with by its decorators, read from its module's bytes."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1024)
def silo_decorator(data: bytes, name: str) -> str | None:
    """The `*_silo_endpoint` decorator of the module-level class `name` in `data`, if any (one
    of the decorators right above its `class` line)."""
    header = re.search(rb"^class[ \t]+" + re.escape(name.encode()) + rb"\b", data, re.MULTILINE)
    if header is None:
        return None
    lines = data[: header.start()].splitlines()
    while lines and lines[-1].startswith(b"@"):
        found = _SILO_RE.match(lines.pop())
        if found:
            return found.group(1).decode()
    return None


_SILO_RE = re.compile(rb"@(?:[\w.]+\.)?(\w+_silo_endpoint)\b")
