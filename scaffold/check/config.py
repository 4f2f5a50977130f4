"""Options of `scaffold check`: [tool.scaffold.check] merged with the command-line flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scaffold.check.problems import check_rule_names, selected_rules
from scaffold.errors import ProjectError, did_you_mean
from scaffold.records import record

DEFAULT_BASELINE = "scaffold-check-baseline.json"
_KEYS = ("select", "ignore", "extend-select", "exclude", "baseline")


@record
class CheckConfig:
    """The rules to run, the files to leave out, and the baseline file."""

    rules: frozenset[str]
    exclude: tuple[str, ...]
    baseline_path: Path


def load_check_config(
    project_root: Path,
    table: dict[str, Any],
    select: list[str] | None,
    ignore: list[str],
    baseline: Path | None,
) -> CheckConfig:
    """Validate [tool.scaffold.check] (`table`) and apply the flags on top of it."""
    where = f"{project_root / 'pyproject.toml'}: [tool.scaffold.check]"
    for key, value in table.items():
        if key not in _KEYS:
            raise ProjectError(
                f"{where} unknown key {key!r}{did_you_mean(key, _KEYS)}; known keys: "
                f"{', '.join(_KEYS)}"
            )
        expected = str if key == "baseline" else list
        if not isinstance(value, expected) or (
            expected is list and not all(isinstance(v, str) for v in value)
        ):
            kind = "a string" if expected is str else "a list of strings"
            raise ProjectError(f"{where} {key} must be {kind}")
    for key in ("select", "ignore", "extend-select"):
        check_rule_names(table.get(key, []), f"{where} {key}")
    check_rule_names(select or [], "--select")
    check_rule_names(ignore, "--ignore")
    rules = selected_rules(
        select if select is not None else table.get("select"),
        [*table.get("ignore", []), *ignore],
        [] if select is not None else table.get("extend-select", []),
    )
    baseline_path = baseline or project_root / table.get("baseline", DEFAULT_BASELINE)
    return CheckConfig(rules, tuple(table.get("exclude", [])), baseline_path)
