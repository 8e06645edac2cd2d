"""Words around the policy (issue 17): dates in sentences as the language
writes them, the policy's own name in its banner, no "정책 정책" in feed
names, "1 word added"."""

from __future__ import annotations

import re
from datetime import date

import pytest

from policynotice.publish import pages
from policynotice.publish.notice_strings import ns, with_site
from policynotice.redline.render import render_redline_html

from .conftest import LANGS


@pytest.mark.parametrize("lang, expected", [
    ("es", "el <time class=\"pn-date\" datetime=\"2027-01-04\">4 de enero de 2027</time>"),
    ("en", "<time class=\"pn-date\" datetime=\"2027-01-04\">January 4, 2027</time>"),
    ("ko", "<time class=\"pn-date\" datetime=\"2027-01-04\">2027년 1월 4일</time>부터"),
])
def test_dates_in_sentences_are_localised_and_kept_whole(lang, expected):
    html = pages._prose(lang, "upcoming_banner", date=date(2027, 1, 4), notice=date(2026, 11, 20),
                        title="<Terms>")
    assert expected in html
    assert not re.search(r">\d{4}-\d{2}-\d{2}<", html)
    assert "&lt;Terms&gt;" in html and "<Terms>" not in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_banner_names_the_policy_not_this_policy(lang):
    html = pages._prose(lang, "upcoming_banner", date=date(2027, 1, 4), notice=date(2026, 11, 20),
                        title="이용약관")
    assert "이용약관" in html and "이 방침" not in html


def test_feed_and_calendar_names_do_not_say_policy_twice():
    for key in ("feed_all", "calendar_name", "feed_material"):
        name = with_site("ko", "누리책방 정책", ns("ko", key))
        assert "정책 정책" not in name, name
    assert with_site("ko", "누리책방 정책", ns("ko", "feed_all")) == "누리책방 정책 변경 알림"
    assert with_site("en", "Nuri Books Policies", ns("en", "feed_all")) == "Nuri Books Policies: Policy changes"


@pytest.mark.parametrize("lang, one, many", [
    ("en", "1 word added", "2 words added"), ("es", "1 palabra añadida", "2 palabras añadidas")])
def test_one_word_is_singular(lang, one, many):
    assert one in render_redline_html("We keep data.\n", "We keep all data.\n", lang)
    assert many in render_redline_html("We keep data.\n", "We keep all the data.\n", lang)


@pytest.mark.parametrize("lang", ["ko", "zh", "zh-Hant", "es"])
def test_sentences_shown_on_the_terms_do_not_call_them_a_policy(lang):
    from policynotice.publish.strings import t

    for key in ("upcoming_banner", "not_in_force_yet", "no_previous_versions", "compare_partial"):
        text = t(lang, key)
        for word in ("방침", "政策", "política"):
            assert word not in text, (lang, key, text)
