"""Qwen-Agent's own MCP client, and the 1.x MCP SDK it is built on, against a real `mcp-memory serve`.

Qwen-Agent needs `mcp<2`, so these clients run in `.venv-qwen` (made by scripts/setup_qwen_env.sh) as
subprocesses; the tests are skipped while that venv is absent. No model is called: MCPManager and
the old SDK connect, list tools and call them without one.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from tests.conftest import ServerProcess, child_env, serve

ROOT = Path(__file__).resolve().parents[1]
QWEN_VENV = Path(os.environ.get("QWEN_VENV", ROOT / ".venv-qwen"))
QWEN_PYTHON = QWEN_VENV / "bin" / "python"

pytestmark = [
    pytest.mark.qwen_agent,
    pytest.mark.skipif(not QWEN_PYTHON.exists(),
                       reason=f"no Qwen-Agent venv at {QWEN_VENV}: run scripts/setup_qwen_env.sh"),
]

# Qwen-Agent's MCPManager, as Assistant(function_list=[{"mcpServers": ...}]) uses it.
MCP_MANAGER = """
import json, sys
from qwen_agent.tools.mcp_manager import MCPManager

cfg = json.loads(sys.argv[1])
tools = {t.name: t for t in MCPManager().initConfig({"mcpServers": {"memory": cfg["server"]}})}
added = json.loads(tools["memory-add_memories"].call(json.dumps({"text": cfg["text"]})))
found = json.loads(tools["memory-search_memory"].call(json.dumps({"query": cfg["query"]})))
schema = tools["memory-add_memories"].parameters
print("RESULT " + json.dumps({"tools": sorted(tools), "added": added, "found": found, "schema": schema}))
"""

# The old SDK's SSE client, as OpenMemory-era clients use it.
OLD_SDK = """
import asyncio, json, sys
from importlib.metadata import version
from mcp import ClientSession
from mcp.client.sse import sse_client

async def main(cfg):
    async with sse_client(cfg["url"]) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            tools = [t.name for t in (await session.list_tools()).tools]
            added = await session.call_tool("add_memories", {"text": cfg["text"]})
            found = await session.call_tool("search_memory", {"query": cfg["query"]})
            bad = await session.call_tool("add_memories", {"text": ""})
            return {"sdk": version("mcp"), "server": init.serverInfo.name, "protocol": init.protocolVersion,
                    "tools": tools, "added": json.loads(added.content[0].text),
                    "found": found.structuredContent, "added_error": added.isError,
                    "bad_error": bad.isError, "bad_text": bad.content[0].text}

print("RESULT " + json.dumps(asyncio.run(main(json.loads(sys.argv[1])))))
"""

# clients/qwen_agent_chat.py up to the point where a model would be called.
CHAT_EXAMPLE = """
import json, sys
sys.path.insert(0, sys.argv[2])
import qwen_agent_chat

cfg = json.loads(sys.argv[1])
agent = qwen_agent_chat.build_agent(cfg["user"], cfg["client"], cfg["url"])
tool = agent.function_map["openmemory-add_memories"]
added = json.loads(tool.call(json.dumps({"text": cfg["text"]})))
print("RESULT " + json.dumps({"tools": sorted(agent.function_map), "model": agent.llm.model,
                              "model_type": agent.llm.model_type, "added": added}))
"""


def qwen_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in child_env().items() if not k.startswith(("QWEN_", "MEMORY_", "DASHSCOPE_", "OPENAI_"))}
    return {**env, **extra}


def run_in_qwen_venv(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run([str(QWEN_PYTHON), "-c", script, *args], capture_output=True, text=True, timeout=120,
                          env=qwen_env(), cwd=ROOT)
    assert done.returncode == 0, done.stderr[-4000:]
    results = [line[len("RESULT "):] for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert results, f"no result line:\n{done.stdout}\n{done.stderr[-4000:]}"
    return json.loads(results[-1])


def rest_contents(server: ServerProcess, user: str, headers: dict[str, str] | None = None) -> list[str]:
    """What our REST shim lists for `user`, independent of the MCP client that stored it."""
    listed = httpx.post(f"{server.url}/tools/list_memories", json={},
                        headers={"X-User-Id": user, **(headers or {})}, timeout=30)
    assert listed.status_code == 200, listed.text
    return [m["content"] for m in listed.json()["memories"]]


@pytest.mark.parametrize(("transport", "path"), [("sse", "/mcp/qwen/sse/{user}"),
                                                  ("streamable-http", "/mcp/qwen/http/{user}")])
def test_qwen_agent_mcp_manager_round_trips_a_memory(live_server: ServerProcess, transport: str, path: str) -> None:
    user = f"qwen-{transport}"
    server: dict[str, Any] = {"url": live_server.url + path.format(user=user)}
    if transport != "sse":
        server["type"] = transport
    text = f"{user} grows tomatoes on the balcony"
    out = run_in_qwen_venv(MCP_MANAGER, json.dumps({"server": server, "text": text, "query": "balcony tomatoes"}))

    assert {"memory-add_memories", "memory-search_memory", "memory-list_memories",
            "memory-delete_all_memories"} <= set(out["tools"])
    assert out["schema"]["required"] == ["text"]
    assert [r["memory"] for r in out["added"]["results"]] == [text]
    assert [hit["memory"]["content"] for hit in out["found"]["results"]] == [text]
    memory = out["found"]["results"][0]["memory"]
    assert (memory["user_id"], memory["app_name"]) == (user, "qwen")

    assert rest_contents(live_server, user) == [text]
    assert text not in rest_contents(live_server, f"{user}-someone-else")


def test_qwen_agent_sends_a_tenant_key_in_headers(live_server: ServerProcess) -> None:
    key = httpx.post(f"{live_server.url}/v1/tenants", json={"name": "qwen-tenant"}, timeout=30).json()["api_key"]
    server = {"url": f"{live_server.url}/mcp/qwen/sse/keyed", "headers": {"X-API-Key": key}}
    text = "Keyed user collects vinyl records"
    out = run_in_qwen_venv(MCP_MANAGER, json.dumps({"server": server, "text": text, "query": "vinyl"}))
    assert [hit["memory"]["content"] for hit in out["found"]["results"]] == [text]

    assert rest_contents(live_server, "keyed", {"X-API-Key": key}) == [text]
    assert rest_contents(live_server, "keyed") == []  # the local tenant, same user id, sees nothing
    with_key = httpx.get(f"{live_server.url}/v1/memories", headers={"X-API-Key": key}, timeout=30).json()
    assert [m["content"] for m in with_key["memories"]] == [text]


def test_old_mcp_sdk_sse_client(live_server: ServerProcess) -> None:
    text = "Old SDK user plays the cello"
    out = run_in_qwen_venv(OLD_SDK, json.dumps({"url": f"{live_server.url}/mcp/legacy/sse/old-sdk",
                                                "text": text, "query": "cello"}))
    assert out["sdk"].startswith("1.")
    assert {"add_memories", "search_memory", "list_memories", "delete_all_memories"} <= set(out["tools"])
    assert not out["added_error"] and [r["memory"] for r in out["added"]["results"]] == [text]
    assert [hit["memory"]["content"] for hit in out["found"]["results"]] == [text]
    assert out["bad_error"] and "text" in out["bad_text"]
    assert rest_contents(live_server, "old-sdk") == [text]


def test_chat_example_connects_without_calling_a_model(live_server: ServerProcess) -> None:
    cfg = {"user": "chat-user", "client": "qwen-chat", "text": "Chat user is learning Japanese",
           "url": live_server.url + "/mcp/{client_name}/sse/{user_id}"}
    out = run_in_qwen_venv(CHAT_EXAMPLE, json.dumps(cfg), str(ROOT / "clients"))
    assert {"openmemory-add_memories", "openmemory-search_memory"} <= set(out["tools"])
    assert (out["model"], out["model_type"]) == ("qwen-plus", "oai")  # model_server is read, so DashScope's URL is used
    assert [r["memory"] for r in out["added"]["results"]] == [cfg["text"]]
    found = httpx.post(f"{live_server.url}/tools/search_memory", json={"query": "Japanese"},
                       headers={"X-User-Id": "chat-user"}, timeout=30).json()
    assert [(h["memory"]["content"], h["memory"]["app_name"]) for h in found["results"]] == [
        (cfg["text"], "qwen-chat")]


def scripted_chat_completions(requests: list[dict[str, Any]]) -> Starlette:
    """A fake OpenAI-compatible endpoint (no model): the first turn stores the user's words with
    add_memories, in Qwen-Agent's tool-call format; once the tool's answer is back it replies with it."""

    async def completions(request: Request) -> StreamingResponse:
        body = await request.json()
        requests.append(body)
        last = body["messages"][-1]["content"]
        if "<tool_response>" in last:
            text = "Saved: " + json.loads(last.split("<tool_response>")[1].split("</tool_response>")[0])[
                "results"][0]["memory"]
        else:
            call = {"name": "openmemory-add_memories", "arguments": {"text": last}}
            text = f"<tool_call>\n{json.dumps(call, ensure_ascii=False)}\n</tool_call>"

        def chunk(delta: dict[str, Any], finish: str | None = None) -> str:
            data = {"id": "chat-1", "object": "chat.completion.chunk", "created": 0, "model": body["model"],
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
            return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"

        events = [chunk({"role": "assistant", "content": text}), chunk({}, "stop"), "data: [DONE]\n\n"]
        return StreamingResponse(iter(events), media_type="text/event-stream")

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])


@pytest.mark.anyio
async def test_chat_example_runs_a_tool_turn_as_the_readme_shows(live_server: ServerProcess) -> None:
    """clients/qwen_agent_chat.py run as documented, with a scripted endpoint standing in for the model."""
    requests: list[dict[str, Any]] = []
    async with serve(scripted_chat_completions(requests)) as fake:
        env = qwen_env(QWEN_BASE_URL=f"{fake}/v1", DASHSCOPE_API_KEY="sk-test", QWEN_MODEL="qwen-test",
                       MEMORY_URL=live_server.url + "/mcp/{client_name}/sse/{user_id}")
        command = [str(QWEN_PYTHON), "clients/qwen_agent_chat.py", "--user-id", "chat-e2e", "--client-name", "qwen",
                   "我爱吃西瓜"]
        done = await anyio.run_process(command, env=env, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr.decode()[-4000:]
    assert done.stdout.decode().strip().splitlines()[-1] == "Saved: 我爱吃西瓜"
    assert [r["model"] for r in requests] == ["qwen-test", "qwen-test"]
    assert "openmemory-search_memory" in requests[0]["messages"][0]["content"]  # the tools were offered

    found = httpx.post(f"{live_server.url}/tools/list_memories", json={}, headers={"X-User-Id": "chat-e2e"},
                       timeout=30).json()
    assert [(m["content"], m["app_name"]) for m in found["memories"]] == [("我爱吃西瓜", "qwen")]
