"""The REST dialects users already code against, as route tables over registry operations."""
