"""The `scaffold` command line: a typer app; errors become messages and exit codes here only."""

from __future__ import annotations

import sys

import typer

from scaffold.commands import check, generate, new_endpoint, remove
from scaffold.errors import ScaffoldError

app = typer.Typer(
    name="scaffold",
    help="Generate Sentry-style Django REST Framework endpoints and register them in urls.py.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("new-endpoint", help=new_endpoint.HELP)(new_endpoint.new_endpoint)
app.command("generate", help=generate.HELP)(generate.generate)
app.command("check", help=check.HELP)(check.check)
app.command("remove", help=remove.HELP)(remove.remove)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit: 0 done, 1 refused, 2 bad input, usage or configuration.

    typer reports its own usage errors (exit 2); a ScaffoldError becomes one line on stderr;
    anything else is a bug and keeps its traceback.
    """
    try:
        app(args=argv, prog_name="scaffold")
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
