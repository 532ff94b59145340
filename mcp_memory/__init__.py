"""mcp-memory: a memory server for AI agents, MCP first."""

__version__ = "0.1.0"
