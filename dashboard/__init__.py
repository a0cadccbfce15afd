"""Regional digital-economy dashboard: data loading, figures and page helpers for the Streamlit app."""
