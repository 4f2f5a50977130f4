"""The test module on a tree whose case class offers `get_valid_response` and `get_response`
(Sentry's of 2019-2020) but not the success/error pair: it is written in that idiom."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.pysource.test_idiom import Requests, read_test_idiom
from tests.helpers import EXAMPLE, FIXTURES, copy_project, fixtures_module, pytest_in, run_cli

# a case class in the 2019 shape, in our own words: the route is named once by `endpoint`,
# `get_response` sends the request (`method=` overrides the class's), `get_valid_response`
# asserts the status it is given (200 unless `status_code=` says otherwise)
PAIR_CASES = """\
from django.urls import reverse
from rest_framework.test import APITestCase as BaseAPITestCase

from {package}.testutils.fixtures import Fixtures


class BaseTestCase(Fixtures):
    def login_as(self, user):
        self.client.force_login(user)


class APITestCase(BaseTestCase, BaseAPITestCase):
    endpoint = None
    method = "get"

    def get_response(self, *args, **params):
        verb = params.pop("method", self.method)
        url = reverse(self.endpoint, args=args)
        return getattr(self.client, verb)(url, data=params or None, format="json")

    def get_valid_response(self, *args, **params):
        expected = params.pop("status_code", 200)
        response = self.get_response(*args, **params)
        assert response.status_code == expected, response.content
        return response
"""


def _with_pair_utilities(project: Path, cases: str = PAIR_CASES) -> Path:
    utils = project / "src/oldco/testutils"
    utils.mkdir()
    (utils / "__init__.py").write_text("")
    (utils / "cases.py").write_text(cases.format(package="oldco"))
    (utils / "fixtures.py").write_text(fixtures_module("(object)"))
    return utils


def test_the_valid_response_pair_is_read_from_the_case_class(tmp_path: Path) -> None:
    utils = _with_pair_utilities(copy_project(FIXTURES / "legacy", tmp_path / "legacy"))
    idiom = read_test_idiom(utils, "oldco.testutils")
    assert idiom is not None and idiom.requests is Requests.VALID_RESPONSE


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('params.pop("status_code", 200)', "200"),  # asserts a status it takes from no one
        ('params.pop("method", self.method)', "self.method"),  # one method for every test
        ("    endpoint = None\n", ""),  # no route named once
    ],
)
def test_without_all_of_the_pair_the_test_keeps_the_client(
    tmp_path: Path, old: str, new: str
) -> None:
    assert old in PAIR_CASES
    project = copy_project(FIXTURES / "legacy", tmp_path / "legacy")
    utils = _with_pair_utilities(project, PAIR_CASES.replace(old, new))
    idiom = read_test_idiom(utils, "oldco.testutils")
    assert idiom is not None and idiom.requests is Requests.CLIENT


EXPECTED_DETAILS_TEST = """\
from __future__ import absolute_import

from oldco.models import Project, Widget
from oldco.testutils.cases import APITestCase


class ProjectWidgetDetailsTest(APITestCase):
    endpoint = "oldco-api-0-project-widget-details"
    method = "put"

    def setUp(self):
        super(ProjectWidgetDetailsTest, self).setUp()
        self.login_as(self.user)
        # TODO: create the project the route needs
        self.project = Project.objects.create()
        # TODO: set the fields the model requires
        self.widget = Widget.objects.create(project_id=self.project.id)

    def test_put(self):
        self.get_valid_response(
            self.organization.slug, self.project.slug, self.widget.id, status_code=200
        )

    def test_delete(self):
        self.get_valid_response(
            self.organization.slug,
            self.project.slug,
            self.widget.id,
            method="delete",
            status_code=204,
        )

    def test_missing_widget_is_404(self):
        response = self.get_response(self.organization.slug, self.project.slug, "0")
        assert response.status_code == 404, response.content
"""


def test_the_test_module_is_written_with_the_pair(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(FIXTURES / "legacy", tmp_path / "legacy")
    _with_pair_utilities(project)
    argv = (
        *("new-endpoint", "ProjectWidgetDetails", "--methods", "put,delete"),
        *("--route", "projects/{organization_slug}/{project_slug}/widgets/{widget_id}/"),
        *("--lookup", "widget_id=oldco.models.Widget", "--project", str(project)),
    )
    assert run_cli(capsys, *argv).code == 0
    text = (project / "tests/oldco/api/endpoints/test_project_widget_details.py").read_text()
    assert text == EXPECTED_DETAILS_TEST


def test_the_tests_written_with_the_pair_pass_on_a_real_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example project given the 2019 case class instead of its own, every endpoint of its
    spec written again with its test: Django, DRF and SQLite run those tests, and they pass."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    cases = project / "src/acme/testutils/cases.py"
    cases.write_text(PAIR_CASES.format(package="acme"))
    tests = project / "tests/acme/api/endpoints"
    for test in tests.glob("test_*.py"):  # the module and its test, written again below
        test.unlink()
        (project / "src/acme/api/endpoints" / test.name.removeprefix("test_")).unlink()
    argv = ("generate", str(project / "spec.yaml"), "--project", str(project))
    assert run_cli(capsys, *argv).code == 0
    written = sorted(tests.glob("test_*.py"))
    assert len(written) == 6
    assert written and all("get_valid_response(" in path.read_text() for path in written)
    assert all("get_success_response" not in path.read_text() for path in written)
    done = pytest_in(project / "src", str(tests))
    assert done.returncode == 0, done.stdout + done.stderr
