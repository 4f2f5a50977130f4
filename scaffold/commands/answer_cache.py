"""The whole-tree check's answer, kept while no file of the tree has changed (a speed trick of
`commands/speedups.py`, beside the fact cache and off with the same switches).

What a whole-tree check finds is a function of the tree's Python files, the settings and the
check's configuration, and of scaffold itself. The answer is kept with all of them: a
fingerprint of the settings and configuration, and the tree's state (every file's path, size and
modification time in nanoseconds, as the fact cache keys each file). A run whose fingerprint and
state are the very same prints the kept answer; any other change (a file touched, added or
removed, a setting, another scaffold: the file's name carries the reader's fingerprint) runs
the check, which takes from the fact cache what it still can. An answer is not kept when a file
changed in the last two seconds (a second write within the file system's timestamp tick could
leave the same state).

One small JSON file per source root, next to the fact cache (`cache_files.cache_path`), written
and read as the fact cache's files are (`cache_files.write_json`: a digest line first, a
temporary file renamed into place); any unreadable, foreign or damaged answer is ignored.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaffold.check.problems import CheckResult, Problem
from scaffold.commands.answer_update import Updater, decode_basis, encode_basis, shaped
from scaffold.commands.cache_files import RACY_NS, read_json, write_json
from scaffold.commands.file_keys import FileKeys
from scaffold.pysource.tree import SourceFile
from scaffold.pysource.unresolved import Unresolved
from scaffold.records import is_record, record_fields

_FORMAT = 2


def fingerprint(*values: object) -> str | None:
    """A text that is the same for equal settings and configurations in any process (sets
    sorted, paths as text); None for a value it cannot spell."""
    try:
        return "\n".join(_stable(value) for value in values)
    except TypeError:
        return None


def _stable(value: object) -> str:
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, Path):
        return repr(str(value))
    if is_record(value):
        inner = ",".join(f"{name}={_stable(getattr(value, name))}" for name in record_fields(value))
        return f"{type(value).__name__}({inner})"
    if isinstance(value, dict):
        return "{" + ",".join(sorted(f"{_stable(k)}:{_stable(v)}" for k, v in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_stable(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_stable(item) for item in value) + "]"
    raise TypeError(type(value).__name__)


def tree_state(
    files: list[SourceFile], keys: FileKeys
) -> tuple[str, int, dict[str, tuple[int, int]]] | None:
    """Each file's `relpath size mtime_ns` line, the newest mtime, and relpath -> (mtime_ns,
    size) (the fact cache's key), each as `keys` knows the file's bytes (`file_keys.py`: a
    restored cache holds on a fresh checkout); None when a file cannot be looked at."""
    lines = []
    found = {}
    newest = 0
    for source in files:
        key = keys.key(source)
        if key is None:
            return None
        mtime, size = found[source.relpath] = key
        lines.append(f"{source.relpath}\t{size}\t{mtime}")
        newest = max(newest, mtime)
    return "\n".join(lines), newest, found


class KeptAnswer:
    """The answer file of one source root (`path` None: nowhere to keep it)."""

    def __init__(self, path: Path | None):
        self.path = path
        self.keys: dict[str, tuple[int, int]] = {}  # relpath -> (mtime_ns, size), once stated
        self.file_keys = FileKeys(path.with_suffix(".keys.json") if path is not None else None)

    def answer(
        self,
        files: list[SourceFile],
        key: str | None,
        compute: Callable[[], CheckResult],
        updater: Updater | None = None,
    ) -> CheckResult:
        """The kept answer while `key` and the state of `files` are unchanged; after an edit of
        a few files, that answer updated when `updater` can (`answer_update.py`); else
        `compute()`. Kept for the next run."""
        path = self.path
        state = tree_state(files, self.file_keys) if path is not None and key is not None else None
        if path is None or state is None:
            return compute()
        text, newest, self.keys = state
        self.file_keys.save({source.relpath for source in files})
        kept = read_json(path, _FORMAT)
        if kept is not None and kept.get("key") == key and kept.get("state") == text:
            found = _decode(kept)
            if found is not None:
                return found
        result = None
        if kept is not None and kept.get("key") == key and updater is not None:
            old = _decode(kept)
            if old is not None:
                result = updater.updated(old, kept.get("state"), text, files, self.keys)
        if result is None:
            result = compute()
        if newest <= time.time_ns() - RACY_NS:
            write_json(path, {"format": _FORMAT, "key": key, "state": text, **_encode(result)})
        return result


def _encode(result: CheckResult) -> dict[str, Any]:
    return {
        "problems": [
            [p.path, p.line, p.rule, p.symbol, p.message, p.end_line] for p in result.problems
        ],
        "endpoints": result.endpoints,
        "routes": result.routes,
        "unresolved": [[u.relpath, u.line, u.what, u.why] for u in result.unresolved],
        **(encode_basis(result.basis) if result.basis is not None else {}),
    }


def _decode(kept: dict[str, Any]) -> CheckResult | None:
    """The kept result, or None when any part of it is not what `_encode` writes."""
    problems, unresolved = kept.get("problems"), kept.get("unresolved")
    endpoints, routes = kept.get("endpoints"), kept.get("routes")
    if not (isinstance(problems, list) and isinstance(unresolved, list)):
        return None
    if type(endpoints) is not int or type(routes) is not int:
        return None
    if not all(shaped(p, (str, int, str, str, str, int)) for p in problems):
        return None
    if not all(shaped(u, (str, int, str, str)) for u in unresolved):
        return None
    return CheckResult(
        [Problem(*p) for p in problems],
        endpoints,
        routes,
        [Unresolved(*u) for u in unresolved],
        basis=decode_basis(kept),
    )
