"""DuckLake store tests against a real PostgreSQL (see conftest.py)."""
