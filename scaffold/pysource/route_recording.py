"""The entries the route walk records: one per view a route serves and one per include, each
with what the includes above it give (pattern prefixes, keyword arguments, namespaces)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from scaffold.pysource.route_context import Above, Extra, joined
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.routes import groups_of
from scaffold.pysource.tree import Tree
from scaffold.pysource.urlmodule import UrlModule, View
from scaffold.pysource.urlreading import UrlModules

if TYPE_CHECKING:
    from scaffold.pysource.route_values import Ref


class RouteRecorder(UrlModules):
    """The URL modules the walk reads, and the entries it records from them (`routes`)."""

    def __init__(self, tree: Tree, cut: Callable[[bytes], bytes] | None = None):
        super().__init__(tree, cut)
        self.routes: list[RouteEntry] = []
        self._above = Above()  # what the includes above the current list give its entries

    def _serve(
        self,
        module: UrlModule,
        call: ast.Call,
        regex: str | None,
        groups: tuple[str, ...],
        list_key: str,
        views: tuple[Ref, ...],
        name: str | None,
        extra: tuple[Extra, ...] | None = (),
    ) -> None:
        """One entry per view (a dispatch serves several on one line), or, when the groups are
        not known, the views only count as routed."""
        if regex is None or self._above.blind:
            self.routed |= {ref.dotted for ref in views if ref.dotted}
            return
        for ref in views:
            view = self.view_of(module, ref, call.lineno)
            if isinstance(view, tuple):  # served maybe: by the class an in-tree star binds
                self._unfollowed(module, call, ref.text, view[0])
                self.routed |= set(view[1])
            else:
                self._enter(module, call, regex, groups, list_key, name, view, extra)

    def _enter(
        self,
        module: UrlModule,
        call: ast.Call,
        regex: str | None,
        groups: tuple[str, ...],
        list_key: str,
        name: str | None,
        view: View | None | bool = True,
        extra: tuple[Extra, ...] | None = (),
    ) -> None:
        """Append an entry: an include (`view` True), or a route serving `view`, passing `extra`."""
        is_include = view is True
        own = () if is_include or regex is None else tuple(groups_of(regex))
        self.routes.append(
            RouteEntry(
                module.relpath,
                call.lineno,
                call.end_lineno or call.lineno,
                regex,
                (*groups, *own),
                list_key,
                None if isinstance(view, bool) else view,
                name,
                is_include,
                self._above.prefixes,
                joined(self._above.extra, extra),
                self._above.namespaces,
            )
        )

    def _descend(
        self,
        regex: str | None,
        groups: tuple[str, ...],
        walk: Callable[[tuple[str, ...]], None],
        extra: tuple[Extra, ...] | None = (),
        namespace: tuple[str, ...] | None = (),
    ) -> None:
        """Walk an include below `regex`: its groups, pattern, kwargs and namespace added."""
        saved = self._above
        self._above = saved.below(regex, extra, namespace)
        own = tuple(groups_of(regex)) if regex is not None else ()
        try:
            walk((*groups, *own))
        finally:
            self._above = saved
