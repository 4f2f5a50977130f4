from acme.testutils.cases import APITestCase
from acme.testutils.silo import region_silo_test


@region_silo_test
class ProjectWidgetDetailsTest(APITestCase):
    endpoint = "acme-api-0-project-widget-details"

    def setUp(self) -> None:
        super().setUp()
        self.login_as(self.user)
        self.widget = self.create_widget(project=self.project)

    def test_get(self) -> None:
        self.get_success_response(
            self.organization.slug, self.project.slug, self.widget.slug, status_code=200
        )

    def test_put(self) -> None:
        self.get_success_response(
            self.organization.slug,
            self.project.slug,
            self.widget.slug,
            method="put",
            status_code=200,
        )

    def test_delete(self) -> None:
        self.get_success_response(
            self.organization.slug,
            self.project.slug,
            self.widget.slug,
            method="delete",
            status_code=204,
        )

    def test_missing_widget_is_404(self) -> None:
        self.get_error_response(self.organization.slug, self.project.slug, "0", status_code=404)
