"""Extraction, storage and queries behind the dashboard. Never imports streamlit."""
