"""Render endpoint modules now, or in a forked child while the caller patches urls.py."""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable

from scaffold.errors import ScaffoldError
from scaffold.render import render_endpoint
from scaffold.resolve import ResolvedEndpoint
from scaffold.settings import Settings


def start_rendering(
    endpoints: list[ResolvedEndpoint], settings: Settings, *, parallel: bool
) -> Callable[[], list[str]]:
    """Start rendering; the returned function gives the module texts (or raises the error).

    A child is forked only where it saves time: on POSIX, with two or more CPUs, and while
    black (the slow import) is not loaded yet in this process.
    """
    use_child = (
        parallel
        and endpoints
        and hasattr(os, "fork")
        and (os.cpu_count() or 1) > 1
        and "black" not in sys.modules
    )
    if not use_child:
        texts = [render_endpoint(endpoint, settings) for endpoint in endpoints]
        return lambda: texts
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: render, send the result, leave without running any cleanup
        os.close(read_fd)
        payload: tuple[str, object]
        try:
            payload = ("ok", [render_endpoint(endpoint, settings) for endpoint in endpoints])
        except ScaffoldError as exc:
            payload = ("error", exc)
        except BaseException:  # noqa: BLE001 - a bug: carry its traceback to the parent
            payload = ("bug", traceback.format_exc())
        with os.fdopen(write_fd, "wb") as pipe:
            pickle.dump(payload, pipe)
        os._exit(0)
    os.close(write_fd)
    result: list[list[str]] = []

    def collect() -> list[str]:
        if not result:
            with os.fdopen(read_fd, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            if not data:
                raise RuntimeError("the rendering process died without an answer")
            kind, value = pickle.loads(data)
            if kind == "error":
                raise value
            if kind == "bug":
                raise RuntimeError(f"rendering failed in the worker process:\n{value}")
            result.append(value)
        return result[0]

    return collect
