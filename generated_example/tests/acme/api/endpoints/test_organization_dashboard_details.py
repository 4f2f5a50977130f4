from acme.testutils.cases import APITestCase
from acme.testutils.silo import region_silo_test


@region_silo_test
class OrganizationDashboardDetailsTest(APITestCase):
    endpoint = "acme-api-0-organization-dashboard-details"

    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.user)
        self.dashboard = self.create_dashboard(organization=self.organization)

    def test_get(self) -> None:
        self.get_success_response(self.organization.slug, self.dashboard.id, status_code=200)

    def test_put(self) -> None:
        self.get_success_response(
            self.organization.slug, self.dashboard.id, method="put", status_code=200
        )

    def test_delete(self) -> None:
        self.get_success_response(
            self.organization.slug, self.dashboard.id, method="delete", status_code=204
        )

    def test_missing_dashboard_is_404(self) -> None:
        self.get_error_response(self.organization.slug, "0", status_code=404)
