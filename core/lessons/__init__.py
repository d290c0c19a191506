"""The math of each page's argument, one module per lesson (no Streamlit, no pictures).

A lesson module computes what a page teaches — numbers a test can check against an
independent reference — and leaves drawing to ``core.present``.
"""
