"""Whether a URL module proves the project runs Django 1.9 or older, read from its imports
alone: it imports `patterns` from `django.conf.urls` (Django 1.10 removed it), or anything from
`django.conf.urls.defaults` (removed in 1.6). An import of a name Django lacks would stop the
module from loading at all, so the import is the proof; no other sign (a `patterns(` in the
text, a Django version pinned somewhere) is taken for one. `check` (which Django passes None
for a group a path leaves out) and the generated tests (where `reverse` is imported from) both
ask this one reader."""

from __future__ import annotations

from scaffold.pysource.modules import ModuleInfo, read_module

_PATTERNS = "django.conf.urls.patterns"
_DEFAULTS = "django.conf.urls.defaults"


def before_django_1_10(info: ModuleInfo) -> bool:
    """True when the module's imports prove Django 1.9 or older."""
    targets = info.imports.values()
    return (
        _PATTERNS in targets
        or _DEFAULTS in info.star_imports
        or any(target.startswith(f"{_DEFAULTS}.") for target in targets)
    )


def urls_before_django_1_10(data: bytes, module: str, relpath: str) -> bool:
    """`before_django_1_10` of a urls.py given by its bytes (False when it does not parse)."""
    info = read_module(data, module, relpath, False)
    return info is not None and before_django_1_10(info)
