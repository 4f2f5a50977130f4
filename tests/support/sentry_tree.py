"""A deterministic Sentry-scale `bigco` tree (5,000 Python files), clean or with planted problems.

Builds on `synthetic.py` (its 3,800-line urls.py and bases) and adds what a whole codebase has:
an endpoint module for every routed class across `api/endpoints/` and product packages, product
bases chaining `convert_args`, handler mixins, a product `urls.py` included by dotted path, a
plugin route list spread into `urlpatterns`, and thousands of ordinary modules around them.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tests.support import synthetic as syn
from tests.support.pysource import camel
from tests.support.sentry_endpoints import Base, EndpointSpec, endpoint_specs
from tests.support.sentry_filler import KINDS, NOUNS, model_module
from tests.support.sentry_render import MIXINS, endpoint_module, product_bases_module
from tests.support.sentry_routes import build_routing
from tests.support.sentry_support import SUPPORT, core_bases

TOTAL_FILES = 5000
SRC = f"src/{syn.PACKAGE}"
URLS = f"{SRC}/api/urls.py"
# bytes of a source file at these quantiles of src/sentry in a 2023 Sentry tree (2,935 files,
# bench/measure_tree.py): many tiny files, a median near 2 KB, a long tail to ~130 KB
REAL_SIZES = (
    (0.0, 0), (0.05, 35), (0.1, 221), (0.2, 533), (0.3, 918), (0.4, 1443), (0.5, 1941),
    (0.6, 2649), (0.7, 3798), (0.8, 5525), (0.9, 10020), (0.95, 16858), (0.98, 26694),
    (0.99, 39748), (0.995, 55216), (0.999, 129920), (1.0, 130000),
)  # fmt: skip
# the same for the modules the candidate prefilter lets through (endpoints and their bases)
REAL_CANDIDATE_SIZES = (
    (0.0, 900), (0.1, 984), (0.5, 2862), (0.9, 10323), (0.99, 30000), (1.0, 38889),
)  # fmt: skip
EXTRA_PACKAGES = (
    "search", "ingest", "eventstore", "snuba", "digests", "rules", "ownership", "grouping",
    "quotas", "ratelimits", "hybridcloud", "sentry_metrics",
)  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """One problem `scaffold check` must report: rule, path relative to the root, symbol."""

    rule: str
    path: str
    symbol: str


@dataclass(frozen=True)
class Tree:
    """Relative path -> text of every file, with the counts `scaffold check` should report."""

    files: dict[str, str]
    endpoints: int
    routes: int
    specs: tuple[EndpointSpec, ...]


def module_path(dotted: str) -> str:
    """`bigco.api.endpoints.x` -> `src/bigco/api/endpoints/x.py`."""
    return f"src/{dotted.replace('.', '/')}.py"


def _endpoint_files(specs: list[EndpointSpec]) -> dict[str, str]:
    by_module: dict[str, list[EndpointSpec]] = defaultdict(list)
    for spec in specs:
        by_module[spec.module].append(spec)
    return {module_path(m): endpoint_module(group) for m, group in by_module.items()}


def _model_files(
    specs: list[EndpointSpec], existing: dict[str, str], rng: random.Random
) -> dict[str, str]:
    """A Django model module for each model an endpoint or product base names, when missing."""
    wanted = {spec.model for spec in specs}
    wanted |= {(cls, module) for spec in specs for _, cls, module in spec.base.injects}
    files = {}
    for _cls, module in sorted(wanted, key=lambda pair: pair[1]):
        path = module_path(module)
        if path in existing:
            continue
        noun = module.rsplit(".", 1)[1]
        app = module.split(".")[1]
        extra = rng.sample(NOUNS, rng.randint(1, 3))
        files[path] = model_module(app, [noun, *extra], rng)
    return files


def _packages(files: dict[str, str]) -> list[str]:
    areas = {
        path.split("/")[2] for path in files if path.startswith(f"{SRC}/") and "/endpoints/" in path
    }
    return sorted(areas | set(EXTRA_PACKAGES))


def _filler_dir(pkg: str, kind: str) -> str:
    return f"tests/{syn.PACKAGE}/{pkg}" if kind == "tests" else f"{SRC}/{pkg}/{kind}"


def _with_inits(files: dict[str, str]) -> dict[str, str]:
    """An `__init__.py` in every package directory that lacks one."""
    dirs = set()
    for path in files:
        if path.startswith((f"{SRC}/", f"tests/{syn.PACKAGE}/")):
            parent = Path(path).parent
            while parent.as_posix() not in ("src", "tests", "."):
                dirs.add(parent.as_posix())
                parent = parent.parent
    return {**{f"{d}/__init__.py": "" for d in sorted(dirs)}, **files}


def _fill(files: dict[str, str], seed: int, shape: str = "small") -> dict[str, str]:
    """Add ordinary modules until the tree holds exactly TOTAL_FILES Python files; with the
    "real" shape their sizes follow REAL_SIZES instead of ~120 lines each."""
    rng = random.Random(seed + 5)
    packages = _packages(files)
    models: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pkg in packages:
        for noun in rng.sample(NOUNS, 2):
            module = f"{syn.PACKAGE}.{pkg}.models.{noun}"
            extra = rng.sample(NOUNS, rng.randint(1, 3))
            files.setdefault(module_path(module), model_module(pkg, [noun, *extra], rng))
    for path in files:
        parts = path.removesuffix(".py").split("/")
        if len(parts) == 5 and parts[3] == "models" and parts[4] != "__init__":
            models[parts[2]].append((camel(parts[4]), ".".join(parts[1:])))
    slots = [(pkg, kind, blocks) for kind, _, blocks in KINDS for pkg in packages]
    for pkg, kind, _ in slots:  # each directory gets its first file now, so its __init__ counts
        files.setdefault(f"{_filler_dir(pkg, kind)}/__init__.py", "")
    files = _with_inits(files)
    weights = [weight for kind, weight, _ in KINDS for _ in packages]
    counter = 0
    python = sum(path.endswith(".py") for path in files)
    while python < TOTAL_FILES:
        python += 1
        pkg, kind, blocks = rng.choices(slots, weights)[0]
        stem = rng.choice(NOUNS)
        counter += 1
        name = f"{counter:04d}_{stem}" if kind == "migrations" else f"{stem}_{counter}"
        if kind == "tests":
            name = f"test_{stem}_{counter}"
        chosen = rng.sample(models[pkg], min(len(models[pkg]), rng.randint(1, 3)))
        text = blocks(pkg, stem, chosen, rng)
        if shape == "real":
            text = _resized(text, stem, _real_size(rng.random()), counter)
        files[f"{_filler_dir(pkg, kind)}/{name}.py"] = text
    return files


def _real_size(draw: float, sizes: tuple[tuple[float, int], ...] = REAL_SIZES) -> int:
    """The file size at quantile `draw` of `sizes` (linear between the measured points)."""
    for (q0, b0), (q1, b1) in itertools.pairwise(sizes):
        if draw <= q1:
            return int(b0 + (b1 - b0) * (draw - q0) / (q1 - q0))
    return sizes[-1][1]


def _resized(text: str, stem: str, target: int, serial: int, shrink: bool = True) -> str:
    """`text` grown to about `target` bytes with self-contained helpers, or, when the target
    is under half its size and `shrink`, a small constants module instead (both ruff --select F
    clean)."""
    if shrink and target < len(text) // 2:
        upper = stem.upper()
        lines = [f'"""{stem.replace("_", " ").capitalize()} settings."""', ""]
        index = 0
        while sum(len(line) + 1 for line in lines) < target - 40 or index == 0:
            lines.append(f"{upper}_LIMIT_{index} = {(serial * 31 + index * 7) % 1000}")
            index += 1
        if target > 800:  # a small module with one helper, like most real small modules
            lines.append(_HELPER.format(stem=stem, index=0, step=serial % 9 + 2).rstrip("\n"))
        return "\n".join(lines) + "\n" if target > 60 else ""
    pieces = [text.rstrip("\n") + "\n"]
    size, index = len(pieces[0]), 0
    while size < target:
        step = (serial + index) % 9 + 2
        piece = _HELPER.format(stem=stem, index=index, step=step)
        pieces.append(piece)
        size += len(piece)
        index += 1
    return "".join(pieces)


_HELPER = '''

def _{stem}_rollup_{index}(values: list[int], limit: int = {step}) -> dict[str, int]:
    """Bucket `values` the way the {stem} rollup does (every {step}th together)."""
    totals: dict[str, int] = {{}}
    for position, value in enumerate(values):
        key = f"bucket-{{position % limit}}"
        if value < 0:
            continue
        totals[key] = totals.get(key, 0) + value * {step}
    return totals
'''


@functools.lru_cache(maxsize=4)
def build_tree(seed: int = 0, shape: str = "small") -> Tree:
    """The clean tree: every endpoint routed and sound, so `scaffold check` finds nothing.
    `shape` "small": ordinary modules of ~120 lines each (what the tests use); "real": their
    sizes follow a real Sentry tree's (REAL_SIZES), for timing against real code."""
    routing = build_routing(seed=seed)
    specs, registry = endpoint_specs(routing, seed)
    files = {p: t for p, t in syn.sentry_tree_files(style="modern", seed=seed).items()}
    files.update({module_path(m.module): m.text for m in routing.modules})
    files.update(core_bases())
    files.update(SUPPORT)
    files[f"{SRC}/api/helpers/mixins.py"] = MIXINS
    endpoint_files = _endpoint_files(specs)
    if shape == "real":  # real endpoint modules carry serializers and helpers beside the class
        rng = random.Random(seed + 6)
        endpoint_files = {
            path: _resized(text, "endpoint", _real_size(rng.random(), REAL_CANDIDATE_SIZES), i, False)
            for i, (path, text) in enumerate(sorted(endpoint_files.items()))
        }  # fmt: skip
    files.update(endpoint_files)
    bases_by_module: dict[str, list[Base]] = defaultdict(list)
    for base in registry.product.values():
        bases_by_module[base.module].append(base)
    files.update({module_path(m): product_bases_module(b) for m, b in bases_by_module.items()})
    files.update(_model_files(specs, files, random.Random(seed + 4)))
    files = _fill(files, seed, shape)
    return Tree(files, len(specs), routing.routes, tuple(specs))


def write_files(root: Path, files: dict[str, str]) -> Path:
    """Write `files` under `root` and return `root`."""
    made: set[Path] = set()
    for relative, text in files.items():
        path = root / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")
    return root
