"""The line length generated code and patched entries are laid out at, and the quotes a new
module's strings take from its neighbours (the same count of a file's quotes serves both).

Configured first: [tool.scaffold], [tool.black] or [tool.ruff] `line-length`. A tree with none of
them (a checkout of `src/` alone, a project whose black settings live elsewhere) is read: black
never leaves a line longer than its length when it can split it, so the longest such line of
urls.py tells the length the file was formatted at. Sentry formats at 100: its urls.py holds
dozens of one-line entries and imports of 89-100 characters that black at 88 would have split.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_LINE_LENGTH = 88  # black's default
# lengths projects format at, above black's default; a file read is placed at the first that
# holds every line black could split
_KNOWN_LENGTHS = (100, 110, 119, 120)
_ENOUGH = 3  # splittable lines over 88 characters: fewer could be a stray line or `fmt: off`
# what black splits: a bracket that holds a comma before it closes (strings emptied first), and
# a `from x import y` (wrapped in brackets)
_SPLITTABLE_RE = re.compile(r"[(\[{][^)\]}]*,\s*\S|^from \S+ import [^(]")
_STRING_RE = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")
_TRIPLE_RE = re.compile(r"\"\"\"|'''")
_QUOTES_READ = 50  # neighbours read for their quotes


def configured_line_length(
    pyproject: dict[str, Any], config: dict[str, Any], root: Path | None = None
) -> int | None:
    """[tool.scaffold], [tool.black] or [tool.ruff] `line-length`, else flake8's
    `max-line-length` in the root's setup.cfg, tox.ini or .flake8 (Sentry before black);
    None when none is set."""
    tool = pyproject.get("tool", {})
    for value in (
        config.get("line-length"),
        tool.get("black", {}).get("line-length"),
        tool.get("ruff", {}).get("line-length"),
        *(_flake8_length(root / name) for name in _FLAKE8_FILES if root is not None),
    ):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


_FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")


def _flake8_length(path: Path) -> int | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError):
        return None
    for key in ("max-line-length", "max_line_length"):
        value = parser.get("flake8", key, fallback="").strip()
        if value.isdigit():
            return int(value)
    return None


def file_line_length(sample: Path, neighbours: Sequence[Path] = ()) -> int:
    """The length `sample` (urls.py) was formatted at; for one black never formatted, the
    length its `neighbours` (the endpoint modules) keep to; else black's default."""
    try:
        text = sample.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return DEFAULT_LINE_LENGTH
    single, double = _quote_counts(_code_lines(text))
    if single > double and neighbours:
        return house_length(neighbours)
    return inferred_line_length(text)


_READ_FOR_LENGTH = 400  # endpoint modules read for the length a tree older than black keeps to
_OVER_AT_MOST = 5  # lines past a length, one in this many of those past 88 at most


def house_length(paths: Sequence[Path]) -> int:
    """The first known length (100, 110, 119, 120) that nearly every line of these modules
    keeps under (all but one in five of those over 88: flake8's max-line-length, with its
    `noqa` and long strings), when at least three exceed 88; else black's default."""
    over: list[int] = []
    for path in list(paths)[:_READ_FOR_LENGTH]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        over += [n for line in _code_lines(text) if (n := len(line)) > DEFAULT_LINE_LENGTH]
    if len(over) < _ENOUGH:
        return DEFAULT_LINE_LENGTH
    held = (n for n in _KNOWN_LENGTHS if _OVER_AT_MOST * sum(m > n for m in over) <= len(over))
    return next(held, DEFAULT_LINE_LENGTH)


def inferred_line_length(text: str) -> int:
    """The length `text` was formatted at: the first known length (100, 110, 119, 120) that no
    line black could split exceeds, when at least three such lines exceed 88; else black's
    default (a file black did not format, or formatted at its default, tells nothing more: one
    quoting strings mostly with `'` is taken as never formatted by black)."""
    lines = _code_lines(text)
    single, double = _quote_counts(lines)
    if single > double:
        return DEFAULT_LINE_LENGTH  # mostly single quotes: not black's output (older Sentry)
    lengths = [len(line) for line in lines if _SPLITTABLE_RE.search(_STRING_RE.sub('""', line))]
    longest = max(lengths, default=0)
    if sum(1 for n in lengths if n > DEFAULT_LINE_LENGTH) < _ENOUGH:
        return DEFAULT_LINE_LENGTH
    return next((n for n in _KNOWN_LENGTHS if longest <= n), DEFAULT_LINE_LENGTH)


def neighbours_quote(paths: Sequence[Path]) -> str:
    """`'` when most one-line strings of these modules (the first `_QUOTES_READ`) are written
    with it (Sentry before black), else `"`: black's, and what a folder with none says. The same
    count that takes a mostly `'`-quoted urls.py as never formatted by black."""
    single = double = 0
    for path in list(paths)[:_QUOTES_READ]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        ones, twos = _quote_counts(_code_lines(text))
        single, double = single + ones, double + twos
    return "'" if single > double else '"'


def _quote_counts(lines: list[str]) -> tuple[int, int]:
    """How many strings of these code lines are quoted with `'`, and with `"`."""
    strings = [found[0] for line in lines for found in _STRING_RE.finditer(line)]
    single = sum(1 for s in strings if s[0] == "'")
    return single, len(strings) - single


def _code_lines(text: str) -> list[str]:
    """The lines outside triple-quoted strings, comment lines left out."""
    lines = []
    inside = False
    for line in text.splitlines():
        quotes = len(_TRIPLE_RE.findall(line))
        if not inside and quotes == 0 and not line.lstrip().startswith("#"):
            lines.append(line.rstrip())
        if quotes % 2:
            inside = not inside
    return lines
