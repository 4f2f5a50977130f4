"""The walk of the routes from the API urls.py that a whole-tree check runs while it reads the
tree: here, or in another process (`commands/reading_child.py`) that sends what it found, and
what the other urlconfs route given that walk, for this process to take as its own."""

from __future__ import annotations

from scaffold.check.elsewhere import Memo, Named, named_in_urlconfs, resolved
from scaffold.check.routing import Routing, routing_of
from scaffold.pysource.classes import Resolver
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.tree import SourceFile
from scaffold.pysource.urlconf import RoutingReader
from scaffold.pysource.walked import Walked, take, walked


class RouteWalk:
    """`reader`'s walk from `root_urls` (through `memo`, a cache at the edge, when given):
    `here()` walks in this process; in another, `found()` walks and `others(sources)` finds the
    names the urlconfs `sources` route, and this process `take`s what it `found`. `resolver`:
    where `others` looks the names up (`check.elsewhere.resolved`), parsing their modules."""

    def __init__(
        self,
        reader: RoutingReader,
        root_urls: str,
        memo: Memo | None = None,
        resolver: Resolver | None = None,
    ):
        self.reader = reader
        self.root_urls = root_urls
        self.memo = memo
        self.resolver = resolver
        self.key = f"walk {root_urls}"  # the memo's key

    def here(self) -> None:
        """Walk the routes and read their patterns (cached for unreachable-route). A walk kept
        from an earlier run skips the patterns: the routing rules' answer is kept with it."""
        reader, memo = self.reader, self.memo
        if memo is None:
            reader.walk_root(self.root_urls)
        else:
            walked_now: list[bool] = []

            def walk() -> Walked:
                walked_now.append(True)
                reader.walk_root(self.root_urls)
                return walked(reader)

            take(reader, memo(reader.tree, self.key, walk))
            if not walked_now:
                return
        from scaffold.check.shadow import read_pattern  # its automata: only for patterns read anew

        for route in reader.routes:
            if route.regex is not None:
                read_pattern(route.regex)

    def found(self) -> Walked:
        """The walk, done in this process for another to `take` (its tree is a copy)."""
        self.reader.walk_root(self.root_urls)
        return walked(self.reader)

    def others(
        self, sources: list[SourceFile]
    ) -> tuple[list[str], Named, dict[str, ModuleInfo | None]]:
        """After `found`: the urlconfs among `sources` that the walk did not read (their files'
        relpaths), the names they route with every module asked to find them, and the modules
        parsed to find them and to look them up with `resolver` (the asking process looks them
        up again, with these modules read)."""
        tree = self.reader.tree
        parsed = len(tree.parsed)
        unwalked = [source for source in sources if source.module not in self.reader.modules]
        named = named_in_urlconfs(tree, self.reader, self.root_urls, unwalked)
        if self.resolver is not None:
            resolved(self.resolver, set(self.reader.routed) | named[0])
        infos = {module: tree.info(module) for module in tree.parsed[parsed:]}
        return [source.relpath for source in unwalked], named, infos

    def routing(self) -> Routing:
        """After `found`: both routing rules' reading of its routes (`check.routing`)."""
        return routing_of(self.reader.routes)

    def take(self, found: Walked) -> None:
        """Stand the walk another process `found` in for walking here: the modules it asked
        about are asked here (a kept answer depends on them, as on a walk here); its patterns
        are read when a rule needs them."""
        reader, tree = self.reader, self.reader.tree

        def replayed() -> Walked:
            for module in sorted(found.asked):
                tree.file_for(module)
            return found

        take(reader, self.memo(tree, self.key, replayed) if self.memo else replayed())
