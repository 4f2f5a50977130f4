"""Root URL configuration: the API lives under /api/0/."""

from django.urls import include, re_path

urlpatterns = [
    re_path(r"^api/0/", include("acme.api.urls")),
]
