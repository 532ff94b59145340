"""What clients/ hands to users works: the desktop configs reach real routes, curl_omem.sh runs end to end."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import httpx2
import pytest
from mcp.client.session import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

from tests.conftest import ServerProcess, child_env

CLIENTS = Path(__file__).resolve().parents[1] / "clients"
CONFIGS = sorted(CLIENTS.glob("*.json"))
DEFAULT_URL = "http://127.0.0.1:8765"
MCP_URL = re.compile(r"^http://127\.0\.0\.1:8765/mcp/(?P<client>[^/]+)/(?:http|sse)/(?P<user>[^/]+)$")
MCP_MEMORY_BIN = Path(sys.executable).parent / "mcp-memory"


def servers(kind: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(file, name, entry) for every server in clients/*.json: 'stdio' (mcp-memory), 'url', or 'npx'."""
    found = []
    for path in CONFIGS:
        for name, entry in json.loads(path.read_text())["mcpServers"].items():
            entry_kind = "url" if "url" in entry else "stdio" if entry["command"] == "mcp-memory" else entry["command"]
            if entry_kind == kind:
                found.append((path.name, name, entry))
    return found


def option(args: list[str], flag: str) -> str:
    return args[args.index(flag) + 1]


async def remember(s: ClientSession, text: str, query: str) -> dict[str, Any]:
    """Store `text`, find it again, and return the memory as search shows it."""
    tools = {t.name for t in (await s.list_tools()).tools}
    assert {"add_memories", "search_memory", "list_memories", "delete_all_memories"} <= tools
    added = await s.call_tool("add_memories", {"text": text})
    assert not added.is_error, added.content
    found = await s.call_tool("search_memory", {"query": query})
    hits = found.structured_content["results"]
    assert [h["memory"]["content"] for h in hits] == [text]
    return hits[0]["memory"]


@asynccontextmanager
async def stdio_session(command: str, args: list[str], env: dict[str, str]) -> AsyncIterator[ClientSession]:
    async with stdio_client(StdioServerParameters(command=command, args=args, env=env)) as (read, write):
        async with ClientSession(read, write) as s:
            await s.initialize()
            yield s


def test_every_config_parses_and_names_a_memory_server() -> None:
    assert {p.name for p in CONFIGS} >= {"claude_desktop_config.json", "claude_desktop_config.http.json",
                                         "cursor_mcp.json"}
    kinds = [kind for kind in ("stdio", "url", "npx") for _ in servers(kind)]
    total = sum(len(json.loads(p.read_text())["mcpServers"]) for p in CONFIGS)
    assert len(kinds) == total  # nothing in clients/ is of a kind these tests do not run
    for _, _, entry in servers("url") + servers("npx"):
        url = entry["url"] if "url" in entry else next(a for a in entry["args"] if a.startswith("http"))
        assert MCP_URL.match(url), url


@pytest.mark.anyio
@pytest.mark.parametrize(("file", "name", "entry"), servers("stdio"), ids=lambda v: v if isinstance(v, str) else "")
async def test_stdio_configs_start_a_working_server(tmp_path: Path, file: str, name: str,
                                                    entry: dict[str, Any]) -> None:
    args = [*entry["args"], "--data-dir", str(tmp_path / "data"), "--embedder", "hashing"]
    async with stdio_session(str(MCP_MEMORY_BIN), args, child_env()) as s:
        memory = await remember(s, f"{name} user likes green tea", "green tea")
    assert (memory["user_id"], memory["app_name"]) == (option(args, "--user-id"), option(args, "--client-name"))


@pytest.mark.anyio
@pytest.mark.parametrize(("file", "name", "entry"), servers("url"), ids=lambda v: v if isinstance(v, str) else "")
async def test_url_configs_point_at_live_routes(live_server: ServerProcess, file: str, name: str,
                                                entry: dict[str, Any]) -> None:
    identity = MCP_URL.match(entry["url"])
    assert identity
    url = entry["url"].replace(DEFAULT_URL, live_server.url)
    async with streamable_http_client(url, http_client=httpx2.AsyncClient()) as streams:
        async with ClientSession(streams[0], streams[1]) as s:
            await s.initialize()
            memory = await remember(s, f"{name} user rides a bicycle", "bicycle")
    assert (memory["user_id"], memory["app_name"]) == (identity["user"], identity["client"])


@pytest.mark.anyio
@pytest.mark.skipif(shutil.which("npx") is None, reason="npx (Node.js) is not installed")
@pytest.mark.parametrize(("file", "name", "entry"), servers("npx"), ids=lambda v: v if isinstance(v, str) else "")
async def test_claude_desktop_http_config_through_mcp_remote(live_server: ServerProcess, tmp_path: Path, file: str,
                                                             name: str, entry: dict[str, Any]) -> None:
    """The config as Claude Desktop runs it: npx starts mcp-remote, which bridges stdio to our HTTP route."""
    url = next(a for a in entry["args"] if a.startswith("http"))
    identity = MCP_URL.match(url)
    assert identity
    args = [a.replace(DEFAULT_URL, live_server.url) for a in entry["args"]]
    env = child_env(MCP_REMOTE_CONFIG_DIR=str(tmp_path / "mcp-auth"))
    async with stdio_session(entry["command"], args, env) as s:
        memory = await remember(s, "Desktop user reads detective novels", "detective novels")
    assert (memory["user_id"], memory["app_name"]) == (identity["user"], identity["client"])


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("json_tool", ["jq", "python"])
def test_curl_omem_walkthrough(live_server: ServerProcess, json_tool: str) -> None:
    if json_tool == "jq" and shutil.which("jq") is None:
        pytest.skip("jq is not installed")
    env = {**os.environ, "OMEM_JSON": json_tool, "PYTHON": sys.executable}
    done = subprocess.run(["bash", str(CLIENTS / "curl_omem.sh"), live_server.url], capture_output=True, text=True,
                          timeout=120, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert f"(JSON via {json_tool})" in done.stdout
    assert done.stdout.count("\nHTTP ") >= 18
    last = done.stdout.strip().splitlines()[-1]
    found = re.search(r"keeps memory (\S+) \(api key (\S+)\)", last)
    assert found, last
    memory_id, api_key = found.groups()

    mine = httpx.get(f"{live_server.url}/v1/memories", headers={"X-API-Key": api_key}, timeout=30).json()
    assert [(m["id"], m["content"], m["tags"]) for m in mine["memories"]] == [
        (memory_id, "User prefers the Catppuccin Mocha dark theme", ["preferences", "editor", "theme"])]
    # Another tenant (here the local one, without a key) cannot read the walk-through's memory.
    assert httpx.get(f"{live_server.url}/v1/memories/{memory_id}", timeout=30).status_code == 404
    other = httpx.post(f"{live_server.url}/v1/tenants", json={"name": "other"}, timeout=30).json()["api_key"]
    assert httpx.get(f"{live_server.url}/v1/memories/{memory_id}", headers={"X-API-Key": other},
                     timeout=30).status_code == 404


@pytest.mark.anyio
@pytest.mark.skipif(shutil.which("npx") is None, reason="npx (Node.js) is not installed")
async def test_mcp_remote_carries_a_tenant_key_as_the_readme_shows(live_server: ServerProcess, tmp_path: Path) -> None:
    key = httpx.post(f"{live_server.url}/v1/tenants", json={"name": "desktop"}, timeout=30).json()["api_key"]
    (_, _, entry), = servers("npx")
    args = [*(a.replace(DEFAULT_URL, live_server.url) for a in entry["args"]), "--header", "X-API-Key:${MEMORY_API_KEY}"]
    env = child_env(MCP_REMOTE_CONFIG_DIR=str(tmp_path / "mcp-auth"), MEMORY_API_KEY=key)
    async with stdio_session(entry["command"], args, env) as s:
        await remember(s, "Keyed desktop user paints watercolours", "watercolours")
    listed = httpx.get(f"{live_server.url}/v1/memories", headers={"X-API-Key": key}, timeout=30).json()
    assert [m["content"] for m in listed["memories"]] == ["Keyed desktop user paints watercolours"]
    local = httpx.post(f"{live_server.url}/tools/search_memory", json={"query": "watercolours"},
                       headers={"X-User-Id": "alice"}, timeout=30).json()
    # The local tenant's alice is someone else.
    assert "Keyed desktop user paints watercolours" not in [h["memory"]["content"] for h in local["results"]]
