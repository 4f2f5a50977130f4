from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APITestCase

from nova.models.invite import Invite


class InviteDetailsTest(APITestCase):
    def setUp(self) -> None:
        super().setUp()
        self.user = get_user_model().objects.create_user(username="invitedetailstest")
        self.client.force_authenticate(self.user)
        # TODO: set the fields the model requires
        self.invite = Invite.objects.create()

    def url(self, *args: object) -> str:
        return reverse("nova-api-0-invite-details", args=args)

    def test_get(self) -> None:
        response = self.client.get(self.url(self.invite.token), format="json")
        assert response.status_code == 200, response.content

    def test_delete(self) -> None:
        response = self.client.delete(self.url(self.invite.token), format="json")
        assert response.status_code == 204, response.content

    def test_missing_invite_is_404(self) -> None:
        response = self.client.get(self.url("no-such-invite"), format="json")
        assert response.status_code == 404, response.content
