from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APITestCase

from nova.models.team import Team


class TeamWidgetsTest(APITestCase):
    def setUp(self) -> None:
        super().setUp()
        self.user = get_user_model().objects.create_user(username="teamwidgetstest")
        self.client.force_authenticate(self.user)
        # TODO: give self.user what TeamPermission requires (else every request is a 403)
        # TODO: create the organization the route needs
        self.organization = None
        # TODO: create the team the route needs
        self.team = Team.objects.create()

    def url(self, *args: object) -> str:
        return reverse("nova-api-0-team-widgets", args=args)

    def test_get(self) -> None:
        response = self.client.get(self.url(self.organization.slug, self.team.slug), format="json")
        assert response.status_code == 200, response.content

    def test_post(self) -> None:
        response = self.client.post(self.url(self.organization.slug, self.team.slug), format="json")
        assert response.status_code == 201, response.content
