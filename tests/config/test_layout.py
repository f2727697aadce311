"""The house rules a newcomer relies on, checked on the source itself (no database):

- no import circle between the project's modules, counting imports inside functions too;
- dependencies point one way: config <- content, clubs <- the outreach apps; content imports
  no other app; only outreach.reports reads across the outreach apps, and nothing imports it;
- each app says its rule and its dependencies in its docstring;
- no Python file over 600 lines outside migrations.
"""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("config", "content", "clubs", "outreach")
MAX_LINES = 600

# Which apps each app may import. config.urls and config.settings are the wiring: the URL map
# and INSTALLED_APPS name the apps (by import or by dotted string); nothing else in config may.
APPS = {
    "config": set(),
    "outreach": set(),  # the folder's own docstring
    "content": {"config"},
    "clubs": {"config"},
    "outreach.cases": {"config", "clubs"},
    "outreach.campaigns": {"config", "clubs"},
    # A handout may be at a campaign activity.
    "outreach.materials": {"config", "clubs", "outreach.campaigns"},
    "outreach.reports": {
        "config",
        "clubs",
        "content",
        "outreach.cases",
        "outreach.campaigns",
        "outreach.materials",
    },
}
WIRING = ("config.urls", "config.settings")


def _source_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in _source_files()}


def _first_party(name: str) -> str | None:
    """The longest known module that *name* is, or is inside of."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str) -> set[str]:
    """Every project module *module* imports, at the top or inside a function."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # "from x import y": y may be a module of its own.
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for name in names:
            target = _first_party(name)
            if target and target != module:
                found.add(target)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def _app(module: str) -> str:
    if module.startswith("outreach."):
        return ".".join(module.split(".")[:2])
    return module.split(".")[0]


def _cycles(graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return out


def test_the_walk_finds_the_modules_and_their_imports():
    assert "outreach.cases.services" in MODULES and "config.sync" in MODULES
    assert "outreach.cases.models" in GRAPH["outreach.cases.services"]
    assert "config.records" in GRAPH["clubs.models"]
    # and it would see a circle if there were one
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circles():
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_dependencies_point_one_way(module):
    if module.startswith(WIRING):
        return
    app = _app(module)
    allowed = APPS[app] | {app}
    wrong = sorted(target for target in GRAPH[module] if _app(target) not in allowed)
    assert wrong == [], f"{module} ({app}) imports {wrong}"


def test_nothing_imports_the_reports():
    importers = sorted(
        module
        for module, targets in GRAPH.items()
        if _app(module) != "outreach.reports"
        and any(_app(t) == "outreach.reports" for t in targets)
    )
    assert importers == []


@pytest.mark.parametrize("app", sorted(set(APPS) - {"outreach"}))
def test_each_app_says_its_rule_and_its_dependencies(app):
    doc = importlib.import_module(app).__doc__ or ""
    assert len(doc.split()) > 20
    assert "Rule" in doc
    assert "Depends on" in doc or app == "config"


def test_no_python_file_over_600_lines():
    long = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in (".venv", "node_modules") or "migrations" in parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long.append((str(path.relative_to(ROOT)), lines))
    assert long == []
