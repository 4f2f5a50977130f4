"""A plan of file changes made in memory; validated, previewed as diffs, written all-or-nothing."""

from __future__ import annotations

import ast
import difflib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scaffold.errors import WriteError


@dataclass(frozen=True)
class FileChange:
    """One file's text before and after; None means absent (created or deleted)."""

    path: Path
    before: str | None
    after: str | None
    append_only: bool = False  # a patch that may only add lines (urls.py)

    def diff(self, root: Path) -> str:
        """Unified diff of the change, paths relative to `root`."""
        rel = self.path.relative_to(root).as_posix()
        return "".join(
            difflib.unified_diff(
                (self.before or "").splitlines(keepends=True),
                (self.after or "").splitlines(keepends=True),
                fromfile="/dev/null" if self.before is None else f"a/{rel}",
                tofile="/dev/null" if self.after is None else f"b/{rel}",
            )
        )


@dataclass
class Plan:
    """File changes plus the lines that tell the user what happened to each resource."""

    root: Path
    changes: list[FileChange] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def add(self, change: FileChange) -> None:
        if change.before != change.after:
            self.changes.append(change)


def validate(plan: Plan) -> None:
    """Refuse a plan that would write outside the project or produce invalid Python."""
    root = plan.root.resolve()
    for change in plan.changes:
        target = change.path.parent.resolve() / change.path.name
        if not target.is_relative_to(root) or change.path.is_symlink():
            raise WriteError(f"{change.path}: outside the project root {root}; nothing was written")
        if change.after is not None and change.path.suffix == ".py":
            try:
                ast.parse(change.after, filename=str(change.path))
            except SyntaxError as exc:  # a bug in scaffold: refuse rather than write it
                raise WriteError(
                    f"{change.path}:{exc.lineno}: the generated code does not parse ({exc.msg}); "
                    "nothing was written; please report this"
                ) from None
        if change.append_only and not _keeps_lines(change.before or "", change.after or ""):
            raise WriteError(
                f"{change.path}: the patch would drop existing lines; nothing was written; "
                "please report this"
            )


def _keeps_lines(before: str, after: str) -> bool:
    """True when every line of `before` appears in `after`, in order."""
    remaining = iter(after.splitlines())
    return all(any(line == candidate for candidate in remaining) for line in before.splitlines())


def apply(plan: Plan) -> None:
    """Write every change or none: stage temp files, then rename; on failure restore all."""
    validate(plan)
    for change in plan.changes:
        current = _read_or_none(change.path)
        if current != change.before:
            raise WriteError(f"{change.path}: changed while scaffold ran; nothing was written")
    staged: list[tuple[FileChange, Path | None]] = []
    done: list[FileChange] = []
    try:
        for change in plan.changes:
            staged.append((change, _stage(change)))
        for change, temp in staged:
            if temp is None:
                change.path.unlink()
            else:
                os.replace(temp, change.path)
            done.append(change)
    except OSError as exc:
        _restore(done)
        raise WriteError(
            f"{getattr(exc, 'filename', None) or exc}: cannot write ({exc.strerror or exc}); "
            "no file was changed; check permissions and retry"
        ) from None
    finally:
        for _, temp in staged:
            if temp is not None and temp.exists():
                temp.unlink()


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"{path}: cannot read ({exc}); nothing was written") from None


def _stage(change: FileChange) -> Path | None:
    if change.after is None:
        return None
    change.path.parent.mkdir(parents=True, exist_ok=True)
    mode = change.path.stat().st_mode & 0o777 if change.path.exists() else 0o644
    fd, name = tempfile.mkstemp(
        dir=change.path.parent, prefix=f".{change.path.name}.", suffix=".tmp"
    )
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(change.after)
    os.chmod(name, mode)
    return Path(name)


def _restore(done: list[FileChange]) -> None:
    for change in reversed(done):
        if change.before is None:
            change.path.unlink(missing_ok=True)
        else:
            change.path.write_bytes(change.before.encode("utf-8"))
