"""The URL name a new route entry is given: the one place that decides it."""

from __future__ import annotations

from collections.abc import Sequence

from scaffold.naming import url_name_for
from scaffold.pysource.urlsource import ListItem, entry_layouts

# A list goes without names when this many of its endpoint entries at least, and three in four
# of them, carry none (Sentry's `GROUP_URLS` of 2020-2023: 22 of 25 in 2023); a list of one or
# two entries, or one half named (`INTERNAL_URLS`, 7 of 13 unnamed), says nothing against the
# file's names.
_FEW = 3


def unnamed_list(items: Sequence[ListItem]) -> bool:
    """Whether a list's endpoint entries (its own items routing a view, not the lists it
    includes) are written without a URL name, as a new entry among them should be."""
    layouts = entry_layouts(items)
    unnamed = sum(not layout.named for layout in layouts)
    return unnamed >= _FEW and unnamed * 4 >= len(layouts) * 3


def entry_name(
    class_name: str,
    asked: str | None,
    prefix: str | None,
    items: Sequence[ListItem],
    file_prefix: str,
) -> str | None:
    """The name of a new entry for `class_name` among `items`: the one `asked` for (`--url-name`,
    a spec's `url_name`); None in a list whose entries carry none (`unnamed_list`); else
    `<prefix>-<words of the class>`, the prefix configured (`prefix`) or read from urls.py
    (`file_prefix`)."""
    if asked is not None:
        return asked
    if unnamed_list(items):
        return None
    return url_name_for(class_name, prefix or file_prefix)
