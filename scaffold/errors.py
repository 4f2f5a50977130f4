"""Errors the user can act on; `cli.py` turns them into a message and an exit code.

ScaffoldError            anything the user can fix; exit 2
 +-- SpecError           a spec file or command-line value is invalid
 +-- ProjectError        the target project's layout or [tool.scaffold] config is unusable
 +-- PatchError          urls.py cannot take the change as asked
 +-- ConflictError       exit 1: the endpoint or its route already exists
 +-- WriteError          exit 1: writing failed; the project was left as it was
A bug is not a ScaffoldError: it still shows its traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

EXIT_REFUSED = 1
EXIT_USAGE = 2
# what a shell reports for a process SIGPIPE ended (`yes | head`): not 1, which says "refused"
# (or, for `check`, "problems found")
EXIT_READER_GONE = 128 + 13


class OutputClosed(Exception):
    """Whoever read stdout went away (`scaffold list | head`). Not an OSError: click would
    catch that and exit 1."""


@contextmanager
def reader_may_leave() -> Iterator[None]:
    """Around a command's printing: a closed stdout becomes OutputClosed."""
    try:
        yield
    except BrokenPipeError:
        raise OutputClosed from None


class ScaffoldError(Exception):
    """Base class: `str(error)` is the one-line message shown to the user."""

    exit_code = EXIT_USAGE


class SpecError(ScaffoldError):
    """The spec (file or flags) is invalid."""


class ProjectError(ScaffoldError):
    """The target project cannot be understood."""


class PatchError(ScaffoldError):
    """urls.py cannot be patched as asked."""


class ConflictError(ScaffoldError):
    """What would be generated already exists."""

    exit_code = EXIT_REFUSED


class NameTakenError(ConflictError):
    """The URL name a new route would take is taken."""


class WriteError(ScaffoldError):
    """A write failed; every file was restored."""

    exit_code = EXIT_REFUSED


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """Return ' (did you mean X?)' for the one choice the word abbreviates word by word
    (`OrgPermission` for `OrganizationPermission`), else the closest other choice at least
    `cutoff` alike (difflib's ratio), or ''."""
    import difflib  # only when an error is reported: every run imports this module
    import re

    others = [c for c in choices if c != word]
    parts = re.findall(r"[A-Z]+[a-z0-9]*|[a-z0-9]+", word)
    if len(parts) > 1:
        pattern = re.compile("".join(f"{re.escape(p)}[a-z0-9]*_?" for p in parts))
        short = [c for c in others if pattern.fullmatch(c)]
        if len(short) == 1:
            return f" (did you mean {short[0]!r}?)"
    # `GadgetzEndpoint` is no `IndexEndpoint`: the suffix of every endpoint class is no likeness
    suffix = "Endpoint" if word.endswith("Endpoint") else ""
    cores = {c.removesuffix(suffix): c for c in reversed(others)}  # the first of equal cores
    close = difflib.get_close_matches(word.removesuffix(suffix), cores, n=1, cutoff=cutoff)
    return f" (did you mean {cores[close[0]]!r}?)" if close else ""


def located(error: ScaffoldError, where: str | None) -> ScaffoldError:
    """`error` (of its own class, so its exit code) with `where` before its message: the spec
    file, line and field a refusal about another file comes from (None: as it is)."""
    return error if where is None else type(error)(f"{where}: {error}")
