"""The shape of the package: imports flow one way through the stages, and the types check.

The import graph is read with ``ast`` from the source (every ``import`` and ``from ... import``,
including those inside functions), so a lazy import cannot hide a circle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "roadmap_gen"

#: The stages, lowest first: a module may import only from its own layer or a lower one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("roadmap_gen.version", "roadmap_gen.diagnostics", "roadmap_gen.periods", "roadmap_gen.numbers",
     "roadmap_gen.safe_write", "roadmap_gen.escape", "roadmap_gen.resources", "roadmap_gen.charts", "roadmap_gen.report_formats",
     "roadmap_gen.safe_text", "roadmap_gen.gitref"),
    ("roadmap_gen.load.yamlload", "roadmap_gen.load.spec"),
    ("roadmap_gen.model",),
    ("roadmap_gen.load",),
    ("roadmap_gen.plan",),
    ("roadmap_gen.pipeline", "roadmap_gen.export", "roadmap_gen.downloads"),
    ("roadmap_gen.pages",),
    ("roadmap_gen.site",),
    ("roadmap_gen.review", "roadmap_gen.init", "roadmap_gen.reference_docs", "roadmap_gen.cli", "roadmap_gen.docs_site",
     "roadmap_gen.__main__", "roadmap_gen", "roadmap_gen.catalogue_list", "roadmap_gen.install_source",
     "roadmap_gen.scaffold", "roadmap_gen.upgrade", "roadmap_gen.importers", "roadmap_gen.tracker_export",
     "roadmap_gen.track", "roadmap_gen.tracker_read", "roadmap_gen.survey"),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The roadmap_gen modules a file imports (``from pkg import name`` counts as ``pkg.name`` when that is a
    module, else ``pkg``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("roadmap_gen"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if not base.startswith("roadmap_gen"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return found - {here}


MODULES = {module_name(p) for p in PACKAGE.rglob("*.py") if "_defaults" not in p.parts}
GRAPH = {module_name(p): imports(p) for p in PACKAGE.rglob("*.py") if "_defaults" not in p.parts}


def layer_of(module: str) -> int:
    best, found = -1, -1
    for index, layer in enumerate(LAYERS):
        for prefix in layer:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    assert found >= 0, f"{module} is in no layer: add it to LAYERS"
    return found


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_imports_flow_down_the_stages() -> None:
    wrong = [f"{m} (layer {layer_of(m)}) imports {dep} (layer {layer_of(dep)})"
             for m, deps in sorted(GRAPH.items()) for dep in sorted(deps) if layer_of(dep) > layer_of(m)]
    assert wrong == []


def test_no_import_circle() -> None:
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in sorted(GRAPH.get(node, ())):
            if state.get(dep) == 1:
                cycles.append(path[path.index(dep):] + [dep] if dep in path else [node, dep])
            elif not state.get(dep):
                visit(dep, path + [dep])
        state[node] = 2

    for module in sorted(GRAPH):
        if not state.get(module):
            visit(module, [module])
    assert cycles == []


def test_the_planner_knows_nothing_of_pages_or_the_site() -> None:
    for module, deps in GRAPH.items():
        if module.startswith("roadmap_gen.plan"):
            assert not [d for d in deps if d.startswith(("roadmap_gen.pages", "roadmap_gen.site"))], module


def test_the_model_imports_nothing_above_it() -> None:
    allowed = {"roadmap_gen.load.spec", "roadmap_gen.periods", "roadmap_gen.diagnostics"}
    assert GRAPH["roadmap_gen.model"] <= allowed
    for module in ("roadmap_gen.load.spec", "roadmap_gen.load.yamlload"):
        assert all(layer_of(d) <= 1 for d in GRAPH[module]), (module, GRAPH[module])


def test_the_public_api_is_listed_and_importable() -> None:
    import roadmap_gen

    for name in roadmap_gen.__all__:
        assert hasattr(roadmap_gen, name), name


@pytest.mark.slow
def test_mypy_passes() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(PACKAGE.parent / "pyproject.toml")],
                          cwd=PACKAGE.parent, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
