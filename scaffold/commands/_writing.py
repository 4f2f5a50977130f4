"""What the writing commands share: their options, and previewing or applying a plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scaffold.commands.check_options import PACKAGE_HELP, PROJECT_HELP

if TYPE_CHECKING:
    from scaffold.generate.build import OnExisting
    from scaffold.write.plan import Plan

ForceOption = Annotated[
    bool, typer.Option("--force", help="Overwrite an existing endpoint module.")
]
SkipOption = Annotated[
    bool, typer.Option("--skip", help="Keep an existing endpoint module; still register it.")
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show the diff of every change; write nothing.")
]
ProjectOption = Annotated[
    Path | None,
    typer.Option(help=PROJECT_HELP),
]
PackageOption = Annotated[
    str | None,
    typer.Option(
        "--package",
        help=PACKAGE_HELP,
        show_default=False,
    ),
]
NoTestsOption = Annotated[
    bool,
    typer.Option("--no-tests", help="Write no test module for the new endpoints (tests/...)."),
]


def on_existing(force: bool, skip: bool, default: OnExisting) -> OnExisting:
    """The policy for existing modules that --force / --skip ask for."""
    from scaffold.errors import SpecError
    from scaffold.generate.build import OnExisting

    if force and skip:
        raise SpecError("--force and --skip exclude each other; pass one")
    return OnExisting.FORCE if force else OnExisting.SKIP if skip else default


def finish(plan: Plan, dry_run: bool) -> None:
    """Print the plan's messages; with `dry_run` show diffs, else write."""
    from scaffold.errors import reader_may_leave

    with reader_may_leave():
        _finish(plan, dry_run)


def _finish(plan: Plan, dry_run: bool) -> None:
    from scaffold.commands.console import CommandConsole
    from scaffold.write.plan import apply, validate

    console = CommandConsole(highlight=False, soft_wrap=True)
    if dry_run:
        validate(plan)
        shown = [change for change in plan.changes if not change.internal]
        for change in shown:
            diff = change.diff(plan.root)
            if console.is_terminal:
                from rich.syntax import Syntax

                console.print(Syntax(diff, "diff", theme="ansi_dark", background_color="default"))
            else:
                console.out(diff, end="", highlight=False)
        for change in plan.changes:
            if change.internal:
                verb = (
                    "create"
                    if change.before is None
                    else "delete" if change.after is None else "update"
                )
                rel = change.path.relative_to(plan.root).as_posix()
                console.print(f"would {verb} {rel} (scaffold's generation record)", markup=False)
        for message in plan.messages:  # what a run would print, notes and all, as not done
            verb = message.split(" ", 1)[0]
            would = "would " if verb in ("create", "update", "delete", "replace") else ""
            console.print(f"{would}{message}", markup=False)
        kept = _kept(plan) if not shown else ""
        console.print(f"dry run: {len(shown)} file(s) would change; nothing was written{kept}")
        return
    apply(plan)
    for message in plan.messages:
        console.print(message, markup=False)
    if not plan.changes:
        console.print(f"nothing to do: everything is already generated and registered{_kept(plan)}")


def _kept(plan: Plan) -> str:
    """What a run that changes nothing kept as it is, for its last line (dry or not)."""
    from scaffold.generate.build import NOT_MINE

    differ = sum(message.endswith("  (exists)") for message in plan.messages)
    foreign = sum(message.endswith(f"  (exists{NOT_MINE})") for message in plan.messages)
    return (
        f"; {differ} module(s) differ from what this command would generate now (edited by "
        "hand, or the spec or flags changed): --force regenerates them, replacing what "
        "differs (`--force --dry-run` shows it)"
        if differ
        else ""
    ) + (
        f"; {foreign} module(s) scaffold did not write in this clone differ from what "
        "this command would generate now: kept as they are"
        if foreign
        else ""
    )
