"""Imports run down only: each layer imports the ones below it and never those above.

The ground floor (``lexicon``, ``model``, ``textmap``, ``nlp``, ``errors``) is read by every
layer; readers (``ingest``) and extractors (``extract``) meet only in the model's Layout;
``store`` keeps what they found; ``analyze`` reads the store; ``formats``, ``web`` and ``cli``
sit on top. Read from the source files' import statements, so a new module is checked too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "legation"

# For each layer, the layers it must not import (the rules of issue 17, and the ground floor's).
FORBIDDEN = {
    "lexicon": {"ingest", "extract", "store", "analyze", "formats", "web", "cli"},
    "ingest": {"extract", "store", "analyze", "formats", "web", "cli"},
    "extract": {"ingest", "store", "analyze", "web", "cli"},
    "store": {"extract", "analyze", "formats", "web", "cli"},
    "analyze": {"extract", "formats", "web", "cli"},
    "formats": {"web", "cli"},
    "web": {"cli"},
}


def _imports(path: Path) -> set[str]:
    """The legation layers a module imports, at any depth of the file (late imports count)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "legation" and len(parts) > 1:
                found.add(parts[1])
    return found


def _modules(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer):
    assert _modules(layer), f"no modules in {layer}/"
    crossings = [f"{path.relative_to(PACKAGE)} imports legation.{other}"
                 for path in _modules(layer) for other in sorted(_imports(path) & FORBIDDEN[layer])]
    assert crossings == []


def test_the_check_sees_a_crossing(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from legation.store.sqlite import Store\n", encoding="utf-8")
    assert _imports(module) == {"store"}
