"""Add endpoint registrations to a Sentry-style urls.py, in the file's own style.

The file is read with `ast` (urls_read.py). Only the statements that change (one list, one
import) are parsed and edited with libcst, and their regenerated text is spliced back by line
range: every other byte of the file is copied as it was, and the cost stays well under one
libcst parse and regeneration of the whole module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import libcst as cst

from scaffold.errors import ConflictError, PatchError
from scaffold.naming import url_name_for
from scaffold.render import import_name_key, natural_key
from scaffold.routes import (
    Route,
    Token,
    regex_to_tokens,
    sample_path,
    strip_prefix,
    tokens_to_regex,
)
from scaffold.urls_cst import insert_element
from scaffold.urls_read import ROUTE_CALLS, ImportStatement, ListStatement, UrlsIndex

_INDENT = "    "


@dataclass(frozen=True)
class Registration:
    """One endpoint to register: its class, the module that holds it, and its route."""

    class_name: str
    module: str  # absolute dotted module of the endpoint
    route: Route
    url_name: str | None  # None: derived from the class name and the file's prefix


@dataclass(frozen=True)
class Added:
    """What `UrlsFile.add` did: the list it used and the URL name it gave."""

    list_name: str
    url_name: str
    pattern: str


@dataclass
class _Entry:
    index: int
    pattern: str | None
    is_include: bool
    tokens: tuple[Token, ...] | None = None
    regex: re.Pattern[str] | None = None


@dataclass
class _NewImports:
    """New import lines waiting at one line boundary, kept in isort order."""

    lines: list[tuple[list[object], str]] = field(default_factory=list)
    blank_before: bool = False

    def add(self, key: list[object], text: str) -> None:
        self.lines.append((key, text))
        self.lines.sort(key=lambda item: item[0])


class UrlsFile:
    """A urls.py that registrations can be added to; `code()` is the patched text."""

    def __init__(self, source: str, label: str, package: str, urls_module: str, line_length: int):
        self.index = UrlsIndex(source, label, package, urls_module)
        self.label = label
        self.line_length = line_length
        self.style = self.index.style
        self._lines = source.splitlines(keepends=True)
        self._newline = "\r\n" if self._lines and self._lines[0].endswith("\r\n") else "\n"
        self._edited: dict[int, tuple[int, cst.Module]] = {}  # first line -> (last line, module)
        self._new_imports: dict[int, _NewImports] = {}  # insert before this 0-based line

    def is_registered(self, class_name: str) -> bool:
        return self.index.registered(class_name)

    def code(self) -> str:
        lines = list(self._lines)
        edits: list[tuple[int, int, str]] = [
            (first - 1, last, module.code) for first, (last, module) in self._edited.items()
        ]
        for at, group in self._new_imports.items():
            text = (self._newline if group.blank_before else "") + "".join(
                line for _, line in group.lines
            )
            edits.append((at, at, text))
        for start, stop, text in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
            lines[start:stop] = [text]
        return "".join(lines)

    def add(self, registration: Registration) -> Added:
        """Add the import and the route entry for `registration`."""
        self._refuse_shadowing(registration)
        list_name, tokens = self._target(registration.route.tokens)
        pattern = tokens_to_regex(tokens, self.style.segment)
        url_name = registration.url_name or url_name_for(
            registration.class_name, self.style.name_prefix
        )
        if self.index.url_names[url_name]:
            raise ConflictError(
                f"{self.label}:{self.index.line_of(url_name)}: URL name {url_name!r} is already "
                "used; choose another with --url-name (url_name in a spec)"
            )
        statement = self.index.lists[list_name]
        module = self._list_module(statement)
        small = _list_assignment(module)
        lst = small.value
        assert isinstance(lst, cst.List)
        position = self._position(_entries(lst), tokens, pattern, list_name)
        element = self._element(registration.class_name, pattern, url_name, lst)
        new_small = small.with_changes(value=insert_element(lst, position, element))
        line = module.body[0]
        assert isinstance(line, cst.SimpleStatementLine)
        module = module.with_changes(body=[line.with_changes(body=[new_small])])
        self._edited[statement.first_line] = (statement.last_line, module)
        self._add_import(registration)
        self.index.url_names[url_name] += 1
        return Added(list_name, url_name, pattern)

    def _refuse_shadowing(self, registration: Registration) -> None:
        for statement in self.index.imports:
            if (
                statement.module != registration.module
                and registration.class_name in statement.names
            ):
                raise PatchError(
                    f"{self.label}:{statement.first_line}: {registration.class_name} is already "
                    f"imported from {statement.module}; a new endpoint of that name would shadow "
                    "it: choose another name"
                )

    def _target(self, tokens: tuple[Token, ...]) -> tuple[str, tuple[Token, ...]]:
        """The list whose include prefix matches most of the route, and the rest of it."""
        lists = self.index.lists
        if "urlpatterns" not in lists:
            raise PatchError(
                f"{self.label}: no module-level `urlpatterns = [...]` list found; add one "
                "(scaffold adds routes to it or to the lists it includes)"
            )
        best = ("urlpatterns", tokens)

        def descend(name: str, rest: tuple[Token, ...], seen: frozenset[str]) -> None:
            nonlocal best
            for prefix, included in lists[name].includes:
                if included in seen or included not in lists:
                    continue
                remainder = strip_prefix(rest, prefix)
                if remainder:
                    if len(remainder) < len(best[1]):
                        best = (included, remainder)
                    descend(included, remainder, seen | {included})

        descend("urlpatterns", tokens, frozenset({"urlpatterns"}))
        return best

    def _list_module(self, statement: ListStatement) -> cst.Module:
        if statement.first_line in self._edited:
            return self._edited[statement.first_line][1]
        if not statement.starts_line:
            raise PatchError(
                f"{self.label}:{statement.first_line}: {statement.name} does not start its line; "
                "put the assignment on a line of its own"
            )
        text = "".join(self._lines[statement.first_line - 1 : statement.last_line])
        return cst.parse_module(text)

    def _position(
        self, entries: list[_Entry], tokens: tuple[Token, ...], pattern: str, list_name: str
    ) -> int:
        """Next to the entry sharing the longest prefix, but never where the new route would be
        unreachable (after a pattern matching it, e.g. a catch-all) or would hide another."""
        ours = re.compile(pattern)
        our_sample = sample_path(tokens)
        low, high = 0, len(entries)
        for entry in entries:
            if entry.pattern == pattern:
                raise ConflictError(
                    f"{self.label}:{self.index.line_of(pattern)}: {list_name} already has the "
                    f"route {pattern!r}; remove it or change the route"
                )
            if entry.is_include or entry.regex is None:
                continue
            if entry.regex.search(our_sample):
                high = min(high, entry.index)
            if entry.tokens is not None and ours.search(sample_path(entry.tokens)):
                low = max(low, entry.index + 1)
        if low > high:
            raise PatchError(
                f"{self.label}: the route {pattern!r} would hide or be hidden by another route in "
                f"{list_name}; change the route"
            )
        best_index, best_score = len(entries), 0
        for entry in entries:
            if not entry.is_include and entry.tokens is not None:
                score = _common_prefix(tokens, entry.tokens)
                if score and score >= best_score:
                    best_index, best_score = entry.index + 1, score
        return min(max(best_index, low), high)

    def _element(self, class_name: str, pattern: str, url_name: str, lst: cst.List) -> cst.Element:
        indent = _element_indent(lst)
        quote = self.style.quote
        args = [
            f"r{quote}{pattern}{quote}",
            f"{class_name}.as_view()",
            f"name={quote}{url_name}{quote}",
        ]
        one_line = f"{self.style.call}({', '.join(args)})"
        if not self.style.exploded and len(indent) + len(one_line) + 1 <= self.line_length:
            return cst.Element(cst.parse_expression(one_line))
        inner = indent + _INDENT
        text = f"{self.style.call}(\n" + "".join(f"{inner}{a},\n" for a in args) + f"{indent})"
        return cst.Element(cst.parse_expression(text))

    def _add_import(self, registration: Registration) -> None:
        """Join an import of the same module, or add a line where isort would put it."""
        module = registration.module
        package = self.index.urls_package
        relative = self.style.relative_imports and module.startswith(package + ".")
        shown = "." + module[len(package) + 1 :] if relative else module
        for statement in self.index.imports:
            if statement.module == module:
                self._join_import(statement, registration.class_name)
                return
        text = self._import_text(shown, [registration.class_name], exploded=False)
        key = _import_key(shown)
        root = module.split(".")[0]
        kin = [
            s
            for s in self.index.imports
            if s.shown.startswith(".") == relative and (relative or s.module.split(".")[0] == root)
        ]
        following = [s for s in kin if _import_key(s.shown) > key]
        if following:
            at = following[0].first_line - 1
        elif kin:
            at = kin[-1].last_line
        else:
            at = self.index.imports[-1].last_line if self.index.imports else 0
        group = self._new_imports.setdefault(at, _NewImports())
        group.blank_before = group.blank_before or (not kin and bool(self.index.imports))
        group.add(key, text)

    def _join_import(self, statement: ImportStatement, name: str) -> None:
        if name in statement.names:
            return
        first = statement.first_line
        if first in self._edited:  # joined before in this run: extend that text
            raise PatchError(f"{self.label}:{first}: two new names for one import; run again")
        names = sorted({*statement.names, name}, key=import_name_key)
        text = self._import_text(statement.shown, names, statement.exploded)
        self._edited[first] = (statement.last_line, cst.parse_module(text))

    def _import_text(self, module: str, names: list[str], exploded: bool) -> str:
        nl = self._newline
        one_line = f"from {module} import {', '.join(names)}"
        if exploded or len(one_line) > self.line_length:
            return (
                f"from {module} import ({nl}"
                + "".join(f"{_INDENT}{n},{nl}" for n in names)
                + f"){nl}"
            )
        return one_line + nl


def _import_key(shown: str) -> list[object]:
    """isort's module order: relative dots become `._` (force_sort_within_sections off)."""
    return natural_key(shown.replace(".", "._", 1) if shown.startswith(".") else shown)


def _list_assignment(module: cst.Module) -> cst.Assign | cst.AnnAssign:
    line = module.body[0]
    assert isinstance(line, cst.SimpleStatementLine)
    small = line.body[0]
    assert isinstance(small, (cst.Assign, cst.AnnAssign))
    return small


def _entries(lst: cst.List) -> list[_Entry]:
    entries = []
    for index, element in enumerate(lst.elements):
        value = element.value
        pattern, is_include = None, False
        if isinstance(value, cst.Call) and _call_name(value) in ROUTE_CALLS and value.args:
            first = value.args[0].value
            if isinstance(first, (cst.SimpleString, cst.ConcatenatedString)):
                evaluated = first.evaluated_value
                pattern = evaluated if isinstance(evaluated, str) else None
            second = value.args[1].value if len(value.args) > 1 else None
            is_include = isinstance(second, cst.Call) and _call_name(second) == "include"
        entry = _Entry(index, pattern, is_include)
        if pattern is not None and not is_include:
            entry.tokens = regex_to_tokens(pattern)
            try:
                entry.regex = re.compile(pattern)
            except re.error:
                entry.regex = None
        entries.append(entry)
    return entries


def _call_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


def _common_prefix(ours: tuple[Token, ...], theirs: tuple[Token, ...]) -> int:
    count = 0
    for a, b in zip(ours, theirs, strict=False):
        if a != b:
            break
        count += 1
    return count


def _element_indent(lst: cst.List) -> str:
    ws = lst.lbracket.whitespace_after
    if isinstance(ws, cst.ParenthesizedWhitespace):
        return ws.last_line.value
    return _INDENT
