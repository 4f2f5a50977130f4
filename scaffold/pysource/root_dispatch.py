"""Whether an endpoint root's own `dispatch`, or a method of the root DRF calls before the
handler (`initial`, ...), changes the URL keyword arguments: Sentry's root hands them to
`convert_args` and the handler as they came; a fork's that sets `kwargs["started"]` hands the
handlers one the route does not capture."""

from __future__ import annotations

import ast
import re
from functools import lru_cache

from scaffold.pysource.decorators import function_in, mutates
from scaffold.pysource.dispatch_kwargs import is_self_kwargs

# bytes any change of a dict named `kwargs` (or `self.kwargs`) is spelled with; a root without
# them, whose dispatch takes `**kwargs`, changes nothing (Sentry's: no parse)
_CHANGE = re.compile(rb"kwargs\s*\[|kwargs\s*\.\s*(?:pop|popitem|update|setdefault|clear)\b")
_PLAIN = re.compile(rb"def\s+dispatch\s*\([^)]*\*\*kwargs\s*\)")


@lru_cache(maxsize=64)
def root_changes_kwargs(data: bytes, owner: str, hooks: tuple[str, ...]) -> str | None:
    """The first of the root `owner`'s `dispatch` and `hooks` (its methods DRF may call before
    the handler) in the module `data` that pops, sets, updates or deletes an item of the URL
    kwargs (`kwargs[...] = ...`, `self.kwargs.pop(...)`); None when none does."""
    if not _CHANGE.search(data) and (b"def dispatch" not in data or _PLAIN.search(data)):
        return None
    dispatch = function_in(data, "dispatch", owner)
    if isinstance(dispatch, (ast.FunctionDef, ast.AsyncFunctionDef)):
        named = dispatch.args.kwarg.arg if dispatch.args.kwarg is not None else None

        def passed(node: ast.expr) -> bool:
            return (isinstance(node, ast.Name) and node.id == named) or is_self_kwargs(node)

        if mutates(dispatch, passed):
            return "dispatch"
    for name in hooks:
        function = function_in(data, name, owner)
        if function is not None and mutates(function, is_self_kwargs):
            return name
    return None
