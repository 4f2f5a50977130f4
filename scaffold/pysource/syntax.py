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


def compile_error(source: str, filename: str) -> SyntaxError | None:
    """The SyntaxError compiling `source` raises, or None: beyond parsing, what the compiler
    refuses (`f(id=a, id=b)`: "keyword argument repeated")."""
    try:
        compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        return exc if isinstance(exc, SyntaxError) else SyntaxError(str(exc))
    return None
