"""Connectors: one module per platform export format, a registry, the loader and the CLI."""
