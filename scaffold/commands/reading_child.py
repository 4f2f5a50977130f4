"""The forked child of a whole-tree read (`commands/tree_reading.py`), and how the parent takes
each of its answers. In order, the child

1. reads its files' class headers and sends them;
2. walks the routes from the API urls.py, when it is given the walk (`check.route_walk`);
3. parses the candidate modules it is sent, then sends the walk and the modules together: the
   parent reads them once it has parsed its own share, so no big write waits for it before;
4. with the walk done, finds what the urlconfs it was sent with the share route (the parent's
   `check.elsewhere` takes it when it asks about the same files), and sends it;
5. reads its walk's routes for the routing rules (`check.routing`), and sends that last.

A child that fails sends nothing more; the parent does the rest itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import TYPE_CHECKING, Any

from scaffold.commands.fact_cache import FileHeaders, read_file_headers
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.tree import SourceFile, Tree

if TYPE_CHECKING:
    from scaffold.check.elsewhere import Named
    from scaffold.check.route_walk import RouteWalk
    from scaffold.check.routing import Routing
    from scaffold.pysource.route_entry import RouteEntry
    from scaffold.pysource.walked import Walked


class Child:
    """A forked reader: headers of its files first, then (the walk and) the infos of the modules
    it is sent, then (after a walk) the names the urlconfs it is sent route."""

    def __init__(self, pid: int, up: int, down: int, walks: bool):
        self.pid = pid
        self.up = os.fdopen(up, "rb")
        self.down = os.fdopen(down, "wb")
        self.walks = walks  # it walks the routes
        self.trusted = True  # its walk may be taken
        self.ended = False
        self.lent: list[str] = []  # modules it parsed beyond its share, adopted
        self.walked: Walked | None = None  # its walk, once taken
        self.answers: list[str] = ["others", "routing"]  # what it sends after its walk, in order

    @classmethod
    def start(cls, tree: Tree, files: list[SourceFile], walk: RouteWalk | None) -> Child:
        up_read, up_write = os.pipe()
        down_read, down_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller
            code = 1
            try:
                os.close(up_read)
                os.close(down_write)
                with os.fdopen(up_write, "wb") as up, os.fdopen(down_read, "rb") as down:
                    _serve(tree, files, walk, up, down)
                code = 0
            finally:
                os._exit(code)
        os.close(up_write)
        os.close(down_read)
        return cls(pid, up_read, down_write, walk is not None)

    def headers(self) -> dict[str, FileHeaders] | None:
        found: dict[str, FileHeaders] | None = self._load()
        if found is None:
            self.end()
        return found

    def parse(self, share: list[str], urlconfs: list[SourceFile]) -> None:
        """Send the modules to parse, and the files that may be urlconfs (for step 4)."""
        import pickle

        with contextlib.suppress(OSError):  # a child gone is seen in adopt_into
            pickle.dump((share, urlconfs), self.down, pickle.HIGHEST_PROTOCOL)
            self.down.close()

    def adopt_into(self, tree: Tree) -> tuple[list[str], Walked | None]:
        """What the child parsed, and its walk (None: walk here); what a failed child did not
        send is read when needed."""
        found: Walked | None = self._load() if self.walks else None
        infos: dict[str, ModuleInfo | None] = self._load() or {}
        tree.adopt(infos)
        if not self.trusted:
            found = None
        if found is None:
            self.end()
        self.walked = found
        return list(infos), found

    def urlconf_names(self, tree: Tree, sources: list[SourceFile]) -> Named | None:
        """What the urlconfs `sources` route, as found in the child (None: find it here); the
        modules it parsed to find them and look them up are lent to `tree` (`lent`)."""
        answer: tuple[list[str], Named, dict[str, ModuleInfo | None]] | None
        answer = self._answer("others")
        if answer is None or answer[0] != [source.relpath for source in sources]:
            return None
        tree.adopt(answer[2])
        self.lent = list(answer[2])
        named: Named = answer[1]
        return named

    def routing(self, routes: list[RouteEntry]) -> Routing | None:
        """Both routing rules' reading of `routes` (those of its walk), as the child read it."""
        found: Routing | None = self._answer("routing")
        self.end()
        if self.walked is None or tuple(routes) != self.walked.routes:
            return None
        return found

    def _answer(self, kind: str) -> Any:
        """The answer of that kind it sends after its walk (those sent before it are skipped)."""
        if self.walked is None or kind not in self.answers:
            return None
        while self.answers[0] != kind:
            self.answers.pop(0)
            self._load()
        self.answers.pop(0)
        return self._load()

    def distrust(self) -> None:
        """Its walk is not to be taken (the cache it read with was damaged)."""
        self.trusted = False

    def _load(self) -> Any:
        import pickle

        if self.ended:
            return None
        try:
            return pickle.load(self.up)
        except (EOFError, OSError, pickle.UnpicklingError):
            self.end()
            return None

    def end(self) -> None:
        """Stop the child (its answers are not needed, or it failed) and reap it."""
        if self.ended:
            return
        self.ended = True
        for stream in (self.up, self.down):
            with contextlib.suppress(OSError):
                stream.close()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _serve(tree: Tree, files: list[SourceFile], walk: RouteWalk | None, up: Any, down: Any) -> None:
    import pickle

    pickle.dump(read_file_headers(tree, files), up, pickle.HIGHEST_PROTOCOL)
    up.flush()
    found = None
    if walk is not None:
        try:
            found = walk.found()
        except Exception:  # noqa: BLE001 - the parent walks again, and a bug shows there
            found = None
    share: list[str]
    urlconfs: list[SourceFile]
    share, urlconfs = pickle.load(down)
    infos = {module: tree.info(module) for module in share}
    if walk is not None:
        pickle.dump(found, up, pickle.HIGHEST_PROTOCOL)
    pickle.dump(infos, up, pickle.HIGHEST_PROTOCOL)
    up.flush()
    if walk is not None and found is not None:
        pickle.dump(walk.others(urlconfs), up, pickle.HIGHEST_PROTOCOL)
        up.flush()
        pickle.dump(walk.routing(), up, pickle.HIGHEST_PROTOCOL)
        up.flush()
