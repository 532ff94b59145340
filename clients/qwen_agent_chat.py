"""Chat with a Qwen model that remembers: Qwen-Agent's Assistant with mcp-memory's tools over MCP SSE.

This is the Qwen-Agent example of the OpenMemory document ("MCP SSE 接口"), made runnable. It runs in
the Qwen-Agent venv (`scripts/setup_qwen_env.sh` creates `.venv-qwen`), because Qwen-Agent's MCP
client needs `mcp<2` and the server uses mcp 2.x. Start the server first (`mcp-memory serve`), then:

    export DASHSCOPE_API_KEY=sk-...
    .venv-qwen/bin/python clients/qwen_agent_chat.py --user-id alice "我爱吃西瓜，记住这一点"
    .venv-qwen/bin/python clients/qwen_agent_chat.py --user-id alice          # interactive

Environment: QWEN_MODEL (default qwen-plus), QWEN_BASE_URL (default DashScope's OpenAI-compatible
endpoint), DASHSCOPE_API_KEY, MEMORY_URL (default http://127.0.0.1:8765/mcp/{client_name}/sse/{user_id};
`{client_name}` and `{user_id}` are filled in), MEMORY_TRANSPORT (`sse`, or `streamable-http` with
an `.../http/...` URL), MEMORY_API_KEY (sent as X-API-Key when the server requires keys).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

DEFAULT_MODEL = "qwen-plus"
DEFAULT_BASE_URL = "https://dashscope.aliyuncs.com/compatible-mode/v1"
DEFAULT_MEMORY_URL = "http://127.0.0.1:8765/mcp/{client_name}/sse/{user_id}"

SYSTEM_MESSAGE = (
    "You have a long-term memory about the user, reached through the memory tools. "
    "Before answering anything about the user, search it with search_memory. "
    "When the user tells you a lasting fact or preference, store it with add_memories."
)


def init_config(user_id: str, client_name: str, memory_url: str | None = None) -> tuple[dict[str, Any], list[Any]]:
    """The LLM config and the tool list for Qwen-Agent's Assistant.

    Fixes two things in the document's version: it passes `client_name` (the document calls
    `init_config(user_id)`, a TypeError), and it names the base URL `model_server`, the key
    Qwen-Agent reads (`openai_base_url` is ignored, so the document's URL was never used).
    """
    llm_cfg = {
        "model": os.environ.get("QWEN_MODEL", DEFAULT_MODEL),
        "model_server": os.environ.get("QWEN_BASE_URL", DEFAULT_BASE_URL),
        "api_key": os.environ.get("DASHSCOPE_API_KEY", ""),
    }
    template = memory_url or os.environ.get("MEMORY_URL", DEFAULT_MEMORY_URL)
    server: dict[str, Any] = {"url": template.format(client_name=client_name, user_id=user_id)}
    transport = os.environ.get("MEMORY_TRANSPORT", "sse")
    if transport != "sse":
        server["type"] = transport
    if os.environ.get("MEMORY_API_KEY"):
        server["headers"] = {"X-API-Key": os.environ["MEMORY_API_KEY"]}
    tools = [{"mcpServers": {"openmemory": server}}]
    return llm_cfg, tools


def build_agent(user_id: str, client_name: str, memory_url: str | None = None) -> Any:
    """An Assistant connected to the memory server (connecting lists its tools; no model is called yet)."""
    from qwen_agent.agents import Assistant

    llm_cfg, tools = init_config(user_id, client_name, memory_url)
    return Assistant(llm=llm_cfg, function_list=tools, system_message=SYSTEM_MESSAGE)


def reply(agent: Any, messages: list[dict[str, Any]]) -> str:
    """Run one turn; append the agent's messages (tool calls included) to `messages` and return its answer."""
    responses: list[dict[str, Any]] = []
    for responses in agent.run(messages=messages):
        pass
    messages.extend(responses)
    answers = [m.get("content") for m in responses if m.get("role") == "assistant" and m.get("content")]
    return str(answers[-1]) if answers else ""


def chat(user_id: str = "user_000", client_name: str = "app_000", query: str | None = None,
         memory_url: str | None = None) -> None:
    """One question when `query` is given, else a read-eval loop on stdin (empty line or EOF ends it)."""
    agent = build_agent(user_id, client_name, memory_url)
    messages: list[dict[str, Any]] = []
    if query:
        messages.append({"role": "user", "content": query})
        print(reply(agent, messages))
        return
    while True:
        try:
            line = input("you> ").strip()
        except EOFError:
            break
        if not line:
            break
        messages.append({"role": "user", "content": line})
        print(f"qwen> {reply(agent, messages)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("query", nargs="?", help="one question; omit for an interactive chat")
    parser.add_argument("--user-id", default=os.environ.get("MEMORY_USER_ID", "user_000"))
    parser.add_argument("--client-name", default=os.environ.get("MEMORY_CLIENT_NAME", "app_000"))
    parser.add_argument("--memory-url", default=None,
                        help=f"MCP URL of the memory server (default $MEMORY_URL or {DEFAULT_MEMORY_URL})")
    args = parser.parse_args(argv)
    if not os.environ.get("DASHSCOPE_API_KEY"):
        print("warning: DASHSCOPE_API_KEY is not set; the model call will fail", file=sys.stderr)
    chat(args.user_id, args.client_name, args.query, args.memory_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
