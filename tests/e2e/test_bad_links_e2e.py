"""A hostile link in real Chromium: its values read as text, never as links or styles.

AppTest sees only the Markdown source; this is what the learner's browser makes of it,
after Streamlit's own rewrites (bare URLs become links even when escaped, ``:smile:``
an emoji, ``->`` an arrow), which the escaping has to defeat too.
"""

from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import expect

from core.present.labels import activation_name
from core.present.markdown import WORD_JOINER

HOSTILE = "**B** [click](https://example.com) :red[r] :smile: a -> b"


def test_a_hostile_value_is_shown_as_typed(app):
    app.open("training", urlencode({"lang": "en", "activation": HOSTILE}))
    notice = app.widget("url_notices")
    expect(notice).to_contain_text("activation")
    # The only markup in the notice is the app's own: the key and the default as code.
    expect(notice.locator("[data-testid='stAlertContainer'] a")).to_have_count(0)
    expect(notice.locator("strong, em, del, img, .stMarkdownColoredText, .stMarkdownColoredBackground")).to_have_count(0)
    expect(notice.locator("code")).to_have_count(2)
    shown = notice.locator("[data-testid='stAlertContainer']").inner_text().replace(WORD_JOINER, "")
    assert HOSTILE in shown, shown
    assert "😄" not in shown and "→" not in shown
    expect(app.widget("activation").get_by_role("combobox")).to_have_value(activation_name("tanh", "en"))
    assert app.error_elements() == 0
