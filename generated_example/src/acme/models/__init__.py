"""The acme data model, re-exported from one module per model family."""

from acme.models.broadcast import Broadcast
from acme.models.dashboard import Dashboard
from acme.models.organization import Organization, OrganizationMember
from acme.models.project import Project
from acme.models.widget import Widget, WidgetRevision

__all__ = [
    "Broadcast",
    "Dashboard",
    "Organization",
    "OrganizationMember",
    "Project",
    "Widget",
    "WidgetRevision",
]
