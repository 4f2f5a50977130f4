"""What writing commands share: preview or apply a plan and report it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from scaffold.plan import Plan


def finish(plan: Plan, dry_run: bool) -> None:
    """Print the plan's messages; with `dry_run` show diffs, else write."""
    from scaffold.plan import apply, validate

    console = Console(highlight=False, soft_wrap=True)
    if dry_run:
        validate(plan)
        for change in plan.changes:
            diff = change.diff(plan.root)
            if console.is_terminal:
                from rich.syntax import Syntax

                console.print(Syntax(diff, "diff", theme="ansi_dark", background_color="default"))
            else:
                console.out(diff, end="", highlight=False)
        console.print(f"dry run: {len(plan.changes)} file(s) would change; nothing was written")
        return
    apply(plan)
    for message in plan.messages:
        console.print(message, markup=False)
    if not plan.changes:
        console.print("nothing to do: everything is already generated and registered")
