"""Where scaffold's caches live and how their files are written and read: one folder outside
the project, one name per (project root, source root, reader), JSON after a digest line, each
write a temporary file renamed into place (`fact_cache.py`, `answer_cache.py`)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import zlib
from pathlib import Path
from typing import Any

# a file changed less than this long ago is not kept, nor is anything read from it: a second
# write within the file system's timestamp tick could leave the same size and mtime
RACY_NS = 2_000_000_000


def cache_path(project_root: Path, src_root: Path) -> Path | None:
    """The fact cache's file for a source root checked from a project root (what it keeps
    names files relative to that root; the whole-tree answer sits beside it, with `.answer`
    before `.json`); None when there is no cache folder."""
    folder = os.environ.get("SCAFFOLD_CACHE_DIR")
    if not folder:
        base = os.environ.get("XDG_CACHE_HOME") or (
            os.path.join(os.path.expanduser("~"), ".cache")
            if os.path.expanduser("~") != "~"
            else ""
        )
        if not base:
            return None
        folder = os.path.join(base, "scaffold")
    roots = [str(project_root.resolve()).encode(), str(src_root.resolve()).encode()]
    identity = b"\0".join([sys.version.encode(), *roots])
    return Path(folder) / f"check-{digest(identity)}{digest(_reader_source())}.json"


def _reader_source() -> bytes:
    """The reader's own source, the check's (whose walks are kept too) and the records': what
    they find changes with them."""
    package = Path(__file__).resolve().parent.parent
    paths = sorted([*package.glob("pysource/*.py"), *package.glob("check/*.py")])
    paths.append(package / "records.py")  # what the decoded facts are built with
    return b"\0".join(part for path in paths for part in (path.name.encode(), path.read_bytes()))


def digest(data: bytes) -> str:
    """A 72-bit digest (length, CRC-32 and Adler-32): enough to tell one cache key from another,
    and zlib costs a tenth of hashlib's import."""
    return f"{len(data) & 0xFF:02x}{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


_DIGEST_LENGTH = len(digest(b""))


def answer_path(project_root: Path, src_root: Path) -> Path | None:
    """Where the whole-tree answer is kept: beside the fact cache (`answer_cache.py`)."""
    path = cache_path(project_root, src_root)
    return path.with_suffix(".answer.json") if path is not None else None


def read_json(path: Path, version: int) -> dict[str, Any] | None:
    """A JSON object `write_json` wrote, in format `version` (None: missing, unreadable,
    another format, or bytes that are not what was written: any damage to a cache file, valid
    JSON or not, makes it unread, never half-trusted)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, body = data.partition(b"\n")
    if head != b"scaffold " + digest(body).encode():
        return None
    try:
        loaded = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than scaffold writes
        return None
    return loaded if isinstance(loaded, dict) and loaded.get("format") == version else None


def write_json(path: Path, body: dict[str, Any]) -> bool:
    """Write `body` after a line with its digest, through a temporary file renamed into place;
    False when it could not be written."""
    text = json.dumps(body, separators=(",", ":")).encode()
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(b"scaffold " + digest(text).encode() + b"\n" + text)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return False
    return True


def forget_older(path: Path, keep: int = 64) -> None:
    """Delete what older scaffolds (another reader fingerprint) kept for the same source root:
    each change of scaffold would otherwise leave a file behind; and the files of the source
    roots used least recently beyond the `keep` most recent (a checkout copied for each CI run
    or benchmark leaves a root never checked again)."""
    identity = path.name[: len("check-") + _DIGEST_LENGTH]
    for other in path.parent.glob(f"{identity}*.json"):
        if not other.name.startswith(path.name.removesuffix(".json")):
            with contextlib.suppress(OSError):
                other.unlink()
    newest: dict[str, tuple[float, list[Path]]] = {}  # source root -> last use, its files
    for other in path.parent.glob("check-*.json"):
        with contextlib.suppress(OSError):
            used, files = newest.get(other.name[: len(identity)], (0.0, []))
            newest[other.name[: len(identity)]] = (
                max(used, other.stat().st_mtime),
                [*files, other],
            )
    stale = sorted((k for k in newest if k != identity), key=lambda k: newest[k][0])
    for root in stale[: max(0, len(newest) - keep)]:
        for other in newest[root][1]:
            with contextlib.suppress(OSError):
                other.unlink()


def forget(project_root: Path, src_root: Path) -> None:
    """Delete every cache file of this tree (the fact cache, its journal, the kept answer)."""
    path = cache_path(project_root, src_root)
    if path is None:
        return
    for other in path.parent.glob(f"{path.name.removesuffix('.json')}*.json"):
        with contextlib.suppress(OSError):
            other.unlink()
