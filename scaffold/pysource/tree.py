"""The target's Python files under its source root: found once, each read at most once."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from scaffold.pysource.modules import ModuleInfo, read_module
from scaffold.records import record

T = TypeVar("T")

# what the check looks for in every file's bytes before reading one as a urlconf
MARKERS = (b"urlpatterns", b"as_view")
# a package naming one of these may find a module elsewhere than in its folder
_PATH_HOOKS = (b"__path__", b"__getattr__", b"sys.modules")


@record
class SourceFile:
    """A Python file under the source root and its dotted module name."""

    path: str  # absolute
    relpath: str  # POSIX, relative to the project root
    module: str
    is_package: bool


class Tree:
    """The target's modules under its source root, each read and parsed at most once."""

    def __init__(self, project_root: Path, src_root: Path, exclude: tuple[str, ...] = ()):
        self.project_root = project_root
        self.src_root = src_root
        self.exclude = exclude
        self._data: dict[str, bytes | None] = {}
        self._info: dict[str, ModuleInfo | None] = {}
        self._found: list[SourceFile] | None = None  # after a full walk, in os.walk order
        self._files: dict[str, SourceFile] | None = None  # module -> file, after a full walk
        # asked before a module is parsed: what an earlier run read from the same bytes (a cache
        # at the edge, `commands/tree_reading.py`), or False to parse it here
        self.known: Callable[[SourceFile], ModuleInfo | None | bool] | None = None
        self.parsed: list[str] = []  # modules parsed here (not adopted, not known)
        # relpath -> which of MARKERS its bytes contain, known without reading them (the cache)
        self.known_marks: dict[str, frozenset[bytes]] = {}
        self._recorders: list[set[str]] = []  # modules asked for while `recorded` runs
        self.asked: set[str] = set()  # every module asked about (found or not), all along
        self.unreadable: dict[str, str] = {}  # module -> why its file could not be read
        self._remembered: dict[str, tuple[object, frozenset[str]]] = {}  # `remembered`
        try:
            src_relpath = src_root.relative_to(project_root).as_posix()
        except ValueError:
            src_relpath = None
        self._src_prefix = (
            None if src_relpath is None else "" if src_relpath == "." else src_relpath + "/"
        )

    def source_file(self, path: Path) -> SourceFile | None:
        """The module of a .py file under the source root (None outside it or when excluded)."""
        try:
            rel = path.relative_to(self.src_root).with_suffix("")
            relpath = path.relative_to(self.project_root).as_posix()
        except ValueError:
            return None
        if self.excluded(relpath):
            return None
        is_package = rel.name == "__init__"
        parts = rel.parts[:-1] if is_package else rel.parts
        return SourceFile(str(path), relpath, ".".join(parts), is_package)

    def excluded(self, relpath: str) -> bool:
        return any(fnmatch.fnmatch(relpath, pattern) for pattern in self.exclude)

    def files(self) -> list[SourceFile]:
        """Every .py file under the source root, skipping caches, hidden and excluded folders."""
        if self._found is None:
            found: list[SourceFile] = []
            if self._src_prefix is not None and self.src_root.is_dir():
                self._walk(str(self.src_root), self._src_prefix, "", found)
            self._found = found
            # `x/__init__.py` wins over `x.py` (walked first), as Python imports them and as in
            # file_for's lookup on disk
            self._files = {source.module: source for source in found}
        return list(self._found)

    def _walk(self, folder: str, relpath: str, package: str, found: list[SourceFile]) -> None:
        """Strings and `os.scandir` only: this runs for every file of a big tree."""
        subfolders = []
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.endswith(".py") and entry.is_file():
                    stem = name[:-3]
                    file_relpath = relpath + name
                    if self.exclude and self.excluded(file_relpath):
                        continue
                    if stem == "__init__":
                        module, is_package = package, True
                    else:
                        module, is_package = (f"{package}.{stem}" if package else stem), False
                    found.append(SourceFile(entry.path, file_relpath, module, is_package))
                elif (
                    not name.startswith((".", "__pycache__"))
                    and entry.is_dir()
                    and not entry.is_symlink()  # os.walk does not follow them either
                ):
                    subfolders.append(name)
        for name in subfolders:
            inner = f"{package}.{name}" if package else name
            self._walk(f"{folder}/{name}", f"{relpath}{name}/", inner, found)

    def recorded(self, compute: Callable[[], T]) -> tuple[T, set[str]]:
        """`compute()`, and every module it asked this tree about (found or not): what its
        answer depends on, for a cache at the edge to know when it still holds."""
        seen: set[str] = set()
        self._recorders.append(seen)
        try:
            return compute(), seen
        finally:
            self._recorders.remove(seen)

    def remembered(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`, a fact of this tree's files that many callers ask for (one class
        decorator on hundreds of endpoints), computed once per tree and `key`: a later call
        takes the answer, and the modules the first asked count as asked again (`recorded`
        sees them as if it had run). An overlay forgets every answer."""
        found = self._remembered.get(key)
        if found is None:
            answer, asked = self.recorded(compute)
            self._remembered[key] = found = (answer, frozenset(asked))
        else:
            self.asked |= found[1]
            for seen in self._recorders:
                seen |= found[1]
        return found[0]  # type: ignore[return-value]

    def file_for(self, module: str) -> SourceFile | None:
        self.asked.add(module)
        for seen in self._recorders:
            seen.add(module)
        if self._files is not None:
            return self._files.get(module)
        base = self.src_root.joinpath(*module.split("."))
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.is_file():
                return self.source_file(candidate)
        return None

    def unimportable(self, module: str) -> str | None:
        """The first part of `module`'s dotted path Python cannot import from this tree (`a.b`
        of `a.b.c`): its parent is a package of the tree with an `__init__.py` that names none
        of `__path__`, `__getattr__` and `sys.modules`, and its folder holds nothing of that
        name (no `b.py`, no `b/`, no `b.<suffix>` such as a compiled extension; on disk, so an
        excluded file counts). None when every part is there, when the top package is not in
        the tree, or at a part the reader cannot close (below a namespace package, which other
        folders on the path may extend, or below a module)."""
        parts = module.split(".")
        folder = self.src_root / parts[0]
        if not folder.is_dir():
            return None
        for index in range(1, len(parts)):
            parent = ".".join(parts[:index])
            source = self.file_for(parent)
            data = self.data(parent) if source is not None and source.is_package else None
            if data is None or any(hook in data for hook in _PATH_HOOKS):
                return None
            try:
                entries = os.listdir(folder)
            except OSError:
                return None
            name = parts[index]
            if name not in entries:
                there = any(entry.startswith(name + ".") for entry in entries)
                return None if there else f"{parent}.{name}"
            folder = folder / name
            if not folder.is_dir():
                return None
        return None

    def mentions(self, source: SourceFile, marker: bytes) -> bool:
        """Whether the file's bytes contain `marker` (one of MARKERS: known without reading
        the file when a cache says so)."""
        known = self.known_marks.get(source.relpath)
        if known is not None and marker in MARKERS:
            return marker in known
        data = self.data(source.module)
        return data is not None and marker in data

    def data(self, module: str) -> bytes | None:
        self.asked.add(module)
        for seen in self._recorders:
            seen.add(module)
        if module not in self._data:
            source = self.file_for(module)
            try:
                self._data[module] = read_bytes(source.path) if source else None
            except OSError as exc:  # named by the check as a place it could not follow
                self.unreadable[module] = exc.strerror or type(exc).__name__
                self._data[module] = None
        return self._data[module]

    def overlay(self, module: str, data: bytes) -> None:
        """Read `module` as these bytes rather than its file's: a patch not yet written."""
        self._data[module] = data
        self._info.pop(module, None)
        self._remembered.clear()

    def remember(self, source: SourceFile, data: bytes) -> None:
        """Keep a file's bytes, read for its headers, as its module's: unless another file is
        that module (`x.py` beside `x/__init__.py`: the package is the module)."""
        found = self._files.get(source.module) if self._files is not None else None
        if found is None or found.relpath == source.relpath:
            self._data.setdefault(source.module, data)

    def adopt(self, infos: dict[str, ModuleInfo | None]) -> None:
        """Modules read elsewhere (by a forked child)."""
        for module, info in infos.items():
            self._info.setdefault(module, info)

    def info(self, module: str) -> ModuleInfo | None:
        """The module read by `read_module` (None when not in the tree or unparsable)."""
        self.asked.add(module)
        for seen in self._recorders:
            seen.add(module)
        if module not in self._info:
            if self.known is not None and (found := self.file_for(module)) is not None:
                known = self.known(found)
                if known is None or isinstance(known, ModuleInfo):
                    self._info[module] = known
                    return known
            data = self.data(module)
            source = self.file_for(module) if data is not None else None
            self.parsed.append(module)
            self._info[module] = (
                read_module(data, module, source.relpath, source.is_package)
                if data is not None and source is not None
                else None
            )
        return self._info[module]


def read_bytes(path: str) -> bytes:
    """The file's bytes; `os.read` costs half of `open().read()` on thousands of small files."""
    fd = os.open(path, os.O_RDONLY)
    try:
        chunks = []
        while True:
            chunk = os.read(fd, _CHUNK)
            chunks.append(chunk)
            if len(chunk) < _CHUNK:
                return b"".join(chunks) if len(chunks) > 1 else chunk
    finally:
        os.close(fd)


_CHUNK = 1 << 18
