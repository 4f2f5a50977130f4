"""Test cases for acme's API: name the route once (`endpoint`), then ask for responses.

    class ProjectWidgetsTest(APITestCase):
        endpoint = "acme-api-0-project-widgets"

        def test_get(self) -> None:
            self.login_as(self.user)
            self.get_success_response(self.organization.slug, self.project.slug)
"""

from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse
from rest_framework.response import Response
from rest_framework.test import APITestCase as BaseAPITestCase

from acme.testutils.fixtures import Fixtures

_SUCCESS = {"get": 200, "put": 200, "patch": 200, "post": 201, "delete": 204}


class BaseTestCase(Fixtures):
    """Fixtures, and signing in as a user."""

    def login_as(self, user: User) -> None:
        self.client.force_login(user)


class APITestCase(BaseTestCase, BaseAPITestCase):
    """One test class per endpoint: set `endpoint` (the URL name) and, when it is not GET,
    `method`; route arguments are passed positionally, in the route's order."""

    method = "get"

    @property
    def endpoint(self) -> str:
        raise NotImplementedError(f"set `endpoint` on {type(self).__name__}")

    def get_response(self, *args: Any, **params: Any) -> Response:
        """Send the request: `method=` overrides the class's method; other params are the
        JSON body (or the query string of a GET)."""
        method = params.pop("method", self.method).lower()
        url = reverse(self.endpoint, args=args)
        return getattr(self.client, method)(url, data=params or None, format="json")

    def get_success_response(self, *args: Any, **params: Any) -> Response:
        """The response, asserting `status_code` (default: the usual success of the method)."""
        method = params.get("method", self.method).lower()
        status_code = params.pop("status_code", _SUCCESS.get(method, 200))
        if status_code >= 400:
            raise ValueError("status_code must be < 400; use get_error_response")
        response = self.get_response(*args, **params)
        assert response.status_code == status_code, (response.status_code, response.content)
        return response

    def get_error_response(self, *args: Any, **params: Any) -> Response:
        """The response, asserting `status_code` (default: any error status)."""
        status_code = params.pop("status_code", None)
        response = self.get_response(*args, **params)
        if status_code is None:
            assert response.status_code >= 400, (response.status_code, response.content)
        else:
            assert response.status_code == status_code, (response.status_code, response.content)
        return response
