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

from scaffold.commands.cache_files import RACY_NS, digest, read_json, write_json
from scaffold.pysource.tree import SourceFile, read_bytes

_FORMAT = 2


class FileKeys:
    """relpath -> `mtime_ns-seen<TAB>size<TAB>mtime_ns-the-caches-know<TAB>digest`, kept as
    lines of text (JSON reads one string of 2,000 lines several times faster than 2,000 lists,
    and only the files looked at are split)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        loaded = read_json(path, _FORMAT) if path is not None else None
        lines = loaded.get("lines") if loaded else None
        self.table: dict[str, str] = {}
        if isinstance(lines, str) and lines:
            try:
                self.table = dict(line.split("\t", 1) for line in lines.split("\n"))
            except ValueError:  # a line without a tab: not what `save` writes
                self.table = {}
        self.changed = False
        self.recent = time.time_ns() - RACY_NS

    def key(self, source: SourceFile) -> tuple[int, int] | None:
        """(mtime_ns, size) as the caches know the file's bytes; None when it cannot be read."""
        try:
            stat = os.stat(source.path)
        except OSError:
            return None
        mtime, size = stat.st_mtime_ns, stat.st_size
        entry = _entry(self.table.get(source.relpath))
        if entry is not None and entry[0] == mtime and entry[1] == size:
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
        if entry is not None and entry[1] == size and entry[3] == found:
            self.table[source.relpath] = f"{mtime}\t{size}\t{entry[2]}\t{found}"
            return entry[2], size
        self.table[source.relpath] = f"{mtime}\t{size}\t{mtime}\t{found}"
        return mtime, size

    def save(self, relpaths: set[str]) -> None:
        """Write the table when it changed, without the files that are gone."""
        gone = set(self.table) - relpaths
        for relpath in gone:
            del self.table[relpath]
        if self.path is not None and (self.changed or gone):
            lines = "\n".join(f"{relpath}\t{rest}" for relpath, rest in self.table.items())
            write_json(self.path, {"format": _FORMAT, "lines": lines})
            self.changed = False


def _entry(rest: str | None) -> tuple[int, int, int, str] | None:
    """A table line's (mtime seen, size, mtime known, digest); None when missing or damaged."""
    if rest is None:
        return None
    try:
        seen, size, known, found = rest.split("\t")
        return int(seen), int(size), int(known), found
    except ValueError:
        return None
