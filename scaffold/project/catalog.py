"""The endpoint base classes of the target, read statically, and the choice of base for a route."""

from __future__ import annotations

from collections import Counter

from scaffold.errors import did_you_mean
from scaffold.project.base_names import name_words, silo_named, silo_prefix
from scaffold.project.known_bases import KNOWN_BASES
from scaffold.project.settings import Settings
from scaffold.pysource.candidates import candidate_modules
from scaffold.pysource.classes import EndpointClass, Resolver
from scaffold.pysource.convert_args import class_flow, features_checked, params_matched
from scaffold.pysource.modules import HTTP_METHODS
from scaffold.pysource.permissions import refusing_permission
from scaffold.pysource.route_flow import RouteFlow, route_flow
from scaffold.pysource.stored_helpers import may_be_no_row
from scaffold.pysource.stored_rows import UNREAD
from scaffold.pysource.tree import Tree
from scaffold.records import field, record
from scaffold.routes import Param


@record
class BaseClass:
    """An endpoint base: which URL parameters its convert_args chain takes, which of those it
    leaves in kwargs for the handlers, and what it injects."""

    name: str
    module: str
    consumes: tuple[frozenset[str], ...]  # in signature order; each a set of accepted names
    injects: tuple[str, ...]
    injected_types: dict[str, str] = field(default_factory=dict, compare=False)  # obj -> dotted
    # obj -> the model field its convert_args looks it up by (`checkin`: `guid`)
    injected_fields: dict[str, str] = field(default_factory=dict, compare=False)
    depth: int = 0
    passes_on: frozenset[str] = frozenset()  # taken parameters it reads but leaves in kwargs
    required: int | None = None  # leading groups a route must give (None: all of them)
    # feature flags its convert_args chain checks by name (`features.has("organizations:x",
    # ...)`): a generated test turns them on, else the base's 404 meets every request
    features: tuple[str, ...] = field(default=(), compare=False)
    # URL parameter -> the model field its chain matches it against (`environment`: `name`)
    param_fields: dict[str, str] = field(default_factory=dict, compare=False)
    # injected object -> what its chain stores it as, and the class storing it (`ArgsFlow`):
    # Sentry's dashboard base may store a prebuilt dashboard as a dict, with no id
    stored_as: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False)

    def consumed(self, params: tuple[Param, ...]) -> tuple[Param, ...] | None:
        """The route's parameters this base takes, in route order (None: it does not fit): one
        for each of its groups the route gives, in any order, since Django passes them by name;
        every group up to the last one its signature requires must be given. So
        `def convert_args(self, request, issue_id, organization_slug=None, ...)` takes both of
        `organizations/{organization_slug}/issues/{issue_id}/` and `issue_id` alone of
        `issues/{issue_id}/`."""
        least = len(self.consumes) if self.required is None else self.required
        taken: set[str] = set()
        for index, names in enumerate(self.consumes):
            found = next((p.name for p in params if p.name in names and p.name not in taken), None)
            if found is not None:
                taken.add(found)
            elif index < least:
                return None
        return tuple(param for param in params if param.name in taken)

    def taken(self, params: tuple[Param, ...]) -> int | None:
        """How many of the route's parameters this base takes (None: it does not fit)."""
        consumed = self.consumed(params)
        return None if consumed is None else len(consumed)

    def leads(self, params: tuple[Param, ...]) -> bool:
        """True when the route gives every parameter this base needs."""
        return self.consumed(params) is not None


class Catalog:
    """Base classes found under api/base.py, api/bases/*.py and configured base modules."""

    def __init__(self, settings: Settings) -> None:
        tree = Tree(settings.project_root, settings.src_root)
        self._resolver = Resolver(tree, settings.endpoint_root)
        self._bases: dict[str, BaseClass] = {}  # dotted path where defined -> base
        for module in settings.base_module_names():
            info = tree.info(module)
            for name in info.classes if info else ():
                self._resolve(f"{module}.{name}")
        self._add_bases_anywhere(tree)
        self.root = self._bases.get(self._resolver.root)

    @property
    def resolver(self) -> Resolver:
        """The project's classes resolved through imports: one tree for the whole command."""
        return self._resolver

    def _add_bases_anywhere(self, tree: Tree) -> None:
        """Every class of the tree that reaches the root endpoint, handles no HTTP method itself
        and reads URL parameters in its own convert_args or is the base of two classes or more
        (`SCIMEndpoint`, the SCIM routes' paging and permission): a base, wherever it lives."""
        classes = [
            (module, name, cls)
            for module in candidate_modules(tree, tree.files())
            for name, cls in getattr(tree.info(module), "classes", {}).items()
        ]
        named = Counter(path.rpartition(".")[2] for *_, cls in classes for path in cls.base_paths)
        for module, name, cls in classes:
            own = cls.convert_args is not None or named[name] >= 2
            if own and not set(HTTP_METHODS) & cls.methods.keys():
                self._resolve(f"{module}.{name}")

    @property
    def bases(self) -> list[BaseClass]:
        return list(self._bases.values())

    def find(self, name: str) -> BaseClass | None:
        """A base by class name or dotted path."""
        if "." in name:
            return self._resolve(name)
        matches = [b for b in self.bases if b.name == name]
        if matches:
            return min(matches, key=lambda b: (b.depth, b.module))
        named = self.endpoints_named(name)  # one taking no parameter of its own (SCIMEndpoint)
        return self._resolve(named[0]) if len(named) == 1 else None

    def endpoints_named(self, name: str) -> list[str]:
        """Dotted paths of the tree's endpoint classes named `name`."""
        tree = self._resolver.tree
        return [
            f"{module}.{name}"
            for module in candidate_modules(tree, tree.files())
            if name in getattr(tree.info(module), "classes", {})
            and self._resolver.is_endpoint(f"{module}.{name}")
        ]

    def no_such_base(self, name: str) -> str:
        """Why `find(name)` found nothing, and what to give instead."""
        several = self.endpoints_named(name) if "." not in name else []
        if len(several) > 1:
            return (
                f"{len(several)} endpoint classes are named {name!r}: give one's dotted path ("
                + ", ".join(several)
                + ")"
            )
        where = "deriving from Endpoint" if "." in name else "among the project's endpoint classes"
        known = did_you_mean(
            name, [f"{b.module}.{b.name}" if "." in name else b.name for b in self.bases]
        )
        return (
            f"no endpoint class {name!r} {where}{known}; give the dotted path of a class "
            "deriving from the project's Endpoint"
        )

    def choose(
        self,
        params: tuple[Param, ...],
        silo: str | None = None,
        words: frozenset[str] = frozenset(),
    ) -> BaseClass | None:
        """The most specific base whose consumed parameters the route gives.

        Among bases consuming the same parameters, prefer one named for the resource's silo
        (`ControlSiloOrganizationEndpoint` for `control_silo_endpoint`), then one named for no
        silo, then the canonical names (`OrganizationEndpoint`, ...), then the most general;
        then the chosen base's own variant for the silo, when one fits as well
        (`RegionOrganizationIntegrationBaseEndpoint` for `region_silo_endpoint`). Before the
        canonical names, one named for more of `words`, the route's literal segments (Sentry's
        routes under `organizations/{org}/releases/` use `OrganizationReleasesBaseEndpoint`,
        whose permission is the releases' own, not `OrganizationEndpoint`).
        """
        fitting = [b for b in self.bases if b.leads(params)]
        if not fitting:
            return None
        wanted = silo_prefix(silo.removesuffix("_silo_endpoint")) if silo else None
        alike: dict[tuple[Param, ...], set[str]] = {}  # bases by the parameters they take
        for each in fitting:
            alike.setdefault(each.consumed(params) or (), set()).add(each.name)

        def preference(
            base: BaseClass,
        ) -> tuple[int, tuple[int, ...], int, int, int, int, int, int, str, str]:
            consumed = base.consumed(params) or ()
            # of bases taking as many, the one taking the route's outer parameters: the object
            # the route opens with (`organizations/{org}/users/{user_id}/` is the organization's)
            places = tuple(params.index(param) for param in consumed)
            named_for = silo_named(base.name, alike[consumed])
            prefix, bare = named_for or (None, False)
            # a bare word (`RegionIntegrationEndpoint` beside `IntegrationEndpoint`) names a
            # variant of its twin alone, which the twin's choice leads to: no rank of its own
            silo_rank = 2 if prefix not in (None, wanted) else 1 if prefix is None or bare else 0
            canonical = 0 if base.name in KNOWN_BASES else 1
            # one requiring them (`MonitorEndpoint`), not taking some as optional (its Ingest twin)
            needed = len(base.consumes) if base.required is None else base.required
            unused = len(base.consumes) - len(consumed)  # optional ones the route leaves out
            named = len(words & name_words(base.name))
            rank = (silo_rank, -named, canonical, base.depth, base.name, base.module)
            return (-len(consumed), places, -min(needed, len(consumed)), unused, *rank)

        chosen = min(fitting, key=preference)
        variant = wanted.removesuffix("Silo") + chosen.name if wanted else None
        twins = [
            b for b in fitting if b.name == variant and preference(b)[:4] == preference(chosen)[:4]
        ]
        return min(twins, key=preference) if twins else chosen

    def also_fitting(self, chosen: BaseClass, params: tuple[Param, ...]) -> list[str]:
        """Other bases taking as many of the route's parameters as `chosen` does (and no
        more optional ones that the route leaves out)."""
        count = chosen.taken(params)
        return sorted(
            {
                b.name
                for b in self.bases
                if b.taken(params) == count
                and len(b.consumes) <= len(chosen.consumes)
                and b.name != chosen.name
            }
        )

    def injected_for(self, base: BaseClass, params: tuple[Param, ...]) -> tuple[str, ...]:
        """What `base` injects on a route with these parameters, in order: its chain run on the
        route as the check runs it, so an object stored only when a parameter is present
        (`if checkin_id: kwargs["checkin"] = ...`) is left out of a route without it. All it
        injects when the chain cannot be followed."""
        handed = self._handed_on(base, params)
        return tuple(obj for obj in base.injects if handed is None or obj in handed)

    def drops(self, base: BaseClass, params: tuple[Param, ...], name: str) -> bool:
        """True when `base`'s chain, run on the route, provably never hands the route's
        parameter `name` on to the handlers (a convert_args building kwargs anew)."""
        handed = self._handed_on(base, params)
        return handed is not None and name not in handed

    def _handed_on(self, base: BaseClass, params: tuple[Param, ...]) -> frozenset[str] | None:
        """The keyword arguments `base`'s chain, run on the route, may hand the handlers; None
        when it cannot be followed or never reaches them."""
        endpoint = self._endpoint_of(base)
        flow = route_flow(endpoint, tuple(p.name for p in params)) if endpoint else None
        if not isinstance(flow, RouteFlow) or not flow.reached:
            return None
        return flow.passed | flow.maybe

    def taken_by(self, module: str, class_name: str, params: tuple[Param, ...]) -> set[str]:
        """Which of `params` the endpoint class `module.class_name` takes as written: in its
        convert_args chain, or in a handler it defines or inherits (a class of the project,
        not a base: it is not added to the bases)."""
        endpoint = self._resolver.endpoint(f"{module}.{class_name}")
        if endpoint is None:
            return set()
        taken = set[str]().union(*class_flow(endpoint, KNOWN_BASES).groups)
        for method, (_, info) in endpoint.handlers().items():
            taken |= {p.name for p in params if info.methods[method].accepts(p.name)}
        return taken & {p.name for p in params}

    def refusing_permission(self, base: BaseClass) -> str | None:
        """The permission class that makes `base` refuse every request (Sentry's root
        Endpoint: `NoPermission`), or None."""
        endpoint = self._endpoint_of(base)
        return refusing_permission(self._resolver, endpoint) if endpoint else None

    def may_store_no_row(self, base: BaseClass, obj: str) -> bool:
        """True when `base` may hand `obj` on as no row, with no id (`stored_helpers`)."""
        kind, where = base.stored_as.get(obj, (UNREAD, ""))
        endpoint = self._endpoint_of(base)
        return endpoint is not None and may_be_no_row(self._resolver.tree, endpoint, kind, where)

    def _endpoint_of(self, base: BaseClass) -> EndpointClass | None:
        return self._resolver.endpoint(f"{base.module}.{base.name}")

    def _resolve(self, dotted: str) -> BaseClass | None:
        """The base `dotted` names (None: not an endpoint class), with its endpoint ancestors."""
        endpoint = self._resolver.endpoint(dotted)
        if endpoint is None:
            return None
        for ancestor in sorted(endpoint.endpoint_ancestors):
            self._resolve(ancestor)
        if endpoint.dotted not in self._bases:
            flow = class_flow(endpoint, KNOWN_BASES)
            taken = set().union(*flow.groups)
            self._bases[endpoint.dotted] = BaseClass(
                name=endpoint.name,
                module=endpoint.module.module,
                consumes=flow.groups,
                injects=flow.injects,
                injected_types=dict(flow.injected_types),
                injected_fields=dict(flow.injected_fields),
                depth=len(endpoint.endpoint_ancestors),
                passes_on=flow.passes_on & taken,
                required=_required_groups(flow.groups, flow.required),
                features=features_checked(endpoint),
                param_fields=params_matched(endpoint),
                stored_as=dict(flow.stored_as),
            )
        return self._bases[endpoint.dotted]


def _required_groups(
    groups: tuple[frozenset[str], ...], required: tuple[frozenset[str], ...]
) -> int | None:
    """How many leading groups a route must give: up to the last one the chain requires.
    None (all) when the chain requires none it takes: its signature could not be read."""
    needed = [i for i, names in enumerate(groups) if any(names & r for r in required)]
    return needed[-1] + 1 if needed else None
