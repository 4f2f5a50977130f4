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


CODE_BUILT = "its urlpatterns is built by code, not written as a list"  # why, for an include


def code_built_includes(unresolved: list[Unresolved]) -> list[str]:
    """The modules included whose urlpatterns is built by code (a plugin registry's, say)."""
    return [
        u.what.removeprefix("include ").strip("'\"")
        for u in unresolved
        if u.why == CODE_BUILT and u.what.startswith("include ")
    ]
