"""The MCP Inspector CLI (a third-party client) lists and calls tools through our URL aliases."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ServerProcess

INSPECTOR = "@modelcontextprotocol/inspector@0.15.0"

pytestmark = [
    pytest.mark.inspector,
    pytest.mark.skipif(shutil.which("npx") is None, reason="npx (Node.js) is not installed"),
]


def inspector(url: str, *args: str) -> dict:
    done = subprocess.run(
        ["npx", "-y", INSPECTOR, "--cli", url, *args],
        capture_output=True, text=True, timeout=240, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout[done.stdout.index("{"):])


@pytest.mark.parametrize("suffix", ["sse", "mcp"])
def test_inspector_lists_and_calls_tools(live_server: ServerProcess, suffix: str) -> None:
    url = f"{live_server.url}/mcp/inspector/insp-{suffix}/{suffix}"
    tools = {t["name"] for t in inspector(url, "--method", "tools/list")["tools"]}
    assert {"add_memories", "search_memory", "list_memories", "delete_all_memories"} <= tools
    added = inspector(url, "--method", "tools/call", "--tool-name", "add_memories", "--tool-arg", "text=Likes oolong tea")
    assert added["isError"] is False
    found = inspector(url, "--method", "tools/call", "--tool-name", "search_memory", "--tool-arg", "query=tea")
    assert [h["memory"]["content"] for h in found["structuredContent"]["results"]] == ["Likes oolong tea"]
