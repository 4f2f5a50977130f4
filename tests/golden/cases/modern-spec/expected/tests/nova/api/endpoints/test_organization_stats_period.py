from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APITestCase

from nova.models.organization import Organization


class OrganizationStatsPeriodTest(APITestCase):
    def setUp(self) -> None:
        super().setUp()
        self.user = get_user_model().objects.create_user(username="organizationstatsperiodtest")
        self.client.force_authenticate(self.user)
        # TODO: create the organization the route needs
        self.organization = Organization.objects.create()

    def url(self, *args: object) -> str:
        return reverse("nova-api-0-organization-stats-period", args=args)

    def test_get(self) -> None:
        response = self.client.get(self.url(self.organization.slug, "period"), format="json")
        assert response.status_code == 200, response.content
