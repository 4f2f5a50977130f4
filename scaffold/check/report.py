"""Problems as text (grouped by file), JSON, or GitHub workflow annotations."""

from __future__ import annotations

from enum import StrEnum
from itertools import groupby

from scaffold.check.problems import Problem


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def json_report(problems: list[Problem], endpoints: int, routes: int) -> str:
    import json  # here: the text report, the default, does without it

    body = {"problems": [p.as_json() for p in problems], "endpoints": endpoints, "routes": routes}
    return json.dumps(body, indent=2)


def github_report(problems: list[Problem]) -> str:
    def escape(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return "\n".join(
        f"::error file={p.path},line={p.line},title={p.rule}::{escape(p.message)}" for p in problems
    )


def summary(problems: list[Problem], endpoints: int, routes: int) -> str:
    checked = f"{endpoints} endpoints, {routes} routes checked"
    if not problems:
        return f"No problems ({checked})."
    files = len({p.path for p in problems})
    plural = "s" if len(problems) != 1 else ""
    return (
        f"{len(problems)} problem{plural} in {files} file{'s' if files != 1 else ''} ({checked})."
    )


def text_report(problems: list[Problem], endpoints: int, routes: int) -> str:
    """Problems grouped by file, then the summary line: plain text."""
    lines = []
    for path, group in groupby(sorted(problems), key=lambda p: p.path):
        lines.append(path)
        lines += [f"  {path}:{p.line}: {p.rule} {p.message}" for p in group]
    lines.append(summary(problems, endpoints, routes))
    return "\n".join(lines)
