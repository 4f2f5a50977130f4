"""The fast way `scaffold check` reads a whole tree (a speed trick of `commands/speedups.py`):
what the fact cache holds is taken from it, and what it does not is read in two processes when
there is much of it. It finds the same candidate modules, and the same facts in them, as
`check.run.read_candidates_plainly` (the tests run both).

- Every file's size and mtime are compared with the cache (`commands/fact_cache.py`); the class
  headers of unchanged files come from it, the others are read.
- With 256 stale files or more and a second CPU, a forked child (`commands/reading_child.py`)
  reads every other stale file's headers and sends them up, then walks the routes (unless an
  earlier run's walk is kept); this process merges the headers with its own and the cached
  ones, finds the candidates, sends the child its share of the candidates the cache lacks to
  parse (a third while it walks) and parses the rest, then takes the child's walk and modules.
  While this process finds the endpoints and their bases, the child finds what the other
  urlconfs route, then reads its routes for the routing rules: the check takes both
  (`urlconf_names`, `routing`) when it comes to them.
- What was read anew goes back into the cache; files changed in the last two seconds are not
  kept (a second write within the file system's timestamp tick could leave the same mtime).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import Any

from scaffold.check.elsewhere import Named, urlconf_files
from scaffold.check.route_walk import RouteWalk
from scaffold.check.routing import Routing
from scaffold.commands.cache_files import RACY_NS, digest
from scaffold.commands.fact_cache import (
    CacheDamaged,
    FactCache,
    FileHeaders,
    enabled,
    known_marks,
    merge_headers,
    read_file_headers,
    same_headers,
)
from scaffold.commands.reading_child import Child
from scaffold.pysource.candidates import reachable_modules
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.tree import SourceFile, Tree

_FORK_FROM = 256  # stale files; below that a fork costs more than it saves


class FastReading:
    """The fact cache lent to a check's trees, and the whole tree's candidates read from it and
    in two processes: `start`, `candidates`, `finish` of a `check.run.TreeReading`."""

    def __init__(self) -> None:
        self.cache: FactCache | None = None
        self.keys: dict[str, tuple[int, int] | None] = {}
        self.headers: dict[str, FileHeaders] = {}  # read anew in this run
        self.child: Child | None = None  # reading half the tree, after `candidates`

    def start(self, tree: Tree) -> None:
        if self.cache is None:
            self.cache = (
                FactCache.open(tree.project_root, tree.src_root) if enabled() else FactCache(None)
            )
        cache = self.cache
        if cache.path is None or not cache.entries:
            return

        def known(source: SourceFile) -> ModuleInfo | None | bool:
            if source.relpath not in self.keys:
                self.keys[source.relpath] = cache.key(source)
            return cache.info(source, self.keys[source.relpath])

        tree.known = known

    def candidates(self, tree: Tree, files: list[SourceFile], walk: RouteWalk) -> list[str]:
        """The modules among `files` that may define endpoints, read (or known) already; the
        routes walked here, or by the child when one reads half the tree and no earlier run's
        walk is kept (the child then also finds what the other urlconfs route)."""
        cache = self.cache or FactCache(None)
        if cache.path is not None:  # with the cache off no file's key is asked for: no stat
            for source in files:
                if source.relpath not in self.keys:
                    self.keys[source.relpath] = cache.key(source)
        known: dict[str, FileHeaders] = {}
        stale: list[SourceFile] = []
        for source in files:
            key = self.keys.get(source.relpath)
            headers = cache.headers(source, key) if key is not None else None
            if headers is None:
                stale.append(source)
            else:
                known[source.relpath] = headers
        if _parallel(stale):
            kept_walk = self._kept(tree, walk.key)
            self.child = child = Child.start(tree, stale[::2], None if kept_walk else walk)
        else:
            child = None
        fresh = read_file_headers(tree, stale[1::2] if child else stale)
        theirs = child.headers() if child else {}
        if child is not None and theirs is None:  # the child failed: read its files here
            child, theirs = None, read_file_headers(tree, stale[::2])
        fresh.update(theirs or {})
        self.headers.update(fresh)
        modules = {source.relpath: source.module for source in files}
        # the candidates depend on every file's headers: with the same files, and the headers
        # read anew the same as the cache's (a file touched, or changed inside its classes),
        # they are the last run's
        layout = digest("\n".join(modules).encode())
        kept = cache.memos.get("candidates")
        try:
            tree.known_marks = known_marks({**known, **fresh})
            same = all(same_headers(cache.entries.get(r), h) for r, h in fresh.items())
            if same and _kept_candidates(kept, layout):
                candidates: list[str] = kept[1]  # type: ignore[index]
            else:
                candidates = reachable_modules([merge_headers({**known, **fresh}, modules)])
        except CacheDamaged:  # read what the cache claimed to know, and trust none of it
            if child is not None:  # nor what the child found with it (it parses no share)
                child.distrust()
            self.cache = cache = FactCache(cache.path)
            tree.known = None
            fresh.update(read_file_headers(tree, [s for s in files if s.relpath in known]))
            self.headers.update(fresh)
            tree.known_marks = known_marks(fresh)
            candidates = reachable_modules([merge_headers(fresh, modules)])
        # a file changed just now is not kept (finish): nor are candidates found from its bytes,
        # which a later run would otherwise take as found from the bytes the cache holds
        recent = time.time_ns() - RACY_NS
        if all((self.keys.get(relpath) or (0, 0))[0] <= recent for relpath in fresh):
            cache.keep_memo("candidates", [layout, candidates])
        else:  # older entries read anew are kept (finish): no candidates from before them stay
            cache.keep_memo("candidates", [])
        lookup = tree.known  # what the cache knows is taken now; the rest is parsed below
        missing = []
        for module in candidates:
            found = tree.file_for(module)
            info = lookup(found) if lookup and found else False
            if info is None or isinstance(info, ModuleInfo):
                tree.adopt({module: info})
            else:
                missing.append(module)
        theirs_modules = {source.module for source in stale[::2]}
        if child is not None and child.walks:  # it walks first: a third of the parsing
            share = [m for i, m in enumerate(missing) if m in theirs_modules and i % 3 != 2]
        else:
            share = [m for i, m in enumerate(missing) if m in theirs_modules or i % 5 == 0]
        if child is not None:
            urlconfs = urlconf_files(tree, files) if child.walks else []
            child.parse(share if len(missing) >= 8 else [], urlconfs)
        if child is None or not child.walks:
            walk.here()
        for module in missing:
            if child is None or module not in share:
                tree.info(module)
        if child is not None:
            parsed, walked = child.adopt_into(tree)
            tree.parsed += parsed
            if walked is not None:
                walk.take(walked)
            elif child.walks:  # it failed: walk here
                walk.here()
        return candidates

    def urlconf_names(self, tree: Tree, sources: list[SourceFile]) -> Named | None:
        """What the urlconfs `sources` route as the child found it (None: find it here)."""
        return self.child.urlconf_names(tree, sources) if self.child else None

    def routing(self, routes: list[RouteEntry]) -> Routing | None:
        """Both routing rules' reading of `routes` as the child read it (None: read it here)."""
        return self.child.routing(routes) if self.child else None

    def _kept(self, tree: Tree, key: str) -> bool:
        """Whether `memo(tree, key, ...)` holds an answer (a walk kept: no child walks)."""
        cache = self.cache
        if cache is None or cache.path is None:
            return False
        kept = cache.memos.get(digest(key.encode()))
        return isinstance(kept, list) and len(kept) == 2 and self._unchanged(tree, kept[0])

    def memo(self, tree: Tree, key: str, compute: Callable[[], Any]) -> Any:
        """`compute()`'s answer as kept by an earlier run while every module it asked the tree
        about is unchanged; else computed here (and kept, unless a module changed just now)."""
        from scaffold.pysource.codec import CodecError, decode, encode

        cache = self.cache
        if cache is None or cache.path is None:
            return compute()
        name = digest(key.encode())
        kept = cache.memos.get(name)
        if isinstance(kept, list) and len(kept) == 2 and self._unchanged(tree, kept[0]):
            try:
                return decode(kept[1])
            except (CodecError, TypeError, ValueError, AttributeError, KeyError):
                pass
        answer, asked = tree.recorded(compute)
        deps: list[list[Any]] = []
        recent = time.time_ns() - RACY_NS
        for module in sorted(asked):
            found = self._key_of(tree, module)
            if found is not None and found[1][0] > recent:
                return answer  # a module changed just now: not kept
            deps.append([module, *(_flat(found) if found else (None, None, None))])
        with contextlib.suppress(CodecError):
            cache.keep_memo(name, [deps, encode(answer)])
        return answer

    def _key_of(self, tree: Tree, module: str) -> tuple[str, tuple[int, int]] | None:
        """The module's file (relpath: `x.py` and `x/__init__.py` read imports apart) and its
        (mtime_ns, size); None when the module is not in the tree or cannot be looked at."""
        source = tree.file_for(module)
        if source is None:
            return None
        if source.relpath not in self.keys and self.cache is not None:
            self.keys[source.relpath] = self.cache.key(source)
        key = self.keys.get(source.relpath)
        return (source.relpath, key) if key is not None else None

    def _unchanged(self, tree: Tree, deps: object) -> bool:
        if not isinstance(deps, list):
            return False
        for dep in deps:
            if not (isinstance(dep, list) and len(dep) == 4 and isinstance(dep[0], str)):
                return False
            found = self._key_of(tree, dep[0])
            if (_flat(found) if found else [None, None, None]) != dep[1:]:
                return False
        return True

    def finish(self, tree: Tree) -> None:
        """Keep what this run read anew: headers, and each module parsed."""
        if self.child is not None:  # its last answer was not needed
            self.child.end()
            # what it lent and this process asked for: kept as if parsed here
            tree.parsed += [m for m in self.child.lent if m in tree.asked]
        cache = self.cache
        if cache is None or cache.path is None:
            return
        recent = time.time_ns() - RACY_NS
        sources = {}
        for module in tree.parsed:
            source = tree.file_for(module)
            if source is not None:
                sources[source.relpath] = (source, module)
        for relpath, (source, module) in sources.items():
            key = self.keys.get(relpath) or cache.key(source)
            headers = self.headers.get(relpath) or (cache.headers(source, key) if key else None)
            if key is not None and key[0] <= recent and headers is not None:
                cache.store(source, key, headers, tree.info(module), tree.data(module))
        by_relpath = {s.relpath: s for s in tree.files()} if self.headers else {}
        for relpath, headers in self.headers.items():
            key = self.keys.get(relpath)
            if relpath not in sources and key is not None and key[0] <= recent:
                cache.store(by_relpath[relpath], key, headers)
        if self.headers:  # a whole-tree run: files gone are forgotten
            cache.forget_others(set(by_relpath))
        cache.save()


def _flat(found: tuple[str, tuple[int, int]]) -> list[Any]:
    return [found[0], *found[1]]


def _kept_candidates(kept: object, layout: str) -> bool:
    return (
        isinstance(kept, list)
        and len(kept) == 2
        and kept[0] == layout
        and isinstance(kept[1], list)
        and all(isinstance(module, str) for module in kept[1])
    )


def _parallel(stale: list[SourceFile]) -> bool:
    return len(stale) >= _FORK_FROM and hasattr(os, "fork") and (os.cpu_count() or 1) >= 2
