"""Bürgernah analytics: the store, its migrations, reference data and the metric queries.

Never imports Streamlit, so the CLI, tests and benchmarks use it as a plain library.
"""
