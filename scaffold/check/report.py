"""Problems as text (grouped by file), JSON, or GitHub workflow annotations."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from enum import StrEnum
from itertools import groupby

from scaffold.check.problems import Problem
from scaffold.pysource.unresolved import Unresolved


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def json_report(
    problems: list[Problem],
    endpoints: int,
    routes: int,
    unresolved: Sequence[Unresolved] = (),
    explain: bool = False,
) -> str:
    """`unresolved` is always counted; `explain` lists each place as well."""
    import json  # here: the text report, the default, does without it

    body: dict[str, object] = {
        "problems": [p.as_json() for p in problems],
        "endpoints": endpoints,
        "routes": routes,
        "unresolved": len(unresolved),
    }
    if explain:
        body["unresolved_places"] = [u.as_json() for u in unresolved]
    return json.dumps(body, indent=2)


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_report(problems: list[Problem]) -> str:
    return "\n".join(
        f"::error file={p.path},line={p.line},title={p.rule}::{_escape(told)}"
        for p, told in _told(problems)
    )


def _told(problems: list[Problem]) -> list[tuple[Problem, str]]:
    """Each problem with its message, which names the route when the same line gives the same
    message for another route too (one entry of a list included under two prefixes)."""
    seen = Counter((p.path, p.line, p.rule, p.message) for p in problems)
    return [
        (
            p,
            (
                f"{p.message} (route {p.symbol})"
                if seen[p.path, p.line, p.rule, p.message] > 1
                else p.message
            ),
        )
        for p in problems
    ]


def github_notices(unresolved: Sequence[Unresolved], explain: bool) -> list[str]:
    """What was not followed, as workflow notices: the count, and with `explain` one notice
    per place, at its file and line (an annotation in the pull request)."""
    lines = unresolved_lines(unresolved, explain=False, hint=not explain)  # listed below
    notices = [f"::notice title=scaffold check::{_escape(line)}" for line in lines]
    for u in unresolved if explain else ():
        where = f"file={u.relpath},line={u.line},title=not followed statically"
        notices.append(f"::notice {where}::{_escape(f'{u.what}: {u.why}')}")
    return notices


def summary(problems: list[Problem], endpoints: int, routes: int) -> str:
    checked = f"{_count(endpoints, 'endpoint')}, {_count(routes, 'route')} checked"
    if not problems:
        return f"No problems ({checked})."
    files = len({p.path for p in problems})
    plural = "s" if len(problems) != 1 else ""
    return (
        f"{len(problems)} problem{plural} in {files} file{'s' if files != 1 else ''} ({checked})."
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def unresolved_lines(
    unresolved: Sequence[Unresolved], explain: bool, hint: bool = True
) -> list[str]:
    """The line that counts what was not followed (none when everything was), and with
    `explain` one line per place; without, the count says `--explain` lists them (`hint`)."""
    if not unresolved:
        return []
    count = len(unresolved)
    places = "place" if count == 1 else "places"
    if not explain:
        them = "it" if count == 1 else "them"
        line = f"{count} {places} could not be followed statically; no finding was made from {them}"
        return [f"{line} (--explain lists {them})." if hint else f"{line}."]
    lines = [f"{count} {places} could not be followed statically; no finding was made from:"]
    return lines + [f"  {u.as_text()}" for u in unresolved]


def text_report(
    problems: list[Problem],
    endpoints: int,
    routes: int,
    unresolved: Sequence[Unresolved] = (),
    explain: bool = False,
) -> str:
    """Problems grouped by file, then the summary line, then what was not followed: plain text."""
    lines = []
    for path, group in groupby(sorted(problems), key=lambda p: p.path):
        lines.append(path)
        lines += [f"  {path}:{p.line}: {p.rule} {told}" for p, told in _told(list(group))]
    lines.append(summary(problems, endpoints, routes))
    lines += unresolved_lines(unresolved, explain)
    return "\n".join(lines)
