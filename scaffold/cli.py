"""The `scaffold` command line: a typer app; errors become messages and exit codes here only."""

from __future__ import annotations

import sys

import click
import typer

from scaffold.commands import generate, new_endpoint
from scaffold.errors import EXIT_USAGE, ScaffoldError

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


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with its code: 0 done, 1 refused, 2 bad input or configuration."""
    try:
        result = app(args=argv, prog_name="scaffold", standalone_mode=False)
    except ScaffoldError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(result if isinstance(result, int) else 0)
