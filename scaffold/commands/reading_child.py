"""The forked child of a whole-tree read (`commands/tree_reading.py`): it reads its files' class
headers and sends them up, then parses the candidate modules it is sent and sends them up."""

from __future__ import annotations

import contextlib
import os

from scaffold.commands.fact_cache import FileHeaders, read_file_headers
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.tree import SourceFile, Tree


class Child:
    """A forked reader: headers of its files first, then the infos of the modules it is sent."""

    def __init__(self, pid: int, up: int, down: int):
        self.pid = pid
        self.up = os.fdopen(up, "rb")
        self.down = os.fdopen(down, "wb")
        self.failed = False

    @classmethod
    def start(cls, tree: Tree, files: list[SourceFile]) -> Child:
        import pickle

        up_read, up_write = os.pipe()
        down_read, down_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the caller
            code = 1
            try:
                os.close(up_read)
                os.close(down_write)
                with os.fdopen(up_write, "wb") as up, os.fdopen(down_read, "rb") as down:
                    pickle.dump(read_file_headers(tree, files), up, pickle.HIGHEST_PROTOCOL)
                    up.flush()
                    share: list[str] = pickle.load(down)
                    infos = {module: tree.info(module) for module in share}
                    pickle.dump(infos, up, pickle.HIGHEST_PROTOCOL)
                code = 0
            finally:
                os._exit(code)
        os.close(up_write)
        os.close(down_read)
        return cls(pid, up_read, down_write)

    def headers(self) -> dict[str, FileHeaders] | None:
        import pickle

        try:
            found: dict[str, FileHeaders] = pickle.load(self.up)
        except (EOFError, pickle.UnpicklingError):
            self._end()
            return None
        return found

    def parse(self, share: list[str]) -> None:
        import pickle

        with contextlib.suppress(OSError):  # a child gone is seen in adopt_into
            pickle.dump(share, self.down, pickle.HIGHEST_PROTOCOL)
            self.down.close()

    def adopt_into(self, tree: Tree) -> list[str]:
        """What the child parsed (what a failed child did not send is read when needed)."""
        import pickle

        infos: dict[str, ModuleInfo | None] = {}
        with contextlib.suppress(EOFError, pickle.UnpicklingError):
            infos = pickle.load(self.up)
            tree.adopt(infos)
        self._end()
        return list(infos)

    def _end(self) -> None:
        for stream in (self.up, self.down):
            with contextlib.suppress(OSError):
                stream.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
