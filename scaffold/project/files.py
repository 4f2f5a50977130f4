"""Reading a file of the target (or a spec) as text, with errors the user can act on."""

from __future__ import annotations

from pathlib import Path

from scaffold.errors import ProjectError


def read_source(path: Path, label: str) -> str:
    """A project file's text, exactly as stored; a clear error when it cannot be read."""
    try:
        data = path.read_bytes()
        return data.decode("utf-8")
    except FileNotFoundError:
        raise ProjectError(f"{label}: not found; check --project or [tool.scaffold]") from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - data.rfind(b"\n", 0, exc.start)  # 1-based, in bytes
        raise ProjectError(
            f"{label}:{line}:{column}: not valid UTF-8 (byte {exc.start}); re-save the file as "
            "UTF-8"
        ) from None
    except OSError as exc:
        raise ProjectError(f"{label}: cannot read ({exc.strerror}); check permissions") from None
