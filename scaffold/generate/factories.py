"""Which factory of the test utilities makes a generated test's object: named for it as Sentry
names them, and giving back that model (read from the factory's body)."""

from __future__ import annotations

from scaffold.naming import module_name_for
from scaffold.pysource.test_idiom import CallSignature, TestIdiom


def factory_for(
    idiom: TestIdiom | None, name: str, parent: str | None, model: str | None
) -> str | None:
    """The utilities' factory for an object, without its `create_`: as Sentry's name them,
    `create_project_rule` (parent and object, or parent and model: a `gizmo` looked up as a
    Rule), `create_project_key` (the model, for ProjectKey), `create_revision` (the model
    without its parent's name, for a WidgetRevision under a widget), else `create_rule` (the
    object: last, since Sentry's `create_file` makes a File, not the ReleaseFile a `file` is)."""
    if idiom is None:
        return None
    short = model.rpartition(".")[2] if model else ""
    model_name = module_name_for(short) if model else ""
    names = [
        f"{parent}_{name}" if parent else "",
        model_name,
        short.lower(),  # Sentry's `create_useremail` for UserEmail
        f"{parent}_{model_name}" if parent and model_name else "",
        # the model named after its parent, the factory not: WidgetRevision, `create_revision`
        model_name.removeprefix(f"{parent}_") if parent else "",
        name,
    ]

    def makes_it(factory: str) -> bool:  # a name not the model's: unless it makes another
        exact = factory.endswith((f"_{model_name}", f"_{short.lower()}"))
        return exact or makes(idiom, factory, model)

    found = next(
        (n for n in names if n and idiom.has(f"create_{n}") and makes_it(f"create_{n}")), None
    )
    if found is None and len(model_name) > 4:
        # a shorter name whose body provably makes the model: Sentry's `create_repo` for a
        # Repository
        cut = (model_name[:n] for n in range(len(model_name) - 1, 3, -1))
        made = (n for n in cut if (c := idiom.call(f"create_{n}")) and _returns(c, short))
        found = next(made, None)
    return found


def _returns(call: CallSignature, short: str) -> bool:
    """The factory gives back the model: it returns it, or makes it alone (`create_incident`
    also makes IncidentSeen rows, and returns the Incident)."""
    return call.returns == short if call.returns else call.makes == {short}


def makes(idiom: TestIdiom, member: str, model: str | None) -> bool:
    """Whether the utilities' `member` (a fixture or factory) may make the model: it makes it,
    or what it makes cannot be read (Sentry's `activity` fixture makes a group's Activity, not
    the IncidentActivity an incident comment route looks up)."""
    call, short = idiom.call(member), (model or "").rpartition(".")[2]
    return not short or call is None or not call.makes or short in call.makes
