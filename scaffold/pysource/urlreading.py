"""URL modules read on demand for the route walk, and what the walk asks of them: a list by
name, a string by name, a helper's evaluation."""

from __future__ import annotations

import ast
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from scaffold.pysource.absent_names import star_absent
from scaffold.pysource.class_attributes import ClassAttributes
from scaffold.pysource.star_binding import bound_in, literal_all
from scaffold.pysource.tree import Tree
from scaffold.pysource.unreadable import unread_root
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlmodule import UrlModule, View, named_in, parse_url_module

if TYPE_CHECKING:
    from scaffold.pysource.helpers import Evaluator
    from scaffold.pysource.route_values import Ref


class UrlModules:
    """The modules of the tree as the route walk reads them, each parsed at most once."""

    def __init__(self, tree: Tree, cut: Callable[[bytes], bytes] | None = None):
        self.tree = tree
        self.cut = cut  # applied to each module's bytes before parsing (check's PATHS mode)
        self.modules: dict[str, UrlModule | None] = {}
        self._attributes = ClassAttributes(tree)
        self._evaluator: Evaluator | None = None
        self._exports: dict[str, list[str] | None] = {}  # module -> `literal_all`
        self.unresolved: list[Unresolved] = []  # route entries the walk could not follow
        self.routed: set[str] = set()  # dotted names of the classes those entries name

    @property
    def evaluator(self) -> Evaluator:
        """The helpers' evaluator, made (and its modules imported) when a walk first needs it:
        a check whose walks are all kept never does."""
        if self._evaluator is None:
            from scaffold.pysource.helpers import Evaluator

            self._evaluator = Evaluator(self._load, self._literal)
        return self._evaluator

    def _module(self, module: str) -> UrlModule | None:
        if module in self.modules:
            return self.modules[module]
        data = self.tree.data(module)
        source = self.tree.file_for(module) if data is not None else None
        if data is not None and self.cut is not None:
            data = self.cut(data)
        parsed = None
        if data is not None and source is not None:
            parsed = parse_url_module(data, module, source.relpath, source.is_package)
        self.modules[module] = parsed
        return parsed

    def view_of(self, module: UrlModule, ref: Ref, line: int) -> View | tuple[str, tuple[str, ...]]:
        """The view a route of `module` names, bound as Python binds it (`star_binding`): the
        last statement binding its name wins, an import, a definition or a star import that
        exports it (`from .endpoints.index import *`). When a star import the reader cannot
        judge may bind it (a module outside the tree, an `__all__` built by code): why, and
        the class an earlier statement binds (if any); a name imported from different places
        in the branches of an `if`: why, and each; a name a statement below the route at
        `line` binds again, bound above it too: why, and each binding it may hold."""
        head, _, rest = ref.text.partition(".")
        bindings = module.bindings.get(head, [])
        below = [at for at, _ in bindings if at > line]
        above = [f"{dotted}.{rest}" if rest else dotted for at, dotted in bindings if at < line]
        stars = [f"{star}.{ref.text}" for star, at in module.stars_at() if at < line]
        same = not stars and len({dotted for _, dotted in bindings}) == 1  # imported again
        if below and (stars or above) and not same:
            held = dict.fromkeys(d for d in (ref.dotted, *above, *stars) if d)
            return f"{head} is bound again at line {below[0]}, below the route naming it", (
                tuple(held)
            )
        if head in module.branches:
            tail = f".{rest}" if rest else ""
            chosen = tuple(f"{dotted}{tail}" for dotted in module.branches[head])
            return f"the branches of an `if` import it from {' or '.join(chosen)}", chosen
        if not module.stars or (ref.dotted is not None and head not in module.bound_lines):
            return View(ref.text, ref.dotted, ref.methods)
        found = bound_in(self._scope, module, head, {module.module})
        dotted = None if found.dotted is None else found.dotted + (f".{rest}" if rest else "")
        if found.unsure is None and dotted is None:
            return self._bound_by_code(module, head) or View(ref.text, dotted, ref.methods)
        if found.unsure is None:
            return View(ref.text, dotted, ref.methods)
        # a star module of the tree that does not parse may bind it (`named_through_unparsed`)
        unread = tuple(f"{star}.{ref.text}" for star in module.stars if self._unparsed(star))
        return found.unsure, (() if dotted is None else (dotted,)) + unread

    def _bound_by_code(self, module: UrlModule, name: str) -> tuple[str, tuple[str, ...]] | None:
        """Why a star import of `module` may bind `name` where no statement shows it (by code,
        or a submodule of that name), and what that module defines or imports (what it may
        bind); None when each star import is proven to bind no such name."""
        for star in module.stars:
            if star_absent(self.tree, star, name) is None:
                why = f"it may come from the star import of {star}, which may bind it by code"
                source = self._module(star)
                named = [] if source is None else list(source.imports.values())
                named += [f"{star}.{own}" for own in source.defined] if source else []
                return why, tuple(dict.fromkeys(named))
        return None

    def _scope(self, module: str) -> tuple[UrlModule, list[str] | None] | None:
        """A module as a star walk reads it, and its exports (None: the reader cannot read it)."""
        source = self._module(module)
        if source is None:
            return None
        if module not in self._exports:
            self._exports[module] = literal_all(source.tree)
        return source, self._exports[module]

    def _load(self, module: str) -> UrlModule | None:
        """A module of the tree a helper lives in (nothing recorded for modules outside it)."""
        return self._module(module) if self.tree.data(module) is not None else None

    def _literal(self, dotted: str) -> str | None:
        """A module's string constant, or a class's literal attribute (`cls.name`)."""
        owner, _, name = dotted.rpartition(".")
        if not owner:
            return None
        if self.tree.data(owner) is not None:
            parsed = self._module(owner)
            return parsed.strings.get(name) if parsed is not None else None
        return self._attributes.literal(owner, name)

    def _named_list(
        self, module: UrlModule, expr: ast.expr
    ) -> tuple[UrlModule, list[ast.expr]] | None:
        """`LIST` of this module or `mod.LIST` / an imported `LIST` of another module."""
        if isinstance(expr, ast.Name) and expr.id in module.lists:
            return module, module.lists[expr.id]
        is_dotted = isinstance(expr, ast.Name) or (
            isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name)
        )
        dotted = module.dotted(ast.unparse(expr)) if is_dotted else None
        return self._list_at(dotted) if dotted else None

    def _no_list(self, module: UrlModule, expr: ast.expr, why: str) -> tuple[str, set[str]]:
        """Why no route list is found for `expr`, and the classes it may route (those its
        entries or it names): a list changed by code the reader does not follow
        (`UrlModule.unsure`) names its own place and why; one of a module of the tree that
        does not parse, or that module itself, may route any class (`unread`)."""
        owner: UrlModule | None = module
        name = ast.unparse(expr)
        if name not in module.unsure and (dotted := module.dotted(name)) is not None:
            other_name, _, name = dotted.rpartition(".")
            unread = self.unread(dotted) or self.unread(other_name)
            if unread is not None:
                return unread, set()
            owner = self._module(other_name) if self.tree.data(other_name) is not None else None
        if owner is None or name not in owner.unsure:  # what it names may be what it routes
            return why, named_in(ast.Call(ast.Name("include", ast.Load()), [expr], []), module)
        line, changed = owner.unsure[name]
        named = {
            c for e in owner.maybe[name] if isinstance(e, ast.Call) for c in named_in(e, owner)
        }
        return f"{owner.relpath}:{line}: {changed}", named

    def _unparsed(self, name: str) -> bool:
        """`name` is a module of the tree that does not parse."""
        return self.tree.data(name) is not None and self._module(name) is None

    def views_of(
        self, target: ast.expr, module: UrlModule, bindings: dict[str, str]
    ) -> tuple[Ref, ...]:
        """The classes a route's view serves (`Evaluator.views`); Stop for a call of a function
        defined in a module of the tree that does not parse: what it does is not known, not
        what a function from outside the tree is taken to do (pass the view on)."""
        from scaffold.pysource.route_values import Stop

        func = target.func if isinstance(target, ast.Call) else None
        text = ast.unparse(func) if isinstance(func, (ast.Name, ast.Attribute)) else None
        dotted = module.dotted(text) if text else None
        if dotted is not None and self._unparsed(owner := dotted.rpartition(".")[0]):
            where = self.tree.file_for(owner)
            raise Stop(f"{text}() is defined in {where and where.relpath}, which does not parse")
        return self.evaluator.views(target, module, bindings)

    def unread(self, name: str) -> str | None:
        """Why nothing is read from `name`, a module of the tree that does not parse: it is
        named once as a urlconf no route was read from (as an API urls.py that does not parse
        is), so no endpoint is called unregistered; None for any other name."""
        if not self._unparsed(name):
            return None
        (place,) = unread_root(self.tree, name, None, set())
        if place not in self.unresolved:
            self.unresolved.append(place)
        return f"{place.relpath} does not parse; no route was read from it"

    def _unfollowed(
        self,
        module: UrlModule,
        node: ast.expr,
        what: str,
        why: str,
        named: AbstractSet[str] = frozenset(),
    ) -> None:
        """A place the walk cannot follow, and the classes it names (they count as routed)."""
        self.unresolved.append(Unresolved(module.relpath, node.lineno, what, why))
        self.routed |= named

    def _list_at(self, dotted: str) -> tuple[UrlModule, list[ast.expr]] | None:
        other_name, _, list_name = dotted.rpartition(".")
        other = self._module(other_name)
        if other is None or list_name not in other.lists:
            return None
        return other, other.lists[list_name]

    def _string(
        self, node: ast.expr, module: UrlModule, bindings: dict[str, str]
    ) -> tuple[str | None, str]:
        """(the string, "") or (None, why not)."""
        from scaffold.pysource.route_values import Stop

        try:
            return self.evaluator.text(node, module, bindings), ""
        except Stop as stop:
            return None, stop.why
