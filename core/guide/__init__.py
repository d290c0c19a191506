"""The guided path: the lesson's eight predict-then-check steps and the two quizzes.

It stands above ``core.state`` because each step links to a page *with its settings*
(the pages' URL parameters), and above ``core.present`` because its views draw each
step's picture with the pages' own charts; only ``ui`` and the pages stand above it.

* :mod:`core.guide.path` — the steps (question, options, links, what each reveals);
* :mod:`core.guide.views` — each step's picture and the README's lesson block;
* :mod:`core.guide.class_views` — what a class sees of the path: the board's bars, the gain, the join link and its QR code;
* :mod:`core.guide.network_reports` — a learner's network as the class sees it (the report, its
  boundary picture, its text) and the teacher's gallery of them, grouped by activation;
* :mod:`core.guide.experiment` — the training settings a teacher sets for the class, read as a
  training link is and held to the class's cost cap.

The last two are here, not in the class store (:mod:`core.classroom`), because what a report
or a setting may hold is the training page's catalogs and link parser (``core.state``), a
floor the store does not lean on; the store keeps their text.
"""
