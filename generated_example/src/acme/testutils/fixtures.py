"""Fixtures every acme test case has: a signed-up user, an organization it belongs to, a
project in it, and factories for the objects below them."""

from functools import cached_property
from itertools import count

from django.contrib.auth.models import User

from acme.models import (
    Broadcast,
    Dashboard,
    Organization,
    OrganizationMember,
    Project,
    Widget,
    WidgetRevision,
)

_numbers = count(1)


def _unique(prefix: str) -> str:
    return f"{prefix}-{next(_numbers)}"


class Fixtures:
    """Lazily created objects (`self.organization`) and `create_*` factories."""

    @cached_property
    def user(self) -> User:
        return self.create_user()

    @cached_property
    def organization(self) -> Organization:
        return self.create_organization(owner=self.user)

    @cached_property
    def project(self) -> Project:
        return self.create_project(organization=self.organization)

    def create_user(self, username: str | None = None) -> User:
        return User.objects.create_user(username=username or _unique("user"))

    def create_organization(self, owner: User | None = None, slug: str | None = None) -> Organization:
        slug = slug or _unique("org")
        organization = Organization.objects.create(slug=slug, name=slug.title())
        if owner is not None:
            OrganizationMember.objects.create(organization=organization, user=owner)
        return organization

    def create_project(
        self, organization: Organization | None = None, slug: str | None = None
    ) -> Project:
        slug = slug or _unique("project")
        return Project.objects.create(
            organization=organization or self.organization, slug=slug, name=slug.title()
        )

    def create_dashboard(self, organization: Organization | None = None) -> Dashboard:
        return Dashboard.objects.create(
            organization=organization or self.organization, title=_unique("Dashboard")
        )

    def create_widget(self, project: Project | None = None, slug: str | None = None) -> Widget:
        slug = slug or _unique("widget")
        return Widget.objects.create(project=project or self.project, slug=slug, title=slug)

    def create_revision(self, widget: Widget | None = None) -> WidgetRevision:
        widget = widget or self.create_widget()
        number = WidgetRevision.objects.filter(widget=widget).count() + 1
        return WidgetRevision.objects.create(widget=widget, number=number, body="{}")

    def create_broadcast(self) -> Broadcast:
        return Broadcast.objects.create(title=_unique("Broadcast"), message="Hello")
