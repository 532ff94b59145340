"""Transports: MCP (stdio, SSE, streamable HTTP) and REST, all built from the registry."""
