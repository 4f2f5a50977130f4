"""The Endpoint base class and the silo decorators every endpoint carries."""

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from acme.api.api_owners import ApiOwner
from acme.api.api_publish_status import ApiPublishStatus

ConvertedArgs = tuple[tuple[Any, ...], dict[str, Any]]


class Endpoint(APIView):
    """Base of every API endpoint.

    URL keyword arguments pass through `convert_args`, which subclasses override to turn
    identifiers from the URL into model objects before the method handler runs.
    """

    permission_classes: tuple[type[BasePermission], ...] = (IsAuthenticated,)
    owner: ApiOwner = ApiOwner.UNOWNED
    publish_status: ClassVar[dict[str, ApiPublishStatus]] = {}
    silo_modes: tuple[str, ...] = ()

    def convert_args(self, request: Request, *args: Any, **kwargs: Any) -> ConvertedArgs:
        """Map the URL's arguments to the handler's arguments; the base passes them through."""
        return (args, kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Authenticate, check permissions, convert the URL arguments, then call the handler."""
        self.args = args
        self.kwargs = kwargs
        api_request = self.initialize_request(request, *args, **kwargs)
        self.request = api_request
        self.headers = self.default_response_headers
        try:
            self.initial(api_request, *args, **kwargs)
            handler = self._handler_for(api_request.method or "")
            if handler is None:
                raise MethodNotAllowed(api_request.method)
            args, kwargs = self.convert_args(api_request, *args, **kwargs)
            response = handler(api_request, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 (handle_exception re-raises what it cannot map)
            response = self.handle_exception(exc)
        self.response = self.finalize_response(api_request, response, *self.args, **self.kwargs)
        return self.response

    def _handler_for(self, method: str) -> Callable[..., HttpResponseBase] | None:
        """Return the bound handler for an HTTP method, or None when the endpoint has none."""
        name = method.lower()
        if name not in self.http_method_names:
            return None
        return getattr(self, name, None)


EndpointT = TypeVar("EndpointT", bound=type[Endpoint])


class EndpointSiloLimit:
    """Class decorator recording which silo modes may serve an endpoint."""

    def __init__(self, *modes: str) -> None:
        self.modes = modes

    def __call__(self, endpoint_class: EndpointT) -> EndpointT:
        endpoint_class.silo_modes = self.modes
        return endpoint_class


control_silo_endpoint = EndpointSiloLimit("control")
region_silo_endpoint = EndpointSiloLimit("region")
all_silo_endpoint = EndpointSiloLimit("control", "region")
