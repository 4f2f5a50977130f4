"""unknown-view: what each route serves, judged an endpoint class or not where the code says;
and the classes a route may serve through a name bound where the reader does not follow."""

from __future__ import annotations

from collections.abc import Iterable

from scaffold.check.problems import Problem
from scaffold.pysource.absent_names import star_absent
from scaffold.pysource.classes import EndpointClass, Resolver
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.tree import SourceFile, Tree
from scaffold.pysource.unresolved import Unresolved


def unknown_views(
    resolver: Resolver, routes: list[RouteEntry], unresolved: list[Unresolved]
) -> Iterable[Problem]:
    """unknown-view: a route serving what is not an endpoint (not imported, not defined, or
    not below the root); a class the reader cannot judge is appended to `unresolved`."""
    rootless = resolver.resolve(resolver.root) is None  # no class to judge endpoints by
    for route in routes:
        view = route.view
        if view is None:
            continue
        if view.dotted is None:
            why = _unbound(resolver, route, view.text)
        elif (absent := resolver.defined_nowhere(view.dotted)) is not None:
            why = f"{view.text} is not defined in {absent.module}; fix the import or the name"
            if absent.listed is not None:
                why = f"{view.text} is not defined in {absent.module}, whose __all__ lists it "
                why += f"({_place(absent.listed)}); fix the name there or the import"
        elif (found := resolver.resolve(view.dotted)) is None and (
            missing := _missing_module(resolver, route, view.dotted)  # a class found is there
        ) is not None:
            why = f"{view.text} is imported from {missing}, a module the tree does not have; "
            why += "fix the import"
        else:
            if found is not None and resolver.is_endpoint(found[0]):
                continue
            if found is None or resolver.undecided(found[0]):  # outside the tree, or not read
                # depth 1: a name its module of the tree binds where the reader cannot read
                if found is not None or resolver.undecided(view.dotted, depth=1):
                    why = (
                        "a base class of it cannot be followed, so whether it is an endpoint "
                        "is not judged"
                        if found
                        else "the reader cannot read where it is bound; it is not judged"
                    )
                    unresolved.append(Unresolved(route.relpath, route.line, view.text, why))
                continue
            if rootless:  # a tree older than its Endpoint class (2014: `BaseView(APIView)`)
                why = (
                    f"no endpoint root {resolver.root} in the tree, so whether it is an "
                    "endpoint is not judged; set endpoint-root to the class the API's views share"
                )
                unresolved.append(Unresolved(route.relpath, route.line, view.text, why))
                continue
            why = f"{view.text} does not inherit from Endpoint; route an endpoint class"
        yield Problem(route.relpath, route.line, "unknown-view", view.text, why, route.end_line)


def _unbound(resolver: Resolver, route: RouteEntry, text: str) -> str:
    """Why a route's view names nothing its urlconf binds: the name is not there, or a star
    import of the urlconf raises on it (an `__all__` lists it, and its module has it nowhere)."""
    tree = resolver.tree
    urlconf = tree.source_file(tree.project_root / route.relpath)
    info = tree.info(urlconf.module) if urlconf is not None else None
    for star in info.star_imports if info is not None else []:
        failing = star_absent(tree, star, text.partition(".")[0])
        if failing is not None and failing.listed is not None:
            return (
                f"`from {star} import *` fails on it: the __all__ of {failing.module} lists "
                f"it ({_place(failing.listed)}), and {failing.module} binds it nowhere; fix "
                "the name there"
            )
    return f"{text} is neither imported nor defined in this module; import it"


def _place(listed: tuple[str, int]) -> str:
    return f"{listed[0]}:{listed[1]}"


def _missing_module(resolver: Resolver, route: RouteEntry, dotted: str) -> str | None:
    """The module of the tree Python cannot import (`Tree.unimportable`) on the chain of
    imports binding the route's view, from its urlconf on; None where every step is there,
    where a step may answer the failed import (a module naming `ImportError`), star-imports or
    binds the name another way, or where the urlconf lacks more (`_whole`)."""
    tree = resolver.tree
    importer = urlconf = tree.source_file(tree.project_root / route.relpath)
    seen: set[str] = set()
    while importer is not None and dotted not in seen:
        data = tree.data(importer.module)
        if data is None or b"ImportError" in data:
            return None
        seen.add(dotted)
        module, _, name = dotted.rpartition(".")
        info = tree.info(module) if module else None
        if info is None:
            missing = tree.unimportable(module) if module else None
            return missing if missing is not None and _whole(tree, urlconf) else None
        own = info.own(name)
        if info.star_imports or own is None or own[0] == dotted:
            return None
        importer, dotted = tree.file_for(module), own[0]
    return None


def _whole(tree: Tree, urlconf: SourceFile | None) -> bool:
    """All but one in ten at most of the modules the urlconf imports from the tree's packages
    are there. A urlconf most of whose imports are absent belongs to a checkout of some files
    only (a skeleton tree), where an absent module says nothing of an edit."""
    info = tree.info(urlconf.module) if urlconf is not None else None
    if info is None:
        return False
    modules = {target.rpartition(".")[0] for target in info.imports.values()}
    inside = [m for m in modules if m and (tree.src_root / m.partition(".")[0]).is_dir()]
    absent = sum(1 for module in inside if tree.unimportable(module) is not None)
    return absent * 10 <= len(inside)


def bound_unfollowed(
    resolver: Resolver, routes: list[RouteEntry], endpoints: list[EndpointClass]
) -> set[str]:
    """Classes that count as routed because a route names what a module of the tree binds in a
    way the reader does not follow (under an `if` or `try`, by `type(...)` or a factory, by a
    module `__getattr__`, by `getattr` of a module imported at run time): every class that
    module defines or imports, each of `endpoints` of that name, and for `__getattr__` every
    class of that name in the package. `unknown_views` names the place; no finding is made
    from what the reader cannot see."""
    found: set[str] = set()
    for route in routes:
        dotted = route.view.dotted if route.view else None
        if dotted is None or resolver.resolve(dotted) is not None:
            continue
        module, name = _binding(resolver, dotted)
        info = resolver.tree.info(module) if module else None
        if info is None or not resolver.undecided(dotted, depth=1):
            continue
        imported = {t for t in info.imports.values() if t.rpartition(".")[2][:1].isupper()}
        found |= {f"{module}.{c}" for c in info.classes} | imported  # classes, by their case
        found |= {e.dotted for e in endpoints if e.name == name}  # wherever it is defined
        if "__getattr__" in info.names:
            prefix = f"{module}."
            for source in resolver.tree.files():
                inner = (
                    resolver.tree.info(source.module) if source.module.startswith(prefix) else None
                )
                found |= {f"{source.module}.{name}"} if inner and name in inner.classes else set()
    return found


def _binding(resolver: Resolver, dotted: str) -> tuple[str | None, str]:
    """The module of the tree that binds the name last on the import chain, and the name."""
    seen: set[str] = set()
    module, _, name = dotted.rpartition(".")
    while dotted not in seen:
        seen.add(dotted)
        module, _, name = dotted.rpartition(".")
        info = resolver.tree.info(module)
        if info is None:
            return None, name
        target = info.imports.get(name)
        if target is None or resolver.tree.info(target.rpartition(".")[0]) is None:
            return module, name
        dotted = target
    return module, name
