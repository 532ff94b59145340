"""The `mcp-memory` command: serve, stdio, reindex.

Logs go to stderr; in stdio mode stdout carries nothing but MCP messages.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import anyio

from mcp_memory.caller import DEFAULT_ACCOUNT, DEFAULT_USER, Caller
from mcp_memory.config import Settings
from mcp_memory.errors import AppError
from mcp_memory.lock import DataDirLock, Owner
from mcp_memory.transports.mcp_http import LOOPBACK

logger = logging.getLogger("mcp_memory")


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    for name in ("data_dir", "host", "port", "auth", "log_level"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "insecure_no_auth", False):
        overrides["insecure_no_auth"] = True
    if getattr(args, "embedder", None):
        overrides["embedder"] = {**Settings().embedder.model_dump(), "kind": args.embedder}
    return Settings(**overrides)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio turns TCP_NODELAY on only for such sockets, and without it every
    # keep-alive response waited ~44 ms on Nagle plus delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _reachable_url(sock: socket.socket, host: str) -> str:
    port = sock.getsockname()[1]
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _uvicorn(app: Any, log_level: str) -> Any:
    import uvicorn

    config = uvicorn.Config(
        app, log_config=None, access_log=False, lifespan="on", log_level=log_level.lower(),
        timeout_graceful_shutdown=3,
    )
    return uvicorn.Server(config)


def _busy(lock: DataDirLock, data_dir: Path) -> int:
    owner = lock.owner()
    who = f"process {owner.pid} ({owner.mode})" if owner else "another process"
    print(f"mcp-memory: {data_dir} is in use by {who}; stop it or pass another --data-dir.", file=sys.stderr)
    return 1


# -- serve ------------------------------------------------------------------


async def _serve(settings: Settings, lock: DataDirLock) -> None:
    from mcp_memory.app import build_app
    from mcp_memory.runtime import open_runtime

    async with open_runtime(settings) as runtime:
        app = build_app(runtime)
        sock = _bind(settings.host, settings.port)
        url = _reachable_url(sock, settings.host)
        lock.publish("serve", url)
        logger.info("mcp-memory serving %s (data %s, embedder %s, keys %s)", url, settings.data_dir,
                    runtime.embedder.name, "required" if settings.requires_keys else "optional (local mode)")
        await _uvicorn(app, settings.log_level).serve(sockets=[sock])


def cmd_serve(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if settings.host not in LOOPBACK and not settings.requires_keys:
        logger.warning("serving %s with no authentication (--insecure-no-auth)", settings.host)
    lock = DataDirLock(settings.data_dir)
    if not lock.acquire():
        return _busy(lock, settings.data_dir)
    try:
        anyio.run(_serve, settings, lock)
    except KeyboardInterrupt:
        pass
    finally:
        lock.release()
    return 0


# -- stdio ------------------------------------------------------------------


async def _stdio_owner(settings: Settings, lock: DataDirLock, caller: Caller, api_key: str | None) -> None:
    """Open the store, serve MCP on stdin/stdout, and listen on loopback so later processes can forward."""
    from mcp.server.stdio import stdio_server

    from mcp_memory.app import build_app
    from mcp_memory.runtime import open_runtime
    from mcp_memory.transports.mcp_server import build_mcp_server

    async with open_runtime(settings) as runtime:
        if api_key:
            owner = await runtime.accounts.authenticate(api_key)
            caller = replace(caller, account_id=owner.account_id, auth="api_key")
        elif settings.requires_keys:
            raise SystemExit("mcp-memory: --api-key (or MCP_MEMORY_API_KEY) is required by this configuration")

        async def stdio_caller(ctx: Any) -> Caller:
            return caller

        server = build_mcp_server(runtime, stdio_caller)
        sock = _bind("127.0.0.1", 0)
        lock.publish("stdio", _reachable_url(sock, "127.0.0.1"))
        http = _uvicorn(build_app(runtime), "warning")
        async with anyio.create_task_group() as tg:
            tg.start_soon(http.serve, [sock])
            async with stdio_server() as (read, write):
                await server.run(read, write, server.create_initialization_options())
            http.should_exit = True


def _wait_for_owner(lock: DataDirLock, timeout: float = 30.0) -> Owner | None:
    """The owner's announcement; it may still be opening its stores when we look."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        owner = lock.owner()
        if owner is not None and owner.url and _alive(owner.pid):
            return owner
        time.sleep(0.1)
    return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cmd_stdio(args: argparse.Namespace) -> int:
    settings = _settings(args)
    caller = Caller(account_id=DEFAULT_ACCOUNT, user_id=args.user_id, client_name=args.client_name)
    lock = DataDirLock(settings.data_dir)
    if lock.acquire():
        failure: BaseException | None = None
        try:
            anyio.run(_stdio_owner, settings, lock, caller, args.api_key)
        except AppError as exc:
            failure = exc
        finally:
            lock.release()
        if failure is not None:
            print(f"mcp-memory: {failure}", file=sys.stderr)
            return 1
        return 0
    owner = _wait_for_owner(lock)
    if owner is None or owner.url is None:
        return _busy(lock, settings.data_dir)
    from mcp_memory.transports.forward import forward_stdio, forward_url

    headers = {"X-API-Key": args.api_key} if args.api_key else {}
    anyio.run(forward_stdio, forward_url(owner.url, args.client_name, args.user_id), headers)
    return 0


# -- reindex ----------------------------------------------------------------


async def _reindex(settings: Settings) -> tuple[int, int]:
    from mcp_memory.runtime import open_runtime

    async with open_runtime(settings, sweep=False) as runtime:
        lexical = await runtime.ledger.rebuild_lexical()
        vectors = await runtime.indexer.rebuild()
        return lexical, vectors


def cmd_reindex(args: argparse.Namespace) -> int:
    settings = _settings(args)
    lock = DataDirLock(settings.data_dir)
    if not lock.acquire():
        return _busy(lock, settings.data_dir)
    try:
        lexical, vectors = anyio.run(_reindex, settings)
    finally:
        lock.release()
    print(f"reindexed {lexical} memories into the lexical index and {vectors} into Chroma")
    return 0


# -- entry point ------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mcp-memory", description="A memory server for AI agents.")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, help="where memories live (default ~/.mcp-memory)")
        p.add_argument("--embedder", choices=["onnx", "hashing", "litellm"], help="embedder kind (default onnx)")
        p.add_argument("--log-level", help="DEBUG, INFO, WARNING, ERROR")

    serve = sub.add_parser("serve", help="run the HTTP server (REST + MCP over SSE and streamable HTTP)")
    common(serve)
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8765)")
    serve.add_argument("--auth", choices=["local", "required"], help="require API keys on every call")
    serve.add_argument("--insecure-no-auth", action="store_true", help="allow a non-loopback bind without keys")
    serve.set_defaults(func=cmd_serve)

    stdio = sub.add_parser("stdio", help="speak MCP on stdin/stdout (for Claude Desktop, Cursor)")
    common(stdio)
    stdio.add_argument("--user-id", default=os.environ.get("MCP_MEMORY_USER_ID", DEFAULT_USER))
    stdio.add_argument("--client-name", default=os.environ.get("MCP_MEMORY_CLIENT_NAME", "stdio"))
    stdio.add_argument("--api-key", default=os.environ.get("MCP_MEMORY_API_KEY"))
    stdio.set_defaults(func=cmd_stdio)

    reindex = sub.add_parser("reindex", help="rebuild Chroma and the lexical index from the ledger")
    common(reindex)
    reindex.set_defaults(func=cmd_reindex)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        stream=sys.stderr,
        level=(args.log_level or os.environ.get("MCP_MEMORY_LOG_LEVEL") or "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
