"""An `__all__` a module builds from literals, statement by statement (`+=`, `.append`,
`.extend`, `[...] + [...]`), is what a star import of it binds, as Python decides: the later
star module's base is taken where its `__all__` ends up listing it, and left out where not.
Each case is judged by Python itself (`python_binds`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_star_exports import python_binds
from tests.check.test_star_order import ROUTE, _bases, _found

# organization.py's OrganizationEndpoint gives `organization`; legacy.py, star-imported
# after it, defines another that does not: whichever the package binds decides the finding
LATER_LEGACY = "from .organization import *\nfrom .legacy import *\n"
START = '__all__ = ["LegacyEndpoint"]\n'
LISTED = [
    START + '__all__ += ["OrganizationEndpoint"]',
    START + '__all__ += ("OrganizationEndpoint",)',
    START + '__all__.append("OrganizationEndpoint")',
    START + '__all__.extend(["OrganizationEndpoint"])',
    '__all__ = ["LegacyEndpoint"] + ["OrganizationEndpoint"]',
    '__all__: tuple = ("LegacyEndpoint",) + ("OrganizationEndpoint",)',
    START + '__all__ = __all__ + ["OrganizationEndpoint"]',
]
NOT_LISTED = [
    START + '__all__ += ["Endpoint"]',
    START + '__all__.append("Endpoint")\n__all__.extend(("LegacyEndpoint",))',
    '__all__ = ["LegacyEndpoint"] + ["Endpoint"]',
]
IDS_LISTED = ["iadd", "iadd-tuple", "append", "extend", "concatenated", "tuples", "self-added"]


@pytest.mark.parametrize("legacy_all", LISTED, ids=IDS_LISTED)
def test_a_base_the_built_all_lists_is_the_one_bound(tmp_path: Path, legacy_all: str) -> None:
    result = _bases(tmp_path, LATER_LEGACY, legacy_all)
    assert python_binds(tmp_path / "p", "shop.api.bases", "OrganizationEndpoint") == (
        "shop.api.bases.legacy"
    )
    assert (set(_found(result)), result.unresolved) == ({("param-mismatch", ROUTE)}, [])


@pytest.mark.parametrize("legacy_all", NOT_LISTED, ids=["iadd", "append-extend", "concatenated"])
def test_a_base_the_built_all_leaves_out_is_not_bound(tmp_path: Path, legacy_all: str) -> None:
    result = _bases(tmp_path, LATER_LEGACY, legacy_all)
    assert python_binds(tmp_path / "p", "shop.api.bases", "OrganizationEndpoint") == (
        "shop.api.bases.organization"
    )
    assert (result.problems, result.unresolved) == ([], [])


@pytest.mark.parametrize(
    "legacy_all",
    [  # Python raises on the first two (TypeError, AttributeError); the others run code
        '__all__ = ("LegacyEndpoint",)\n__all__ += ["OrganizationEndpoint"]',
        '__all__ = ("LegacyEndpoint",)\n__all__.append("OrganizationEndpoint")',
        START + "if True:\n    __all__.append('OrganizationEndpoint')",
        START + "__all__.extend(sorted(['OrganizationEndpoint']))",
    ],
    ids=["tuple-iadd-list", "tuple-append", "under-if", "extend-by-code"],
)
def test_an_all_not_built_from_literals_is_not_guessed(tmp_path: Path, legacy_all: str) -> None:
    result = _bases(tmp_path, LATER_LEGACY, legacy_all)
    assert result.problems == []
    assert [u.what for u in result.unresolved] == ["OrganizationWidgetsEndpoint"]
