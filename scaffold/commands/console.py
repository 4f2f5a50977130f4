"""The rich Console the commands print with. A reader gone (`scaffold list | head`) ends the run
as `cli.py` says (exit 141, nothing on stderr): rich's own answer is to exit 1, which would say
"refused" (for `check`: "problems found")."""

from __future__ import annotations

from rich.console import Console

from scaffold.errors import OutputClosed


class CommandConsole(Console):
    def on_broken_pipe(self) -> None:
        raise OutputClosed
