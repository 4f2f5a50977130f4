"""Domain packages that re-export their endpoints from `__init__.py` (today's Sentry layout):
which module urls.py imports a class from, and the `__init__.py` edits that go with it."""

from __future__ import annotations

from pathlib import Path

from scaffold.project.files import read_source
from scaffold.project.settings import Settings
from scaffold.pysource.urlsource import read_from_imports
from scaffold.records import field, record
from scaffold.urls.reexport import add_reexport, all_on_one_line, reexports, remove_reexport
from scaffold.write.plan import FileChange


def reexporting_init(settings: Settings, module: str) -> Path | None:
    """The `__init__.py` of `module`'s package when it re-exports its endpoints, else None."""
    package = module.rpartition(".")[0]
    init = settings.path_for(package) if package else None
    if init is None or init.name != "__init__.py":
        return None
    return init if reexports(read_source(init, settings.relpath(init))) else None


def urls_import_module(
    settings: Settings, imported: dict[str, str], module: str, class_name: str
) -> str:
    """Where urls.py should import `class_name` of `module` from (`imported`: each name urls.py
    imports -> its module): where it already does when that is `module` or a package
    re-exporting the class from it (`from .external_actor.user_details import ...`); else its
    package when that package re-exports its endpoints and urls.py does not already import
    `module` itself."""
    already = imported.get(class_name)
    if already == module or (already and reexported_from(settings, already, class_name) == module):
        return already
    package = module.rpartition(".")[0]
    if module in imported.values() or reexporting_init(settings, module) is None:
        return module
    return package


@record(frozen=False)
class InitEdits:
    """`__init__.py` texts before and after the re-exports this run adds or removes."""

    settings: Settings
    texts: dict[Path, tuple[str, str]] = field(default_factory=dict)
    # the classes added to a package whose `__all__` was on one line (the generation record
    # keeps it for `remove`)
    one_line: set[str] = field(default_factory=set)

    def add(self, module: str, class_name: str) -> None:
        self._edit(module, class_name, add=True, one_line=False)

    def remove(self, module: str, class_name: str, *, one_line: bool) -> None:
        """Take the class out; `one_line`: its `__all__` was on one line when it was added."""
        self._edit(module, class_name, add=False, one_line=one_line)

    def _edit(self, module: str, class_name: str, *, add: bool, one_line: bool) -> None:
        init = reexporting_init(self.settings, module)
        if init is None:
            return
        rel = self.settings.relpath(init)
        before, current = self.texts.get(init) or (read_source(init, rel),) * 2
        leaf, width = module.rpartition(".")[2], self.settings.line_length
        if add:
            if all_on_one_line(current, rel):
                self.one_line.add(class_name)
            after = add_reexport(current, rel, leaf, class_name, width)
        else:
            after = remove_reexport(current, rel, leaf, class_name, width, one_line)
        self.texts[init] = (before, after)

    def changes(self) -> list[FileChange]:
        return [FileChange(path, before, after) for path, (before, after) in self.texts.items()]

    def messages(self) -> list[str]:
        return [
            f"update  {self.settings.relpath(path)}  (re-export)"
            for path, (before, after) in self.texts.items()
            if before != after
        ]


def reexported_from(settings: Settings, package: str, class_name: str) -> str | None:
    """The submodule (dotted) a package's `__init__.py` imports `class_name` from, if any."""
    init = settings.path_for(package)
    if init is None or init.name != "__init__.py":
        return None
    source = read_source(init, settings.relpath(init))
    if not reexports(source):
        return None
    for statement in read_from_imports(source, settings.relpath(init), package):
        if class_name in statement.names and statement.shown.startswith("."):
            return statement.module
    return None
