"""Silo test decorators: mark a test class with the silo modes its endpoint is served in, and
check that the endpoint it names is one those modes serve."""

from typing import TypeVar

from django.urls import get_resolver

T = TypeVar("T", bound=type)


class SiloModeTest:
    """`@region_silo_test` on a test class: adds a test that the endpoint's silo fits."""

    def __init__(self, *modes: str) -> None:
        self.modes = modes

    def __call__(self, test_class: T) -> T:
        modes = self.modes

        def test_endpoint_is_served_in_this_silo(self) -> None:  # type: ignore[no-untyped-def]
            url_name = getattr(type(self), "endpoint", None)  # the case class's: a property
            if not isinstance(url_name, str):  # a route without a name (its path written out)
                self.skipTest("the route has no URL name to find its endpoint by")
            view = _view_named(url_name)
            assert set(modes) <= set(view.silo_modes), (view.__name__, view.silo_modes, modes)

        test_class.silo_modes = modes  # type: ignore[attr-defined]
        test_class.test_endpoint_is_served_in_this_silo = test_endpoint_is_served_in_this_silo  # type: ignore[attr-defined]
        return test_class


def _view_named(url_name: str) -> type:
    """The endpoint class a URL name stands for, found in the project's URL configuration."""
    pending = [get_resolver()]
    while pending:
        resolver = pending.pop()
        for entry in resolver.url_patterns:
            if hasattr(entry, "url_patterns"):
                pending.append(entry)
            elif entry.name == url_name:
                return entry.callback.view_class
    raise LookupError(f"no route is named {url_name!r}")


control_silo_test = SiloModeTest("control")
region_silo_test = SiloModeTest("region")
all_silo_test = SiloModeTest("control", "region")
