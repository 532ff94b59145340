"""MCP resources, each backed by a registered operation."""
