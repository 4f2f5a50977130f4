"""A route registered for a class kept as written (`--skip`, or a registered class's second
route) is checked as `scaffold check` would check it, before anything is written: the class was
not rendered for this route, so nothing else proves it can serve it (a base needing a parameter
the route lacks, handlers not taking one it passes: a TypeError, a 500, on every request)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from scaffold.errors import ConflictError
from scaffold.project.settings import Settings
from scaffold.write.plan import FileChange

_AT_LINE = re.compile(r"(?<=\.py):\d+")  # a line a message names moves with the new entries


def refuse_unservable(
    settings: Settings,
    urls_before: str,
    urls_after: str,
    modules: list[Path],
    others: Sequence[FileChange] = (),
) -> None:
    """ConflictError naming the first finding that a PATHS check of the kept `modules` reports
    with urls.py as patched (`urls_after`, in memory) and did not report before; `others`: the
    plan's other patches read with it: a feature's urls module urls.py splices in (first; named
    when urls.py is unchanged), a package's `__init__.py` re-exporting a class urls.py now
    imports from the package."""
    if not modules or (urls_after == urls_before and all(c.after == c.before for c in others)):
        return
    from scaffold.check.config import load_check_config
    from scaffold.check.run import run_check
    from scaffold.pysource.tree import Tree

    config = load_check_config(settings.project_root, settings.check_options, None, [], None)
    urls_module = settings.module_for(settings.urls_path)
    tree = Tree(settings.project_root, settings.src_root, config.exclude)  # read once, for both

    def findings(text: str, patched: bool) -> dict[tuple[str, str], str]:
        tree.overlay(urls_module, text.encode())  # the other modules' facts stay as read
        for change in others:
            other = change.after if patched else change.before
            if other is not None:
                tree.overlay(settings.module_for(change.path), other.encode())
        problems = run_check(settings, config, modules, tree=tree).problems
        return {(p.rule, _AT_LINE.sub("", p.message)): p.message for p in problems}

    before = findings(urls_before, False)
    new = [message for key, message in findings(urls_after, True).items() if key not in before]
    patched = [c.path for c in others if c.after != c.before]  # a route module: the first
    where = settings.urls_path if urls_after != urls_before or not patched else patched[0]
    if new:
        raise ConflictError(
            f"{settings.relpath(where)}: the new route would serve a class kept as "
            f"written that cannot take it ({new[0]}); nothing was written: give the class a "
            "module of its own (a new name) or change the class first"
        )
