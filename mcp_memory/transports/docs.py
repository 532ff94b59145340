"""A readable API page, rendered on the server from the registry: no CDN, works offline."""

from __future__ import annotations

import html
import json
from typing import Any

from mcp_memory import __version__
from mcp_memory.registry import Operation, Registry

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:0}h2{border-top:1px solid #ddd;padding-top:1rem;font-family:monospace}
code,pre{background:#f5f5f5;border-radius:4px}pre{padding:.6rem;overflow-x:auto}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left}
.tag{font-size:12px;background:#eef;border-radius:3px;padding:0 .4rem;margin-right:.3rem}
"""


def _fields_table(schema: dict[str, Any]) -> str:
    props = schema.get("properties", {})
    if not props:
        return "<p>No arguments.</p>"
    required = set(schema.get("required", []))
    rows = []
    for name, prop in props.items():
        kind = prop.get("type") or " | ".join(p.get("type", "?") for p in prop.get("anyOf", [])) or "object"
        rows.append(
            f"<tr><td><code>{html.escape(name)}</code></td><td>{html.escape(str(kind))}</td>"
            f"<td>{'yes' if name in required else 'no'}</td>"
            f"<td>{html.escape(prop.get('description', ''))}</td></tr>"
        )
    return "<table><tr><th>field</th><th>type</th><th>required</th><th>meaning</th></tr>" + "".join(rows) + "</table>"


def _example(op: Operation) -> str:
    schema = op.input_model.model_json_schema()
    body = {name: f"<{prop.get('type', 'value')}>" for name, prop in schema.get("properties", {}).items()
            if name in schema.get("required", [])}
    return (
        f"curl -X POST http://127.0.0.1:8765/tools/{op.name} \\\n  -H 'Content-Type: application/json' "
        f"-H 'X-User-Id: alice' \\\n  -d '{json.dumps(body, ensure_ascii=False)}'"
    )


def docs_page(registry: Registry) -> str:
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>mcp-memory API</title><style>{_STYLE}</style>"
        f"</head><body><h1>mcp-memory API</h1><p>version {__version__} &middot; "
        "<a href='/openapi.json'>openapi.json</a> &middot; <a href='/tools'>/tools</a></p>",
        "<p>Every operation is an MCP tool (SSE at <code>/mcp/{client}/sse/{user}</code>, streamable HTTP at "
        "<code>/mcp/{client}/http/{user}</code>, stdio via <code>mcp-memory stdio</code>) and a REST call at "
        "<code>POST /tools/{name}</code> with identity in <code>X-User-Id</code>, <code>X-Agent-Id</code> and "
        "<code>X-Client-Name</code>. Errors are <code>{\"error\": {\"code\", \"message\"}}</code>.</p>",
    ]
    for op in registry.operations.values():
        hints = [h for h, on in (("read-only", op.read_only), ("destructive", op.destructive),
                                 ("idempotent", op.idempotent), ("MCP tool", op.mcp)) if on]
        parts.append(
            f"<h2 id='{op.name}'>{op.name}</h2>"
            + "".join(f"<span class='tag'>{h}</span>" for h in hints)
            + "".join(f"<p>{html.escape(p)}</p>" for p in op.description.split("\n\n"))
            + _fields_table(op.input_model.model_json_schema())
            + f"<pre>{html.escape(_example(op))}</pre>"
        )
    parts.append("</body></html>")
    return "".join(parts)
