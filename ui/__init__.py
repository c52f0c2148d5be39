"""Streamlit helpers shared by the pages: the cached store, language, formatting, sidebar."""
