"""The pages' shareable state: URL parameters, each control's range and default, and the
settings a page turns into work (e.g. a training config). No Streamlit here."""
