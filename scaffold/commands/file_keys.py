"""Each file's key in scaffold's caches, (mtime_ns, size), kept the same while its bytes are.

The caches key a file by its size and modification time. A fresh clone, or a CI job restoring
the cache folder onto a new checkout, gives every file a new mtime, and every cache entry would
read as stale: the check would run as if there were no cache at all. So the first time a file is
seen, its bytes' digest is kept with its key; when its mtime later differs but its size does
not, its bytes are read and compared, and while they are the same the file keeps the key the
caches know it by (the mtime it is seen with is noted, so the next run need not read it again).

A file changed in the last two seconds is neither compared nor kept (`RACY_NS`). The digest is
CRC-32 and Adler-32 with the size (`cache_files.digest`): it tells a file's versions apart, it
is not a defence against a file crafted to collide; the check is a gate for mistakes, and
whoever can commit such a file can as well commit `# scaffold: ignore`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, TypeGuard

from scaffold.commands.cache_files import RACY_NS, digest, read_json, write_json
from scaffold.pysource.tree import SourceFile, read_bytes

_FORMAT = 1


class FileKeys:
    """relpath -> [mtime_ns seen, size, mtime_ns the caches know it by, digest of its bytes]."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        loaded = read_json(path, _FORMAT) if path is not None else None
        files = loaded.get("files") if loaded else None
        self.table: dict[str, Any] = files if isinstance(files, dict) else {}
        self.changed = False
        self.recent = time.time_ns() - RACY_NS

    def key(self, source: SourceFile) -> tuple[int, int] | None:
        """(mtime_ns, size) as the caches know the file's bytes; None when it cannot be read."""
        try:
            stat = os.stat(source.path)
        except OSError:
            return None
        mtime, size = stat.st_mtime_ns, stat.st_size
        entry = self.table.get(source.relpath)
        if _shaped(entry) and entry[0] == mtime and entry[1] == size:
            return entry[2], size
        if mtime > self.recent or self.path is None:
            return mtime, size  # changed just now: a second write may follow in the same tick
        try:
            data = read_bytes(source.path)
        except OSError:
            return None
        if len(data) != size:  # written while it was read
            return mtime, size
        found = digest(data)
        self.changed = True
        if _shaped(entry) and entry[1] == size and entry[3] == found:
            entry[0] = mtime
            return entry[2], size
        self.table[source.relpath] = [mtime, size, mtime, found]
        return mtime, size

    def save(self, relpaths: set[str]) -> None:
        """Write the table when it changed, without the files that are gone."""
        gone = set(self.table) - relpaths
        for relpath in gone:
            del self.table[relpath]
        if self.path is not None and (self.changed or gone):
            write_json(self.path, {"format": _FORMAT, "files": self.table})
            self.changed = False


def _shaped(entry: object) -> TypeGuard[list[Any]]:
    return (
        type(entry) is list
        and len(entry) == 4
        and all(type(value) is int for value in entry[:3])
        and type(entry[3]) is str
    )
