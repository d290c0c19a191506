"""Each page's "Show the code": the real source, sent only once the learner opens it."""

from __future__ import annotations

import re

import pytest

from tests.app.conftest import ROOT, assert_clean, run_page

#: page, the expander's key, and the functions it shows with the files they live in.
CODE_VIEWS = [
    ("app_pages/collapse.py", "col_code", {"collapse": "core/lessons/collapse.py"}),
    ("app_pages/activations.py", "act_code", {"sigmoid": "core/nn/activations.py", "d_relu": "core/nn/activations.py"}),
    ("app_pages/feature_map.py", "fm_code", {"correlate": "core/lessons/feature_map.py"}),
    ("app_pages/training.py", "trn_code", {"tick": "core/nn/session.py", "run": "core/nn/trainer.py"}),
]


def code_blocks(at) -> list[str]:
    return [c.value for c in at.code]


@pytest.mark.parametrize(("page", "key", "functions"), CODE_VIEWS, ids=[v[1] for v in CODE_VIEWS])
def test_the_code_is_sent_only_when_opened_and_is_the_files_own(page, key, functions):
    at = run_page(page)
    assert_clean(at)
    assert code_blocks(at) == []  # closed: nothing for the browser to highlight
    at.session_state[key] = True  # the learner opens it
    at.run()
    assert_clean(at)
    blocks = code_blocks(at)
    assert blocks and all(b.lstrip().startswith(("def ", "class ", "@")) for b in blocks)
    for name, path in functions.items():
        source = (ROOT / path).read_text(encoding="utf-8")
        shown = [b for b in blocks if re.search(rf"^\s*def {name}\(", b, flags=re.M)]
        assert shown, f"{name} is not shown on {page}"
        # Every line shown is a line of the file on disk: the page shows the real code.
        assert all(line.strip() in source for line in shown[0].splitlines())
    at.session_state[key] = False  # closed again: sent no more
    at.run()
    assert code_blocks(at) == []
