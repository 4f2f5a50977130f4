from __future__ import absolute_import

from django.contrib.auth import get_user_model
from django.core.urlresolvers import reverse
from rest_framework.test import APITestCase

from oldest.models import Project, Widget


class ProjectWidgetDetailsTest(APITestCase):
    def setUp(self):
        super(ProjectWidgetDetailsTest, self).setUp()
        self.user = get_user_model().objects.create_user(
            username="projectwidgetdetailstest"
        )
        self.client.force_authenticate(self.user)
        # TODO: create the organization the route needs
        self.organization = None
        # TODO: create the project the route needs
        self.project = Project.objects.create()
        # TODO: set the fields the model requires
        self.widget = Widget.objects.create(project_id=self.project.id)

    def url(self, *args):
        return reverse("oldest-api-0-project-widget-details", args=args)

    def test_get(self):
        response = self.client.get(
            self.url(self.organization.slug, self.project.slug, self.widget.slug),
            format="json",
        )
        assert response.status_code == 200, response.content

    def test_delete(self):
        response = self.client.delete(
            self.url(self.organization.slug, self.project.slug, self.widget.slug),
            format="json",
        )
        assert response.status_code == 204, response.content

    def test_missing_widget_is_404(self):
        response = self.client.get(
            self.url(self.organization.slug, self.project.slug, "0"), format="json"
        )
        assert response.status_code == 404, response.content
