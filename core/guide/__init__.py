"""The guided path: the lesson's eight predict-then-check steps and the two quizzes.

It stands above ``core.state`` because each step links to a page *with its settings*
(the pages' URL parameters), and above ``core.present`` because its views draw each
step's picture with the pages' own charts; only ``ui`` and the pages stand above it.

* :mod:`core.guide.path` — the steps (question, options, links, what each reveals);
* :mod:`core.guide.views` — each step's picture and the README's lesson block;
* :mod:`core.guide.class_views` — what a class sees of the path: the board's bars, the gain, the join link and its QR code.
"""
