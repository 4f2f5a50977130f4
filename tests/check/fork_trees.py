"""A fork in commonlims' shape: a second API package `lab` beside `shop`, included from shop's
urls.py, whose endpoints inherit shop's `Endpoint` (lab/api/ has no base.py of its own)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.check.trees import URLS, write_tree

SHOP_URLS = URLS.replace(
    'urlpatterns = [\n    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n',
    'urlpatterns = [\n    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n'
    '    re_path(r"^lab/", include("lab.api.urls")),\n',
)

SAMPLE_BASE = """
from shop.api.base import Endpoint


class SampleBaseEndpoint(Endpoint):
    def convert_args(self, request, sample_id, *args, **kwargs):
        kwargs["sample"] = sample_id
        return (args, kwargs)
"""

SAMPLES = """
from lab.api.bases.sample import SampleBaseEndpoint
from shop.api.bases.organization import OrganizationEndpoint


class SamplesEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.LAB"
    publish_status = {"GET": "PRIVATE"}

    def get(self, request, organization):
        return None


class SampleDetailsEndpoint(SampleBaseEndpoint):
    owner = "ApiOwner.LAB"
    publish_status = {"GET": "PRIVATE"}

    def get(self, request, sample):
        return None
"""

LAB_URLS = """
from django.urls import re_path

from .endpoints.samples import SampleDetailsEndpoint, SamplesEndpoint

urlpatterns = [
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/samples/$",
        SamplesEndpoint.as_view(),
        name="lab-api-0-samples",
    ),
    re_path(
        r"^samples/(?P<sample_id>[^/]+)/$",
        SampleDetailsEndpoint.as_view(),
        name="lab-api-0-sample-details",
    ),
]
"""

LAB_FILES = {
    "__init__.py": "",
    "api/__init__.py": "",
    "api/bases/__init__.py": "",
    "api/bases/sample.py": SAMPLE_BASE,
    "api/endpoints/__init__.py": "",
    "api/endpoints/samples.py": SAMPLES,
    "api/urls.py": LAB_URLS,
}


def write_fork(
    root: Path,
    package: str | None = "lab",
    lab: dict[str, str] | None = None,
    shop: dict[str, str] | None = None,
    table: str = "",
) -> Path:
    """shop (with its urls.py including lab.api.urls) and lab, plus `lab` and `shop` files
    (relative to src/lab/ and src/shop/; an empty text deletes the file) and pyproject.toml
    naming `package` (none when None) with the extra [tool.scaffold] lines `table`."""
    write_tree(root, {"api/urls.py": SHOP_URLS, **(shop or {})})
    for relpath, text in {**LAB_FILES, **(lab or {})}.items():
        path = root / "src" / "lab" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if text or relpath.endswith("__init__.py"):
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        elif path.exists():
            path.unlink()
    lines = [f'package = "{package}"\n'] if package else []
    (root / "pyproject.toml").write_text("[tool.scaffold]\n" + "".join(lines) + table)
    return root
