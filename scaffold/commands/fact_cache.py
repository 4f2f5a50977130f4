"""What `scaffold check` read from each file, kept between runs (a speed trick of
`commands/speedups.py`, off with its switch or `SCAFFOLD_NO_CACHE=1`).

A whole-tree check reads every file's class headers to find the modules that may define
endpoints, then parses those. Both are facts of one file's bytes, so they are kept per file,
keyed by the file's size and modification time (nanoseconds), as ruff, mypy and black key theirs:
a file whose size or mtime changed is read again. The cache also carries a fingerprint of the
reader's own source and of the Python version, so a new scaffold (or a reader changed in a
checkout) starts afresh instead of trusting what an older reader found.

Where: `$SCAFFOLD_CACHE_DIR`, else `$XDG_CACHE_HOME/scaffold`, else `~/.cache/scaffold`, one JSON
file (and its journal) per project and source root, outside the project (nothing to ignore in
git, nothing a checkout can plant), named and framed by `commands/cache_files.py`. JSON, not
pickle: decoding never runs code (`pysource/codec.py`). Any unreadable, foreign or damaged
cache is ignored as a whole; a cache that cannot be written is skipped; a write goes to a
temporary file renamed into place, so two runs at once never see half a file.
"""

from __future__ import annotations

import contextlib
import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from scaffold.commands.cache_files import cache_path, forget_older, read_json, write_json
from scaffold.pysource import candidates
from scaffold.pysource.candidates import Headers
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.tree import MARKERS, SourceFile, Tree, read_bytes
from scaffold.records import field, record

NO_CACHE = "SCAFFOLD_NO_CACHE"
_FORMAT = 6

# one file's part of `Headers`: its class headers (name, bases) and import aliases (original,
# alias), as latin-1 text so that JSON can hold them, and which of `tree.MARKERS` it contains
FileHeaders = tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]


def enabled() -> bool:
    return os.environ.get(NO_CACHE, "") in ("", "0")


def file_headers(data: bytes) -> FileHeaders:
    """What `pysource.candidates.read_headers` takes from one file's bytes, as text, and its
    markers."""
    marks = [m.decode() for m in MARKERS if m in data]
    headers, aliases = candidates.file_headers(data)
    return _texts(headers), _texts(aliases), marks


def _texts(pairs: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(first.decode("latin-1"), second.decode("latin-1")) for first, second in pairs]


def read_file_headers(tree: Tree, files: list[SourceFile]) -> dict[str, FileHeaders]:
    """Each file's headers (relpath -> FileHeaders); files with classes stay in `tree`'s memory."""
    found: dict[str, FileHeaders] = {}
    for source in files:
        try:
            data = read_bytes(source.path)
        except OSError:  # a candidate whose reading names it (`candidates.UNREAD`)
            found[source.relpath] = ([("", candidates.UNREAD.decode())], [], [])
            continue
        found[source.relpath] = headers = file_headers(data)
        if headers[0] or headers[2]:
            tree.remember(source, data)
    return found


def merge_headers(files: dict[str, FileHeaders], modules: dict[str, str]) -> Headers:
    """Per-file headers (relpath -> headers; `modules`: relpath -> module) as one `Headers`."""
    by_bases: dict[bytes, list[tuple[bytes, str]]] = defaultdict(list)
    children: dict[bytes, set[bytes]] = defaultdict(set)
    try:
        for relpath, (headers, aliases, _) in files.items():
            if not headers and not aliases:
                continue  # most files
            module = modules[relpath]
            for name, bases in map(_pair, headers):
                by_bases[bases.encode("latin-1")].append((name.encode("latin-1"), module))
            for original, alias in map(_pair, aliases):
                children[original.encode("latin-1")].add(alias.encode("latin-1"))
    except (AttributeError, UnicodeError, TypeError, ValueError) as exc:  # a damaged cache
        raise CacheDamaged(str(exc)) from None
    return dict(by_bases), dict(children)


def same_headers(entry: object, headers: FileHeaders) -> bool:
    """A cache entry (of an older state of the file) holds these class headers and aliases."""
    if not isinstance(entry, list) or len(entry) < 5:
        return False
    same = entry[2] == [list(pair) for pair in headers[0]]
    return same and bool(entry[3] == [list(pair) for pair in headers[1]])


def _pair(pair: Any) -> tuple[str, str]:
    if type(pair) is str or len(pair) != 2:
        raise ValueError("not a pair")
    first, second = pair
    return first, second


def known_marks(files: dict[str, FileHeaders]) -> dict[str, frozenset[bytes]]:
    """relpath -> the markers its bytes contain (CacheDamaged: not what this module writes)."""
    empty: frozenset[bytes] = frozenset()
    try:
        return {
            relpath: frozenset(m.encode() for m in marks) if marks else empty
            for relpath, (_, _, marks) in files.items()
        }
    except (AttributeError, TypeError) as exc:
        raise CacheDamaged(str(exc)) from None


class CacheDamaged(ValueError):
    """Cached headers that are not what this module writes."""


@record(frozen=False)
class FactCache:
    """The cache of one source root: relpath -> [mtime_ns, size, headers, aliases, marks,
    info?].

    A run that changed a few entries writes them, and what the journal held, to a small journal
    beside the main file (rewriting 2 MB of JSON costs more than the run's own work when one
    file was touched); past `_JOURNAL_LIMIT` entries it writes the main file whole, under a new
    token, which leaves every older journal unread."""

    path: Path | None  # None: nowhere to keep it
    entries: dict[str, list[Any]] = field(default_factory=dict)
    changed: bool = False
    # digest of a computation's key -> [[module, relpath, mtime_ns, size] (None...: not in the tree)
    # for each module it asked about], its encoded answer
    memos: dict[str, list[Any]] = field(default_factory=dict)
    token: str | None = None  # the main file's, which its journal names as its base
    # the journal: relpath -> entry (None: the file is gone), memo name -> memo
    journal: tuple[dict[str, Any], dict[str, Any]] = field(default_factory=lambda: ({}, {}))

    @classmethod
    def open(cls, project_root: Path, src_root: Path) -> FactCache:
        path = cache_path(project_root, src_root)
        if path is None:
            return cls(None)
        loaded = read_json(path, _FORMAT)
        entries = loaded.get("files") if loaded else None
        if loaded is None or not isinstance(entries, dict):
            return cls(path)
        memos = loaded.get("memos")
        cache = cls(path, entries, memos=memos if isinstance(memos, dict) else {})
        token = loaded.get("token")
        cache.token = token if isinstance(token, str) else None
        journal = read_json(_journal_path(path), _FORMAT) or {}
        files, memos = journal.get("files"), journal.get("memos")
        if cache.token and journal.get("base") == cache.token and isinstance(files, dict):
            cache.journal = (files, memos if isinstance(memos, dict) else {})
            for relpath, entry in files.items():
                cache.entries[relpath] = entry  # None: gone (`_fresh` refuses it)
            cache.memos.update(cache.journal[1])
        return cache

    def keep_memo(self, name: str, memo: list[Any]) -> None:
        if self.memos.get(name) != memo:
            self.memos[name] = self.journal[1][name] = memo
            self.changed = True

    def key(self, source: SourceFile) -> tuple[int, int] | None:
        try:
            stat = os.stat(source.path)
        except OSError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def headers(self, source: SourceFile, key: tuple[int, int]) -> FileHeaders | None:
        entry = self.entries.get(source.relpath)
        if not _fresh(entry, key):
            return None
        headers, aliases, marks = entry[2], entry[3], entry[4]  # type: ignore[index]
        if type(headers) is not list or type(aliases) is not list or type(marks) is not list:
            return None
        return headers, aliases, marks  # the pairs and texts are checked where used

    def info(self, source: SourceFile, key: tuple[int, int] | None) -> ModuleInfo | None | bool:
        """The module as read before; False when not cached (or not trusted)."""
        from scaffold.pysource.codec import CodecError, decode_module

        entry = self.entries.get(source.relpath)
        if key is None or not _fresh(entry, key) or len(entry) < 6:  # type: ignore[arg-type]
            return False
        try:
            info = decode_module(entry[5])  # type: ignore[index]
        except (CodecError, TypeError, ValueError, AttributeError, KeyError):
            return False
        return info if info is None or isinstance(info, ModuleInfo) else False

    def store(
        self,
        source: SourceFile,
        key: tuple[int, int],
        headers: FileHeaders,
        info: ModuleInfo | None | bool = False,
        data: bytes | None = None,
    ) -> None:
        """Keep a file's facts; `data`, the bytes `info` was read from, lets methods be kept as
        their text."""
        from scaffold.pysource.codec import encode_module

        entry: list[Any] = [key[0], key[1], headers[0], headers[1], headers[2]]
        if info is None or isinstance(info, ModuleInfo):
            entry.append(encode_module(info, data))
        if self.entries.get(source.relpath) != entry:
            self.entries[source.relpath] = self.journal[0][source.relpath] = entry
            self.changed = True

    def forget_others(self, relpaths: set[str]) -> None:
        """Drop entries of files that are gone."""
        gone = set(self.entries) - relpaths
        for relpath in gone:
            del self.entries[relpath]
            self.journal[0][relpath] = None
        self.changed = self.changed or bool(gone)

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        files, memos = self.journal
        if self.token is not None and len(files) + len(memos) <= _JOURNAL_LIMIT:
            body = {"format": _FORMAT, "base": self.token, "files": files, "memos": memos}
            write_json(_journal_path(self.path), body)
            return
        token = os.urandom(8).hex()
        entries = {relpath: e for relpath, e in self.entries.items() if e is not None}
        body = {"format": _FORMAT, "token": token, "files": entries, "memos": self.memos}
        if write_json(self.path, body):
            self.token, self.journal = token, ({}, {})
            with contextlib.suppress(OSError):
                _journal_path(self.path).unlink()
            forget_older(self.path)


_JOURNAL_LIMIT = 200  # entries and memos a journal carries before the main file is rewritten


def _journal_path(path: Path) -> Path:
    return path.with_suffix(".journal.json")


def _fresh(entry: object, key: tuple[int, int]) -> bool:
    return isinstance(entry, list) and len(entry) >= 5 and entry[0] == key[0] and entry[1] == key[1]
