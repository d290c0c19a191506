"""The training page's Streamlit helpers, kept out of ``app_pages/training.py`` so that
page stays a list of sections.

- :mod:`ui.training.draw`: the "draw your own data" panel (click on the plane to add
  points; the drawn set lives in the session and downloads as a CSV).
- :mod:`ui.training.files`: the input features widget and the save / export / reload
  panel of a network file.
- :mod:`ui.training.instrument`: the page's layout as one instrument (its style).
- :mod:`ui.training.inside`: the look inside the network (a neuron checked by hand, what
  each hidden layer does to the plane).

The live view the page plays back is its own component, :mod:`ui.live_view`. Nothing is
re-exported here: import from the module that defines it.
"""
