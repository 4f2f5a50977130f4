"""Every speed trick of the `scaffold` process, in this one module, behind one switch.

`SCAFFOLD_NO_SPEEDUPS=1` (any value but empty or `0`) turns them all off; `scaffold.cli` asks
`fast_check`, the writing commands ask `start_rendering`, and nothing else asks, so the core
(reading, checking, generating, writing) has a single mode. The tests run the CLI both ways. What stays is what paid in bench/README.md:

- the lean `scaffold check`: plain use (what pre-commit runs on every commit) is parsed here from
  the option table of `scaffold.commands.check_options`, without importing typer and click;
  `--help` and anything not plainly well-formed go through typer, which reports its own errors;
- in a process of its own: the garbage collector stays off (a short-lived run that builds large,
  mostly acyclic structures: collections only cost time), and the process leaves with `os._exit`
  once its output is flushed, skipping the teardown that frees a big tree object by object,
  a whole-tree check of a tree where no file changed since the last one prints that run's
  answer (`commands/answer_cache.py`), and any other whole-tree check takes what each
  unchanged file held from the fact cache
  (`commands/fact_cache.py`; `SCAFFOLD_NO_CACHE=1` turns the cache alone off) and reads the
  rest in two processes when there is much of it (`commands/tree_reading.py`: a forked child
  reads half of the files' class headers, walks the routes, parses its share of the candidate
  modules and reads the other urlconfs, while this process parses the rest and finds the
  endpoints);
- `scaffold check PATHS` (pre-commit) parses each URL module cut down to the entries that name a
  changed class (`focus`): a 3,800-line urls.py then costs a few milliseconds, not forty;
- `new-endpoint` and `generate` render the endpoint modules in a forked child while the process
  patches urls.py: the child pays for importing jinja2 and black, the parent for libcst.

With the switch set, `scaffold check` goes through typer like every other command, collects
garbage and exits normally, and modules render in the process itself: same output, same files,
same exit codes.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from typing import TYPE_CHECKING

from scaffold.commands.check_options import parse_check_args

if TYPE_CHECKING:
    from collections.abc import Callable

    from scaffold.check.run import TreeReading
    from scaffold.commands.answer_cache import KeptAnswer
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
    kept: KeptAnswer | None = None

    def answers(settings: Settings) -> KeptAnswer:
        nonlocal kept
        from scaffold.commands.answer_cache import KeptAnswer
        from scaffold.commands.cache_files import answer_path
        from scaffold.commands.fact_cache import enabled

        where = settings.project_root, settings.src_root
        kept = KeptAnswer(answer_path(*where) if enabled() else None)
        return kept

    code = run_check_command(
        parsed,
        lambda src_root: check_reading(own_process, kept.keys if kept else None),
        answers if own_process else None,
    )
    if own_process:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


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
    from scaffold.generate.build import render_for_plan

    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the result, and never return into the caller
        try:
            os.close(read_fd)
            payload: tuple[str, object]
            try:
                payload = ("ok", [render_for_plan(endpoint, settings) for endpoint in endpoints])
            except ScaffoldError as exc:
                payload = ("error", exc)
            except BaseException:  # noqa: BLE001 - a bug: carry its traceback to the parent
                payload = ("bug", traceback.format_exc())
            with os.fdopen(write_fd, "wb") as pipe:  # a parent gone: EPIPE, then the exit
                pickle.dump(payload, pipe)
        finally:
            os._exit(0)
    os.close(write_fd)

    def collect() -> list[str | None]:
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
        texts: list[str | None] = value
        return texts

    return collect


def check_reading(own_process: bool, keys: dict[str, tuple[int, int]] | None = None) -> TreeReading:
    """How `scaffold check` reads the tree: URL modules cut down in PATHS mode, and, in a
    process of its own, the whole tree read through the fact cache and in two processes
    (`commands/tree_reading.py`). `keys`: files' (mtime_ns, size) looked at already."""
    from scaffold.check.run import TreeReading, read_candidates_plainly

    if not own_process:
        return TreeReading(read_candidates_plainly, focus)
    from scaffold.commands.tree_reading import FastReading

    fast = FastReading()
    fast.keys.update(keys or {})
    return TreeReading(
        fast.candidates,
        focus,
        fast.memo,
        fast.start,
        fast.finish,
        urlconf_names=fast.urlconf_names,
        routing=fast.routing,
    )


# focus: a URL module cut down to what one changed file needs. Route lists written one entry per
# line block (`    re_path(...),` at four spaces, black's layout) lose every entry that names none
# of the changed classes and includes nothing; imports that bind nothing the rest still uses go
# too. Dropped bytes become empty lines, so every line number stays as it was. Anything laid out
# otherwise is left whole: the cut only ever leaves less to read, never a different reading.

_WORD_RE = re.compile(rb"\w+")
_STATEMENT_RE = re.compile(rb"\n(?=[^ \t\n#)\]}])")  # code at column 0 (closers continue)
_LIST_START_RE = re.compile(rb"\w+[ \t]*(?::[^=\n]*)?=[ \t]*\[[ \t]*(?:#[^\n]*)?\n")
_ENTRY_RE = re.compile(rb"\n    (?=[^ \t\n#)\]}])")
_PLAIN_ENTRY_RE = re.compile(rb"[A-Za-z_*]")
_KEEP = (b"include", b"*")
_FROM_IMPORT_RE = re.compile(rb"from[ \t]+([\w.]+)[ \t]+import[ \t]+(.*)", re.DOTALL)


def cut_to(data: bytes, names: frozenset[str]) -> bytes:
    """The module with unrelated list entries and imports blanked (or the module unchanged).
    `names`: class names, and `FROM_MODULE` + a module's last name: what this module imports
    from such a module counts as named (a class renamed there leaves the old name here)."""
    from scaffold.check.run import FROM_MODULE  # loaded already: the check asks for the cut

    if data.count(b'"""') > 2 or b"'''" in data or b"\\\n" in data or b"\t" in data:
        return data  # strings across lines could hide what looks like statements
    sources = {n.removeprefix(FROM_MODULE).encode() for n in names if n.startswith(FROM_MODULE)}
    wanted = [name.encode() for name in names if not name.startswith(FROM_MODULE)]
    starts = [0] + [match.start() + 1 for match in _STATEMENT_RE.finditer(data)]
    ends = starts[1:] + [len(data)]
    for start, end in zip(starts, ends, strict=True):
        found = _FROM_IMPORT_RE.match(data, start, end)
        if found and found.group(1).rpartition(b".")[2] in sources:
            wanted += [w for w in _WORD_RE.findall(found.group(2)) if w != b"as"]
    pieces: list[bytes] = []
    imports: list[int] = []  # indexes in pieces
    for start, end in zip(starts, ends, strict=True):
        text = data[start:end]
        if text.startswith((b"from ", b"import ")):
            imports.append(len(pieces))
        elif _LIST_START_RE.match(text):
            text = _drop_entries(text, wanted)
        pieces.append(text)
    skipped = set(imports)
    used = set(_WORD_RE.findall(b"".join(p for i, p in enumerate(pieces) if i not in skipped)))
    for index in imports:
        text = pieces[index]
        bound = text[7:] if text.startswith(b"import ") else text.partition(b" import ")[2]
        if not any(word in used for word in _WORD_RE.findall(bound) if word != b"as"):
            pieces[index] = b"\n" * text.count(b"\n")
    return b"".join(pieces)


def _drop_entries(text: bytes, wanted: list[bytes]) -> bytes:
    """A list statement with the entries that name none of `wanted` blanked."""
    closing = text.rfind(b"\n]")
    if closing < 0:
        return text
    entries = [match.end() for match in _ENTRY_RE.finditer(text, 0, closing + 1)]
    if not entries or any(not _PLAIN_ENTRY_RE.match(text, at) for at in entries):
        return text  # not a list of calls: leave it whole
    pieces = [text[: entries[0]]]
    bounds = [*entries[1:], closing + 1]
    for first, following in zip(entries, bounds, strict=True):
        entry = text[first:following]
        end = entry.rfind(b"\n") + 1  # keep the next entry's indentation
        body, tail = entry[:end], entry[end:]
        if any(marker in body for marker in _KEEP) or any(name in body for name in wanted):
            pieces.append(entry)
        else:
            pieces.append(b"\n" * body.count(b"\n") + tail)
    pieces.append(text[closing + 1 :])
    return b"".join(pieces)


def focus(names: frozenset[str]) -> Callable[[bytes], bytes]:
    """The cut for `scaffold check PATHS`: keep what names one of `names`."""
    return lambda data: cut_to(data, names)
