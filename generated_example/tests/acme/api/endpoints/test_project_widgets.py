from acme.testutils.cases import APITestCase
from acme.testutils.silo import region_silo_test


@region_silo_test
class ProjectWidgetsTest(APITestCase):
    endpoint = "acme-api-0-project-widgets"

    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.user)

    def test_get(self) -> None:
        self.get_success_response(self.organization.slug, self.project.slug, status_code=200)

    def test_post(self) -> None:
        self.get_success_response(
            self.organization.slug, self.project.slug, method="post", status_code=201
        )
