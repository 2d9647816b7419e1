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

#: The rooms, lowest first: a module may import only from its own room or a lower layer. Each entry is a
#: package (or the one module that is a room of its own), never a module picked out of a package.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("roadmap_gen.core",),
    ("roadmap_gen.spec", "roadmap_gen.workspace", "roadmap_gen.charts"),
    ("roadmap_gen.model", "roadmap_gen.markdown"),
    ("roadmap_gen.settings",),
    ("roadmap_gen.load",),
    ("roadmap_gen.plan",),
    ("roadmap_gen.pipeline", "roadmap_gen.downloads"),
    ("roadmap_gen.pages",),
    ("roadmap_gen.site",),
    ("roadmap_gen.commands", "roadmap_gen.importers", "roadmap_gen.survey"),
    ("roadmap_gen.cli", "roadmap_gen.__main__", "roadmap_gen"),
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
    for module in MODULES:
        if module == "roadmap_gen.model" or module.startswith("roadmap_gen.model."):
            outside = {d for d in GRAPH[module] if not d.startswith("roadmap_gen.model")}
            assert all(layer_of(d) < layer_of("roadmap_gen.model") for d in outside), (module, outside)
    for module in MODULES:
        if module.startswith("roadmap_gen.spec"):
            assert all(layer_of(d) <= 1 for d in GRAPH[module]), (module, GRAPH[module])


def test_no_two_rooms_import_each_other() -> None:
    def room(module: str) -> str:
        parts = module.split(".")
        return ".".join(parts[:2])

    pairs = {(room(m), room(d)) for m, deps in GRAPH.items() for d in deps if room(m) != room(d)}
    assert sorted(p for p in pairs if (p[1], p[0]) in pairs) == []


def test_no_module_is_over_700_lines() -> None:
    long = {module_name(p): n for p in PACKAGE.rglob("*.py") if "_defaults" not in p.parts
            and (n := len(p.read_text(encoding="utf-8").splitlines())) > 700}
    assert long == {}


def positional_booleans(source: str) -> list[str]:
    """The parameters of *source*'s functions that take a boolean (annotated ``bool`` or defaulting to
    True or False) and may be given by position."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            params = node.args.posonlyargs + node.args.args
            defaults = [None] * (len(params) - len(node.args.defaults)) + list(node.args.defaults)
            for param, default in zip(params, defaults):
                annotated = param.annotation is not None and ast.unparse(param.annotation) in ("bool", "bool | None")
                if annotated or (isinstance(default, ast.Constant) and isinstance(default.value, bool)):
                    found.append(f"{node.name}({param.arg})")
    return found


def test_boolean_arguments_are_keyword_only() -> None:
    """A call ``check(diags, True)`` says nothing of what True means; ``check(diags, strict=True)`` does."""
    assert positional_booleans("def f(x, strict: bool = False, *, fine: bool = True): pass\n"
                               "def g(x, quick=True): pass") == ["f(strict)", "g(quick)"]
    found = {module_name(p): positional_booleans(p.read_text(encoding="utf-8"))
             for p in sorted(PACKAGE.rglob("*.py")) if "_defaults" not in p.parts}
    assert {module: names for module, names in found.items() if names} == MIRRORED


#: Stand-ins for another library's functions keep its signature: MkDocs calls ``_populate_page(page,
#: config, files, dirty)`` and ``_build_page(..., env, dirty, excluded=...)`` with *dirty* by position.
MIRRORED = {"roadmap_gen.site.mkdocs_fork": ["populate(dirty)",
                                             "build_page(dirty)", "build_page(excluded)"]}


def test_the_public_api_is_listed_and_importable() -> None:
    import roadmap_gen

    for name in roadmap_gen.__all__:
        assert hasattr(roadmap_gen, name), name


@pytest.mark.slow
def test_mypy_passes() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(PACKAGE.parent / "pyproject.toml")],
                          cwd=PACKAGE.parent, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_passes() -> None:
    """The linter's rules (pyproject.toml [tool.ruff]) hold for the package, the tests and the benchmarks."""
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=PACKAGE.parent,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
