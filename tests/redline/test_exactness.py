"""The redline loses and invents nothing: for any input, equal+delete joins to
the old text and equal+insert to the new text, byte for byte."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policynotice.redline import tokens
from policynotice.redline.engine import diff_texts
from policynotice.redline.model import Op

from .seeds import seed_texts

LANGS = ("ko", "en", "zh", "zh-Hant", "es")

# Pieces that stress the tokenizer and the block splitter: scripts, emoji with
# modifiers and ZWJ, no-break spaces, CRLF and lone CR, Markdown markers,
# private-use characters that the token codec itself uses.
PIECES = [
    "개인정보", "처리방침", "제3조", "14세", "IP주소", "个人信息", "個人資料", "收集", "的",
    "privacy", "data", "naïve", "e\u0301", "año", "¿Qué?", "1,000", "2024-03-01",
    "👍🏽", "👨\u200d👩\u200d👧", "🇰🇷", "\u00a0", "\u3000", " ", "  ", "\t", "\n", "\n\n",
    "\r\n", "\r", "\u2028", "\x0c", "# ", "## ", "- ", "* ", "1. ", "| a | b |\n", "|---|---|\n",
    "```\n", "<div>", "<script>alert(1)</script>", "\ue000", "\uf8ff", "\U000f0000", ".", ",",
    "、", "。", "（", "）",
]

piece_text = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=80), piece_text)


def assert_exact(old: str, new: str, ops: tuple[Op, ...]) -> None:
    assert "".join(o.text for o in ops if o.op != "insert") == old
    assert "".join(o.text for o in ops if o.op != "delete") == new
    for o in ops:
        assert o.text, "empty op"
        assert o.op in ("equal", "insert", "delete")
        assert o.op != "equal" or not o.moved
    for a, b in zip(ops, ops[1:]):
        assert not (a.op == b.op and a.moved == b.moved), f"unmerged neighbours {a!r} {b!r}"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=any_text, new=any_text, lang=st.sampled_from(LANGS))
def test_exact_for_any_pair(old: str, new: str, lang: str) -> None:
    assert_exact(old, new, diff_texts(old, new, lang).ops)


@settings(max_examples=200, deadline=None)
@given(base=piece_text, edits=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 5), piece_text),
                                      max_size=6), lang=st.sampled_from(LANGS))
def test_exact_for_edits_of_one_text(base: str, edits, lang: str) -> None:
    new = base
    for pos, cut, ins in edits:
        pos %= len(new) + 1
        new = new[:pos] + ins + new[pos + cut:]
    assert_exact(base, new, diff_texts(base, new, lang).ops)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_exact_for_random_edits_of_seed_texts(data) -> None:
    name, lang, text = data.draw(st.sampled_from(seed_texts()))
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    new = text
    for _ in range(data.draw(st.integers(1, 12))):
        pos = rng.randrange(len(new) + 1)
        cut = rng.choice([0, 0, 1, 5, 40, 300])
        ins = rng.choice(["", " ", "\n", "\n\n", "데이터 ", "数据", "nuevo ", "\u00a0", "👍", "\r\n",
                          text[rng.randrange(len(text)):][:rng.randrange(1, 200)]])
        new = new[:pos] + ins + new[pos + cut:]
    assert_exact(text, new, diff_texts(text, new, lang).ops)


@pytest.mark.parametrize("old,new", [
    ("", ""), ("", "a"), ("a", ""), ("\r\n", "\n"), ("\n", "\r\n"), ("x\u00a0y", "x y"),
    ("\ue000\ue001", "\ue001\ue000"), ("👍", "👍🏽"), ("가", "각"), ("的", "地"),
])
def test_exact_edge_cases(old: str, new: str) -> None:
    for lang in LANGS:
        r = diff_texts(old, new, lang)
        assert_exact(old, new, r.ops)
        assert r.changed == (old != new)


def test_unchanged_text_is_one_equal_op() -> None:
    text = seed_texts()[0][2]
    r = diff_texts(text, text, "en")
    assert r.ops == (Op("equal", text),)
    assert r.stats.changes == 0 and r.stats.sections_changed == ()
    assert not r.whitespace_only and not r.punctuation_only


def test_deterministic() -> None:
    _, lang, text = seed_texts()[2]
    rng = random.Random(5)
    words = text.split(" ")
    for _ in range(30):
        i = rng.randrange(len(words))
        words[i] = words[rng.randrange(len(words))]
    new = " ".join(words)
    first = diff_texts(text, new, lang)
    for _ in range(3):
        assert diff_texts(text, new, lang) == first


def test_more_distinct_tokens_than_private_use_code_points(monkeypatch) -> None:
    # When the private-use code points run out the engine diffs characters,
    # and must still be exact. Shrink the table so that 10 tokens exhaust it.
    monkeypatch.setattr(tokens, "_PUA_RANGES", ((0xE000, 0xE009),))
    old = " ".join(f"w{i}" for i in range(40))
    new = " ".join(f"w{i}" for i in reversed(range(40)))
    with pytest.raises(tokens.CodecFull):
        tokens.TokenCodec().encode(tokens.tokenize(old, "en"))
    r = diff_texts(old, new, "en")
    assert_exact(old, new, r.ops)


def test_a_huge_rewritten_paragraph_is_diffed_within_its_budget_and_exactly():
    """A 200 KB paragraph with every other word changed (quadratic for an
    exact diff) is diffed under the engine's deadline; the ops stay exact."""
    import random

    from policynotice.redline.engine import diff_texts

    rng = random.Random(1)
    words = [f"w{rng.randint(0, 5000)}" for _ in range(35000)]
    old = " ".join(words) + "\n"
    new = " ".join(w if i % 2 else w + "x" for i, w in enumerate(words)) + "\n"
    ops = diff_texts(old, new, "en").ops
    assert "".join(o.text for o in ops if o.op != "insert") == old
    assert "".join(o.text for o in ops if o.op != "delete") == new
