"""The imports a registration added to urls.py needs: its class joined to an import of its module,
in that statement's own layout, or a new statement where isort would put it."""

from __future__ import annotations

import libcst as cst

from scaffold.pysource.urlsource import FromImport
from scaffold.records import field, record
from scaffold.urls.imports import (
    import_module_key,
    import_name_key,
    import_position,
    import_text,
    joined_in_place,
    keeps_long_single_imports,
    names_joined,
)
from scaffold.urls.index import UrlsIndex
from scaffold.urls.registration import Registration


@record(frozen=False)
class _NewImports:
    """New imports waiting at one line boundary: one statement a module, with its names."""

    modules: dict[str, list[str]] = field(default_factory=dict)  # module as shown -> names
    blank_before: bool = False
    blank_after: bool = False  # a block of its own before the relative imports


class ImportEdits:
    """The source lines of a urls.py and the statements rewritten in them (`_edited`: the imports
    joined here, the lists a subclass adds to), with the new imports waiting to be inserted."""

    def __init__(self, index: UrlsIndex, source: str, line_length: int):
        self.index = index
        self.line_length = line_length
        self.style = index.style
        self._lines = source.splitlines(keepends=True)
        self._newline = "\r\n" if self._lines and self._lines[0].endswith("\r\n") else "\n"
        self._long_single = keeps_long_single_imports(index.imports, self._lines, line_length)
        self._edited: dict[int, tuple[int, cst.Module]] = {}  # first line -> (last line, module)
        self._new_imports: dict[int, _NewImports] = {}  # insert before this 0-based line
        self._joined: dict[int, list[str]] = {}  # import's first line -> names joined this run

    def _import_insertions(self) -> list[tuple[int, int, str]]:
        """The new imports as edits of the lines: (start, stop, text), start and stop the same
        0-based line, each group's statements in isort's order."""
        edits: list[tuple[int, int, str]] = []
        for at, group in self._new_imports.items():
            text = (self._newline if group.blank_before else "") + "".join(
                self._import_text(shown, sorted(names, key=import_name_key), exploded=False)
                for shown, names in sorted(
                    group.modules.items(), key=lambda m: import_module_key(m[0])
                )
            )
            text += self._newline if group.blank_after else ""
            edits.append((at, at, text))
        return edits

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
        at, blank_before, blank_after = import_position(self.index.imports, module, shown)
        group = self._new_imports.setdefault(at, _NewImports())
        group.blank_before = group.blank_before or blank_before
        group.blank_after = group.blank_after or blank_after
        names = group.modules.setdefault(shown, [])
        names += [] if registration.class_name in names else [registration.class_name]

    def _join_import(self, statement: FromImport, name: str) -> None:
        """Add `name` to the statement, with the names joined to it before in this run."""
        joined = self._joined.setdefault(statement.first_line, [])
        if name in statement.names or name in joined:
            return
        joined.append(name)
        old = "".join(self._lines[statement.first_line - 1 : statement.last_line])
        text = joined_in_place(old, joined, self._newline)  # each in its sorted place
        if text is None:  # another layout: written anew, aliases kept, in their order
            names = [n + (f" as {a}" if a else "") for n, a in statement.aliases]
            names = names_joined(names, joined)
            text = self._import_text(statement.shown, names, statement.exploded)
        self._edited[statement.first_line] = (statement.last_line, cst.parse_module(text))

    def _import_text(self, module: str, names: list[str], exploded: bool) -> str:
        nl, unit = self._newline, self.style.indent
        return import_text(module, names, exploded, nl, self.line_length, unit, self._long_single)
