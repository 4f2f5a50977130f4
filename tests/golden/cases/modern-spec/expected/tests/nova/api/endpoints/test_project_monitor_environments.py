from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APITestCase

from nova.models.monitor import Monitor, MonitorEnvironment
from nova.models.project import Project


class ProjectMonitorEnvironmentsTest(APITestCase):
    def setUp(self) -> None:
        super().setUp()
        self.user = get_user_model().objects.create_user(username="projectmonitorenvironmentstest")
        self.client.force_authenticate(self.user)
        # TODO: give self.user what TeamPermission requires (else every request is a 403)
        # TODO: create the organization the route needs
        self.organization = None
        # TODO: create the project the route needs
        self.project = Project.objects.create()
        # TODO: create the monitor the route needs
        self.monitor = Monitor.objects.create()
        # TODO: set the fields the model requires
        self.environment = MonitorEnvironment.objects.create(monitor_id=self.monitor.id)

    def url(self, *args: object) -> str:
        return reverse("nova-api-0-monitor-environment", args=args)

    def test_put(self) -> None:
        response = self.client.put(
            self.url(
                self.organization.slug, self.project.slug, self.monitor.slug, self.environment.name
            ),
            format="json",
        )
        assert response.status_code == 200, response.content

    def test_patch(self) -> None:
        response = self.client.patch(
            self.url(
                self.organization.slug, self.project.slug, self.monitor.slug, self.environment.name
            ),
            format="json",
        )
        assert response.status_code == 200, response.content

    def test_missing_environment_is_404(self) -> None:
        response = self.client.put(
            self.url(
                self.organization.slug, self.project.slug, self.monitor.slug, "no-such-environment"
            ),
            format="json",
        )
        assert response.status_code == 404, response.content
