"""Whether Python source parses: the last check on every module scaffold writes."""

from __future__ import annotations

import ast


def syntax_error(source: str, filename: str) -> SyntaxError | None:
    """The SyntaxError `source` raises when parsed, or None when it parses."""
    try:
        ast.parse(source, filename=filename)
    except SyntaxError as exc:
        return exc
    return None
