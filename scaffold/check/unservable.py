"""The route entries whose class as written cannot take them: what `generate --skip` refuses
to register again (`generate/kept_check.py` asks the same rule), so `list --format spec`
writes them as comments instead of resources a round trip would stop at."""

from __future__ import annotations

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import Settings


def unservable_routes(settings: Settings) -> dict[tuple[str, int], str]:
    """(urls relpath, line) of each route entry a whole-tree check finds a param-mismatch at,
    with the first finding's message; the project's [tool.scaffold.check] applies, as it does
    to the refusal."""
    config = load_check_config(
        settings.project_root, settings.check_options, ["param-mismatch"], [], None
    )
    found: dict[tuple[str, int], str] = {}
    for problem in run_check(settings, config, None).problems:
        found.setdefault((problem.path, problem.line), problem.message)
    return found
