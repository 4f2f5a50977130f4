"""One route entry as the walk reaches it: the record every rule of the check judges."""

from __future__ import annotations

from scaffold.pysource.route_context import Extra
from scaffold.pysource.urlmodule import View
from scaffold.records import record


@record
class RouteEntry:
    """One `re_path`/`url`/`path` entry, as reached from the root with its include prefixes."""

    relpath: str
    line: int
    end_line: int
    regex: str | None  # the pattern as a regex (path() routes converted); None if not literal
    groups: tuple[str, ...]  # named groups of the prefixes above and of this pattern
    list_key: str  # the list it sits in (entries of one list shadow each other in order)
    view: View | None  # None for an include
    name: str | None
    is_include: bool = False
    # the patterns of the includes above, outermost first (None: not a literal): Django matches
    # each as a prefix of the path and hands the rest on, so the full path is their concatenation
    prefixes: tuple[str | None, ...] = ()
    # the keys of the extra keyword arguments it and the includes above pass to the view
    # (`re_path(pattern, view, {"mode": "x"})`), each with what is known of its value; None:
    # one of them is not a literal dict
    extra: tuple[Extra, ...] | None = ()
    # the namespaces of the includes above, outermost first; None: one is not a literal
    namespaces: tuple[str, ...] | None = ()

    def view_names(self) -> set[str]:
        """The class names its view goes by: as written, and as imported (`from .x import A as
        B` gives both `B` and `A`); none for an include."""
        view = self.view
        return {t.rpartition(".")[2] for t in (view.text, view.dotted or "")} if view else set()

    def copy_advice(self, earlier: RouteEntry) -> str | None:
        """What to do with this entry when it copies `earlier` (the same pattern under the same
        includes, serving the same view): it never matches, and only its name may be needed."""
        if (self.view, self.prefixes, self.regex) != (
            earlier.view,
            earlier.prefixes,
            earlier.regex,
        ):
            return None
        if self.name in (None, earlier.name):
            return "it repeats that route: delete this one"
        if earlier.name is None:
            return f"it repeats that route: give that one the name {self.name!r}, delete this one"
        return "it repeats that route under another name: delete it once nothing reverses that"
