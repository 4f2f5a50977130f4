"""`Tree.remembered`: a fact many callers ask for (the check asks whether a class decorator
keeps the handlers once per route, and Sentry puts one decorator on hundreds of endpoints) is
computed once per tree; a later call takes the answer and still counts the modules the first
asked as asked, so a cache that keys an answer by what it asked (`Tree.recorded`) sees them."""

from __future__ import annotations

from pathlib import Path

from scaffold.pysource.tree import Tree


def _tree(tmp_path: Path) -> Tree:
    src = tmp_path / "src"
    (src / "shop").mkdir(parents=True)
    (src / "shop" / "__init__.py").write_text("")
    (src / "shop" / "limits.py").write_text("def keeps(cls):\n    return cls\n")
    (src / "shop" / "views.py").write_text("from shop.limits import keeps\n")
    return Tree(tmp_path, src)


def test_computed_once_and_what_it_asked_is_asked_again(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    runs: list[str] = []

    def verdict() -> str:
        runs.append("run")
        info = tree.info("shop.views")
        assert info is not None
        return "keeps" if tree.data(info.imports["keeps"].rpartition(".")[0]) else "?"

    first, asked_first = tree.recorded(lambda: tree.remembered("limits", verdict))
    second, asked_second = tree.recorded(lambda: tree.remembered("limits", verdict))
    assert first == second == "keeps"
    assert runs == ["run"]
    assert asked_first == asked_second == {"shop.views", "shop.limits"}
    other, asked_other = tree.recorded(lambda: tree.remembered("other", lambda: "none"))
    assert (other, asked_other) == ("none", set())


def test_an_overlay_forgets_the_answers(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    assert tree.remembered("views", lambda: tree.data("shop.views")) == (
        b"from shop.limits import keeps\n"
    )
    tree.overlay("shop.views", b"")
    assert tree.remembered("views", lambda: tree.data("shop.views")) == b""
