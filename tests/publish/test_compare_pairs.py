"""The compare page's prebuilt pairs grow linearly with the archive."""

from __future__ import annotations

from types import SimpleNamespace

from policynotice.models import Status
from policynotice.publish.pages import compare_pairs


def versions(n: int, current: int, upcoming: int = 0):
    out = []
    for i in range(n + upcoming):
        status = (Status.CURRENT if i == current else
                  Status.UPCOMING if i >= n else Status.ARCHIVED)
        out.append(SimpleNamespace(status=status))
    return out


def test_small_archives_get_every_pair():
    assert compare_pairs(versions(3, 2), 3) == ((0, 1), (0, 2), (1, 2))


def test_beyond_the_threshold_each_version_against_the_previous_and_the_one_in_force():
    for n in (4, 30, 120):
        pairs = set(compare_pairs(versions(n, n - 1), 3))
        assert {(i - 1, i) for i in range(1, n)} <= pairs
        assert {(i, n - 1) for i in range(n - 1)} <= pairs
        assert len(pairs) == 2 * n - 3  # linear, not n (n - 1) / 2


def test_an_upcoming_version_is_compared_with_the_one_in_force():
    pairs = set(compare_pairs(versions(10, 9, upcoming=2), 3))
    assert (9, 10) in pairs and (9, 11) in pairs and (10, 11) in pairs
    assert (0, 11) not in pairs
    assert len(pairs) == 11 + 11 - 2  # consecutive, against the one in force, 2 are both
