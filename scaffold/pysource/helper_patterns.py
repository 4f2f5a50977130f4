"""Patterns a urls.py's own route helper rewrites, as generation reads and writes them.

A fork may route through a function of its urls.py that rewrites the pattern before Django sees
it: `def url(pattern, *a, **kw)` turning a `{org}` placeholder into
`(?P<organization_slug>[^\\/]+)`. Each entry is read as the helper builds it (the evaluator of
`helpers.py`, as the check walks it), so placement compares real routes; a new entry is written
with the placeholders the file's entries use, where evaluating the helper on it gives back the
pattern meant."""

from __future__ import annotations

import ast
import re

from scaffold.pysource.route_values import Stop
from scaffold.pysource.urlmodule import UrlModule, parse_url_module

_PLACEHOLDER_RE = re.compile(r"\{\w+\}")


class HelperPatterns:
    """The route helpers defined in one urls.py, evaluated on the patterns of its entries."""

    def __init__(self, source: str, tree: ast.Module, module: str):
        self._source, self._module = source, module
        self.helpers = frozenset(s.name for s in tree.body if isinstance(s, ast.FunctionDef))
        self._scope: UrlModule | None = None  # parsed when an entry first calls a helper
        self._read: list[tuple[str, str, str]] = []  # (helper, pattern as written, as built)

    def built(self, call: ast.Call, written: str | None) -> str | None:
        """The pattern `call` gives Django: the helper's result when `call` calls a helper of
        this module and the evaluator follows it, else `written`."""
        func = call.func
        if written is None or not isinstance(func, ast.Name) or func.id not in self.helpers:
            return written
        built = self._evaluate(call)
        if built is None:
            return written
        self._read.append((func.id, written, built))
        return built

    def written(self, built: str) -> str:
        """How an entry whose helper builds `built` writes it (`built` when none does)."""
        return next((written for _, written, text in self._read if text == built), built)

    def placeholders(self, helper: str) -> tuple[tuple[str, str], ...]:
        """(placeholder, what it becomes) for the entries calling `helper`; none when any of
        them is rewritten otherwise or a placeholder becomes different texts."""
        found: dict[str, str] = {}
        for name, written, built in self._read:
            if name != helper:
                continue
            pieces = _PLACEHOLDER_RE.split(written)
            shape = "(.+?)".join(re.escape(piece) for piece in pieces)
            match = re.fullmatch(shape, built, re.DOTALL)
            if match is None:
                return ()
            for placeholder, text in zip(
                _PLACEHOLDER_RE.findall(written), match.groups(), strict=True
            ):
                if found.setdefault(placeholder, text) != text:
                    return ()
        return tuple(sorted(found.items(), key=lambda pair: -len(pair[1])))

    def spelled(self, helper: str, pattern: str) -> str:
        """`pattern` with the placeholders entries calling `helper` use, where the helper
        gives `pattern` back from it; else `pattern` as it is."""
        written = pattern
        for placeholder, text in self.placeholders(helper):
            written = written.replace(text, placeholder)
        if written == pattern:
            return pattern
        call = ast.parse(f"{helper}({written!r}, View.as_view())", mode="eval").body
        assert isinstance(call, ast.Call)
        return written if self._evaluate(call) == pattern else pattern

    def _evaluate(self, call: ast.Call) -> str | None:
        from scaffold.pysource.helpers import Evaluator

        if self._scope is None:
            scope = parse_url_module(self._source.encode(), self._module, "urls.py", False)
            if scope is None:
                return None
            self._scope = scope
        scope = self._scope
        evaluator = Evaluator(lambda module: scope if module == scope.module else None, _none)
        try:
            return evaluator.pattern(call, scope, {})
        except Stop:
            return None


def _none(dotted: str) -> str | None:
    return None
