"""How publicly each endpoint method is documented and supported."""

from enum import Enum


class ApiPublishStatus(Enum):
    """Publication level of one HTTP method of an endpoint."""

    UNKNOWN = "unknown"
    PUBLIC = "public"
    PRIVATE = "private"
    EXPERIMENTAL = "experimental"
