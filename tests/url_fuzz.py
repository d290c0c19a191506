"""Random and malformed query strings, with the bad keys each one is known to carry.

Shared by the two property tests of bad links (``tests/unit/test_bad_links_property.py``,
the bulk, and ``tests/app/test_bad_links_property.py``, through the real pages). Every key
is absent, valid, or *poisoned*: its value holds a character that no parser accepts
(every one of them is Markdown), so the generator, not the parser under test, knows
which keys are bad. Around them: stray ``&``, keys without ``=``, ``%zz``, unknown keys,
repeated keys (the first value counts, as in ``ui.url_value``), letters needlessly
percent-encoded, and values in any script.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from random import Random
from urllib.parse import parse_qs

from hypothesis import strategies as st

#: No parser accepts any of these (int, float, option names, flags), and each is markup.
POISON = "*[]<>`:$~#|!{}\\@"
#: Text around the poison: markup, URL pieces, spaces, CJK, anything printable.
FILLER = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12) | st.text(
    alphabet="*_[]()<>!`~$&:#|{}\\/.-@+= %wWhtpsx0123456789,", max_size=24)
#: Characters that must be percent-encoded in a value, or the query's structure changes.
STRUCTURAL = set("&=+%#;")
#: Malformed pieces between the parameters (their keys are none of the pages').
NOISE = ["", "=", "=x", "zz", "zz=", "zz=%zz", "%zz", "zz%5B=1", "zz=a=b", "&", "zz=*[x](y)", "%", "zz=%E4%B8"]


@dataclass
class Query:
    text: str
    bad: dict[str, str] = field(default_factory=dict)  # key -> the value the link gave it

    @cached_property
    def parsed(self) -> dict[str, list[str]]:
        """The query as Streamlit parses it (``runtime/state/query_params.py``)."""
        return parse_qs(self.text, keep_blank_values=True)

    def raw_of(self, key: str) -> str | None:
        """What the page reads for ``key`` (its first value, as ``ui.url_value``), or None."""
        values = self.parsed.get(key)
        return values[0] if values else None

    def as_dict(self) -> dict[str, str | list[str]]:
        """The parsed query, as ``AppTest.query_params`` takes it."""
        return {k: v[0] if len(v) == 1 else v for k, v in self.parsed.items()}


def encode(rnd: Random, value: str) -> str:
    """Percent-encode ``value``: structural characters always, any other one at random."""
    out = []
    for char in value:
        if char in STRUCTURAL or not char.isprintable() or char == " " or rnd.random() < 0.1:
            out.append("".join(f"%{b:02X}" for b in char.encode()))
        else:
            out.append(char)
    return "".join(out)


def make_query(rnd: Random, keys: Sequence[str], valid: dict[str, str], fillers: Sequence[str],
               poison_rate: float = 0.5) -> Query:
    """A query string over ``keys``, in random order (``valid[key]``: a value the page accepts)."""
    query = Query("")
    segments = []
    order = list(keys)
    rnd.shuffle(order)
    for key in order:
        roll = rnd.random()
        if roll < poison_rate:
            value = rnd.choice(fillers) + rnd.choice(POISON) + rnd.choice(fillers)
            query.bad[key] = value
        elif roll < (1 + poison_rate) / 2 and key in valid:
            value = valid[key]
        else:
            continue
        segments.append(f"{key}={encode(rnd, value)}")
        if rnd.random() < 0.1:  # the same key again: only the first value counts
            segments.append(f"{key}={encode(rnd, rnd.choice(fillers))}")
        if rnd.random() < 0.2:
            segments.append(rnd.choice(NOISE))
    query.text = "&".join(segments)
    return query


@st.composite
def query_batches(draw, keys: Sequence[str], valid: dict[str, str], size: int) -> list[Query]:
    """``size`` query strings: hypothesis picks the texts around the poison (where the
    surprises are), a seeded generator the structure (cheap enough for thousands)."""
    fillers = draw(st.lists(FILLER, min_size=3, max_size=8))
    # A seed, not st.randoms(): every call of the latter is one more choice for Hypothesis
    # to record, thousands per batch.
    rnd = Random(draw(st.integers(0, 2**32 - 1)))
    return [make_query(rnd, keys, valid, fillers) for _ in range(size)]
