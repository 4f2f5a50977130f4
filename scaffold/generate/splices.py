"""New routes of a feature whose own urls module keeps its routes, spliced into a list of the API
urls.py (`*workflow_urls.organization_urlpatterns`): registered in that module's list, as an
engineer of the codebase adds them, and urls.py left as it is (`urls/spliced.py`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from scaffold.errors import PatchError, ProjectError, ScaffoldError
from scaffold.generate.reexports import reexported_from, reexporting_init
from scaffold.project.files import read_source
from scaffold.project.settings import Settings
from scaffold.records import evolve, record
from scaffold.routes import Route, RouteSyntaxError, parse_route
from scaffold.urls.add import Added, Registration, UrlsFile
from scaffold.urls.index import UrlsIndex
from scaffold.urls.remove import Removal, remove_registration
from scaffold.urls.spliced import Splice, SplicedFile, splice_for
from scaffold.write.plan import FileChange


class SpliceEdits:
    """The feature urls modules a run adds routes to, read once each."""

    def __init__(self, settings: Settings, urls: UrlsFile) -> None:
        self.settings = settings
        self.urls = urls
        self._files: dict[str, tuple[str, SplicedFile] | None] = {}  # module -> (before, file)
        self.added: list[tuple[Registration, Added]] = []  # list_key: the list of urls.py

    def add(self, registration: Registration) -> tuple[Added, str] | None:
        """Register the route in the list spliced into the one urls.py would take it in, when
        that list's module lies in a package holding the class's module (`registration.module`:
        its own); returns what was added and the module's label. None: there is no such list,
        or it cannot be read as literal routes (urls.py takes the route, as it always did)."""
        list_key, rest = self.urls.index.target(registration.route.tokens, registration.avoid)
        splice = splice_for(self.urls.index, list_key, registration.module)
        read = self._read(splice) if splice is not None else None
        if splice is None or read is None:
            return None
        spliced = read[1]
        statement = spliced.index.lists.get(splice.list_name)
        if statement is None or statement.is_call:
            return None
        spliced.into = (splice.list_name, rest)
        shown, spliced.qualifier = imported_as_written(self.settings, spliced, registration)
        added = evolve(spliced.add(evolve(registration, module=shown)), list_key=list_key)
        self.added.append((registration, added))
        return added, spliced.label

    def _read(self, splice: Splice) -> tuple[str, SplicedFile] | None:
        if splice.module not in self._files:
            self._files[splice.module] = None
            settings = self.settings
            for routes in spliced_files(settings, [splice.module]):
                try:
                    spliced = SplicedFile(
                        routes.source,
                        routes.label,
                        settings.package,
                        splice.module,
                        settings.line_length,
                        self.urls.built_names,
                        self.urls.style,
                    )
                except (ProjectError, PatchError):  # not read as a urls module: urls.py takes it
                    continue
                self._files[splice.module] = (routes.source, spliced)
        return self._files[splice.module]

    def changes(self) -> list[FileChange]:
        """The modules routes were added to, patched."""
        found = []
        for module, read in self._files.items():
            path = self.settings.path_for(module)
            if read is not None and read[1].added and path is not None:
                before, spliced = read
                found.append(FileChange(path, before, spliced.code(), True, spliced.may_drop))
        return found

    def file_at(self, label: str) -> SplicedFile | None:
        """The feature urls module read at `label` (its relpath), or None."""
        return next((r[1] for r in self._files.values() if r and r[1].label == label), None)

    def overlays(self) -> dict[str, str]:
        """Dotted module -> its patched text, for a walk of the routes as they will be."""
        return {m: read[1].code() for m, read in self._files.items() if read and read[1].added}


def imported_as_written(
    settings: Settings, spliced: SplicedFile, registration: Registration
) -> tuple[str, str | None]:
    """Where the feature's urls module takes the class from, in its own style: (the module to
    import it from, or the alias to read it through with no import of its own). Where it
    imports it already; through the alias of its package (`from . import endpoints as e`:
    `e.A.as_view()`) or from that package (`from . import A, B`) when the module reads the
    package's endpoints so and the package re-exports them (`InitEdits` lists the new one
    there); else from the class's module."""
    module, imports = registration.module, spliced.index.imports
    already = [s.module for s in imports if registration.class_name in s.names]
    if already:
        return already[0], None
    package = module.rpartition(".")[0]
    if not reexporting_init(settings, module):
        return module, None
    aliases = sorted(name for name, dotted in spliced.index.aliases.items() if dotted == package)
    if aliases:
        return module, aliases[0]
    from_package = any(statement.module == package for statement in imports)
    return (package if from_package else module), None


@record
class RoutesFile:
    """A file `remove` takes routes out of: urls.py, or a feature's urls module it splices in."""

    path: Path
    label: str
    source: str
    package: str  # the package its relative imports are read from

    def removal(
        self,
        line_length: int,
        class_name: str,
        only: Callable[[int, str | None], bool] | None = None,
        through: Mapping[str, str] | None = None,
    ) -> Removal:
        """This file without the class's entries (those `only` picks) and without its import
        (`urls.remove.remove_registration`); `through`: aliases the class is read through."""
        return remove_registration(
            self.source, self.label, self.package, class_name, line_length, only, through
        )


def api_routes_file(settings: Settings, source: str) -> RoutesFile:
    """The API urls.py as a RoutesFile."""
    label = settings.relpath(settings.urls_path)
    return RoutesFile(settings.urls_path, label, source, settings.api_module)


def spliced_files(settings: Settings, modules: list[str]) -> list[RoutesFile]:
    """The feature urls modules among `modules` (dotted; each once) that can be read."""
    found = []
    for module in dict.fromkeys(modules):
        path = settings.path_for(module)
        if path is None or path.name == "__init__.py":
            continue
        label = settings.relpath(path)
        try:
            found.append(
                RoutesFile(path, label, read_source(path, label), module.rpartition(".")[0])
            )
        except ProjectError:
            continue
    return found


def spliced_removal(
    settings: Settings, urls_source: str, class_name: str
) -> tuple[RoutesFile, Removal] | None:
    """The one feature urls module spliced into urls.py that routes `class_name`, with the
    class's entries and import taken out of it; None when none does, or several do."""
    label, urls_module = settings.relpath(settings.urls_path), settings.module_for(
        settings.urls_path
    )
    try:
        index = UrlsIndex(urls_source, label, settings.package, urls_module)
    except PatchError:
        return None
    modules = [module for list_name in index.lists for module, _ in index.splices(list_name)]
    found = []
    for routes in spliced_files(settings, modules):
        try:
            through = read_through(settings, routes, class_name)
            removal = routes.removal(settings.line_length, class_name, through=through)
        except PatchError:
            continue
        if removal.routes:
            found.append((routes, removal))
    return found[0] if len(found) == 1 else None


def read_through(settings: Settings, routes: RoutesFile, class_name: str) -> dict[str, str]:
    """The aliases of packages re-exporting `class_name` in the feature's urls module (`e` of
    `from . import endpoints as e`, -> the package), each with its package."""
    module = settings.module_for(routes.path)
    aliases = UrlsIndex(routes.source, routes.label, settings.package, module).aliases
    return {
        alias: dotted
        for alias, dotted in aliases.items()
        if reexported_from(settings, dotted, class_name) is not None
    }


def spliced_entries(
    settings: Settings, index: UrlsIndex, class_name: str, route: Route
) -> tuple[RoutesFile, list[tuple[int, int, str]], dict[str, str]] | None:
    """The one feature urls module spliced into a list `route` can be written in that has
    entries serving `class_name` there, those entries (`UrlsIndex.entries_serving`), and the
    aliases it reads the class through (`read_through`)."""
    found = []
    spliced = index.spliced_at(route.tokens)
    for routes in spliced_files(settings, [module for module, _, _ in spliced]):
        module = settings.module_for(routes.path)
        try:
            sub = UrlsIndex(routes.source, routes.label, settings.package, module)
        except PatchError:
            continue
        through = read_through(settings, routes, class_name)
        entries = [
            entry
            for at, name, rest in spliced
            if at == module and name in sub.lists
            for entry in sub.list_entries_serving(name, class_name, rest, frozenset(through))
        ]
        if entries:
            found.append((routes, entries, through))
    return found[0] if len(found) == 1 else None


def splice_label(
    settings: Settings, index: UrlsIndex, path: str | None, class_module: str
) -> str | None:
    """The feature urls module (relpath) a new route at `path` (a full path, as `list` shows
    it) of a class of `class_module` goes into (`SpliceEdits.add`); None: urls.py takes it."""
    try:
        list_key, _ = index.target(parse_route((path or "").lstrip("/")).tokens)
    except (RouteSyntaxError, ScaffoldError):
        return None
    splice = splice_for(index, list_key, class_module)
    found = settings.path_for(splice.module) if splice is not None else None
    return None if found is None or found.name == "__init__.py" else settings.relpath(found)
