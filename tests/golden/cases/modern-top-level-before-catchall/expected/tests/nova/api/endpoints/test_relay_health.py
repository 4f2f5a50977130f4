from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APITestCase


class RelayHealthTest(APITestCase):
    def setUp(self) -> None:
        super().setUp()
        self.user = get_user_model().objects.create_user(username="relayhealthtest")
        self.client.force_authenticate(self.user)

    def url(self, *args: object) -> str:
        return reverse("nova-api-0-relay-health", args=args)

    def test_get(self) -> None:
        response = self.client.get(self.url(), format="json")
        assert response.status_code == 200, response.content
