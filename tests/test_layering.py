"""The rooms keep their shape: imports walked with `ast`, every arrow checked against the design.

- `extractors/` knows formats and nothing of the pipeline;
- `pipeline/recover/` and `pipeline/templates/` never reach the runner or the store;
- `pipeline/run/` and `pipeline/store/` know neither templates, recovery nor any format
  module (only the extractors' package face);
- `pipeline/places/` knows bodies' names only: no format, recovery, runner or store;
- the pipeline uses the extractors' package face, never a format module;
- no import cycle anywhere; `pipeline/` keeps at most 12 top-level modules, and no
  file is over 400 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("extractors", "pipeline")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports (relative imports resolved), type-checking-only ones too."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            out.update(f"{target}.{a.name}" for a in node.names)  # `from . import checks`
    return out


def _graph() -> dict[str, set[str]]:
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")]
    modules = {_module_name(p): p for p in files}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules}
    return graph


GRAPH = _graph()


def _edges(src_prefix: str) -> list[tuple[str, str]]:
    return [(a, b) for a, targets in GRAPH.items() if a == src_prefix or a.startswith(src_prefix + ".")
            for b in targets]


def _in(module: str, room: str) -> bool:
    return module == room or module.startswith(room + ".")


def test_extractors_never_import_the_pipeline() -> None:
    assert [(a, b) for a, b in _edges("extractors") if _in(b, "pipeline")] == []


@pytest.mark.parametrize("room", ["pipeline.recover", "pipeline.templates"])
def test_recovery_never_reaches_the_runner_or_the_store(room: str) -> None:
    bad = [(a, b) for a, b in _edges(room)
           if _in(b, "pipeline.run") or _in(b, "pipeline.store") or _in(b, "pipeline.cli")]
    assert bad == []


@pytest.mark.parametrize("room", ["pipeline.run", "pipeline.store"])
def test_runner_and_store_know_no_template_and_no_format(room: str) -> None:
    bad = [(a, b) for a, b in _edges(room)
           if _in(b, "pipeline.templates") or _in(b, "pipeline.recover") or _in(b, "pipeline.extract")
           or _in(b, "pipeline.derived") or (_in(b, "extractors") and b != "extractors")]
    assert bad == []


def test_places_know_names_not_documents() -> None:
    """`pipeline/places/` reads bodies' names (with the templates' normal form): no format,
    no recovery, no runner, no store."""
    bad = [(a, b) for a, b in _edges("pipeline.places")
           if _in(b, "extractors") or any(_in(b, f"pipeline.{r}") for r in ("recover", "run", "store", "extract",
                                                                            "derived", "cli"))]
    assert bad == []
    assert "pipeline.places" in GRAPH["pipeline.derived"]  # not blind: derived.py uses it


def test_the_pipeline_uses_only_the_extractors_package_face() -> None:
    bad = [(a, b) for a, b in _edges("pipeline") if _in(b, "extractors") and b != "extractors"]
    assert bad == []


def test_there_is_no_import_cycle() -> None:
    # `from . import x` inside a package names the package too: that arrow, from a module to
    # its own package (or a package to itself), is how Python finds x, not a dependency.
    graph = {a: {b for b in bs if b != a and not a.startswith(b + ".")} for a, bs in GRAPH.items()}
    seen: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        seen[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if seen.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in seen:
                visit(nxt)
        stack.pop()
        seen[node] = 2

    for node in sorted(graph):
        if node not in seen:
            visit(node)
    assert cycles == []


def test_pipeline_top_level_stays_small_and_files_stay_short() -> None:
    top = [p for p in (ROOT / "pipeline").glob("*.py")]
    assert len(top) <= 12, sorted(p.name for p in top)
    long = {str(p.relative_to(ROOT)): n for pkg in (*PACKAGES, "synthetic", "bench")
            for p in (ROOT / pkg).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


def test_the_layering_test_sees_an_arrow_when_there_is_one() -> None:
    """The walker is not blind: known arrows of today's code are found."""
    assert "pipeline.recover.placement" in GRAPH["pipeline.recover.align"]
    assert "extractors" in GRAPH["pipeline.run.runner"]
    assert "pipeline.store" in GRAPH["pipeline.run.runner"]
