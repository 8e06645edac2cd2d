"""Rendering: structure, marks with screen-reader text, escaping, navigation
ids, the summary, the side-by-side table, the text and JSON forms."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from policynotice.redline.engine import diff_texts
from policynotice.redline.render import ops_json, render_redline_html, render_side_by_side_html, render_text

from .seeds import seed

OLD = """# Privacy Policy

We collect your name and <b>email</b>.

## 1. Items collected

- Name
- Email address
- Phone number

| Item | Period |
|---|---|
| Name | 1 year |
| Email | 3 years |

## 2. Retention

We keep data for one year.

## 3. Old clause

This clause goes away entirely.
"""

NEW = """# Privacy Policy

We collect your name and <script>alert(1)</script>.

## 1. Items collected

- Name
- Postal address
- Email address

| Item | Period |
|---|---|
| Name | 2 years |
| Email | 3 years |

## 2. Retention

We keep data for five years.

## 4. Transfers abroad

We transfer nothing abroad at all.
"""


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("br", "hr", "img", "input", "meta", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}> (open: {self.stack[-3:]})")
        else:
            self.stack.pop()


def parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    p.close()
    assert not p.errors and not p.stack, (p.errors, p.stack)
    return p


def test_policy_text_never_becomes_markup() -> None:
    for html in (render_redline_html(OLD, NEW, "en"), render_side_by_side_html(OLD, NEW, "en")):
        assert "<script" not in html and "<b>" not in html
        assert "alert(1)" in html and "&lt;" in html and "&gt;" in html
        tags = {t for t, _ in parse(html).tags}
        assert not tags & {"script", "b", "a"} or tags & {"a"} and "javascript:" not in html


def test_links_in_policy_text_are_not_rendered_as_links() -> None:
    old = "Contact [us](javascript:alert(1)) now.\n"
    new = "Contact [them](javascript:alert(1)) now.\n"
    html = render_redline_html(old, new, "en")
    assert 'href="javascript' not in html
    assert "javascript:alert(1)" in html  # shown as typed


def test_structure_and_marks() -> None:
    html = render_redline_html(OLD, NEW, "en")
    tags = parse(html).tags
    names = [t for t, _ in tags]
    assert html.startswith('<div class="pn-redline"')
    assert {"h3", "h4", "ul", "li", "table", "thead", "th", "td", "p", "ins", "del"} <= set(names)
    # The list stays one list, with the inserted item inside it.
    assert re.search(r"<ul class=\"pn-list\"><li[^>]*>Name</li><li class=\"pn-depth-0 pn-block-ins\">"
                     r"<ins[^>]*><span class=\"pn-sr\">inserted: </span>Postal address</ins></li>", html)
    # Table cell edit stays inside its cell.
    assert re.search(r"<td><del[^>]*><span class=\"pn-sr\">deleted: </span>1 year</del>"
                     r"<ins[^>]*><span class=\"pn-sr\">inserted: </span>2 years</ins></td>", html)
    # Every mark carries screen-reader text.
    for m in re.finditer(r"<(ins|del)[^>]*>(.*?)</\1>", html):
        assert m.group(2).startswith('<span class="pn-sr">')


def test_change_ids_match_the_hunks() -> None:
    r = diff_texts(OLD, NEW, "en")
    html = render_redline_html(OLD, NEW, "en", r)
    ids = re.findall(r'id="(pn-change-\d+)"', html)
    assert ids == [f"pn-change-{i}" for i in range(1, r.stats.changes + 1)]
    assert r.stats.changes >= 6
    assert 'data-pn-nav="next"' in html and 'data-pn-nav="prev"' in html


def test_summary() -> None:
    r = diff_texts(OLD, NEW, "en")
    html = render_redline_html(OLD, NEW, "en", r)
    summary = html.split('<nav', 1)[0]
    assert f"{r.stats.words_added} words added" in summary
    assert f"{r.stats.words_removed} words removed" in summary
    assert r.stats.sections_changed == ("Privacy Policy", "1. Items collected", "2. Retention",
                                        "3. Old clause", "4. Transfers abroad")
    for name in r.stats.sections_changed:
        assert f">{name}<" in summary


def test_summary_in_each_language_and_fallback() -> None:
    expected = {"ko": ("추가됨", "삭제됨", "변경된 조항"), "zh": ("新增", "删除", "有变更的条款"),
                "zh-Hant": ("新增", "刪除", "有變更的條款"), "es": ("añadido", "eliminado", "Secciones modificadas"),
                "fr": ("inserted", "deleted", "Sections changed")}
    for lang, words in expected.items():
        html = render_redline_html(OLD, NEW, lang)
        for w in words:
            assert w in html, (lang, w)


def test_unchanged_text() -> None:
    html = render_redline_html(OLD, OLD, "ko")
    assert "변경 사항이 없습니다" in html
    assert "<ins" not in html and "<del" not in html and "pn-redline-nav" not in html


def test_whitespace_and_punctuation_only_markers() -> None:
    text = "First sentence. Second sentence.\n"
    html = render_redline_html(text, text.replace(". ", ".  "), "en")
    assert "Only spacing or line breaks changed." in html
    assert re.search(r'<ins id="pn-change-1" class="pn-ws"><span class="pn-sr">inserted \(space or line break\)'
                     r': </span><span aria-hidden="true">·</span></ins>', html)
    html = render_redline_html(text, text.replace("First sentence.", "First sentence;"), "en")
    assert "Only punctuation changed." in html


def test_moved_paragraph_rendering() -> None:
    a = "Alpha paragraph that stays first.\n\n"
    b = "Bravo paragraph that will move to the end of the text.\n\n"
    c = "Charlie paragraph that stays.\n\n"
    d = "Delta paragraph, the last one.\n\n"
    old, new = a + b + c + d, a + c + d + b
    html = render_redline_html(old, new, "en")
    assert '<del id="pn-change-1" class="pn-moved">' in html
    assert '<ins id="pn-change-2" class="pn-moved">' in html
    assert 'id="pn-move-1-from" href="#pn-move-1-to"' in html
    assert 'id="pn-move-1-to" href="#pn-move-1-from"' in html
    assert "moved to another place" in html and "moved from another place" in html


def test_hard_to_place_changes_still_get_a_mark() -> None:
    # A blank line added at the very start: no text, but a change to navigate to.
    html = render_redline_html("Text.\n", "\nText.\n", "en")
    assert 'id="pn-change-1"' in html and "↵" in html


def test_seed_redline_renders_and_balances() -> None:
    text = seed("003")
    new = text.replace("개인정보", "개인 정보", 3).replace("회사", "당사", 2)
    r = diff_texts(text, new, "ko")
    html = render_redline_html(text, new, "ko", r)
    parse(html)
    assert len(re.findall(r'id="pn-change-\d+"', html)) == r.stats.changes


def test_side_by_side_marks_new_deleted_and_changed_sections() -> None:
    html = render_side_by_side_html(OLD, NEW, "ko")
    parse(html)
    rows = re.findall(r"<tr class=\"(pn-sbs-\w+)\"><th scope=\"row\"[^>]*>(.*?)</th>", html)
    assert ("pn-sbs-deleted", "3. Old clause") in rows
    assert ("pn-sbs-new", "4. Transfers abroad") in rows
    assert ("pn-sbs-changed", "2. Retention") in rows
    assert "신설" in html and "삭제" in html and "현행" in html and "개정" in html
    assert '<del><span class="pn-sr">삭제됨: </span>one year</del>' in html
    assert '<ins><span class="pn-sr">추가됨: </span>five years</ins>' in html
    en = render_side_by_side_html(OLD, NEW, "en")
    assert ">New<" in en and ">Deleted<" in en
    for lang, (new_label, deleted_label) in {"zh": ("新增", "删除"), "zh-Hant": ("新增", "刪除"),
                                             "es": ("Nuevo", "Eliminado")}.items():
        html = render_side_by_side_html(OLD, NEW, lang)
        assert new_label in html and deleted_label in html


def test_side_by_side_aligns_renumbered_sections() -> None:
    old = "# P\n\n## 1. Scope\n\nAll users.\n\n## 2. Retention\n\nOne year.\n"
    new = "# P\n\n## 1. Scope\n\nAll users.\n\n## 2. Cookies\n\nWe use none.\n\n## 3. Retention\n\nTwo years.\n"
    html = render_side_by_side_html(old, new, "en")
    assert "pn-sbs-new" in html and "Cookies" in html
    assert "pn-sbs-deleted" not in html  # Retention was renumbered, not deleted
    assert re.search(r'<th scope="row"[^>]*><span class="pn-sbs-text"><del><span class="pn-sr">deleted: </span>2</del>'
                     r'\. Retention</span> → <span class="pn-sbs-text"><ins><span class="pn-sr">inserted: </span>3</ins>'
                     r'\. Retention</span></th>', html)
    assert "Scope" not in html  # unchanged sections are left out
    assert "No section changed." in render_side_by_side_html(old, old, "en")


def test_text_and_json_forms() -> None:
    r = diff_texts("We keep data.\n", "We keep all data.\n", "en")
    assert render_text(r) == "We keep {+all +}data.\n"
    r = diff_texts("one two\n", "one three\n", "en")
    assert render_text(r) == "one [-two-]{+three+}\n"
    j = ops_json(r)
    assert j["ops"] == [["equal", "one "], ["delete", "two"], ["insert", "three"], ["equal", "\n"]]
    assert j["stats"]["changes"] == 1 and j["moved"] == []


@pytest.mark.parametrize("lang", ["ko", "en", "zh", "zh-Hant", "es"])
def test_redline_for_any_text_is_well_formed(lang: str) -> None:
    old = "| a | b\n- x\n<div>\n```\ncode <x>\n```\n# T\n\n\u00a0\n"
    new = "| a | c |\n- y\n</div>\n```\ncode <y>\n# T2\n"
    parse(render_redline_html(old, new, lang))
    parse(render_side_by_side_html(old, new, lang))
