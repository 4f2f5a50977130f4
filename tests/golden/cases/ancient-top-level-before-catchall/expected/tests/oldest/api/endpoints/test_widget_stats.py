from __future__ import absolute_import

from django.contrib.auth import get_user_model
from django.core.urlresolvers import reverse
from rest_framework.test import APITestCase


class WidgetStatsTest(APITestCase):
    def setUp(self):
        super(WidgetStatsTest, self).setUp()
        self.user = get_user_model().objects.create_user(username="widgetstatstest")
        self.client.force_authenticate(self.user)

    def url(self, *args):
        return reverse("oldest-api-0-widget-stats", args=args)

    def test_get(self):
        response = self.client.get(self.url(), format="json")
        assert response.status_code == 200, response.content
