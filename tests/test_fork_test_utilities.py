"""A fork's second API package keeps no test utilities of its own (commonlims: `clims` has a
`testutils.py` of unit-test helpers, the API test cases are Sentry's): the test module of an
endpoint added to it is written with the root package's, as its bases come from there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.fork_trees import write_fork
from tests.helpers import fixtures_module, run_cli

CASES = """\
from shop.testutils.fixtures import Fixtures


class APITestCase(Fixtures):
    def login_as(self, user):
        self.client.force_login(user)
"""
FIXTURES = fixtures_module()
SHOP_UTILITIES = {
    "testutils/__init__.py": "",
    "testutils/cases.py": CASES,
    "testutils/fixtures.py": FIXTURES,
}
ROUTE = ("OrganizationPlates", "--route", "organizations/{organization_id_or_slug}/plates/")
TEST_MODULE = "tests/lab/api/endpoints/test_organization_plates.py"


def test_the_second_package_uses_the_root_packages_test_utilities(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_fork(tmp_path, "shop", shop=SHOP_UTILITIES)
    (root / "src/lab/testutils.py").write_text(
        "import unittest\n\n\nclass UnitTestCase:\n    pass\n"
    )
    made = run_cli(capsys, "new-endpoint", *ROUTE, "--project", str(root), "--package", "lab")
    assert made.code == 0, made.err
    text = (root / TEST_MODULE).read_text()
    assert "from shop.testutils.cases import APITestCase" in text
    assert "self.login_as(self.user)" in text
    assert "TODO" not in text and "force_authenticate" not in text


def test_the_second_packages_own_test_utilities_come_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lab = {path: text.replace("shop.", "lab.") for path, text in SHOP_UTILITIES.items()}
    root = write_fork(tmp_path, "shop", shop=SHOP_UTILITIES, lab=lab)
    made = run_cli(capsys, "new-endpoint", *ROUTE, "--project", str(root), "--package", "lab")
    assert made.code == 0, made.err
    assert "from lab.testutils.cases import APITestCase" in (root / TEST_MODULE).read_text()
