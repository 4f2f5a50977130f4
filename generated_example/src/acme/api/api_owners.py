"""The teams that can own an API endpoint."""

from enum import Enum


class ApiOwner(Enum):
    """Owning team of an endpoint; every endpoint declares one."""

    UNOWNED = "unowned"
    ISSUES = "issues"
    ECOSYSTEM = "ecosystem"
    TELEMETRY = "telemetry"
