"""How big the rooms are: files over the line limit, functions over the length or complexity limit.

`python -m tests.house [PATH ...]` lists what is over; `tests/test_house.py` keeps it at none. A file or a
function may stay over a limit only with its reason written beside it, as a comment starting `# house:`
(for a file: in its first 30 lines; for a function: on the line right above its `def` or decorators).

Complexity is McCabe's: one, plus one per branch (if, elif, conditional expression, loop, except, match
case, comprehension loop and filter) and per extra operand of `and` / `or`.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILE_LINES = 400
FUNCTION_LINES = 60
COMPLEXITY = 15
EXCUSE = "# house:"
PACKAGES = ("scorecard", "app.py")


@dataclass(frozen=True)
class Overrun:
    """One room over a limit: where, what, by how much."""

    path: str
    line: int
    what: str
    measure: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what} ({self.measure})"


def complexity(function: ast.AST) -> int:
    """McCabe complexity of one function body, nested functions counted apart."""
    count = 1
    stack = list(ast.iter_child_nodes(function))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            continue
        branches = (
            ast.If | ast.IfExp | ast.For | ast.AsyncFor | ast.While | ast.ExceptHandler | ast.match_case
        )
        if isinstance(node, branches):
            count += 1
        elif isinstance(node, ast.comprehension):
            count += 1 + len(node.ifs)
        elif isinstance(node, ast.BoolOp):
            count += len(node.values) - 1
        stack.extend(ast.iter_child_nodes(node))
    return count


def excused(lines: list[str], line: int) -> bool:
    """A `# house:` comment on the line above (line is 1-based and points at the first decorator or def)."""
    return line >= 2 and lines[line - 2].strip().startswith(EXCUSE)


def functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def overruns(path: Path) -> list[Overrun]:
    """Every limit this file or one of its functions is over without a written reason."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    name = str(path.relative_to(ROOT))
    found: list[Overrun] = []
    if len(lines) > FILE_LINES and not any(line.strip().startswith(EXCUSE) for line in lines[:30]):
        found.append(Overrun(name, 1, "file", f"{len(lines)} lines > {FILE_LINES}"))
    for function in functions(ast.parse(text)):
        start = min([function.lineno, *(d.lineno for d in function.decorator_list)])
        length = (function.end_lineno or function.lineno) - start + 1
        score = complexity(function)
        over = []
        if length > FUNCTION_LINES:
            over.append(f"{length} lines > {FUNCTION_LINES}")
        if score > COMPLEXITY:
            over.append(f"complexity {score} > {COMPLEXITY}")
        if over and not excused(lines, start):
            found.append(Overrun(name, start, f"def {function.name}", ", ".join(over)))
    return found


def python_files(paths: list[str]) -> list[Path]:
    chosen = [ROOT / p for p in (paths or PACKAGES)]
    return sorted(f for p in chosen for f in ([p] if p.is_file() else p.rglob("*.py")))


def main(paths: list[str]) -> int:
    found = [o for f in python_files(paths) for o in overruns(f)]
    for overrun in found:
        print(overrun)
    print(f"{len(found)} over the limits")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def type_checking_lines(tree: ast.AST) -> set[int]:
    """Lines inside `if TYPE_CHECKING:` blocks: imports for annotations only, never run."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The project modules this file imports, at its top or inside a function (annotations-only left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = type_checking_lines(tree)
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
    return {m for m in found if m in modules and m != module_name(path)}


def import_graph() -> dict[str, set[str]]:
    files = python_files(["scorecard"])
    modules = {module_name(f) for f in files}
    return {module_name(f): imports_of(f, modules) for f in files}


# The pipeline flows one way: the analysis stages hand typed results on, and tables/ (the present room)
# writes the buyer's words from them, so no stage imports scorecard.tables. The pipeline package may:
# it assembles the report (the headline and every sheet, imported inside the functions that build them)
# and names who an award is barred for in the bid findings (pipeline/calculated.py).
STAGES = (
    "read",
    "clean",
    "mapping",
    "layout",
    "bids",
    "panel",
    "score",
    "sensitivity",
    "opportunities",
    "config",
)
# Stage modules that still write buyer words through tables/ (to be moved there), each with its reason.
STAGE_WORDS_LEFT: dict[str, str] = {}


def stage_imports_of_tables(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    """Each analysis-stage module importing scorecard.tables, with what it imports (the exempted left out)."""
    found: dict[str, list[str]] = {}
    for module, targets in graph.items():
        parts = module.split(".")
        if len(parts) < 2 or parts[1] not in STAGES or module in STAGE_WORDS_LEFT:
            continue
        present = sorted(t for t in targets if t == "scorecard.tables" or t.startswith("scorecard.tables."))
        if present:
            found[module] = present
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted: modules importing each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups
