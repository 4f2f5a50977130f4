"""What the reader met and could not follow. No finding is ever made from it; `scaffold check`
counts these in its summary and lists them with `--explain`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Unresolved:
    """One place the static reader could not follow: a call it cannot evaluate, a dynamic
    kwargs key, a pattern it cannot parse. `what` names the thing, `why` says what stopped it."""

    relpath: str  # POSIX, relative to the project root
    line: int
    what: str  # e.g. "route helper url2(...)", "OrgEndpoint.convert_args", "pattern '^a|b$'"
    why: str  # e.g. "calls a function defined outside the tree"

    def as_json(self) -> dict[str, str | int]:
        return {"path": self.relpath, "line": self.line, "what": self.what, "why": self.why}

    def as_text(self) -> str:
        return f"{self.relpath}:{self.line}: {self.what}: {self.why}"
