"""API exceptions that map to specific HTTP responses."""

from rest_framework import status
from rest_framework.exceptions import APIException


class ResourceDoesNotExist(APIException):
    """A resource named in the URL does not exist (or is out of scope): HTTP 404."""

    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "The requested resource does not exist."
    default_code = "not_found"
