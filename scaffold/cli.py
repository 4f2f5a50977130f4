"""The `scaffold` command line: a typer app; errors become messages and exit codes here only."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING

from scaffold.errors import ScaffoldError

if TYPE_CHECKING:
    import typer

HELP = "Generate Sentry-style Django REST Framework endpoints and register them in urls.py."


def build_app() -> typer.Typer:
    """The typer app with every command (imported here: typer alone costs 60-90 ms)."""
    import typer

    from scaffold.commands import check, generate, new_endpoint, remove

    app = typer.Typer(
        name="scaffold",
        help=HELP,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.command("new-endpoint", help=new_endpoint.HELP)(new_endpoint.new_endpoint)
    app.command("generate", help=generate.HELP)(generate.generate)
    app.command("check", help=check.HELP)(check.check)
    app.command("remove", help=remove.HELP)(remove.remove)
    return app


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit: 0 done, 1 refused, 2 bad input, usage or configuration.

    typer reports its own usage errors (exit 2); a ScaffoldError becomes one line on stderr;
    anything else is a bug and keeps its traceback. A plain `scaffold check` (what pre-commit
    runs on every commit) takes a lean path that never imports typer; `--help` and anything
    the lean parser does not accept go through typer.
    """
    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["check"]:
            from scaffold.commands.check_options import parse_check_args

            parsed = parse_check_args(args[1:])
            if parsed is not None:
                from scaffold.commands.run_check import run_check_command

                if argv is None:  # a process of its own: see _exit_now
                    gc.disable()  # short-lived and mostly acyclic: collections only cost time
                code = run_check_command(parsed)
                if argv is None:
                    _exit_now(code)
                sys.exit(code)
        build_app()(args=args, prog_name="scaffold")
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)


def _exit_now(code: int) -> None:
    """Exit without tearing down the interpreter: freeing a big tree's objects one by one
    takes about 25 ms, and nothing is left to clean up (output is flushed here)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
