"""Placement fidelity of `new-endpoint` on a real tree, by leave-one-out; prints figures, never
asserts.

For every route entry of the tree's urls.py whose full pattern the route syntax can express:
take the entry out of a copy of urls.py (and the class's import when nothing else uses it), ask
scaffold to register that class again with that route (`new-endpoint CLASS --route R --module M
--skip`, in process: the hand-written module stays), and compare with what the tree's engineers
wrote: same list, same pattern, same URL name, same place, same base, same layout, black still
clean, no existing line changed. Each run also takes the route out again with `remove CLASS
--route R` (in process): from the patched urls.py it must give the left-out text back byte for
byte (the inverse of `new-endpoint --skip`), and from the tree's own urls.py it is compared
with the bench's leaving out (the entry's lines, and the import when nothing else names it).
An entry routing a class that cannot take it (a finding of `scaffold check` on the tree
itself) is refused by `new-endpoint --skip`, rightly: it is counted apart, and "exit 0 of the
rest" is over the other entries.

    python bench/bench_fidelity.py /tmp/real/s2023 [--limit 50 --seed 1] [--no-black] [-v]

The tree is copied to a folder of this run's own (`/tmp/fid_<name>_*`, so that runs side by side
never share one), deleted at the end; only that copy's urls.py is rewritten.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import random
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from scaffold.errors import ScaffoldError
from scaffold.generate import build
from scaffold.generate.resolve import resolve
from scaffold.generate.route_removal import build_route_removal_plan
from scaffold.project.catalog import BaseClass, Catalog
from scaffold.project.settings import Settings, load_settings
from scaffold.pysource.urlsource import read_from_imports
from scaffold.routes import Param, Route, Token, parse_route, regex_to_tokens
from scaffold.spec import resource_from_flags
from scaffold.urls.imports import import_text, without_name_continued
from scaffold.urls.index import UrlsIndex
from scaffold.write.plan import validate

ROUTE_CALLS = {"url", "re_path", "path"}


@dataclass(frozen=True)
class Entry:
    """One `call(pattern, X.as_view(), name=...)` item of a route list."""

    list_key: str  # as UrlsIndex names lists: NAME, or NAME@i/j for an inline include list
    # the list named by the prefixes including it (`NAME@^organizations/`): an entry added
    # before an inline list changes its index, not this
    list_id: str
    index: int
    pattern: str
    class_name: str
    url_name: str | None
    line: int
    end_line: int
    column: int
    end_column: int
    layout: tuple[str, bool, bool]  # call, one line, trailing comma


@dataclass
class Outcome:
    """What one leave-one-out run gave."""

    entry: Entry
    error: str | None = None
    asked_lookup: bool = False
    asked_name: bool = False
    new: Entry | None = None
    base: str | None = None
    real_base: str | None = None
    base_fewer: bool = False  # the real base consumes more route parameters than scaffold's
    black_clean: bool | None = None
    changed_lines: int = 0
    identical: bool = False
    undone: bool | None = None  # remove --route on the patched urls.py gives the left-out text
    removed_as_left_out: bool | None = None  # remove --route on the tree's = the bench's
    remove_error: str | None = None
    notes: list[str] = field(default_factory=list)


def entries(source: str) -> list[Entry]:
    """Every endpoint entry of the module-level route lists, inline include lists too."""
    tree = ast.parse(source)
    found: list[Entry] = []
    for stmt in tree.body:
        target: ast.expr | None = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
        elif isinstance(stmt, ast.AnnAssign):
            target = stmt.target
        value = getattr(stmt, "value", None)
        if isinstance(target, ast.Name) and isinstance(value, ast.List):
            found.extend(_walk_list(value.elts, target.id, ()))
        elif (
            isinstance(target, ast.Name)
            and isinstance(value, ast.Call)
            and _name(value.func) == "patterns"  # Django 1.x: item 0 is the prefix
        ):
            found.extend(_walk_list(value.args, target.id, ()))
    return found


def _walk_list(
    items: list[ast.expr], root: str, path: tuple[int, ...], named: tuple[str, ...] = ()
) -> Iterator[Entry]:
    key = root if not path else f"{root}@{'/'.join(map(str, path))}"
    list_id = root if not named else f"{root}@{' '.join(named)}"
    seen: Counter[str] = Counter()
    for index, item in enumerate(items):
        if not (isinstance(item, ast.Call) and _name(item.func) in ROUTE_CALLS and item.args):
            continue
        second = item.args[1] if len(item.args) > 1 else None
        if isinstance(second, ast.Call) and _name(second.func) == "include":
            inner = second.args[0] if second.args else None
            if isinstance(inner, ast.List):
                prefix = item.args[0]
                text = str(prefix.value) if isinstance(prefix, ast.Constant) else "?"
                seen[text] += 1
                name = text if seen[text] == 1 else f"{text}#{seen[text]}"
                yield from _walk_list(inner.elts, root, (*path, index), (*named, name))
            continue
        first = item.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        if not (
            isinstance(second, ast.Call)
            and isinstance(second.func, ast.Attribute)
            and second.func.attr == "as_view"
            and isinstance(second.func.value, ast.Name)
        ):
            continue
        url_name = next(
            (
                k.value.value
                for k in item.keywords
                if k.arg == "name" and isinstance(k.value, ast.Constant)
            ),
            None,
        )
        yield Entry(
            key,
            list_id,
            index,
            first.value,
            second.func.value.id,
            url_name if isinstance(url_name, str) else None,
            item.lineno,
            item.end_lineno or item.lineno,
            item.col_offset,
            item.end_col_offset or 0,
            _layout(item),
        )


def _name(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) else None


def _layout(call: ast.Call) -> tuple[str, bool, bool]:
    one_line = call.lineno == call.end_lineno
    return (_name(call.func) or "", one_line, False)


def list_prefixes(index: UrlsIndex) -> dict[str, tuple[Token, ...]]:
    """Each list's include prefix from urlpatterns (the first way it is reached)."""
    prefixes: dict[str, tuple[Token, ...]] = {"urlpatterns": ()}
    todo = ["urlpatterns"]
    while todo:
        name = todo.pop(0)
        for tokens, included in index.lists[name].includes if name in index.lists else ():
            if included not in prefixes:
                prefixes[included] = prefixes[name] + tokens
                todo.append(included)
    return prefixes


def route_text(prefix: tuple[Token, ...], pattern: str) -> str | None:
    """The spec route of an entry, or None when the route syntax cannot express it."""
    tokens = regex_to_tokens(pattern)
    if tokens is None or "(?:" in pattern:  # an alternation the route syntax cannot write
        return None
    text = Route(prefix + tokens).text
    try:
        parse_route(text)
    except ValueError:
        return None
    return text


def leave_out(source: str, entry: Entry, package: str) -> str | None:
    """`source` without the entry (whole lines only; of the blank lines around it, one) and,
    when nothing else names the class, its import (as isort leaves one: a name left alone on
    one line where it fits); None when the entry shares a line with something else."""
    lines = source.splitlines(keepends=True)
    head = lines[entry.line - 1].encode()[: entry.column].decode()
    tail = lines[entry.end_line - 1].encode()[entry.end_column :].decode()
    if head.strip() or not re.fullmatch(r"\s*,?\s*(#.*)?\s*", tail):
        return None
    del lines[entry.line - 1 : entry.end_line]
    at = entry.line - 1  # an entry between blank lines leaves one of them, as `remove` does
    if 0 < at < len(lines) and not lines[at - 1].strip() and not lines[at].strip():
        del lines[at]
    text = "".join(lines)
    uses = len(re.findall(rf"(?<![\w.]){re.escape(entry.class_name)}\b", text))
    if uses != 1:
        return text
    lines = text.splitlines(keepends=True)
    for imported in read_from_imports(text, "urls.py", package):
        if entry.class_name not in imported.names:
            continue
        kept = [
            name + (f" as {asname}" if asname else "")
            for name, asname in imported.aliases
            if (asname or name) != entry.class_name
        ]
        first, last = imported.first_line, imported.last_line
        # one name left is on one line where it fits, as isort leaves it (a tree of isort and
        # black has no one-name import in brackets that fits on one line: s2023 0 of 33)
        # an import continued by backslashes (before black) loses the name where it stands
        exploded = imported.exploded and len(kept) > 1
        continued = without_name_continued(lines, first, last, entry.class_name)
        new = import_text(imported.shown, kept, exploded, "\n", 100) if kept else ""
        new = continued if continued is not None and len(kept) > 1 else new
        lines[first - 1 : last] = [new]
        return "".join(lines)
    return text


def imported_module(source: str, class_name: str, package: str) -> str | None:
    for imported in read_from_imports(source, "urls.py", package):
        for name, asname in imported.aliases:
            if (asname or name) == class_name:
                return imported.module
    return None


def real_base(catalog: Catalog, module: str, class_name: str) -> BaseClass | None:
    """The direct endpoint base of the tree's class (through the catalogue's resolver)."""
    endpoint = catalog._resolver.endpoint(f"{module}.{class_name}")
    if endpoint is None:
        return None
    for dotted, _ in endpoint.ancestry[1:]:
        if dotted in endpoint.endpoint_ancestors:
            return catalog.find(dotted)
    return None


class Bench:
    """One tree's copy, settings and catalogue, shared by every run."""

    def __init__(self, tree: Path, folder: Path, black: bool):
        self.copy = folder / tree.name
        shutil.copytree(tree, self.copy, symlinks=True)
        self.settings: Settings = load_settings(self.copy)
        self.urls_path = self.settings.urls_path
        self.original = (tree / self.urls_path.relative_to(self.copy)).read_text()
        self.urls_path.write_text(self.original)
        self.catalog = Catalog(self.settings)
        build.__dict__["Catalog"] = lambda settings: self.catalog  # reuse one catalogue
        self.package = self.settings.api_module
        self.index = UrlsIndex(
            self.original,
            "urls.py",
            self.settings.package,
            self.settings.module_for(self.urls_path),
        )
        self.black = black
        self.black_clean = black and _black(self.original) == self.original

    def run(self, entry: Entry, route: str) -> Outcome:
        outcome = Outcome(entry)
        without = leave_out(self.original, entry, self.package)
        module = imported_module(self.original, entry.class_name, self.package)
        if without is None or module is None:
            outcome.error = "bench: cannot leave this entry out"
            return outcome
        self.urls_path.write_text(without)
        raw: dict[str, Any] = {"name": entry.class_name, "route": route, "methods": "get"}
        raw["module"] = module
        try:
            plan, base = self.plan_advised(raw, entry, outcome)
            validate(plan)
        except ScaffoldError as exc:
            outcome.error = str(exc).splitlines()[0]
            return outcome
        finally:
            self.urls_path.write_text(self.original)
        outcome.base = base.name
        real = real_base(self.catalog, module, entry.class_name)
        if real is not None:
            params = resource_from_flags(dict(raw)).route.params
            outcome.real_base = real.name
            outcome.base_fewer = (real.taken(params) or 0) > (base.taken(params) or 0)
        after = next((c.after for c in plan.changes if c.path == self.urls_path), without)
        assert after is not None
        outcome.identical = after == self.original
        outcome.changed_lines = _changed_lines(without, after)
        try:
            new_entries = entries(after)
        except SyntaxError:
            outcome.changed_lines = -1
            return outcome
        before = Counter((e.list_id, e.pattern, e.class_name) for e in entries(without))
        for candidate in new_entries:
            key = (candidate.list_id, candidate.pattern, candidate.class_name)
            if candidate.class_name == entry.class_name and before[key] == 0:
                outcome.new = candidate
        if self.black_clean:
            outcome.black_clean = _black(after) == after
        try:
            undone = self._removed(after, entry.class_name, route)
            removed = self._removed(self.original, entry.class_name, route)
        except ScaffoldError as exc:
            outcome.remove_error = str(exc).splitlines()[0]
            return outcome
        outcome.undone, outcome.removed_as_left_out = undone == without, removed == without
        for label, text in (("undone", undone), ("removed", removed)):
            diff = difflib.unified_diff(without.splitlines(), (text or "").splitlines(), n=0)
            outcome.notes += [f"{label}: {line}" for line in list(diff)[2:8]]
        return outcome

    def _removed(self, source: str, class_name: str, route: str) -> str | None:
        """urls.py after `remove CLASS --route R`, run on `source`."""
        self.urls_path.write_text(source)
        try:
            plan = build_route_removal_plan(self.settings, class_name, parse_route(route))
        finally:
            self.urls_path.write_text(self.original)
        return next((c.after for c in plan.changes if c.path == self.urls_path), None)

    def plan_advised(
        self, raw: dict[str, Any], entry: Entry, outcome: Outcome
    ) -> tuple[Any, BaseClass]:
        """The plan for `raw`, following the advice of scaffold's refusals as a user would."""
        for _ in range(3):
            try:
                return self._plan(raw)
            except ScaffoldError as exc:
                if not self._advice(str(exc), raw, entry, outcome):
                    raise
        raise ScaffoldError("bench: still refused after following the advice")

    def _advice(self, message: str, raw: dict[str, Any], entry: Entry, outcome: Outcome) -> bool:
        """Change `raw` as the message asks (a lookup, a URL name); False: no advice taken."""
        if "has no lookup" in message and "lookups" not in raw:
            outcome.asked_lookup = True
            spec = resource_from_flags(dict(raw))
            chosen = self.catalog.choose(spec.route.params, self.settings.default_silo)
            consumed = (chosen.consumed(spec.route.params) or ()) if chosen else ()
            leftover = [p for p in spec.route.params if p not in consumed]
            raw["lookups"] = {p.name: {"passthrough": True} for p in leftover}
            return True
        if "--permission" in message and "permission_classes" not in raw:
            # a new class on a root refusing every request: any permission does for the place
            raw["permission_classes"] = ["rest_framework.permissions.AllowAny"]
            return True
        if "--url-name" in message and "url_name" not in raw and entry.url_name:
            outcome.asked_name = True
            raw["url_name"] = entry.url_name
            return True
        taken = re.search(r"URL name '([^']+)' is already used", message)
        if "--url-name" in message and taken and not taken.group(1).endswith("-2"):
            # the tree names another route so (its own duplicate, or a class without a name
            # whose derived one is taken): a user picks a free name
            outcome.asked_name = True
            raw["url_name"] = taken.group(1) + "-2"
            return True
        return False

    def _plan(self, raw: dict[str, Any]) -> tuple[Any, BaseClass]:
        spec = resource_from_flags(dict(raw))
        base = resolve(spec, self.settings, self.catalog, keeps=True).base  # as --skip
        return build.build_plan(self.settings, [spec], build.OnExisting.SKIP), base


def _black(text: str) -> str:
    import black

    try:
        return black.format_str(text, mode=black.Mode(line_length=100))
    except Exception:  # noqa: BLE001 - a file black cannot format is "not clean"
        return ""


def _changed_lines(before: str, after: str) -> int:
    """Lines of `before` that `after` replaced or dropped, import statements aside."""
    old, new = before.splitlines(), after.splitlines()
    changed = 0
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            changed += sum(
                1
                for line in old[i1:i2]
                if not re.match(r"\s*(from |import |\)|[A-Za-z_][\w]*,?$)", line)
            )
    return changed


def normalised(pattern: str) -> tuple[Token, ...] | None:
    tokens = regex_to_tokens(pattern)
    if tokens is None:
        return None
    return tuple(Param(t.name) if isinstance(t, Param) and t.regex is None else t for t in tokens)


def report(name: str, outcomes: list[Outcome], total: int, skipped: int) -> None:
    n = len(outcomes)

    def pct(count: int, of: int | None = None) -> str:
        of = n if of is None else of
        return f"{count}/{of} ({100.0 * count / of:.1f}%)" if of else "0/0"

    ok = [o for o in outcomes if o.error is None]
    placed = [o for o in ok if o.new is not None]
    same_list = [o for o in placed if o.new and o.new.list_id == o.entry.list_id]

    def dist(o: Outcome) -> int:
        assert o.new is not None
        return abs(o.new.index - o.entry.index)

    based = [o for o in ok if o.real_base is not None]
    blacked = [o for o in ok if o.black_clean is not None]
    print(f"tree {name}: {total} endpoint entries, {n} expressible and tried, {skipped} not")
    # refused because the original entry routes a class that cannot take it: a finding of
    # `scaffold check` on the tree itself (a TypeError on every request), not reproduced
    broken = [o for o in outcomes if o.error is not None and "cannot take it" in o.error]
    rows = [
        ("exit 0", pct(len(ok))),
        ("refused: the original route is a check finding", pct(len(broken))),
        ("exit 0 of the rest", pct(len(ok), n - len(broken))),
        (
            "exit 0 without advice followed",
            pct(sum(not (o.asked_lookup or o.asked_name) for o in ok)),
        ),
        ("asked for --lookup first", pct(sum(o.asked_lookup for o in outcomes))),
        ("asked for --url-name first", pct(sum(o.asked_name for o in outcomes))),
        ("same list", pct(len(same_list))),
        (
            "same pattern (exact)",
            pct(sum(o.new.pattern == o.entry.pattern for o in placed if o.new)),
        ),
        (
            "same pattern (normalised)",
            pct(
                sum(
                    normalised(o.new.pattern) == normalised(o.entry.pattern)
                    for o in placed
                    if o.new
                )
            ),
        ),
        (
            "same url name (derived)",
            pct(
                sum(
                    o.new.url_name == o.entry.url_name and not o.asked_name for o in placed if o.new
                )
            ),
        ),
        ("same place", pct(sum(dist(o) == 0 for o in same_list))),
        ("within 1 entry", pct(sum(dist(o) <= 1 for o in same_list))),
        ("within 3 entries", pct(sum(dist(o) <= 3 for o in same_list))),
        ("file byte for byte the original", pct(sum(o.identical for o in ok))),
        (
            "same base as the tree's class",
            pct(sum(o.base == o.real_base for o in based), len(based)),
        ),
        ("base consuming fewer params", pct(sum(o.base_fewer for o in based), len(based))),
        ("same layout", pct(sum(o.new.layout == o.entry.layout for o in placed if o.new))),
        ("black clean", pct(sum(bool(o.black_clean) for o in blacked), len(blacked))),
        ("changed existing lines (runs)", pct(sum(o.changed_lines > 0 for o in ok))),
        ("corrupted (does not parse)", pct(sum(o.changed_lines < 0 for o in ok))),
        ("remove --route undoes it", pct(sum(bool(o.undone) for o in ok))),
        (
            "remove --route on the tree = left out",
            pct(sum(bool(o.removed_as_left_out) for o in ok)),
        ),
    ]
    for label, value in rows:
        print(f"  {label:34} {value}")
    errors = Counter(re.sub(r"\S*:\d+:?", "", o.error or "")[:90] for o in outcomes if o.error)
    for message, count in errors.most_common(8):
        print(f"  error x{count}: {message}")
    refused = Counter(re.sub(r"\S*:\d+:?", "", o.remove_error)[:90] for o in ok if o.remove_error)
    for message, count in refused.most_common(8):
        print(f"  remove --route refused x{count}: {message}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="try this many sampled routes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-black", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per miss")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix=f"fid_{args.tree.name}_"))
    try:
        try:
            bench = Bench(args.tree.resolve(), folder, black=not args.no_black)
        except ScaffoldError as exc:  # a tree refused as a whole: say so, as a user sees it
            print(f"{args.tree}: scaffold refuses the tree: {exc}")
            return 0
        return _run(bench, args)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(bench: Bench, args: argparse.Namespace) -> int:
    prefixes = list_prefixes(bench.index)
    all_entries = entries(bench.original)
    tried: list[tuple[Entry, str]] = []
    for entry in all_entries:
        prefix = prefixes.get(entry.list_key)
        text = route_text(prefix, entry.pattern) if prefix is not None else None
        if text is not None:
            tried.append((entry, text))
    skipped = len(all_entries) - len(tried)
    if args.limit:
        tried = random.Random(args.seed).sample(tried, min(args.limit, len(tried)))
    outcomes = []
    for entry, text in tried:
        outcome = bench.run(entry, text)
        outcomes.append(outcome)
        if args.verbose:
            _explain(outcome, text)
    report(args.tree.name, outcomes, len(all_entries), skipped)
    return 0


def _explain(o: Outcome, route: str) -> None:
    e = o.entry
    head = f"{e.class_name} {route} [{e.list_key}#{e.index}]"
    if o.error:
        print(f"ERR  {head}: {o.error}")
        return
    problems = []
    if o.new is None:
        problems.append("no new entry found")
    else:
        if o.new.list_id != e.list_id:
            problems.append(f"list {o.new.list_id}")
        elif o.new.index != e.index:
            problems.append(f"place {o.new.index} (was {e.index})")
        if o.new.pattern != e.pattern:
            problems.append(f"pattern {o.new.pattern!r} (was {e.pattern!r})")
        if o.new.url_name != e.url_name:
            problems.append(f"name {o.new.url_name} (was {e.url_name})")
        if o.new.layout != e.layout:
            problems.append(f"layout {o.new.layout[:2]} (was {e.layout[:2]})")
    if o.base_fewer:
        problems.append(f"base {o.base} takes fewer params than the real {o.real_base}")
    if o.asked_lookup:
        problems.append("asked for --lookup")
    if o.changed_lines:
        problems.append(f"changed lines {o.changed_lines}")
    if o.remove_error:
        problems.append(f"remove --route refused: {o.remove_error}")
    if problems:
        print(f"MISS {head}: {'; '.join(problems)}")
    for note in o.notes:  # how remove --route differs from the left-out text
        print(f"     {note}")


if __name__ == "__main__":
    sys.exit(main())
