"""The whole-tree read split over two processes: a CI runner has two cores or more.

A forked child reads every other file's class headers and sends them up; the parent merges them
with its own, finds the candidate modules and sends the child its share to parse, then walks the
routes and parses the rest meanwhile. If the child fails, or fork is missing, the parent does all.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable

from scaffold.check.scan import reachable_modules, read_headers
from scaffold.check.tree import SourceFile, Tree

_FORK_FROM = 256  # files; below that a fork costs more than it saves


def read_tree(tree: Tree, files: list[SourceFile], meanwhile: Callable[[], None]) -> list[str]:
    """The candidate modules, each read into the tree; `meanwhile` runs here in parallel."""
    if len(files) >= _FORK_FROM and hasattr(os, "fork"):
        candidates = _read_in_two_processes(tree, files, meanwhile)
        if candidates is not None:
            return candidates
    candidates = reachable_modules([read_headers(tree, files)])
    meanwhile()
    return candidates


def _read_in_two_processes(
    tree: Tree, files: list[SourceFile], meanwhile: Callable[[], None]
) -> list[str] | None:
    import pickle  # here: a one-file check never forks

    theirs, ours = files[::2], files[1::2]
    up_read, up_write = os.pipe()
    down_read, down_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: leaves with os._exit, never through the caller's code
        code = 1
        try:
            os.close(up_read)
            os.close(down_write)
            with os.fdopen(up_write, "wb") as up, os.fdopen(down_read, "rb") as down:
                pickle.dump(read_headers(tree, theirs), up, pickle.HIGHEST_PROTOCOL)
                up.flush()
                share: list[str] = pickle.load(down)
                infos = {module: tree.info(module) for module in share}
                pickle.dump(infos, up, pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(up_write)
    os.close(down_read)
    with os.fdopen(up_read, "rb") as up, os.fdopen(down_write, "wb") as down:
        mine = read_headers(tree, ours)
        try:
            candidates = reachable_modules([mine, pickle.load(up)])
        except (EOFError, pickle.UnpicklingError):
            os.waitpid(pid, 0)
            return None
        theirs_modules = {source.module for source in theirs}
        # the child's files, and one in five of ours: reading urls.py happens here meanwhile
        share = [m for i, m in enumerate(candidates) if m in theirs_modules or i % 5 == 0]
        with contextlib.suppress(OSError):  # a child gone is seen below
            pickle.dump(share, down, pickle.HIGHEST_PROTOCOL)
            down.close()
        meanwhile()
        shared = set(share)
        for module in candidates:
            if module not in shared:
                tree.info(module)
        with contextlib.suppress(EOFError, pickle.UnpicklingError):
            tree.adopt(pickle.load(up))  # what a failed child did not send is read when needed
    os.waitpid(pid, 0)
    return candidates
