"""The one convert_args flow: what base choice and every check rule read from a class's MRO."""

from __future__ import annotations

import textwrap
from pathlib import Path

from scaffold.pysource.classes import EndpointClass, Resolver
from scaffold.pysource.convert_args import ArgsFlow, class_flow
from scaffold.pysource.modules import read_module
from scaffold.pysource.tree import Tree

ROOT = "shop.api.base.Endpoint"
BASE = """
    from rest_framework.views import APIView


    class Endpoint(APIView):
        def convert_args(self, request, *args, **kwargs):
            return (args, kwargs)
"""
ORGANIZATION = """
    from shop.api.base import Endpoint
    from shop.models.organization import Organization


    class OrganizationEndpoint(Endpoint):
        def convert_args(self, request, *args, **kwargs):
            slug = kwargs.pop("organization_id_or_slug", None) or kwargs.pop("organization_slug")
            kwargs["organization"] = lookup(slug)
            return (args, kwargs)
"""


def endpoint(own: str, dotted: str = "shop.api.bases.own.OwnEndpoint") -> EndpointClass:
    """The class `dotted` of a tree made of the root, an organization base and `own` (in memory)."""
    sources = {
        "shop.api.base": BASE,
        "shop.api.bases.organization": ORGANIZATION,
        "shop.api.bases.own": own,
    }
    tree = Tree(Path("/nowhere"), Path("/nowhere/src"))
    tree.adopt(
        {
            module: read_module(textwrap.dedent(text).encode(), module, f"{module}.py", False)
            for module, text in sources.items()
        }
    )
    found = Resolver(tree, ROOT).endpoint(dotted)
    assert found is not None
    return found


def own_class(body: str, parent: str = "OrganizationEndpoint") -> str:
    return f"""
from typing import TYPE_CHECKING

from shop.api.bases.organization import OrganizationEndpoint
from shop.api.base import Endpoint
from shop.models.widget import Widget

if TYPE_CHECKING:
    from shop.models.gadget import Gadget


class OwnEndpoint({parent}):
    def convert_args(self, request, *args, **kwargs):
{textwrap.indent(textwrap.dedent(body), " " * 8)}
        return (args, kwargs)
"""


def flow_of(body: str, parent: str = "OrganizationEndpoint") -> ArgsFlow:
    flow = class_flow(endpoint(own_class(body, parent)))
    assert flow.complete
    return flow


def test_a_get_reads_and_passes_the_parameter_on() -> None:
    flow = flow_of('x = kwargs.get("x")')
    assert "x" in flow.read and "x" not in flow.consumed
    assert flow.passes_on == {"x"}
    assert flow.groups == (
        frozenset({"organization_id_or_slug", "organization_slug"}),
        frozenset({"x"}),
    )


def test_a_load_passes_the_parameter_on_and_requires_it() -> None:
    flow = flow_of('x = kwargs["x"]')
    assert flow.passes_on == {"x"}
    assert frozenset({"x"}) in flow.required


def test_a_pop_consumes_the_parameter() -> None:
    flow = flow_of('x = kwargs.pop("x")')
    assert "x" in flow.consumed and flow.passes_on == frozenset()
    assert flow.required[0] == {"x"}  # the class's own first, then its parents'


def test_an_or_chain_of_pops_is_one_group_of_alternatives() -> None:
    flow = flow_of('x = kwargs.pop("x_id", None) or kwargs.pop("x_slug")')
    assert flow.groups[-1] == {"x_id", "x_slug"}
    assert frozenset({"x_id", "x_slug"}) in flow.required
    assert flow.consumed >= {"x_id", "x_slug"}


def test_signature_parameters_are_consumed_and_come_before_reads() -> None:
    source = own_class("").replace("request, *args", "request, thing_id, *args")
    source = source.replace("        return (args", '        kwargs.get("y")\n        return (args')
    flow = class_flow(endpoint(source))
    assert flow.complete
    assert flow.groups[1:] == (frozenset({"thing_id"}), frozenset({"y"}))
    assert "thing_id" in flow.consumed and frozenset({"thing_id"}) in flow.required


def test_injected_objects_and_their_types() -> None:
    flow = flow_of("""
        widget = Widget.objects.get(id=kwargs.pop("widget_id"))
        kwargs["widget"] = widget
        gadget: Gadget = widget.gadget
        kwargs["gadget"] = gadget
        """)
    assert flow.injects == ("organization", "widget", "gadget")
    assert flow.injected == {"organization", "widget", "gadget"}
    assert flow.injected_types == {
        "organization": "shop.models.organization.Organization",  # guessed from the imports
        "widget": "shop.models.widget.Widget",  # traced back to the model
        "gadget": "shop.models.gadget.Gadget",  # from the annotation (a TYPE_CHECKING import)
    }


def test_an_object_looked_up_in_a_try_block_gets_its_models_type() -> None:
    """Sentry's app base looks the app up under `try:` (404 on DoesNotExist), then stores it:
    the lookup runs first, though it sits deeper in the tree than the store."""
    flow = flow_of("""
        try:
            shop_widget = Widget.objects.get(slug=kwargs.pop("widget_slug"))
        except Widget.DoesNotExist:
            raise Http404
        kwargs["shop_widget"] = shop_widget
        """)
    assert flow.injected_types["shop_widget"] == "shop.models.widget.Widget"


def test_an_object_stored_from_another_values_attribute_gets_no_type_guessed_by_name() -> None:
    """Sentry's control-silo base stores `organization_context.organization` (an RPC object,
    not the model): its module imports `Organization`, which is no reason to say it is one."""
    source = own_class(
        'context = lookup_context(kwargs.pop("organization_slug"))\n'
        'kwargs["organization_context"] = context\n'
        'kwargs["organization"] = context.organization\n'
        'kwargs["widget"] = Widget.objects.get(id=kwargs.pop("widget_id"))',
        "Endpoint",
    ).replace(
        "from shop.models.widget",
        "from shop.models.organization import Organization\nfrom shop.models.widget",
    )
    flow = class_flow(endpoint(source))
    assert flow.injects == ("organization_context", "organization", "widget")
    assert flow.injected_types == {"widget": "shop.models.widget.Widget"}


def test_an_object_declared_as_a_union_of_types_gets_no_type_guessed_by_name() -> None:
    """Sentry's region-silo user base declares `user: RpcUser | User | None`, then assigns an
    RPC user or `request.user`: the `User` its module imports was written into handlers."""
    source = own_class(
        "widget: Widget | None = None\n"
        'kwargs["widget"] = widget\n'
        "user: RpcUser | User | None = None\n"
        'if kwargs.pop("user_id") == "me":\n'
        "    user = request.user\n"
        "else:\n"
        "    user = user_service.get_user()\n"
        'kwargs["user"] = user',
        "Endpoint",
    ).replace(
        "from shop.models.widget", "from shop.models.user import User\nfrom shop.models.widget"
    )
    flow = class_flow(endpoint(source))
    assert flow.injects == ("widget", "user")
    assert flow.injected_types == {"widget": "shop.models.widget.Widget"}


def test_reading_an_inherited_object_is_neither_passed_on_nor_required() -> None:
    flow = flow_of('kwargs["thing"] = kwargs["organization"].things.get()')
    assert flow.passes_on == frozenset() and flow.required == (
        frozenset({"organization_id_or_slug", "organization_slug"}),
    )


def test_keys_written_out_in_kwargs_update_are_injected() -> None:
    flow = flow_of("""
        widget = Widget.objects.get(id=kwargs.pop("widget_id"))
        kwargs.update({"widget": widget, "owner": request.user}, size=3)
        """)
    assert flow.injects == ("organization", "widget", "owner", "size")
    assert flow.injected_types["widget"] == "shop.models.widget.Widget"
    assert flow.groups[-1] == {"widget_id"}


def test_a_key_kwargs_setdefault_writes_out_is_injected_and_followed() -> None:
    """`kwargs.setdefault("widget", w)` stores the key where the route gave none, as the check
    reads it: generation reads the same, a key injected, not a kwargs rewritten."""
    flow = flow_of("""
        widget = Widget.objects.get(id=kwargs.pop("widget_id"))
        kwargs.setdefault("widget", widget)
        """)
    assert flow.injects == ("organization", "widget")
    assert flow.injected_types["widget"] == "shop.models.widget.Widget"
    assert flow.complete


def test_a_rewritten_kwargs_is_not_followed_by_check_but_still_read_for_base_choice() -> None:
    found = endpoint(own_class('kwargs.update(extra)\nkwargs.pop("x_id")'))
    flow = class_flow(found)
    assert not flow.complete and flow.groups[-1] == {"x_id"}


def test_an_ancestor_outside_the_tree_stops_check_but_not_base_choice() -> None:
    source = own_class('kwargs.pop("x_id")', parent="Mixin, OrganizationEndpoint")
    found = endpoint(
        source.replace(
            "from shop.api.base import", "from elsewhere import Mixin\nfrom shop.api.base import"
        )
    )
    flow = class_flow(found)
    assert not flow.complete and flow.groups[-1] == {"x_id"}


def test_a_known_base_stands_in_when_its_chain_reads_nothing() -> None:
    source = "from shop.api.base import Endpoint\n\n\nclass OwnEndpoint(Endpoint):\n    pass\n"
    known = {"OwnEndpoint": ((frozenset({"own_id"}),), ("own",))}
    flow = class_flow(endpoint(source), known)
    assert (flow.groups, flow.injects) == ((frozenset({"own_id"}),), ("own",))
    assert class_flow(endpoint(source)).groups == ()


def test_an_attribute_of_an_object_made_here_is_not_typed_as_that_objects_class() -> None:
    """`summary = Summary(...)`, then `kwargs["widget"] = summary.widget`: what the attribute
    holds is not a `Summary` (the handler was written `widget: Summary`)."""
    source = own_class(
        'summary = Summary(Widget.objects.get(id=kwargs.pop("widget_id")))\n'
        'kwargs["summary"] = summary\n'
        'kwargs["widget"] = summary.widget\n'
        "found = summary.widget\n"
        'kwargs["found"] = found',
        "Endpoint",
    ).replace(
        "from shop.models.widget", "from shop.api.summary import Summary\nfrom shop.models.widget"
    )
    flow = class_flow(endpoint(source))
    assert flow.injects == ("summary", "widget", "found")
    assert flow.injected_types == {"summary": "shop.api.summary.Summary"}


def test_an_object_a_method_of_the_class_returns_gets_that_methods_return_type() -> None:
    """Sentry's member base stores `self._get_member(...)`, a method of its own declared
    `-> OrganizationMember` (a name the object's is not): the handler takes
    `member: OrganizationMember`, as Sentry's do, not a bare `member`."""
    methods = textwrap.indent(
        textwrap.dedent("""
            def _find_member(self, request, member_id: str) -> Membership | None:
                return Membership.objects.get(id=member_id)

            def _find_thing(self):
                return None
            """),
        "    ",
    )
    source = own_class(
        'kwargs["member"] = self._find_member(request, kwargs.pop("member_id"))\n'
        'kwargs["thing"] = self._find_thing()'
    ).replace(
        "from shop.models.widget",
        "from shop.models.membership import Membership\nfrom shop.models.widget",
    )
    flow = class_flow(endpoint(source + methods))
    assert flow.injects == ("organization", "member", "thing")
    assert flow.injected_types["member"] == "shop.models.membership.Membership"
    assert "thing" not in flow.injected_types  # its method declares nothing
