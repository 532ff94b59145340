"""`pip install .` (not just -e) ships tools/, resources/ and the model inside the one distribution."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_loads_the_registry_offline(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    [wheel] = (tmp_path / "dist").glob("mcp_memory-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "mcp_memory/tools/memories.py" in names
    assert "mcp_memory/resources/memories.py" in names
    assert "mcp_memory/embedders/model/model.onnx" in names
    assert not any(n.startswith(("tools/", "resources/", "tests/")) for n in names)

    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=600,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    probe = (
        "import mcp_memory, mcp_memory.registry as r, mcp_memory.embedders.onnx as o;"
        "ops = r.load_registry().operations;"
        "print(mcp_memory.__file__); print(sorted(ops)); print(o.__file__)"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "HF_HUB_OFFLINE": "1"}
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert run.returncode == 0, run.stderr
    first, ops, onnx_file = run.stdout.splitlines()
    assert first.startswith(str(target)) and onnx_file.startswith(str(target))
    assert "search_memory" in ops
