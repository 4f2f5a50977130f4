"""Properties over random valid resources, against the example project (in memory, no writes)."""

from __future__ import annotations

import ast
import re
from functools import cache

import black
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scaffold.errors import ConflictError
from scaffold.generate.render import render_endpoint
from scaffold.generate.resolve import resolve
from scaffold.naming import class_name_for
from scaffold.project.catalog import Catalog
from scaffold.project.settings import Settings, load_settings
from scaffold.spec import ResourceSpec, resource_from_flags
from scaffold.urls.add import Registration, UrlsFile
from tests.helpers import EXAMPLE

MODE = black.Mode(line_length=100)
WORDS = ["Widget", "Gadget", "Stats", "Alert", "Item", "Report", "Api", "V2", "Key", "Sso"]
SCOPES = {
    "": (),
    "organizations/{organization_id_or_slug}/": ("Organization",),
    "projects/{organization_id_or_slug}/{project_id_or_slug}/": ("Project",),
}


@cache
def example() -> tuple[Settings, Catalog, str]:
    settings = load_settings(EXAMPLE)
    return settings, Catalog(settings), settings.urls_path.read_text()


@st.composite
def resources(draw: st.DrawFn) -> ResourceSpec:
    scope = draw(st.sampled_from(sorted(SCOPES)))
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
    literal = "/".join(w.lower() for w in words) + "/"
    name = "".join((*SCOPES[scope], *words))
    raw: dict[str, object] = {
        "name": draw(st.sampled_from([name, name + "Endpoint"])),
        "route": scope + literal,
        "methods": draw(
            st.lists(
                st.sampled_from(["get", "post", "put", "patch", "delete"]),
                min_size=1,
                max_size=5,
                unique=True,
            )
        ),
    }
    if draw(st.booleans()):  # a nested object looked up by id, or id-or-slug
        param = draw(st.sampled_from(["thing_id", "thing_id_or_slug", "thing_slug"]))
        raw["route"] = f"{raw['route']}{{{param}}}/"
        raw["name"] = f"{name}Details"
        # scoped by its parent's id: a widget by its project; under an organization, a
        # widget has no organization_id to be scoped by, so it is looked up unscoped there
        lookup: dict[str, object] = {"model": "acme.models.widget.Widget"}
        if scope.startswith("organizations/"):
            lookup["parent"] = None
        raw["lookups"] = {param: lookup}
    if draw(st.booleans()):
        raw["description"] = draw(st.text(max_size=40))
    return resource_from_flags(raw)


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(resources())
def test_a_generated_module_parses_and_is_black_stable(spec: ResourceSpec) -> None:
    project, catalog, _ = example()
    source = render_endpoint(resolve(spec, project, catalog), project)
    tree = ast.parse(source)
    assert black.format_str(source, mode=MODE) == source
    classes = [node for node in tree.body if isinstance(node, ast.ClassDef)]
    assert [c.name for c in classes] == [class_name_for(spec.class_name)]
    handlers = {f.name for f in classes[0].body if isinstance(f, ast.FunctionDef)}
    assert set(spec.methods) <= handlers


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(resources(), min_size=1, max_size=4, unique_by=lambda r: r.route.text))
def test_registering_keeps_urls_py_valid_and_registers_each_class_once(
    specs: list[ResourceSpec],
) -> None:
    _, _, original = example()
    specs = list({spec.class_name: spec for spec in specs}.values())
    assume(all(f" {spec.class_name}\n" not in original for spec in specs))  # new classes only
    urls = UrlsFile(original, "urls.py", "acme", "acme.api.urls", 100)
    registrations = [
        Registration(s.class_name, f"acme.api.endpoints.{s.class_name.lower()}", s.route, None)
        for s in specs
    ]
    for registration in registrations:
        urls.add(registration)
    patched = urls.code()

    ast.parse(patched)
    assert black.format_str(patched, mode=MODE) == patched
    remaining = iter(patched.splitlines())
    assert all(any(line == new for new in remaining) for line in original.splitlines())
    again = UrlsFile(patched, "urls.py", "acme", "acme.api.urls", 100)
    for registration in registrations:
        uses = re.findall(rf"(?<![\w.]){registration.class_name}\.as_view\(\)", patched)
        assert len(uses) == 1
        assert again.is_registered(registration.class_name)
        with pytest.raises(ConflictError):
            again.add(registration)
