"""The generation record: which modules scaffold wrote, and a hash of what it wrote.

`scaffold remove` deletes a module only when it is still byte for byte what scaffold wrote.
The record lives in `.scaffold/generated.json` at the project root, beside a `.gitignore`
that keeps the folder out of version control (as `.pytest_cache` does): nothing is added to
the target's code, and each clone keeps its own record.
"""

from __future__ import annotations

import hashlib
import json
from enum import Enum
from pathlib import Path

from scaffold.errors import ProjectError
from scaffold.records import record
from scaffold.write.plan import FileChange

RECORD_DIR = ".scaffold"
RECORD_FILE = "generated.json"
_IGNORE_ALL = "# written by scaffold: its generation record stays out of version control\n*\n"
_VERSION = 1


def digest(text: str) -> str:
    """The sha256 of `text` (UTF-8), as the record stores it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Provenance(Enum):
    """What the record says of a module's current text."""

    UNCHANGED = "unchanged"  # byte for byte what scaffold wrote
    EDITED = "edited"  # scaffold wrote it; it changed since
    UNKNOWN = "unknown"  # no entry: scaffold did not write it in this clone


@record
class RecordEntry:
    """One generated module: the class it holds and the sha256 of the text scaffold wrote."""

    class_name: str
    sha256: str
    # its package's `__all__` was on one line when the class was added to it: `remove` writes
    # it on one line again where the names left fit (adding it may have had to wrap it)
    all_one_line: bool = False


class Record:
    """The record of one project, read once; `changes()` gives the files that store it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / RECORD_DIR / RECORD_FILE
        self._before: str | None = None
        self.entries: dict[str, RecordEntry] = {}  # module path relative to the root, POSIX
        if self.path.is_file():
            self._before = self._read()

    def _read(self) -> str:
        label = f"{RECORD_DIR}/{RECORD_FILE}"
        try:
            text = self.path.read_text(encoding="utf-8")
            data = json.loads(text)
            if data.get("version") != _VERSION:
                raise ValueError(f"version {data.get('version')!r}, expected {_VERSION}")
            for module, item in data["modules"].items():
                self.entries[module] = RecordEntry(
                    str(item["class"]), str(item["sha256"]), item.get("all_one_line") is True
                )
        except (
            OSError,
            UnicodeDecodeError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
        ) as exc:
            raise ProjectError(
                f"{label}: unreadable generation record ({exc}); delete it (scaffold then treats "
                "every module as hand-written) and retry"
            ) from None
        return text

    def key(self, module_path: Path) -> str:
        return module_path.relative_to(self.root).as_posix()

    def note(
        self, module_path: Path, class_name: str, text: str, all_one_line: bool = False
    ) -> None:
        """Record that scaffold wrote `text` to `module_path` (an entry's `all_one_line` is kept
        when the module is written again)."""
        kept = self.entries.get(self.key(module_path))
        one_line = all_one_line or (kept is not None and kept.all_one_line)
        self.entries[self.key(module_path)] = RecordEntry(class_name, digest(text), one_line)

    def all_one_line(self, class_name: str) -> bool:
        """True when `class_name`'s package had its `__all__` on one line when it was added."""
        return any(e.all_one_line for e in self.entries.values() if e.class_name == class_name)

    def forget(self, module_path: Path) -> None:
        self.entries.pop(self.key(module_path), None)

    def provenance(self, module_path: Path, text: str) -> Provenance:
        """Whether `text`, found at `module_path`, is what scaffold wrote there."""
        entry = self.entries.get(self.key(module_path))
        if entry is None:
            return Provenance.UNKNOWN
        return Provenance.UNCHANGED if entry.sha256 == digest(text) else Provenance.EDITED

    def changes(self) -> list[FileChange]:
        """The record file (and the folder's .gitignore on first use) as plan changes."""
        data = {
            "version": _VERSION,
            "modules": {
                module: {"class": entry.class_name, "sha256": entry.sha256}
                | ({"all_one_line": True} if entry.all_one_line else {})
                for module, entry in sorted(self.entries.items())
            },
        }
        ignore = self.path.parent / ".gitignore"
        ignore_text = ignore.read_text(encoding="utf-8") if ignore.is_file() else None
        if not self.entries:  # nothing left to remember: leave no trace
            if self._before is None:
                return []
            changes = [FileChange(self.path, self._before, None, internal=True)]
            if ignore_text == _IGNORE_ALL:
                changes.append(FileChange(ignore, ignore_text, None, internal=True))
            return changes
        after = json.dumps(data, indent=2) + "\n"
        changes = [FileChange(self.path, self._before, after, internal=True)]
        if ignore_text is None:
            changes.append(FileChange(ignore, None, _IGNORE_ALL, internal=True))
        return changes
