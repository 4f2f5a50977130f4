"""URL modules read on demand for the route walk, and what the walk asks of them: a list by
name, a string by name, a helper's evaluation."""

from __future__ import annotations

import ast
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from scaffold.pysource.class_attributes import ClassAttributes
from scaffold.pysource.tree import Tree
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
        self._exports: dict[str, frozenset[str] | None] = {}  # module -> its literal __all__
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

    def view_of(self, module: UrlModule, ref: Ref) -> View | tuple[str, tuple[str, ...]]:
        """The view a route of `module` names; a name neither imported nor defined there is
        looked up through its star imports (`from .endpoints.index import *`), the last one
        first, as Python binds them. When a later star import cannot be read (a module outside
        the tree may bind the name too): why, and the class an earlier one binds (if any); a
        name imported from different places in the branches of an `if`: why, and each."""
        head, _, rest = ref.text.partition(".")
        if head in module.branches:
            tail = f".{rest}" if rest else ""
            chosen = tuple(f"{dotted}{tail}" for dotted in module.branches[head])
            return f"the branches of an `if` import it from {' or '.join(chosen)}", chosen
        if ref.dotted is not None or not module.stars:
            return View(ref.text, ref.dotted, ref.methods)
        unread, seen, tail = None, {module.module}, f".{rest}" if rest else ""
        for star in reversed(module.stars):
            found, missed = self._star_bound(star, head, seen)
            unread = unread or missed
            if found is not None:
                dotted = found + tail
                return (
                    View(ref.text, dotted, ref.methods)
                    if unread is None
                    else (self._why(unread), (dotted,))
                )
        return View(ref.text, None, ref.methods) if unread is None else (self._why(unread), ())

    def _star_bound(self, star: str, head: str, seen: set[str]) -> tuple[str | None, str | None]:
        """What `from star import *` binds `head` to (None: nothing), and the first star import
        met on the way that the reader cannot read (None: it read them all). The module's own
        bindings first, then its own star imports, the last one first, each level binding only
        what it exports; a module met before (star imports importing one another) adds nothing."""
        if star in seen:
            return None, None
        seen.add(star)
        source = self._module(star)
        if source is None:
            return None, star
        if star not in self._exports:
            self._exports[star] = _exports(source)
        exports = self._exports[star]
        if head not in exports if exports is not None else head.startswith("_"):
            return None, None
        if head in source.imports or head in source.defined:
            return source.dotted(head), None
        unread = None
        for inner in reversed(source.stars):
            found, missed = self._star_bound(inner, head, seen)
            unread = unread or missed
            if found is not None:
                return found, unread
        return None, unread

    @staticmethod
    def _why(star: str) -> str:
        return f"it may come from the star import of {star}, which the reader cannot read"

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
        (`UrlModule.unsure`) names its own place and why."""
        owner: UrlModule | None = module
        name = ast.unparse(expr)
        if name not in module.unsure and (dotted := module.dotted(name)) is not None:
            other_name, _, name = dotted.rpartition(".")
            owner = self._module(other_name) if self.tree.data(other_name) is not None else None
        if owner is None or name not in owner.unsure:  # what it names may be what it routes
            return why, named_in(ast.Call(ast.Name("include", ast.Load()), [expr], []), module)
        line, changed = owner.unsure[name]
        named = {
            c for e in owner.maybe[name] if isinstance(e, ast.Call) for c in named_in(e, owner)
        }
        return f"{owner.relpath}:{line}: {changed}", named

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


def _exports(source: UrlModule) -> frozenset[str] | None:
    """What `from source import *` binds by `__all__`: its literal list; None with no `__all__`
    (every name not starting with `_`); any name where `__all__` is changed or built by code
    (not judged: `_EVERY`)."""
    mentions = [n for n in ast.walk(source.tree) if isinstance(n, ast.Name) and n.id == "__all__"]
    if not mentions:
        return None
    assigned = [
        stmt.value
        for stmt in source.tree.body
        if isinstance(stmt, ast.Assign) and [ast.unparse(t) for t in stmt.targets] == ["__all__"]
    ]
    value = assigned[0] if len(assigned) == 1 == len(mentions) else None
    elements = getattr(value, "elts", ())
    listed = [e.value for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if not isinstance(value, (ast.List, ast.Tuple)) or len(listed) != len(value.elts):
        return _EVERY  # not judged
    return frozenset(listed)


class _Every(frozenset[str]):
    """The exports of a module whose `__all__` is not judged: any name may be among them."""

    def __contains__(self, name: object) -> bool:
        return True


_EVERY = _Every()
