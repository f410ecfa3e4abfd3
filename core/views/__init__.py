"""What the dashboard shows, without streamlit: data for each page (data), figures (charts),
the map (geo), the officials network (network) and downloads (export)."""
