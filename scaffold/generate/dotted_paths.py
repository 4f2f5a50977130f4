"""A dotted class path the user gave (a lookup's model, a permission class) that points into the
project must name something there: `sentry.models.Projcet` would be written into the module's
imports, and urls.py, which imports the module, would no longer load. Paths outside the project
(Django's, DRF's, an installed package's) cannot be read and are taken as given; one into
Python's standard library (`os.system`) names no class of that kind and is refused."""

from __future__ import annotations

import sys

from scaffold.errors import SpecError, did_you_mean
from scaffold.project.settings import Settings
from scaffold.pysource.imports import SUBMODULES
from scaffold.pysource.modules import ModuleInfo, read_module

_MAX_STARS = 8  # star re-exports followed (`from .project import *` in models/__init__.py)


def require_in_project(settings: Settings, dotted: str, where: str, kind: str) -> None:
    """SpecError (naming `where`) when `dotted` points into the project at a module that does
    not exist, or at one that binds no such name, or into the standard library
    (`refuse_standard_library`)."""
    refuse_standard_library(settings, dotted, where, kind)
    module, _, name = dotted.rpartition(".")
    if not module or not _in_project(settings, module.partition(".")[0]):
        return
    path = settings.path_for(module)
    if path is None:
        raise SpecError(
            f"{where}: {module} is no module of the project (no {_file_of(settings, module)}); "
            f"check the dotted path {dotted!r}"
        )
    found = _binds(settings, module, name, _MAX_STARS)
    if found is False:
        known = sorted(_class_names(settings, module, _MAX_STARS))
        raise SpecError(
            f"{where}: {module} defines no {name}{did_you_mean(name, known)}; check the dotted "
            f"path {dotted!r}"
        )


def refuse_standard_library(
    settings: Settings, dotted: str, where: str, kind: str, instead: str = ""
) -> None:
    """SpecError when `dotted` leads into Python's standard library (`os.system`,
    `collections.OrderedDict`): no `kind` (a model, a permission class, an endpoint base) lives
    there, and the path would be written into the module as given. A project package that
    shares a standard module's name (`src/email/`) is the project's."""
    top = dotted.partition(".")[0]
    if "." in dotted and top in sys.stdlib_module_names and not _in_project(settings, top):
        raise SpecError(
            f"{where}: {dotted!r} is in Python's standard library ({top}), not a {kind}; "
            + (
                instead
                or f"give the dotted path of a {kind} of the project or of an installed package"
            )
        )


def _in_project(settings: Settings, top: str) -> bool:
    src = settings.src_root
    return (src / top / "__init__.py").is_file() or (src / f"{top}.py").is_file()


def _file_of(settings: Settings, module: str) -> str:
    base = settings.src_root.joinpath(*module.split("."))
    return settings.relpath(base.with_suffix(".py"))


def _read(settings: Settings, module: str) -> tuple[ModuleInfo | None, bytes]:
    """The module's facts (None: not in the tree, unreadable or unparsable) and its bytes."""
    path = settings.path_for(module)
    try:
        data = path.read_bytes() if path is not None else b""
    except OSError:
        return None, b""
    if path is None:
        return None, data
    return read_module(data, module, settings.relpath(path), path.name == "__init__.py"), data


def _class_names(settings: Settings, module: str, stars: int) -> set[str]:
    """The names a module binds, its star re-exports' included (for a did-you-mean)."""
    info, _ = _read(settings, module)
    if info is None:
        return set()
    names = set(info.classes) | set(info.imports) | info.names
    for star in info.star_imports if stars > 0 else ():
        if star.endswith(SUBMODULES):
            for sub in _submodules(settings, star.removesuffix(SUBMODULES)):
                names |= _class_names(settings, sub, 0)
        else:
            names |= _class_names(settings, star, stars - 1)
    return names


def _submodules(settings: Settings, package: str) -> list[str]:
    """Every module below a package, as `pkgutil.walk_packages` finds them (sub-packages with
    an `__init__.py` and their modules too), in a stable order."""
    path = settings.path_for(package)
    if path is None or path.name != "__init__.py":
        return []
    found = []
    for file in sorted(path.parent.rglob("*.py")):
        parts = file.relative_to(path.parent).with_suffix("").parts
        folders = [path.parent.joinpath(*parts[:i]) for i in range(1, len(parts))]
        if all((folder / "__init__.py").is_file() for folder in folders):
            names = parts[:-1] if parts[-1] == "__init__" else parts
            if names:
                found.append(".".join((package, *names)))
    return found


def _walked(settings: Settings, package: str, name: str, stars: int) -> bool | None:
    """Whether `import_submodules(globals(), __name__, __path__)` binds `name` in `package`:
    it copies every public name each module below the package binds (Sentry's models before
    2022). False only when every one of them is read and none binds it."""
    if name.startswith("_"):
        return None
    unknown = False
    for sub in _submodules(settings, package):
        found = _binds(settings, sub, name, stars)
        if found:
            return True
        unknown = unknown or found is None
    return None if unknown else False


def _binds(settings: Settings, module: str, name: str, stars: int) -> bool | None:
    """True: the module binds the name (a class, def, assignment, import, or submodule);
    False: it provably does not; None: cannot tell (unparsable, or a star import from outside
    the project or too deep)."""
    info, data = _read(settings, module)
    if info is None:
        return None
    if name in info.classes or name in info.names or name in info.imports:
        return True
    # names made on demand, or written into globals() at import by code other than the
    # `import_submodules(globals(), __name__, __path__)` read below: what it binds is unread
    walks = [star for star in info.star_imports if star.endswith(SUBMODULES)]
    if "__getattr__" in info.names or data.count(b"globals()") > len(walks):
        return None
    if settings.path_for(f"{module}.{name}") is not None:
        return True  # a submodule
    unknown = False
    for star in info.star_imports:
        if stars <= 0 or not _in_project(settings, star.partition(".")[0]):
            unknown = True
            continue
        if star.endswith(SUBMODULES):
            found = _walked(settings, star.removesuffix(SUBMODULES), name, stars - 1)
        else:
            found = _binds(settings, star, name, stars - 1)
        if found:
            return True
        unknown = unknown or found is None
    return None if unknown else False
