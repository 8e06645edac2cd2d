"""The engine's shortcuts must give what the general path gives: they exist
for speed, never for a different redline."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policynotice.redline.engine import _diff_general, _single_edit, common_ends, diff_tokens
from policynotice.redline.tokens import tokenize, tokenizer_for

# Few distinct words, so that edits repeat their neighbours and can slide.
WORDS = st.sampled_from(["the", "data", " ", " ", "\n", ",", ".", "개인정보", "收", "集", "año"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(WORDS, max_size=12), st.lists(WORDS, min_size=1, max_size=6),
       st.lists(WORDS, max_size=12), st.booleans(), st.sampled_from(["en", "ko", "zh"]))
def test_one_insertion_or_deletion_is_diffed_as_the_general_path_does(
        head, edit, tail, insert, lang):
    ta, tb = head + tail, head + edit + tail
    if not insert:
        ta, tb = tb, ta
    p, q = common_ends(ta, tb)
    tok = tokenizer_for(lang)
    fast = _single_edit(ta, tb, p, q)
    general = _diff_general(ta, tb, tok, "".join(ta), "".join(tb))
    assert fast is None or fast == general


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("ab .\n가中"), max_size=30), st.text(st.sampled_from("ab .\n가中"), max_size=30))
def test_diff_tokens_is_exact(a, b):
    ta, tb = tokenize(a, "en"), tokenize(b, "en")
    ops = diff_tokens(ta, tb, tokenizer_for("en"), a, b)
    assert "".join(t for op, t in ops if op != 1) == a
    assert "".join(t for op, t in ops if op != -1) == b
