from __future__ import absolute_import

from django.contrib.auth import get_user_model
from django.urls import reverse
from rest_framework.test import APITestCase

from midco.models import Organization


class OrganizationWidgetsTest(APITestCase):
    def setUp(self):
        super(OrganizationWidgetsTest, self).setUp()
        self.user = get_user_model().objects.create_user(username="organizationwidgetstest")
        self.client.force_authenticate(self.user)
        # TODO: create the organization the route needs
        self.organization = Organization.objects.create()

    def url(self, *args):
        return reverse("midco-api-0-organization-widgets", args=args)

    def test_get(self):
        response = self.client.get(self.url(self.organization.slug), format="json")
        assert response.status_code == 200, response.content

    def test_post(self):
        response = self.client.post(self.url(self.organization.slug), format="json")
        assert response.status_code == 201, response.content
