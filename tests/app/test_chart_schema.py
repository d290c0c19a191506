"""Every chart a page sends is a valid Vega-Lite spec.

The pages make their specs without Altair's validation (``ui.charts.vega_spec``: it cost
about a fifth of each cache miss), so the check is here, on what the pages really send:
each chart's spec as the browser receives it, against Vega-Lite's own JSON schema (the
one Altair ships), in both languages and in presenter mode (where text sizes are scaled).
"""

from __future__ import annotations

import pytest
from altair.vegalite.v6.schema.core import Root

from tests.app.conftest import assert_clean, run_page, sent_specs

PAGES_WITH_CHARTS = ["app_pages/collapse.py", "app_pages/activations.py", "app_pages/feature_map.py"]


@pytest.mark.parametrize("page", PAGES_WITH_CHARTS)
@pytest.mark.parametrize(("lang", "query"), [("en", {}), ("zh", {"present": "1"})], ids=["en", "zh-presenting"])
def test_every_chart_sent_is_valid_vega_lite(page, lang, query):
    at = run_page(page, lang, **query)
    assert_clean(at)
    specs = sent_specs(at)
    assert specs, f"{page} sent no chart"
    for spec in specs:
        Root.validate(spec)  # raises jsonschema's ValidationError, naming the bad property


def test_an_invalid_spec_is_caught():
    """The check itself can fail: a spec with a misspelt type does not pass."""
    with pytest.raises(Exception, match="quantitatif"):
        Root.validate({"mark": "point", "encoding": {"x": {"field": "a", "type": "quantitatif"}}})
