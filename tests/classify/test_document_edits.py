"""Edits a reader never sees are ordinary: front matter, link targets, markup,
comments. (The document model reads what a reader reads.)"""

from __future__ import annotations

import json
import subprocess
import sys

from policynotice.classify.rules import classify_texts
from policynotice.models import ChangeClass

POLICY = """---
title: Privacy at Example Books
last_reviewed: 2026-01-01
---
Privacy at Example Books
========================

What we collect
---------------

We collect your name and [e-mail address](https://example.com/help?topic=email).
See our [partners](https://partners.example.com/list) for details.

<!-- reviewed by legal -->

Who receives it
---------------

| Recipient | Purpose | Items |
|---|---|---|
| Courier Ltd | delivery | name, address |
"""


def _classify(old: str, new: str) -> ChangeClass:
    return classify_texts(old, new, "en").change_class


def test_a_link_target_change_is_ordinary() -> None:
    new = POLICY.replace("https://partners.example.com/list", "https://ads.tracker.example.cn/p?uid=1&country=china")
    assert _classify(POLICY, new) is ChangeClass.ORDINARY


def test_linking_existing_words_is_ordinary() -> None:
    new = POLICY.replace("We collect your name", "We collect your [name](https://example.com/location-data)")
    assert _classify(POLICY, new) is ChangeClass.ORDINARY


def test_a_comment_edit_is_ordinary() -> None:
    new = POLICY.replace("<!-- reviewed by legal -->", "<!-- we will collect date of birth and precise location -->")
    assert _classify(POLICY, new) is ChangeClass.ORDINARY


def test_adding_data_items_in_the_text_is_still_material() -> None:
    # The control: the same words where a reader reads them are material.
    new = POLICY.replace("We collect your name", "We collect your name, date of birth, precise location")
    assert _classify(POLICY, new) is ChangeClass.MATERIAL


def test_classify_command_ignores_front_matter(tmp_path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(POLICY, encoding="utf-8")
    new.write_text(POLICY.replace("last_reviewed: 2026-01-01",
                                  "last_reviewed: 2026-06-01\nitems: [date of birth, location]"),
                   encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "policynotice", "classify", str(old), str(new),
                          "--format", "json"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["class"] == "ordinary"
