#!/usr/bin/env bash
# Create .venv-qwen: Qwen-Agent with its MCP extra and the 1.x MCP SDK it is written against.
#
# Qwen-Agent's MCP client needs `mcp<2`, which cannot live beside the server's mcp 2.x, so it gets
# a venv of its own. tests/test_qwen_agent_client.py runs Qwen-Agent's MCP code inside it against a
# real `mcp-memory serve` and is skipped while the venv is absent.
#
#   scripts/setup_qwen_env.sh            # create (or complete) .venv-qwen next to the repo root
#   scripts/setup_qwen_env.sh --fresh    # delete it first
#
# Environment: QWEN_VENV (path, default <repo>/.venv-qwen), PYTHON (interpreter, default python3.11
# or python3), QWEN_AGENT_SPEC (default "qwen-agent[mcp]==0.0.34"), QWEN_MCP_SPEC (default "mcp<2").
# Everything comes from the package registry through pip; nothing is downloaded at test time.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${QWEN_VENV:-$root/.venv-qwen}"
python="${PYTHON:-$(command -v python3.11 || command -v python3)}"
qwen_spec="${QWEN_AGENT_SPEC:-qwen-agent[mcp]==0.0.34}"
mcp_spec="${QWEN_MCP_SPEC:-mcp<2}"

if [[ "${1:-}" == "--fresh" ]]; then
    rm -rf "$venv"
fi

start=$SECONDS
if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
# qwen-agent 0.0.34 imports numpy, soundfile, tqdm and dateutil when the package loads, without declaring them.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$qwen_spec" "$mcp_spec" numpy soundfile tqdm python-dateutil

# Fail here, not in the test, if the pieces the test uses are missing.
"$venv/bin/python" - <<'PY'
from importlib.metadata import version

import mcp.client.sse  # noqa: F401  (the 1.x SSE client)
from qwen_agent.agents import Assistant  # noqa: F401
from qwen_agent.tools.mcp_manager import MCPManager  # noqa: F401

print(f"qwen-agent {version('qwen-agent')}, mcp {version('mcp')}")
PY
echo "setup_qwen_env: $venv ready in $((SECONDS - start))s"
