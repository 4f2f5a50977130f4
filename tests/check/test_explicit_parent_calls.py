"""An explicit `Base.convert_args(self, request, ...)` in an override runs what the calling
module binds `Base` to, followed as the class resolver follows it (imports, aliases, star
imports): another class of that name, not in the MRO, is not taken for the MRO's; an alias of
an MRO class is followed. Each case is judged by a real request."""

from __future__ import annotations

from pathlib import Path

from tests.check.served import check_tree, served_tree, status_of
from tests.check.test_last_binding import URLS

# a class of the same name as the MRO's base, elsewhere: it hands the handlers `org`
LEGACY = """
from shop.api.base import Endpoint


class OrganizationEndpoint(Endpoint):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        kwargs["org"] = organization_id_or_slug
        return (args, kwargs)
"""

CALLS_LEGACY = """
from shop.api.base import answer
from shop.api.bases import organization
from shop.api.bases.legacy import OrganizationEndpoint


class GadgetEndpoint(organization.OrganizationEndpoint):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        return OrganizationEndpoint.convert_args(
            self, request, organization_id_or_slug, *args, **kwargs
        )

    def get(self, request, org, gadget_id):
        return answer()
"""

CALLS_ALIAS = """
from shop.api.base import answer
from shop.api.bases.organization import OrganizationEndpoint as OrgBase


class GadgetEndpoint(OrgBase):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        return OrgBase.convert_args(self, request, organization_id_or_slug, *args, **kwargs)

    def get(self, request, organization):
        return answer()
"""


def _served(tmp_path: Path, gadgets: str) -> Path:
    files = {
        "api/urls.py": URLS,
        "api/bases/legacy.py": LEGACY,
        "api/endpoints/gadgets.py": gadgets,
    }
    return served_tree(tmp_path, files)


def test_a_class_of_the_same_name_outside_the_mro_is_not_taken_for_the_base(
    tmp_path: Path,
) -> None:
    root = _served(tmp_path, CALLS_LEGACY)
    assert status_of(root, "/acme/gadgets/7/") == 200  # legacy's convert_args ran: `org`
    result = check_tree(root)
    assert result.problems == []
    assert [u.why for u in result.unresolved] == [
        "calls convert_args of OrganizationEndpoint, a class not in the MRO (line 8)"
    ]


def test_an_alias_of_a_class_of_the_mro_is_followed(tmp_path: Path) -> None:
    root = _served(tmp_path, CALLS_ALIAS)
    assert status_of(root, "/acme/gadgets/7/") == 500  # get() is handed gadget_id
    result = check_tree(root)
    assert [p.message.partition(": ")[2] for p in result.problems] == [
        "get() does not accept 'gadget_id' (add it or **kwargs)"
    ]
