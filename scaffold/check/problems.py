"""The rules `scaffold check` knows, which run by default, and the problems they report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaffold.errors import ProjectError, did_you_mean
from scaffold.pysource.unresolved import Unresolved
from scaffold.records import field, record

if TYPE_CHECKING:
    from scaffold.check.basis import Basis, Part

# rule id -> (on by default, what it reports)
RULES: dict[str, tuple[bool, str]] = {
    "unregistered-endpoint": (True, "a concrete endpoint class that no route serves"),
    "unknown-view": (True, "a route names a class not imported, not defined, or not an endpoint"),
    "duplicate-route-name": (
        True,
        "two routes taking the same arguments share a name= (reverse() returns only one)",
    ),
    "unreachable-route": (True, "an earlier route (in any list) matches every path this one would"),
    "dead-pattern": (True, "a pattern no path can match (e.g. `$` followed by more pattern)"),
    "param-mismatch": (True, "URL groups do not fit the class's convert_args and handlers"),
    "missing-publish-status": (False, "a handled method absent from publish_status"),
    "missing-owner": (False, "an endpoint without an owner, or owned by UNOWNED"),
    "duplicate-view": (False, "one class served by two routes (legal in Sentry)"),
}


@record(order=True)
class Problem:
    """One finding; `path` is POSIX and relative to the project root."""

    path: str
    line: int
    rule: str
    symbol: str  # what the finding is about (class, URL name or pattern): the baseline key
    message: str
    end_line: int = 0  # last line of the reported statement; an ignore comment may sit there

    def as_json(self) -> dict[str, str | int]:
        return {
            "rule": self.rule,
            "path": self.path,
            "line": self.line,
            "symbol": self.symbol,
            "message": self.message,
        }


def check_rule_names(names: list[str], where: str) -> None:
    """Raise ProjectError naming `where` for a rule id that does not exist."""
    for name in names:
        if name not in RULES and name != "ALL":
            raise ProjectError(
                f"{where}: unknown rule {name!r}{did_you_mean(name, RULES)}; "
                f"known rules: {', '.join(RULES)}"
            )


def selected_rules(
    select: list[str] | None, ignore: list[str], extend_select: list[str]
) -> frozenset[str]:
    """The rules to run: `select` (or the defaults) plus `extend_select`, minus `ignore`."""
    if select is None:
        chosen = {rule for rule, (default, _) in RULES.items() if default}
    elif "ALL" in select:
        chosen = set(RULES)
    else:
        chosen = set(select)
    chosen |= set(RULES) if "ALL" in extend_select else set(extend_select)
    return frozenset(chosen - set(ignore))


@record
class CheckResult:
    """Problems left after inline ignores and excludes (the baseline is applied later)."""

    problems: list[Problem]
    endpoints: int
    routes: int
    unresolved: list[Unresolved] = field(default_factory=list)  # what no finding came from
    # what an edit of a leaf module needs to update it (whole tree), what a PATHS run covered
    basis: Basis | None = field(default=None, compare=False, repr=False)
    part: Part | None = field(default=None, compare=False, repr=False)
