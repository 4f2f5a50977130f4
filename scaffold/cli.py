"""The `scaffold` command line: a typer app; errors become messages and exit codes here only."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from scaffold.errors import EXIT_READER_GONE, OutputClosed, ScaffoldError

if TYPE_CHECKING:
    import typer

HELP = (
    "Generate Sentry-style Django REST Framework endpoints and register them in urls.py. "
    "`scaffold --version` prints the version."
)


def build_app() -> typer.Typer:
    """The typer app with every command (imported here: typer alone costs 60-90 ms)."""
    import typer

    from scaffold.commands import check, generate, new_endpoint, remove, templates
    from scaffold.commands import list as list_command

    app = typer.Typer(
        name="scaffold",
        help=HELP,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.command("new-endpoint", help=new_endpoint.HELP)(new_endpoint.new_endpoint)
    app.command("generate", help=generate.HELP)(generate.generate)
    app.command("check", help=check.HELP)(check.check)
    app.command("remove", help=remove.HELP)(remove.remove)
    app.command("list", help=list_command.HELP)(list_command.list_endpoints)
    app.command("templates", help=templates.HELP)(templates.templates)
    return app


def version() -> str:
    """`scaffold <version>`, from the installed distribution (the package's own as fallback)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return f"scaffold {installed('scaffold')}"
    except PackageNotFoundError:
        import scaffold

        return f"scaffold {scaffold.__version__}"


def _require_current_folder() -> None:
    """Paths are resolved against the current folder: one removed under the shell is named."""
    try:
        os.getcwd()
    except FileNotFoundError:
        from scaffold.errors import ProjectError

        raise ProjectError(
            "the current folder no longer exists (removed since the shell entered it); cd into "
            "the project again"
        ) from None


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit: 0 done, 1 refused, 2 bad input, usage or configuration.

    typer reports its own usage errors (exit 2); a ScaffoldError becomes one line on stderr;
    anything else is a bug and keeps its traceback. A plain `scaffold check` (what pre-commit
    runs on every commit) takes the lean path of `commands/speedups.py` unless its switch is off.
    """
    args = sys.argv[1:] if argv is None else argv
    if args[:1] in (["--version"], ["-V"]):
        print(version())
        sys.exit(0)
    try:
        _require_current_folder()
        if args[:1] == ["check"]:
            from scaffold.commands.speedups import fast_check

            code = fast_check(args[1:], own_process=argv is None)
            if code is not None:
                sys.exit(code)
        build_app()(args=args, prog_name="scaffold")
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except (BrokenPipeError, OutputClosed):  # the reader left (`| head`): nothing more to say
        if argv is None:  # a process of its own: stdout's last flush must not fail again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_READER_GONE)
