"""Where a new endpoint module may be written: a module of the project's own package, named as
Python can import it, and not a file that is something else (the API urls.py, any urlconf, a
package's `__init__.py`). `--module acme.api.urls --force` once replaced urls.py with an
endpoint, and `--module json` wrote `src/json.py`, which hides the standard library's."""

from __future__ import annotations

import keyword
import re
from functools import lru_cache
from pathlib import Path

from scaffold.errors import SpecError
from scaffold.naming import module_name_for, stem_of
from scaffold.project.catalog import Catalog
from scaffold.project.files import read_source
from scaffold.project.settings import Settings
from scaffold.pysource.urlsource import FromImport, read_from_imports
from scaffold.spec import ResourceSpec


def require_endpoint_target(
    spec: ResourceSpec, settings: Settings, path: Path, catalog: Catalog | None = None
) -> Path:
    """`path`, the module file the endpoint goes to, once it is one a new endpoint may take;
    with `catalog` (the class is new), once no other module's endpoint class has its name."""
    where = spec.at("module") if spec.module is not None else spec.at("name")
    module = settings.module_for(path) if spec.module is not None else ""
    if spec.module is not None and (
        module.partition(".")[0] != settings.package or "." not in module
    ):
        raise SpecError(
            f"{where}: {spec.module} is outside the project's package {settings.package}; give a "
            f"module or package under it (e.g. {settings.module_for(settings.endpoints_dir)})"
        )
    stem = path.stem
    if keyword.iskeyword(stem) or keyword.issoftkeyword(stem) or not stem.isidentifier():
        what = "the module name" if spec.module is not None else "the module name made from it"
        raise SpecError(
            f"{where}: {what}, {stem!r}, is a Python keyword or no identifier: no import can "
            f"name it; choose another {'module' if spec.module is not None else 'class name'} "
            "or give --module"
        )
    if stem.startswith("__") or path == settings.urls_path or _is_urlconf(path):
        raise SpecError(
            f"{where}: {settings.relpath(path)} is not an endpoint module (a package's "
            "__init__.py, the API urls.py or another urlconf); give a module of its own"
        )
    folder = path.with_suffix("")
    if folder.is_dir() and any(folder.glob("*.py")):
        # Python imports a package before a module of its name, and a module before a folder
        # without `__init__.py`: either way one of the two could not be imported
        raise SpecError(
            f"{where}: {settings.relpath(folder)}/ is a package of that name: Python cannot "
            f"import both it and {path.name}; choose another "
            f"{'module' if spec.module is not None else 'class name'} or give --module"
        )
    if catalog is not None:
        require_new_name(spec, settings, catalog, path)
    return path


def require_new_name(spec: ResourceSpec, settings: Settings, catalog: Catalog, path: Path) -> None:
    """Refuse a new class whose name an endpoint class of another module has already (a base
    in a domain package, an endpoint no route serves): `remove` would take that class's users
    for the new one's, and `--base` the name would be ambiguous. A class urls.py imports
    already is left to the patcher, which names that import."""
    try:
        module = settings.module_for(path)
    except ValueError:  # an endpoints folder outside the source root
        return
    if imported_module(settings, spec.class_name) is not None:
        return
    others = [d for d in catalog.endpoints_named(spec.class_name) if d.rpartition(".")[0] != module]
    if others:
        raise SpecError(
            f"{spec.at('name')}: {spec.class_name} is already an endpoint class of the project "
            f"({', '.join(others)}); choose another name, or route that class with "
            f"{spec.named('module')} {others[0].rpartition('.')[0]} and --skip"
        )


_URLPATTERNS_RE = re.compile(rb"^urlpatterns\b", re.MULTILINE)


def _is_urlconf(path: Path) -> bool:
    """A `urls.py`, or a module binding `urlpatterns` at its top level."""
    if path.stem == "urls":
        return True
    try:
        return path.is_file() and _URLPATTERNS_RE.search(path.read_bytes()) is not None
    except OSError:
        return False


def imported_module(settings: Settings, class_name: str) -> str | None:
    """The module urls.py imports `class_name` (or its name without `Endpoint`) from, without
    an alias, when one statement does and it is not the default module for the class: a class
    registered already lives there (`sentry.monitors.endpoints.organization_monitor_stats`, a
    re-exporting package)."""
    urls = settings.urls_path
    if not urls.is_file():
        return None
    try:
        default = settings.module_for(settings.endpoints_dir / f"{module_name_for(class_name)}.py")
    except ValueError:  # an endpoints folder outside the source root
        default = None
    package = settings.module_for(urls).rpartition(".")[0]
    statements = _imports(read_source(urls, settings.relpath(urls)), str(urls), package)
    for name in dict.fromkeys((class_name, stem_of(class_name))):
        found = {s.module for s in statements if (name, None) in s.aliases}
        module = found.pop() if len(found) == 1 else None
        if module is not None and module.partition(".")[0] == settings.package:
            return module if module != default and settings.path_for(module) else None
    return None


@lru_cache(maxsize=2)  # one urls.py, asked once per resource of a spec (14 ms a parse on Sentry's)
def _imports(source: str, label: str, package: str) -> tuple[FromImport, ...]:
    return tuple(read_from_imports(source, label, package))


def missing_package(spec: ResourceSpec, settings: Settings) -> SpecError:
    """The error for a `module` whose package is not there, with the module it may mean: each
    folder missing on the way replaced by the closest one beside it (`acme.apl.endpoints`: did
    you mean 'acme.api.endpoints'?)."""
    import difflib  # only when an error is reported

    parts, folder = (spec.module or "").split("."), settings.src_root
    for index, part in enumerate(parts[:-1]):
        if not (folder / part).is_dir() and (folder / f"{part}.py").is_file():
            # a module on the way (`incidents.endpoints.bases` is bases.py): "create it" would
            # put a package beside the module, which Python cannot import both of
            return SpecError(
                f"{spec.at('module')}: {'.'.join(parts[: index + 1])} is a module "
                f"({settings.relpath(folder / f'{part}.py')}), not a package: no module goes "
                f"inside it; give a package, such as {'.'.join(parts[:index])}"
            )
        if not (folder / part).is_dir():
            beside = [d.name for d in folder.iterdir() if d.is_dir() and d.name.isidentifier()]
            close = difflib.get_close_matches(part, beside, n=1)
            parts[index] = close[0] if close else ""
        folder = folder / parts[index]
    meant = ".".join(parts) if all(parts) and folder.is_dir() else None
    return SpecError(
        f"{spec.at('module')}: no package {(spec.module or '').rpartition('.')[0]} under "
        f"{settings.relpath(settings.src_root)}"
        + (f" (did you mean {meant!r}?)" if meant else "")
        + "; create it or give an existing one"
    )


def require_no_misspelt_package(spec: ResourceSpec, module: Path, settings: Settings) -> Path:
    """`module`, unless it would be a new module named all but as a package beside it (a
    SpecError): `--module sentry.api.endpoitns`, meant `sentry.api.endpoints`, wrote the class
    to `sentry/api/endpoitns.py` and urls.py imported it from there. A name of the class's own
    module (`--module acme.api.widget` beside `widgets/`) is meant as given, and so is a
    package that exists: the refusal names the `__init__.py` that makes a new one deliberately."""
    import difflib  # only for a module not there yet

    if (
        module.exists()
        or not module.parent.is_dir()
        or module.stem == module_name_for(spec.class_name)
    ):
        return module
    beside = [
        d.name
        for d in module.parent.iterdir()
        if d.is_dir() and (d / "__init__.py").is_file() and d.name != module.stem
    ]
    close = difflib.get_close_matches(module.stem, beside, n=1, cutoff=0.8)
    if close:
        package = (spec.module or "").rpartition(".")[0]
        meant = f"{package}.{close[0]}"
        raise SpecError(
            f"{spec.at('module')}: {spec.module} would be a new module beside the package "
            f"{meant} (did you mean {meant!r}?); give the package, or a module name not this "
            "close to it; for a new package of that name, create "
            f"{settings.relpath(module.with_suffix('') / '__init__.py')} first"
        )
    return module
