"""Pictures, charts and formatting: turning a lesson's numbers into something to look at.

No Streamlit here either: a page hands these pictures and chart specs to Streamlit.
"""
