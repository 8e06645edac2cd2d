"""Redlines a lawyer trusts, measured on edits of policy texts built like real published ones
(tests/redline/seeds.py):
no cut inside a word, no hunk breaking a list item or table row, one hunk per
intended edit, moved paragraphs shown as moved."""

from __future__ import annotations

import random

import pytest

from policynotice.redline.engine import diff_texts
from policynotice.redline.model import hunks
from policynotice.redline.tokens import is_word, tokenize
from policynotice.document import LIST_ITEM, PARAGRAPH, split_blocks

from .checks import cuts_inside_words, hunks_breaking_items
from .seeds import seed, seed_texts

REPLACEMENT = {"en": "REPLACED", "ko": "변경된", "zh": "变更", "zh-Hant": "變更", "es": "cambiado"}
INSERTION = {"en": " freshly inserted clause", "ko": " 새로 추가한 문구", "zh": "新增的条款",
             "zh-Hant": "新增的條款", "es": " cláusula añadida"}


def _editable_words(toks: list[str], lang: str) -> list[int]:
    """Indices of words that can be edited without touching the block's edges;
    outside Chinese, words followed by a space and another word."""
    if lang.startswith("zh"):
        return [i for i, t in enumerate(toks) if is_word(t) and 2 < i < len(toks) - 3]
    return [i for i, t in enumerate(toks) if is_word(t) and 2 < i < len(toks) - 3
            and toks[i - 1] == toks[i + 1] == " " and is_word(toks[i + 2])]


def edit_words(text: str, lang: str, n: int, kind: str, seed_: int) -> str:
    """text with one `kind` edit (replace, insert, delete) in each of n distinct,
    non-adjacent paragraphs or list items."""
    rng = random.Random(seed_)
    blocks = split_blocks(text)
    candidates = [k for k, b in enumerate(blocks) if b.kind in (PARAGRAPH, LIST_ITEM)
                  and len(_editable_words(tokenize(b.text, lang), lang)) >= 3]
    chosen: list[int] = []
    for k in rng.sample(candidates, len(candidates)):
        if all(abs(k - c) > 1 for c in chosen):
            chosen.append(k)
        if len(chosen) == n:
            break
    assert len(chosen) == n, "not enough paragraphs for the edits"
    texts = [b.text for b in blocks]
    for k in chosen:
        kinds = [b.kind for b in split_blocks(texts[k])]
        for i in rng.sample(_editable_words(tokenize(texts[k], lang), lang), 3):
            toks = tokenize(texts[k], lang)
            if kind == "replace":
                toks[i] = REPLACEMENT[lang]
            elif kind == "insert":
                toks[i] += INSERTION[lang]
            else:
                del toks[i:i + (1 if lang.startswith("zh") else 2)]
            # An edit that changes the structure (a long line shortened into a
            # numbered title, say) is a different test; pick another word.
            if [b.kind for b in split_blocks("".join(toks))] == kinds:
                texts[k] = "".join(toks)
                break
        else:
            raise AssertionError("no edit keeps the block's structure")
    return "".join(texts)


def assert_quality(old: str, new: str, lang: str, expected_hunks: int):
    r = diff_texts(old, new, lang)
    assert cuts_inside_words(r.ops) == []
    assert hunks_breaking_items(old, new, r.ops) == []
    assert r.stats.changes == expected_hunks == len(hunks(r.ops)), [
        (o.op, o.text[:40]) for o in r.ops if o.op != "equal"]
    return r


@pytest.mark.parametrize("kind", ["replace", "insert", "delete"])
@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_one_hunk_per_word_edit_in_seed_policies(prefix: str, kind: str) -> None:
    name, lang, text = next(s for s in seed_texts() if s[0].startswith(prefix))
    for seed_ in range(3):
        new = edit_words(text, lang, 6, kind, seed_)
        r = assert_quality(text, new, lang, 6)
        changed = [o for o in r.ops if o.op != "equal"]
        if kind == "replace":
            assert sum(o.text == REPLACEMENT[lang] for o in changed) == 6
        elif kind == "insert":
            assert [o.op for o in changed] == ["insert"] * 6
        else:
            assert [o.op for o in changed] == ["delete"] * 6


def test_spanish_and_traditional_chinese_parts_of_the_consent_seed() -> None:
    text = seed("000")
    lines = text.splitlines(keepends=True)
    spanish = "".join(ln for ln in lines if any(c in ln for c in "áéíóúñ")) or pytest.skip("no Spanish")
    hant = "".join(ln for ln in lines if any("\u4e00" <= c <= "\u9fff" for c in ln))
    new_es = spanish.replace("correo electrónico", "dirección postal", 1)
    r = assert_quality(spanish, new_es, "es", 1)
    assert [o.text for o in r.ops if o.op == "delete"] == ["correo electrónico"]
    assert [o.text for o in r.ops if o.op == "insert"] == ["dirección postal"]
    if hant:
        new_hant = hant.replace("密碼", "手機號碼", 1)
        r = assert_quality(hant, new_hant, "zh-Hant", 1)
        assert "".join(o.text for o in r.ops if o.op == "insert").endswith("手機號碼") or \
            "手機號" in "".join(o.text for o in r.ops if o.op == "insert")


# Simplified Chinese: no seed is in zh-Hans, so the test writes its own clauses.
ZH = ("# 隐私政策\n\n## 1. 收集的信息\n\n我们在您注册时收集您的姓名、电话号码和电子邮件地址，用于提供服务。\n\n"
      "## 2. 保存期限\n\n我们在您注销账户后三十日内删除您的个人信息，法律另有规定的除外。\n")


def test_chinese_edits_read_as_phrases() -> None:
    new = ZH.replace("电话号码", "身份证号码").replace("三十日", "九十日")
    r = assert_quality(ZH, new, "zh", 2)
    inserted = [o.text for o in r.ops if o.op == "insert"]
    assert any("身份证" in t for t in inserted) and any("九" in t for t in inserted)
    # A rewording that keeps a character or two in the middle is one phrase, not
    # a scatter of single-character edits.
    new = ZH.replace("用于提供服务", "以便改进产品")
    r = assert_quality(ZH, new, "zh", 1)


def test_list_items_and_table_rows_stay_whole() -> None:
    ko = seed("003")
    items = [b for b in split_blocks(ko) if b.kind == LIST_ITEM]
    assert len(items) > 3
    target = items[3]
    added = "- 새로 추가한 수집 항목: 접속 기기의 언어 설정\n"
    new = ko[:target.start] + added + ko[target.start:]
    r = assert_quality(ko, new, "ko", 1)
    assert [o.text for o in r.ops if o.op != "equal"] == [added]
    removed = items[3]
    new = ko[:removed.start] + ko[removed.start + len(removed.text):]
    r = assert_quality(ko, new, "ko", 1)
    assert [o.text for o in r.ops if o.op != "equal"] == [removed.text]

    # A pipe table built from the seed's own rows (the seed leaves out the outer pipes).
    rows = [ln for ln in seed("004").splitlines() if ln.count("|") >= 3][:6]
    table = "".join(f"| {ln.strip().strip('|').strip()} |\n" for ln in rows)
    old = "# Retention\n\nIntro text.\n\n" + table + "\nAfter the table.\n"
    lines = old.splitlines(keepends=True)
    lines[6] = lines[6].replace("1 year", "3 years")  # a cell in a row
    lines[8] = lines[8].replace("|", "| New", 1)
    del lines[9]
    new = "".join(lines)
    r = assert_quality(old, new, "en", 3)


def test_moved_paragraph_is_marked_moved() -> None:
    for prefix in ("001", "003"):
        name, lang, text = next(s for s in seed_texts() if s[0].startswith(prefix))
        blocks = split_blocks(text)
        # Paragraphs that stand alone (a blank line after them), so that moving
        # one does not merge it with its new neighbour.
        paras = [k for k, b in enumerate(blocks) if b.kind == PARAGRAPH and len(b.text) > 120
                 and b.text.endswith("\n\n") and 5 < k < len(blocks) - 5]
        k = paras[0]
        moved = blocks[k]
        dest = blocks[paras[-1]]
        rest = text[:moved.start] + text[moved.start + len(moved.text):]
        at = rest.index(dest.text) + len(dest.text)
        new = rest[:at] + moved.text + rest[at:]
        r = assert_quality(text, new, lang, 2)
        changed = [o for o in r.ops if o.op != "equal"]
        assert [(o.op, o.moved, o.text) for o in changed] == [
            ("delete", True, moved.text), ("insert", True, moved.text)], name


def test_moved_and_edited_nearby_still_detected() -> None:
    text = seed("001")
    blocks = split_blocks(text)
    paras = [b for b in blocks if b.kind == PARAGRAPH and len(b.text) > 120]
    first, last = paras[1], paras[-2]
    new = text.replace(first.text, "", 1)
    new = new.replace(last.text, last.text + first.text, 1)
    new = new.replace(paras[2].text, paras[2].text.replace(" the ", " this ", 1), 1)
    r = diff_texts(text, new, "en")
    assert [o.text for o in r.ops if o.moved and o.op == "delete"] == [first.text]
    assert [o.text for o in r.ops if o.moved and o.op == "insert"] == [first.text]


def test_whitespace_and_punctuation_only_changes_are_reported() -> None:
    text = seed("002")
    r = diff_texts(text, text.replace(". ", ".  ", 3), "en")
    assert r.whitespace_only and not r.punctuation_only and r.stats.changes == 3
    r = diff_texts(text, text.replace("personal information.", "personal information;", 1), "en")
    assert r.punctuation_only and not r.whitespace_only and r.stats.changes == 1
    r = diff_texts(text, text.replace("Company", "Firm", 1), "en")
    assert not r.punctuation_only and not r.whitespace_only
    # Line endings: a CRLF copy is a whitespace-only change, visible, not nothing.
    r = diff_texts(text, text.replace("\n", "\r\n"), "en")
    assert r.whitespace_only and r.stats.words_added == r.stats.words_removed == 0


def test_statistics() -> None:
    old = "# T\n\n## 1. Scope\n\nWe collect your name.\n\n## 2. Retention\n\nWe keep data one year.\n"
    new = ("# T\n\n## 1. Scope\n\nWe collect your name and address.\n\n## 2. Retention\n\n"
           "We keep data one year.\n\n## 3. Transfers\n\nNone.\n")
    r = diff_texts(old, new, "en")
    assert r.stats.words_added == 2 + 3  # "and address", "3 Transfers None"
    assert r.stats.words_removed == 0
    assert r.stats.sections_changed == ("1. Scope", "3. Transfers")
    r = diff_texts(new, old, "en")
    assert r.stats.sections_changed == ("1. Scope", "3. Transfers")
    assert r.stats.words_removed == 5
