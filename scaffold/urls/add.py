"""Add endpoint registrations to a Sentry-style urls.py, in the file's own style.

The file is read by pysource (`urls/index.py`). Only the statements that change (one list, one
import) are parsed and edited with libcst, their regenerated text spliced back by line range:
every other byte is copied as it was, at well under the cost of one libcst parse of the module.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from scaffold.errors import NameTakenError, PatchError
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.urlsource import EntryShape
from scaffold.routes import Route, Token, tokens_to_regex
from scaffold.urls import place, segment_spelling
from scaffold.urls.cst_edits import (
    closed_list_line,
    indent_after,
    insert_arg,
    insert_element,
    replace_at,
)
from scaffold.urls.entry_name import entry_name
from scaffold.urls.import_edits import ImportEdits
from scaffold.urls.index import ListStatement, UrlsIndex, name_taken
from scaffold.urls.kin import Named
from scaffold.urls.registration import Added, Registration, taken_at
from scaffold.urls.style import list_shape

__all__ = ["Added", "Registration", "UrlsFile"]


class UrlsFile(ImportEdits):
    """A urls.py that registrations can be added to; `code()` is the patched text."""

    def __init__(
        self,
        source: str,
        label: str,
        package: str,
        urls_module: str,
        line_length: int,
        built_names: Mapping[str, RouteEntry] | None = None,
    ):
        super().__init__(UrlsIndex(source, label, package, urls_module), source, line_length)
        # URL names the routes walked from it give where it does not write them out
        self.built_names = built_names or {}
        self.label = label
        # lists added to in this run: their items now, and inline lists' paths now
        self._slots: dict[str, list[place.RouteSlot]] = {}
        self._paths: dict[str, tuple[int, ...]] = {}
        self._opened: set[int] = set()  # lines of `[]` lists that now span lines
        self.added: list[tuple[Registration, Added]] = []  # in this run

    @property
    def may_drop(self) -> frozenset[int]:
        """1-based lines of the original that the patch rewrote: the imports it joined, and
        the line of each `[]` it added a first entry to."""
        return frozenset(
            line
            for statement in self.index.imports
            if statement.first_line in self._edited
            for line in range(statement.first_line, statement.last_line + 1)
        ) | frozenset(self._opened)

    def is_registered(self, class_name: str) -> bool:
        return self.index.registered(class_name)

    def serves(self, class_name: str, route: Route) -> bool:
        """True when the list `route` goes to already routes it to `class_name`."""
        return self.index.serves(class_name, route.tokens)

    def imported_from(self, module: str) -> list[str]:
        """The names urls.py imports from `module`."""
        return sorted(n for s in self.index.imports if s.module == module for n in s.names)

    def code(self) -> str:
        lines = list(self._lines)
        edits = [(first - 1, last, module.code) for first, (last, module) in self._edited.items()]
        edits += self._import_insertions()
        for start, stop, text in sorted(edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
            lines[start:stop] = [text]
        return "".join(lines)

    def add(self, registration: Registration) -> Added:
        """Add the import and the route entry for `registration`."""
        self.refuse_shadowing(registration.class_name, registration.module)
        list_name, tokens = self.target(registration)
        pattern = tokens_to_regex(tokens, self.style.segment, self.style.param_segments)
        statement = self.index.lists[list_name]
        url_name = entry_name(
            registration.class_name,
            registration.url_name,
            registration.name_prefix,
            statement.items,
            self.style.name_prefix,
        )
        if url_name is not None:
            registered = self.is_registered(registration.class_name)
            where, own = taken_at(self.index, self.built_names, url_name, registration, registered)
            if where is not None:
                raise NameTakenError(name_taken(where, url_name, own))
        module = self._list_module(statement)
        small = _list_assignment(module)
        path = self._paths.get(list_name, statement.path)
        if list_name in self._slots:
            slots = self._slots[list_name]
        else:
            modules = {name: s.module for s in self.index.imports for name in s.names}
            slots = place.route_slots(statement.items, modules)
        named = Named(registration.class_name, registration.module, url_name)
        position = place.choose_position(
            slots,
            tokens,
            pattern,
            where=f"{self.label}: {statement.title}",
            line_of=self.index.line_of,
            first=1 if statement.is_call else 0,  # patterns("prefix", ...): not a route
            new=named,
            digits=registration.digits,
        )
        shape = list_shape(statement.items, self.style.shape)
        segment, spelled = segment_spelling.neighbours_spelling(slots, position, tokens, self.style)
        pattern = tokens_to_regex(tokens, segment, spelled)

        def insert(container: cst.BaseExpression) -> cst.BaseExpression:
            if isinstance(container, cst.List):
                indent = indent_after(container.lbracket.whitespace_after, self.style.indent)
                opening = container.lbracket.whitespace_after
                if not container.elements and isinstance(opening, cst.ParenthesizedWhitespace):
                    indent += self.style.indent  # `[` and `]` on their own lines: one level in
                entry = self._entry(registration.class_name, pattern, url_name, indent, shape)
                return insert_element(container, position, cst.Element(entry), self.style.indent)
            assert isinstance(container, cst.Call)
            indent = indent_after(container.whitespace_before_args, self.style.indent)
            entry = self._entry(registration.class_name, pattern, url_name, indent, shape)
            return insert_arg(container, position, cst.Arg(entry), self.style.indent)

        assert small.value is not None
        new_value = replace_at(small.value, path, insert)
        line = module.body[0]
        assert isinstance(line, cst.SimpleStatementLine)
        module = module.with_changes(
            body=[line.with_changes(body=[small.with_changes(value=new_value)])]
        )
        if not statement.items and list_name not in self._slots:
            text = "".join(self._lines[statement.first_line - 1 : statement.last_line])
            opened = closed_list_line(text, statement.path)
            if opened is not None:
                self._opened.add(statement.first_line - 1 + opened)
        self._slots[list_name] = place.insert_slot(slots, position, pattern, named)
        self._shift_inline_lists(statement, path, position)
        self._edited[statement.first_line] = (statement.last_line, module)
        self._add_import(registration)
        if url_name is not None:
            self.index.url_names[url_name] += 1
        added = Added(statement.title, url_name, list_name, pattern)
        self.added.append((registration, added))
        return added

    def target(self, registration: Registration) -> tuple[str, tuple[Token, ...]]:
        """The list the entry goes to (a key of `index.lists`), and the route's rest there."""
        return self.index.target(registration.route.tokens, registration.avoid)

    def _shift_inline_lists(
        self, statement: ListStatement, path: tuple[int, ...], position: int
    ) -> None:
        """An item inserted at `position` of the list at `path` moves the inline lists after it
        (in the same statement) down one index."""
        depth = len(path)
        for key, other in self.index.lists.items():
            current = self._paths.get(key, other.path)
            if (
                other.first_line == statement.first_line
                and len(current) > depth
                and current[:depth] == path
                and current[depth] >= position
            ):
                self._paths[key] = (*path, current[depth] + 1, *current[depth + 1 :])

    def refuse_shadowing(self, class_name: str, module: str) -> None:
        """Refuse `class_name` of `module` when urls.py imports that name from elsewhere."""
        for statement in self.index.imports:
            if statement.module != module and class_name in statement.names:
                raise PatchError(
                    f"{self.label}:{statement.first_line}: {class_name} is already imported from "
                    f"{statement.module}; a new endpoint of that name would shadow it: choose "
                    "another name"
                )

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

    def _entry(
        self, class_name: str, pattern: str, url_name: str | None, indent: str, shape: EntryShape
    ) -> cst.Call:
        """The new route call, laid out like its list's other entries (`list_shape`)."""
        style, quote = self.style, self.style.quote
        args = [
            f"r{quote}{self.index.helpers.spelled(style.call, pattern)}{quote}",
            f"{class_name}.as_view()",
        ]
        args += [] if url_name is None else [f"name={quote}{url_name}{quote}"]
        one_line = f"{style.call}({', '.join(args)})"
        fits = len(indent) + len(one_line) + 1 <= self.line_length
        if shape is EntryShape.ONE_LINE and fits:
            text = one_line
        elif shape is EntryShape.HANGING:
            hang = ",\n" + indent + " " * (len(style.call) + 1)
            text = f"{style.call}({hang.join(args)})"
        else:
            inner = indent + style.indent
            last = "," if style.trailing_comma else ""
            text = f"{style.call}(\n" + ",\n".join(inner + a for a in args) + f"{last}\n{indent})"
        call = cst.parse_expression(text)
        assert isinstance(call, cst.Call)
        return call


def _list_assignment(module: cst.Module) -> cst.Assign | cst.AnnAssign:
    """The assignment statement of a module parsed from one list statement's lines."""
    line = module.body[0]
    assert isinstance(line, cst.SimpleStatementLine)
    small = line.body[0]
    assert isinstance(small, (cst.Assign, cst.AnnAssign))
    return small
