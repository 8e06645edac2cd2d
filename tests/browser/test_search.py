"""Issue 6, item 3: the theme's search, per language, finds words of the
policies in force, Korean and Chinese included, and never an archived (or a
not yet effective) version: only the current policy pages are indexed.

Chinese is written without spaces, so mkdocs.yml makes every Han character a
token of its own (see the `separator` of the search plugin); Korean is split
at spaces and a word is found by its start, particles attached or not."""

from __future__ import annotations

import re

import pytest

from .conftest import PRIVACY, path_of, prefix

# Paths of pages that are not a policy in force.
NOT_CURRENT = re.compile(r"/\d{4}-\d{2}-\d{2}/|/history/|/compare/|/changes/")

READY_JS = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  const tr = JSON.parse(document.getElementById("__config").textContent).translations;
  return meta && meta.textContent.trim() === tr["search.result.placeholder"];
}"""

DONE_JS = """() => {
  const meta = document.querySelector(".md-search-result__meta").textContent.trim();
  const tr = JSON.parse(document.getElementById("__config").textContent).translations;
  const other = new RegExp("^" + tr["search.result.other"]
      .replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&").replace("#", "\\\\d+") + "$");
  return meta === tr["search.result.none"] || meta === tr["search.result.one"] || other.test(meta);
}"""


def search(page, lang: str, query: str) -> tuple[list[str], list[str]]:
    """(result page paths, highlighted words) of a query typed into the
    search box of the language's home page."""
    box = page.locator("input.md-search__input")
    if path_of(page.url) != f"/{prefix(lang)}":
        page.goto(f"/{prefix(lang)}")
    else:  # searched here already: clear the box first
        box.fill("")
        box.press("End")
    page.wait_for_function(READY_JS)  # the index is loaded by a web worker
    box.click()
    box.fill(query)
    box.press("End")  # the theme reads the query on keyup
    page.wait_for_function(DONE_JS)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(a => a.href)")
    marks = page.eval_on_selector_all(".md-search-result__item mark",
                                      "els => els.map(m => m.textContent)")
    pages = []
    for href in hrefs:
        path = path_of(href)
        if path not in pages:
            pages.append(path)
    return pages, marks


# (language, a word of the policy in force, a word only in archived versions)
WORDS = [
    # 취약점 "vulnerability" (added in 2025-10-01); 성별 "gender" (removed then)
    ("ko", "취약점", "성별"),
    # 漏洞 "vulnerability"; 性别 "gender"
    ("zh", "漏洞", "性别"),
    ("zh-Hant", "弱點", "性別"),  # 弱點 "vulnerability" in Taiwan
    ("es", "vulnerabilidades", "sexo"),
    ("en", "vulnerability", "gender"),
]


@pytest.mark.parametrize("lang,word,archived_word", WORDS, ids=[w[0] for w in WORDS])
def test_search_finds_the_policy_in_force(page, lang, word, archived_word):
    pages, marks = search(page, lang, word)
    assert PRIVACY.url(lang) in pages, pages
    assert not [p for p in pages if NOT_CURRENT.search(p)], pages
    assert word in "".join(marks) or all(m in word for m in marks), marks

    # A word that only an archived version has: no archived version is found.
    pages, _ = search(page, lang, archived_word)
    assert not [p for p in pages if NOT_CURRENT.search(p)], pages
    if lang not in ("zh", "zh-Hant"):  # Chinese is matched character by character
        assert pages == [], pages


@pytest.mark.parametrize("lang,word", [
    ("ko", "개인정보"),   # "personal information", found inside 개인정보를, 개인정보의 ...
    ("ko", "오디오북"),
    ("zh", "个人信息"),   # in the middle of sentences: no spaces around it
    ("zh", "有声书"),
    ("zh-Hant", "有聲書"),
    ("es", "audiolibros"),
])
def test_search_finds_words_inside_cjk_sentences(page, lang, word):
    pages, marks = search(page, lang, word)
    assert PRIVACY.url(lang) in pages or f"/{prefix(lang)}terms/" in pages, pages
    own = [p for p in pages if p.startswith(f"/{prefix(lang)}")]
    if lang != "ko":  # the Korean pages are at the root, every path starts with "/"
        assert own, pages
    assert marks, "matches are highlighted"
