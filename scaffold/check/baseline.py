"""The baseline: known problems keyed by rule, path and symbol (not line), so edits elsewhere
in a file keep them matched; only problems beyond it fail the check."""

from __future__ import annotations

import json
from collections import Counter

from scaffold.check.problems import Problem
from scaffold.errors import ProjectError

_VERSION = 1


def _key(problem: Problem) -> tuple[str, str, str]:
    return (problem.rule, problem.path, problem.symbol)


def baseline_text(problems: list[Problem]) -> str:
    """The baseline file's JSON for `problems` (sorted, one entry per key with its count)."""
    counts = Counter(_key(p) for p in problems)
    entries = [
        {"rule": rule, "path": path, "symbol": symbol, "count": count}
        for (rule, path, symbol), count in sorted(counts.items())
    ]
    return json.dumps({"version": _VERSION, "problems": entries}, indent=2) + "\n"


def read_baseline(data: bytes, label: str) -> Counter[tuple[str, str, str]]:
    """The known problems of a baseline file's bytes; ProjectError when they are not UTF-8 or
    not a baseline."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProjectError(
            f"{label}: not valid UTF-8 (byte {exc.start}), so not a scaffold check baseline; "
            "rewrite it with `scaffold check --write-baseline`"
        ) from None
    try:
        entries = json.loads(text)["problems"]
        return Counter(
            {
                (str(e["rule"]), str(e["path"]), str(e["symbol"])): int(e.get("count", 1))
                for e in entries
            }
        )
    except (ValueError, KeyError, TypeError) as exc:
        why = f"no {exc} key" if isinstance(exc, KeyError) else (str(exc) or type(exc).__name__)
        raise ProjectError(
            f"{label}: not a scaffold check baseline ({why}); rewrite it with "
            "`scaffold check --write-baseline`"
        ) from None


def new_problems(problems: list[Problem], known: Counter[tuple[str, str, str]]) -> list[Problem]:
    """Problems not covered by the baseline (each key absorbs as many as it counted)."""
    left = Counter(known)
    fresh = []
    for problem in sorted(problems):
        key = _key(problem)
        if left[key] > 0:
            left[key] -= 1
        else:
            fresh.append(problem)
    return fresh
