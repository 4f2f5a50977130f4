"""Run the check on a project: the whole tree, or only what some changed files can affect."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scaffold.check.basis import affects_everything, lends_handlers, paths_part, whole_basis
from scaffold.check.config import CheckConfig
from scaffold.check.elsewhere import Memo, Named, resolved, served_elsewhere
from scaffold.check.problems import CheckResult, Problem
from scaffold.check.route_walk import RouteWalk
from scaffold.check.routed_views import bound_unfollowed
from scaffold.check.routing import Routing
from scaffold.check.rules import RULE_FUNCTIONS, Analysis, unrouted_endpoints
from scaffold.errors import did_you_mean
from scaffold.project.settings import Settings
from scaffold.pysource.candidates import ROOT_CLASS, candidate_modules
from scaffold.pysource.classes import Resolver, concrete_endpoints, find_endpoints
from scaffold.pysource.headers import ignored_rules
from scaffold.pysource.tree import SourceFile, Tree
from scaffold.pysource.unreadable import unparsed_modules
from scaffold.pysource.urlconf import RouteEntry, RoutingReader
from scaffold.records import evolve, record

_ROUTING_RULES = frozenset({"duplicate-route-name", "unreachable-route"})
FROM_MODULE = "from:"  # a focus name: what URL modules import from the module with this last name


def read_candidates_plainly(tree: Tree, files: list[SourceFile], walk: RouteWalk) -> list[str]:
    """Walk the routes, then find the modules that may define endpoints (read when asked)."""
    walk.here()
    return candidate_modules(tree, files)


@record
class TreeReading:
    """How `run_check` reads the tree. The default is plain; `commands/speedups.py` gives a
    faster one that finds the same (the tests run both):

    - `candidates(tree, files, walk)`: the modules among `files` that may define endpoints,
      walking the routes (`walk`, here or in another process) at some point;
    - `urlconf_names(tree, sources)`: what the urlconfs `sources` route, as another process
      found it after walking the routes, or None (found here); `routing(routes)`: both routing
      rules' reading of these routes (`check.routing`), as that process read it, or None;
    - `focus(names)`: in PATHS mode, a cut of each URL module's bytes that keeps every entry
      naming one of the changed classes `names` (None: read URL modules whole);
    - `start(tree)` and `finish(tree)`: before anything is read, and after the rules ran (a cache
      of facts lends the tree what it knows, then keeps what was read anew);
    - `basis`: whether a whole-tree run gathers its `Basis` (what a kept answer needs to be
      updated after an edit); a caller that keeps no answer skips it (no answer changes).
    """

    candidates: Callable[[Tree, list[SourceFile], RouteWalk], list[str]] = read_candidates_plainly
    focus: Callable[[frozenset[str]], Callable[[bytes], bytes]] | None = None
    # `memo(tree, key, compute)`: compute(), or what it returned before while every module it
    # asked the tree about is unchanged (a cache at the edge; the walks ask it)
    memo: Memo | None = None
    # called with the tree before it is read, and once the check is done
    start: Callable[[Tree], None] | None = None
    finish: Callable[[Tree], None] | None = None
    basis: bool = True
    urlconf_names: Callable[[Tree, list[SourceFile]], Named | None] | None = None
    routing: Callable[[list[RouteEntry]], Routing | None] | None = None


PLAIN_READING = TreeReading()


def run_check(
    settings: Settings,
    config: CheckConfig,
    paths: list[Path] | None,
    reading: TreeReading = PLAIN_READING,
    tree: Tree | None = None,
    *,
    part: frozenset[int] | None = None,
) -> CheckResult:
    """Check the whole tree (`paths` None), or the endpoints in `paths` and the routes serving
    them; a changed urls module or base module widens it to the whole tree. `tree`: the
    project's tree as built with `config.exclude`, when the caller has it (nothing read yet).
    `part` (an update of a kept answer, `check/update.py`): the routes to check, as indexes
    into the whole walk (the kept one), not found by name; an endpoint of `paths` that looks
    unrouted ends the run with no part (else a whole-tree run confirms it)."""
    tree = tree or Tree(settings.project_root, settings.src_root, config.exclude)
    if reading.start is not None:
        reading.start(tree)
    resolver = Resolver(tree, settings.endpoint_root)
    root_name = settings.endpoint_root.rpartition(".")[2]
    if root_name != ROOT_CLASS:  # the prefilters look for subclasses of `Endpoint` by name
        reading = evolve(reading, candidates=_candidates_of(root_name))
    root_urls = settings.routing_urls
    changed = None if paths is None else _changed_modules(tree, paths)
    names = {n for m in changed or () if (info := tree.info(m)) for n in info.classes}
    if changed is not None:
        if part is not None:  # an update's part: the whole walk, as kept
            reader = RoutingReader(tree)
            RouteWalk(reader, root_urls, reading.memo).here()
        else:
            sources = {f"{FROM_MODULE}{m.rpartition('.')[2]}" for m in changed}  # what urls.py
            cut = reading.focus(frozenset(names) | sources) if reading.focus else None
            reader = RoutingReader(tree, cut)
            reader.walk_root(root_urls)
        if affects_everything(settings, reader, changed) or lends_handlers(resolver, changed):
            changed = None
    if changed is None:
        reader = RoutingReader(tree)  # whole URL modules: a cut one lacks the other routes
        files = tree.files()
        memo = reading.memo
        walk = RouteWalk(reader, root_urls, memo, resolver)
        candidates = reading.candidates(tree, files, walk)
        endpoints = find_endpoints(resolver, candidates)
        routes = reader.routes
        rules = config.rules
    else:
        endpoints = find_endpoints(resolver, sorted(changed))
        routes = [
            r
            for r in reader.routes
            if r.view
            and (  # resolve only these: by the name written, or imported (`X as Stats`), or
                r.view.text.rpartition(".")[2] in names  # imported from a changed module (a
                or (r.view.dotted or "").rpartition(".")[2] in names  # class renamed there)
                or (r.view.dotted or "").rpartition(".")[0] in changed
            )
            and _serves_from(resolver, r, changed)
        ]
        if part is not None:  # the routes a whole run resolved to the part's classes
            routes = [r for i, r in enumerate(reader.routes) if i in part]
        rules = config.rules - _ROUTING_RULES
        files = []
    routed = resolved(resolver, reader.routed)  # named by entries the walk could not follow
    routed |= resolved(resolver, bound_unfollowed(resolver, routes, endpoints))
    unread = unparsed_modules(tree, candidates if changed is None else sorted(changed))
    analysis = Analysis(resolver, endpoints, routes, routed, [*reader.unresolved, *unread])
    owners = settings.owner_enum
    analysis.owner_enum = (owners.module, owners.name) if owners is not None else None
    if changed is None and reading.memo is not None:
        keep = reading.memo
        analysis.remember = lambda key, compute: keep(tree, key, compute)
    if changed is None:
        analysis.found_routing = reading.routing
    confirmed: list[Problem] = []
    whole_run: CheckResult | None = None
    if "unregistered-endpoint" in rules and _unserved(analysis):
        if changed is not None and part is not None:
            return CheckResult([], 0, 0)  # covers no part: an update checks the whole tree
        whole = changed is None  # a cut reader's modules must not reach a kept answer
        memo = reading.memo if whole else None
        taken = reading.urlconf_names if whole else None  # a cut reader's differ
        found = (lambda sources: taken(tree, sources)) if taken else None
        elsewhere = served_elsewhere(tree, resolver, reader, root_urls, files, memo, found)
        analysis.served_elsewhere = elsewhere | routed  # the walk's and the bindings' too
        if changed is not None and _unserved(analysis):
            # a class that looks unrouted may still be a base of endpoints elsewhere: the whole
            # tree says which are not; the other rules are judged here, as for any PATHS run
            whole_run = run_check(settings, _only_unregistered(config), None, reading)
            confirmed = _in_modules(settings, whole_run, changed)
            rules = rules - {"unregistered-endpoint"}
    problems = {p for rule in sorted(rules) for p in RULE_FUNCTIONS[rule](analysis)}
    problems |= set(confirmed)
    kept = _without_ignored(tree, sorted(problems))
    if reading.finish is not None:
        reading.finish(tree)
    concrete = concrete_endpoints(endpoints)  # counted as `scaffold list` lists them
    served_routes = len([r for r in routes if r.view is not None])
    # PATHS mode with no endpoint among the files (not an update's part): nothing was judged,
    # so only a file that could not be read is named
    judged = changed is None or part is not None or endpoints
    unresolved = sorted(set(analysis.unresolved if judged else unread))
    result = CheckResult(kept, len(concrete), served_routes, unresolved)
    if changed is None:
        if not reading.basis:
            return result
        basis = whole_basis(settings, reader, candidates, resolver, concrete, analysis)
        return evolve(result, basis=basis)
    if whole_run is not None:  # its summary, and what it could not follow: no kept answer's part
        seen = sorted({*whole_run.unresolved, *result.unresolved})
        return CheckResult(kept, whole_run.endpoints, whole_run.routes, seen)
    covered = paths_part(changed, reader, routes, concrete, analysis.producers)
    return evolve(result, part=covered)


def _changed_modules(tree: Tree, paths: list[Path]) -> set[str]:
    sources = [tree.source_file(p.resolve()) for p in paths if p.suffix == ".py"]
    return {s.module for s in sources if s is not None}


def _candidates_of(
    root_name: str,
) -> Callable[[Tree, list[SourceFile], RouteWalk], list[str]]:
    """A plain read of the candidates, for a root class not named `Endpoint`."""

    def candidates(tree: Tree, files: list[SourceFile], walk: RouteWalk) -> list[str]:
        walk.here()
        return candidate_modules(tree, files, root_name)

    return candidates


def _serves_from(resolver: Resolver, route: RouteEntry, modules: set[str]) -> bool:
    if route.view is None or route.view.dotted is None:
        return False
    found = resolver.resolve(route.view.dotted)
    defined = found[0] if found else route.view.dotted
    return defined.rpartition(".")[0] in modules


def _unserved(analysis: Analysis) -> bool:
    """Some concrete endpoint looks unrouted (before `as_view()` calls elsewhere are looked at:
    the rule itself does that, once)."""
    return bool(unrouted_endpoints(analysis))


def _only_unregistered(config: CheckConfig) -> CheckConfig:
    return evolve(config, rules=frozenset({"unregistered-endpoint"}))


def _in_modules(settings: Settings, result: CheckResult, changed: set[str]) -> list[Problem]:
    """The findings of `result` in the changed modules' files."""
    tree = Tree(settings.project_root, settings.src_root)
    relpaths = {source.relpath for m in changed if (source := tree.file_for(m)) is not None}
    return [p for p in result.problems if p.path in relpaths]


def _without_ignored(tree: Tree, problems: list[Problem]) -> list[Problem]:
    """Drop problems excluded by glob or suppressed by `# scaffold: ignore[rule]` on their lines."""
    kept = []
    comments: dict[str, dict[int, set[str] | None]] = {}
    for problem in problems:
        if tree.excluded(problem.path):
            continue
        if problem.path not in comments:
            path = tree.project_root / problem.path
            comments[problem.path] = ignored_rules(path.read_bytes()) if path.is_file() else {}
        lines = comments[problem.path]
        low, high = sorted((problem.line, problem.end_line or problem.line))
        if any(
            line in lines and (lines[line] is None or problem.rule in (lines[line] or ()))
            for line in range(low, high + 1)
        ):
            continue
        named = {rule for line in range(low, high + 1) for rule in lines.get(line) or ()}
        kept.append(_with_misspelling(problem, named))
    return kept


def _with_misspelling(problem: Problem, named: set[str]) -> Problem:
    """The finding, saying so when an ignore comment on its lines names a rule close to its
    own (`ignore[unregistered-endpoints]`): a typo there suppresses nothing."""
    close = next((r for r in sorted(named) if did_you_mean(r, [problem.rule])), None)
    if close is None:
        return problem
    hint = f" (the ignore comment names {close!r}: the rule is {problem.rule!r})"
    return evolve(problem, message=problem.message + hint)
