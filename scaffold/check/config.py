"""Options of `scaffold check`: [tool.scaffold.check] merged with the command-line flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scaffold.check.problems import check_rule_names, selected_rules
from scaffold.errors import did_you_mean
from scaffold.project.config_table import config_error
from scaffold.records import record

DEFAULT_BASELINE = "scaffold-check-baseline.json"
_TABLE = "tool.scaffold.check"
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
    for key, value in table.items():
        if key not in _KEYS:
            known = f"{did_you_mean(key, _KEYS)}; known keys: {', '.join(_KEYS)}"
            raise config_error(project_root, key, f": unknown key{known}", _TABLE)
        expected = str if key == "baseline" else list
        if not isinstance(value, expected) or (
            expected is list and not all(isinstance(v, str) for v in value)
        ):
            kind = "a string" if expected is str else "a list of strings"
            raise config_error(project_root, key, f" must be {kind}", _TABLE)
        if isinstance(value, str) and not value.strip():
            raise config_error(project_root, key, " is empty; give a file name", _TABLE)
    for key in ("select", "ignore", "extend-select"):
        if key in table:
            where = str(config_error(project_root, key, "", _TABLE))
            check_rule_names(table[key], where)
    check_rule_names(select or [], "--select")
    check_rule_names(ignore, "--ignore")
    rules = selected_rules(
        select if select is not None else table.get("select"),
        [*table.get("ignore", []), *ignore],
        [] if select is not None else table.get("extend-select", []),
    )
    baseline_path = baseline or project_root / table.get("baseline", DEFAULT_BASELINE)
    return CheckConfig(rules, tuple(table.get("exclude", [])), baseline_path)
