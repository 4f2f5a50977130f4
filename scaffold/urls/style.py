"""How a urls.py writes its entries (call, quotes, segments, names, layout): new ones copy it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from scaffold.errors import PatchError
from scaffold.pysource.routes import ROUTE_CALLS
from scaffold.pysource.urlsource import (
    EntryLayout,
    EntryShape,
    FromImport,
    ListItem,
    entry_layouts,
)
from scaffold.records import field, record

_PREFIX_RE = re.compile(r"^(.+?-api-\d+)-")
_BLOCK_RE = re.compile(r"(async\s+)?(def|class|if|elif|else|for|while|with|try|except|finally)\b")
# a named group of one of the plain classes a parameter is spelled with: `[^/]+`, `[^\/]+`, and
# `\d+` or `[\w-]+` (Sentry's `issue_id` and `event_id`: a name the file spells so is spelled so)
PARAM_SEGMENT_RE = re.compile(r"\(\?P<(\w+)>(\[\^\\?/\]\+|\\d\+|\[\\w-\]\+)\)")


@record
class UrlsStyle:
    """How this urls.py writes its entries; new entries copy it."""

    call: str  # re_path or url
    segment: str  # [^/]+ or [^\/]+
    quote: str
    name_prefix: str  # e.g. sentry-api-0
    relative_imports: bool
    shape: EntryShape
    trailing_comma: bool  # exploded entries end their last argument with a comma
    param_segments: dict[str, str] = field(default_factory=dict, compare=False)  # name -> class
    indent: str = "    "  # one level of indentation: a tab, or the spaces the file uses


def detect_style(
    source: str,
    label: str,
    package: str,
    imports: Sequence[FromImport],
    layouts: Sequence[EntryLayout],
    url_names: Counter[str],
) -> UrlsStyle:
    """The style most of the file's endpoint entries (`layouts`) and text follow."""
    names = Counter(layout.call for layout in layouts)
    imported = {c for c in ROUTE_CALLS if re.search(rf"import[^\n(]*\b{c}\b", source)}
    imported |= {name for statement in imports for name in statement.names if name in ROUTE_CALLS}
    # the file's own helper (`def url(pattern, *args, **kwargs)` filling `{org}` in) is written
    # like Django's and called the same way by the entries
    own = {c for c in ROUTE_CALLS if re.search(rf"^def {c}\(", source, re.MULTILINE)}
    imported |= own
    usable = [c for c, _ in names.most_common() if c in imported and c != "path"]
    usable += [c for c in ("re_path", "url") if c in imported]
    if not usable:
        raise PatchError(
            f"{label}: neither re_path nor url is imported or defined; import the one your "
            "Django has (`from django.urls import re_path`, or `from django.conf.urls import "
            "url` before Django 2.0) and retry"
        )
    segment = "[^\\/]+" if source.count("[^\\/]+") > source.count("[^/]+") else "[^/]+"
    quote = "'" if len(re.findall(r"\br'", source)) > len(re.findall(r'\br"', source)) else '"'
    prefixes = Counter(m.group(1) for name in url_names.elements() if (m := _PREFIX_RE.match(name)))
    shapes = Counter(layout.shape for layout in layouts)
    exploded = [layout for layout in layouts if layout.shape is EntryShape.EXPLODED]
    with_comma = sum(layout.trailing_comma for layout in exploded)
    if usable[0] in own and any(not x.as_view for x in layouts if x.call == usable[0]):
        raise PatchError(
            f"{label}: its own {usable[0]}() is given the view class, not X.as_view(), which "
            "scaffold does not write; add this entry by hand, or import Django's re_path"
        )
    return UrlsStyle(
        call=usable[0],
        segment=segment,
        quote=quote,
        name_prefix=prefixes.most_common(1)[0][0] if prefixes else f"{package}-api-0",
        relative_imports=any(statement.shown.startswith(".") for statement in imports),
        shape=shapes.most_common(1)[0][0] if shapes else EntryShape.EXPLODED,
        trailing_comma=with_comma * 2 >= len(exploded),
        param_segments=_param_segments(source, segment),
        indent=indent_unit(source),
    )


def list_shape(items: Sequence[ListItem], file_shape: EntryShape) -> EntryShape:
    """The layout most of a list's own endpoint entries take, when it has three or more and
    they agree on one more than on the file's (Sentry's `GROUP_URLS` writes one line where it
    fits, in a file of exploded entries); else the file's."""
    shapes = Counter(layout.shape for layout in entry_layouts(items))
    shape, count = shapes.most_common(1)[0] if shapes else (file_shape, 0)
    return shape if shapes.total() >= 3 and count > shapes[file_shape] else file_shape


def indent_unit(source: str) -> str:
    """One level of the file's indentation, as most lines opening a block or a bracket are
    followed by: a tab, or so many spaces (four when no line says)."""
    units: Counter[str] = Counter()
    before = ""
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = line[: len(line) - len(line.lstrip())]
        opener = before.split("#", 1)[0].rstrip()
        if opener.endswith(("[", "(", "{")) or (
            opener.endswith(":") and _BLOCK_RE.match(opener.lstrip())
        ):
            outer = opener[: len(opener) - len(opener.lstrip())]
            if len(indent) > len(outer) and indent.startswith(outer):
                units[indent[len(outer) :]] += 1
                if units.total() >= 50:  # enough to say: the rest of a long file agrees
                    break
        before = line
    unit = units.most_common(1)[0][0] if units else "    "
    return unit if unit == "\t" or set(unit) == {" "} else "    "


def _param_segments(source: str, default: str) -> dict[str, str]:
    """Parameter name -> the segment class the file mostly spells it with, where that is not
    the file's usual one (`(?P<version>[^/]+)` in a file of `[^\\/]+`)."""
    counts: dict[str, Counter[str]] = {}
    for match in PARAM_SEGMENT_RE.finditer(source):
        counts.setdefault(match.group(1), Counter())[match.group(2)] += 1
    spelled = {}
    for name, count in counts.items():
        segment, seen = count.most_common(1)[0]
        if seen < 2 and segment in _NARROWER:  # one entry's `\d+` is no convention of the file
            continue
        spelled[name] = segment
    return {name: segment for name, segment in spelled.items() if segment != default}


_NARROWER = ("\\d+", "[\\w-]+")  # classes that match fewer paths than a segment's `[^/]+`
