"""Every speed trick of the `scaffold` process, in this one module, behind one switch.

`SCAFFOLD_NO_SPEEDUPS=1` (any value but empty or `0`) turns them all off; `scaffold.cli` asks
`fast_check`, the writing commands ask `start_rendering`, and nothing else asks, so the core
(reading, checking, generating, writing) has a single mode. The tests run the CLI both ways. What stays is what paid in bench/README.md:

- the lean `scaffold check`: plain use (what pre-commit runs on every commit) is parsed here from
  the option table of `scaffold.commands.check_options`, without importing typer and click;
  `--help` and anything not plainly well-formed go through typer, which reports its own errors;
- in a process of its own: the garbage collector stays off (a short-lived run that builds large,
  mostly acyclic structures: collections only cost time), and the process leaves with `os._exit`
  once its output is flushed, skipping the teardown that frees a big tree object by object;
- `new-endpoint` and `generate` render the endpoint modules in a forked child while the process
  patches urls.py: the child pays for importing jinja2 and black, the parent for libcst.

With the switch set, `scaffold check` goes through typer like every other command, collects
garbage and exits normally, and modules render in the process itself: same output, same files,
same exit codes.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from scaffold.commands.check_options import BY_FLAG, CheckArgs

if TYPE_CHECKING:
    from scaffold.generate.build import Rendered
    from scaffold.generate.resolve import ResolvedEndpoint
    from scaffold.project.settings import Settings

SWITCH = "SCAFFOLD_NO_SPEEDUPS"


def enabled() -> bool:
    """True unless `SCAFFOLD_NO_SPEEDUPS` is set to something other than empty or `0`."""
    return os.environ.get(SWITCH, "") in ("", "0")


def fast_check(argv: list[str], *, own_process: bool) -> int | None:
    """Run `scaffold check ARGV` the lean way and return its exit code (or leave the process
    with it when `own_process`); None when the switch is off or typer must parse ARGV."""
    if not enabled():
        return None
    parsed = parse_check_args(argv)
    if parsed is None:
        return None
    from scaffold.commands.run_check import run_check_command

    if own_process:
        gc.disable()
    code = run_check_command(parsed)
    if own_process:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def parse_check_args(argv: list[str]) -> CheckArgs | None:
    """The arguments after `check`, or None for anything but plain well-formed use (`--help`,
    an unknown option, a missing value): typer then parses them and reports its own errors."""
    values: dict[str, str | bool] = {}
    paths: list[Path] = []
    position = 0
    while position < len(argv):
        token = argv[position]
        position += 1
        if not token.startswith("-") or token == "-":
            paths.append(Path(token))
            continue
        flag, has_inline, inline = token.partition("=")
        option = BY_FLAG.get(flag)
        if option is None:
            return None
        if not option.takes_value:
            if has_inline:
                return None
            values[option.param] = True
        elif has_inline:
            values[option.param] = inline
        elif position < len(argv) and not argv[position].startswith("-"):
            values[option.param] = argv[position]
            position += 1
        else:
            return None
    return CheckArgs(
        paths=paths or None,
        project=Path(str(values.get("project", "."))),
        output_format=str(values.get("output_format", "text")),
        select=_text(values.get("select")),
        ignore=_text(values.get("ignore")),
        baseline=None if "baseline" not in values else Path(str(values["baseline"])),
        write_baseline=bool(values.get("write_baseline", False)),
    )


def _text(value: str | bool | None) -> str | None:
    return None if value is None else str(value)


def start_rendering(endpoints: list[ResolvedEndpoint], settings: Settings) -> Rendered:
    """Render the modules in a forked child, or here when that saves nothing: the switch is off,
    there is no fork or one CPU, or black (the slow import) is loaded already (in-process runs)."""
    from scaffold.generate.build import render_when_asked

    if (
        not enabled()
        or not endpoints
        or not hasattr(os, "fork")
        or (os.cpu_count() or 1) < 2
        or "black" in sys.modules
    ):
        return render_when_asked(endpoints, settings)
    return _render_in_child(endpoints, settings)


def _render_in_child(endpoints: list[ResolvedEndpoint], settings: Settings) -> Rendered:
    import pickle
    import traceback

    from scaffold.errors import ScaffoldError
    from scaffold.generate.render import render_endpoint

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the result, and never return into the caller
        try:
            os.close(read_fd)
            payload: tuple[str, object]
            try:
                payload = ("ok", [render_endpoint(endpoint, settings) for endpoint in endpoints])
            except ScaffoldError as exc:
                payload = ("error", exc)
            except BaseException:  # noqa: BLE001 - a bug: carry its traceback to the parent
                payload = ("bug", traceback.format_exc())
            with os.fdopen(write_fd, "wb") as pipe:  # a parent gone: EPIPE, then the exit
                pickle.dump(payload, pipe)
        finally:
            os._exit(0)
    os.close(write_fd)

    def collect() -> list[str]:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        if not data:
            raise RuntimeError("the rendering process died without an answer")
        kind, value = pickle.loads(data)
        if kind == "error":
            raise value
        if kind == "bug":
            raise RuntimeError(f"rendering failed in the child process:\n{value}")
        texts: list[str] = value
        return texts

    return collect
