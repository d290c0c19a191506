"""The class store's core side: a class's shared state in a SQL database, as plain functions.

A teacher creates a class, learners join it by code, the teacher paces the lesson's
steps and quizzes, learners answer, the board counts. Everything is one function call
and one short transaction over an SQLAlchemy ``Engine`` (the page gets it from
``st.connection("class", type="sql")``): SQLite by default, PostgreSQL by one URL, so
every replica of the app sees the same classes.

* :mod:`core.classroom.schema` — the tables (what is stored), the schema version,
  ``ensure_schema``, ``prepare_engine``, the transaction;
* :mod:`core.classroom.store` — create, resume, join, follow, answer, end, purge;
* :mod:`core.classroom.teacher` — open a step, reveal, open/close a quiz, remove a
  learner, hide nicknames;
* :mod:`core.classroom.results` — the board, the quiz's gain, the learner list, the CSV;
* :mod:`core.classroom.networks` — each learner's latest network report, the teacher's
  read of them all; :mod:`core.classroom.experiments` — the training settings the
  teacher sets for the class (or for each half of it). What a report or a setting *is*
  is checked a floor up, with the training page's settings (the page's way in to these
  two): :mod:`core.guide.network_reports`, :mod:`core.guide.experiment`;
* :mod:`core.classroom.limits` — every cap, rate and lifetime, named;
* :mod:`core.classroom.tokens`, :mod:`core.classroom.names` — codes, secrets, tokens,
  nicknames; :mod:`core.classroom.errors` — ``ClassError`` and its codes;
  :mod:`core.classroom.access` — the checks every function starts with.

**What is stored, where, for how long.** In the database the app is configured with
(a SQLite file, or PostgreSQL): per class its code, the SHA-256 of the teacher's secret,
what is open and the counters of its limits; per learner the SHA-256 of their browser's
token, their number in the class and the nickname they typed, if any (cleaned, at most
24 characters); per answer the option id chosen and when; per learner who trains, their
network's latest report (its numbers, activation, layers, data set, features and a 32 × 32
picture of its boundary) and when it came; per class the training settings its teacher
set for an experiment. No IP address, no real name, no e-mail, no secret or token in
clear. "End class" hands the teacher the CSV, then deletes the class's learners,
answers, networks and experiment at once; a class with no activity for 14 days is
refused and all of that deleted at the next purge (every class creation runs one). An ended or expired class leaves only its code, secret hash and dates for 14
more days (so a late learner reads "ended"), then nothing.

It sits on the floor of ``core.nn``: it imports ``core.i18n`` and ``core.texts`` and
nothing above them, and never Streamlit (``tests/unit/test_layering.py``).
"""
