from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APITestCase

from nova.models.monitor import Monitor, MonitorCheckIn
from nova.models.project import Project


class ProjectMonitorCheckinDetailsTest(APITestCase):
    def setUp(self) -> None:
        super().setUp()
        self.user = get_user_model().objects.create_user(
            username="projectmonitorcheckindetailstest"
        )
        self.client.force_authenticate(self.user)
        # TODO: create the organization the route needs
        self.organization = None
        # TODO: create the project the route needs
        self.project = Project.objects.create()
        # TODO: create the monitor the route needs
        self.monitor = Monitor.objects.create()
        # TODO: create the checkin the route needs
        self.checkin = MonitorCheckIn.objects.create()

    def url(self, *args: object) -> str:
        return reverse("nova-api-0-project-monitor-checkin-details", args=args)

    def test_get(self) -> None:
        response = self.client.get(
            self.url(self.organization.slug, self.project.slug, self.monitor.slug, self.checkin.id),
            format="json",
        )
        assert response.status_code == 200, response.content

    def test_delete(self) -> None:
        response = self.client.delete(
            self.url(self.organization.slug, self.project.slug, self.monitor.slug, self.checkin.id),
            format="json",
        )
        assert response.status_code == 204, response.content
