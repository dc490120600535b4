#!/usr/bin/env python3
"""The layout's rules, checked: no module over 400 lines, no import circles, `events/` imports nothing
from `timeline/`.

    python3 benchmarks/house.py      (or: make house)     exit 1 naming what breaks a rule

Imports are read from the source (every `import`, lazy ones inside functions too); a module importing
its own package's face (`timeline.cli.common` → `timeline.cli`) is not an edge, since the face is
loaded first anyway.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("events", "timeline")
LIMIT = 400


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules `name` imports (the longest known prefix of each imported name)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for target in names:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                targets.add(target)
    return targets


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def problems() -> list[str]:
    found = modules()
    graph = {name: imported(name, path, set(found)) for name, path in found.items()}
    out = []
    for name, path in found.items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LIMIT:
            out.append(f"{name} has {lines} lines (at most {LIMIT})")
    out += [f"import circle: {' <-> '.join(group)}" for group in circles(graph)]
    out += [f"{name} (events/) imports {target}" for name, targets in graph.items() if name.startswith("events")
            for target in sorted(targets) if target.startswith("timeline")]
    return out


def main() -> int:
    found = problems()
    print(f"{len(modules())} modules under {', '.join(PACKAGES)}: "
          + ("every module at most 400 lines, no import circle, events/ pure" if not found else f"{len(found)} problem(s)"))
    for problem in found:
        print(f"- {problem}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
