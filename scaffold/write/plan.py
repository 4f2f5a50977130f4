"""A plan of file changes made in memory; validated, previewed as diffs, written all-or-nothing."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from scaffold.errors import WriteError
from scaffold.pysource.syntax import compile_error
from scaffold.records import field, record


@record
class FileChange:
    """One file's text before and after; None means absent (created or deleted).

    `keeps_lines` marks a patch (urls.py) that must keep every line of `before` except the
    1-based line numbers in `may_drop`; `internal` marks scaffold's own bookkeeping (the
    generation record), written with the rest but not shown as a diff.
    """

    path: Path
    before: str | None
    after: str | None
    keeps_lines: bool = False
    may_drop: frozenset[int] = frozenset()
    internal: bool = False

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


@record(frozen=False)
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
        error = (
            compile_error(change.after, str(change.path))
            if change.after is not None and change.path.suffix == ".py"
            else None
        )
        if error is not None:  # a bug in scaffold: refuse rather than write it
            raise WriteError(
                f"{change.path}:{error.lineno}: the generated code does not compile ({error.msg}); "
                "nothing was written; please report this"
            )
        if change.keeps_lines and not _keeps_lines(
            change.before or "", change.after or "", change.may_drop
        ):
            raise WriteError(
                f"{change.path}: the patch would drop lines it was not meant to; nothing was "
                "written; please report this"
            )


def _keeps_lines(before: str, after: str, may_drop: frozenset[int]) -> bool:
    """True when every line of `before`, except those numbered in `may_drop`, appears in
    `after`, in order."""
    remaining = iter(after.splitlines())
    kept = (line for number, line in enumerate(before.splitlines(), 1) if number not in may_drop)
    return all(any(line == candidate for candidate in remaining) for line in kept)


def apply(plan: Plan) -> None:
    """Write every change or none: stage temp files, then rename; on failure restore all.

    A deleted file is first renamed aside, so a failure puts it back with its mode intact;
    directories made for new files are removed again.
    """
    validate(plan)
    for change in plan.changes:
        current = _read_or_none(change.path)
        if current != change.before:
            raise WriteError(f"{change.path}: changed while scaffold ran; nothing was written")
    temps: list[Path] = []  # staged new contents, then set-aside deleted files
    made_dirs: list[Path] = []
    done: list[tuple[FileChange, Path | None]] = []  # (change, where its old file was set aside)
    try:
        staged = [(change, _stage(change, made_dirs, temps)) for change in plan.changes]
        for change, temp in staged:
            if temp is None:
                aside = change.path.with_name(f".{change.path.name}.scaffold-removed")
                os.replace(change.path, aside)
                temps.append(aside)
                done.append((change, aside))
            else:
                os.replace(temp, change.path)
                done.append((change, None))
    except OSError as exc:
        _restore(done)
        _discard(temps)
        for directory in reversed(made_dirs):
            directory.rmdir()
        raise WriteError(
            f"{getattr(exc, 'filename', None) or exc}: cannot write ({exc.strerror or exc}); "
            "no file was changed; check permissions and retry"
        ) from None
    _discard(temps)
    root = plan.root.resolve()
    for change in plan.changes:  # folders a deletion leaves empty go too, as they came
        if change.after is None:
            _remove_empty_folders(change.path.parent, root)


def _remove_empty_folders(folder: Path, root: Path) -> None:
    """Remove `folder` and its parents while they are empty, never the project root or
    anything outside it (git keeps no empty folder: a generator's `remove` leaves none)."""
    folder = folder.resolve()
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()  # only an empty folder: anything else raises
        except OSError:
            return
        folder = folder.parent


def _discard(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"{path}: cannot read ({exc}); nothing was written") from None


def _stage(change: FileChange, made_dirs: list[Path], temps: list[Path]) -> Path | None:
    """Write `change.after` to a temp file beside its destination (None for a deletion); the
    temp file goes into `temps`, directories it had to make into `made_dirs`, outermost first."""
    if change.after is None:
        return None
    missing = [p for p in (change.path.parent, *change.path.parent.parents) if not p.exists()]
    for directory in reversed(missing):
        directory.mkdir()
        made_dirs.append(directory)
    mode = change.path.stat().st_mode & 0o777 if change.path.exists() else 0o644
    fd, name = tempfile.mkstemp(
        dir=change.path.parent, prefix=f".{change.path.name}.", suffix=".tmp"
    )
    temps.append(Path(name))
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(change.after)
    os.chmod(name, mode)
    return Path(name)


def _restore(done: list[tuple[FileChange, Path | None]]) -> None:
    """Undo the renames already made, newest first."""
    for change, aside in reversed(done):
        if aside is not None:
            os.replace(aside, change.path)
        elif change.before is None:
            change.path.unlink(missing_ok=True)
        else:
            change.path.write_bytes(change.before.encode("utf-8"))
