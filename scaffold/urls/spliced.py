"""Lists of routes kept in a feature's own urls module and spliced into a list of the API urls.py
(`*workflow_urls.organization_urlpatterns`, ALIAS a module urls.py imports): which one a new
entry of that feature goes to, and that module patched as `UrlsFile` patches urls.py."""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.urlsource import EntryShape, entry_layouts
from scaffold.records import evolve, record
from scaffold.routes import Token
from scaffold.urls.add import UrlsFile
from scaffold.urls.index import UrlsIndex
from scaffold.urls.registration import Registration
from scaffold.urls.style import UrlsStyle


@record
class Splice:
    """`*ALIAS.NAME` in a list of urls.py, ALIAS bound to the module `module`."""

    module: str  # dotted: the feature's urls module
    list_name: str  # NAME, a module-level list of that module

    @property
    def package(self) -> str:
        return self.module.rpartition(".")[0]


def splice_for(index: UrlsIndex, list_key: str, class_module: str) -> Splice | None:
    """The one list spliced into urls.py's list `list_key` from a module whose package holds
    `class_module`; None when none does, or several do (which one is meant, no one can say)."""
    found = [
        splice
        for splice in (Splice(module, name) for module, name in index.splices(list_key))
        if splice.package and class_module.startswith(splice.package + ".")
    ]
    return found[0] if len(found) == 1 else None


class SplicedFile(UrlsFile):
    """A feature's urls module that registrations can be added to: each into the list `into`
    names, with the rest of the route the API urls.py leaves for the list splicing it."""

    def __init__(
        self,
        source: str,
        label: str,
        package: str,
        module: str,
        line_length: int,
        built_names: Mapping[str, RouteEntry],
        api_style: UrlsStyle,
    ):
        super().__init__(source, label, package, module, line_length, built_names)
        self.into: tuple[str, tuple[Token, ...]] = ("", ())
        self.qualifier: str | None = None  # `e` of `from . import endpoints as e`: `e.A`
        own = [item for statement in self.index.lists.values() for item in statement.items]
        if not entry_layouts(own):  # no entry of its own to copy: the API urls.py's, but
            self.style = evolve(  # its own route call, imports and indentation
                api_style,
                call=self.style.call,
                relative_imports=self.style.relative_imports,
                indent=self.style.indent,
            )
            self.index.style = self.style
        elif not self.index.url_names:
            self.style = evolve(self.style, name_prefix=api_style.name_prefix)
            self.index.style = self.style

    def target(self, registration: Registration) -> tuple[str, tuple[Token, ...]]:
        return self.into

    def _entry(
        self, class_name: str, pattern: str, url_name: str | None, indent: str, shape: EntryShape
    ) -> cst.Call:
        """The entry reading the class through the package's alias, as the module's own do."""
        qualified = f"{self.qualifier}.{class_name}" if self.qualifier else class_name
        return super()._entry(qualified, pattern, url_name, indent, shape)

    def _add_import(self, registration: Registration) -> None:
        if self.qualifier is None:  # read through the alias, the class needs no import
            super()._add_import(registration)
