"""Suggestions as a person types: services and topics whose names have words
beginning with what was typed, whatever the case and accents.

The names of a directory are few enough (tens of thousands at most) to keep
folded in memory per process, until content changes: a suggestion then costs
no query at all.
"""

import heapq
from bisect import bisect_left
from dataclasses import dataclass

from core import chrome
from directory.models.taxonomy import Category
from search import analysis

MAX_SUGGESTIONS = 8
MIN_LENGTH = 2


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str
    kind: str  # "service" or "category"
    words: tuple  # folded words of the label


def _sorted_pairs(entries, word_of):
    return sorted(
        {
            (word_of(word), position)
            for position, entry in enumerate(entries)
            for word in entry.words
        }
    )


def _sounds(prefix):
    return analysis.latin_keys(prefix) if analysis.is_latin(prefix) else ()


def _begins(word, prefix):
    return word.startswith(prefix) or any(
        analysis.key(word).startswith(sound) for sound in _sounds(prefix)
    )


def _positions(pairs, prefix):
    start = bisect_left(pairs, (prefix,))
    end = bisect_left(pairs, (prefix + "\U0010ffff",), lo=start)
    return {position for _word, position in pairs[start:end]}


@dataclass(frozen=True)
class Entries:
    """Suggestions in display order, and every word of them sorted with the
    position of its entry, so that a prefix is a range found by bisection
    rather than a scan of every name. Words are also kept by their sound, for
    what is typed in Greeklish ("epid" for "Επίδομα")."""

    entries: list
    words: list  # (word, position) pairs, sorted
    sounds: list  # (sound key of the word, position) pairs, sorted

    @classmethod
    def of(cls, entries):
        return cls(
            entries,
            _sorted_pairs(entries, lambda word: word),
            _sorted_pairs(entries, analysis.key),
        )

    def starting_with(self, prefix):
        """Positions of the entries that have a word beginning with prefix."""
        found = _positions(self.words, prefix)
        for sound in _sounds(prefix):
            found |= _positions(self.sounds, sound)
        return found


def _entries(directory):
    base = directory.get_url() or ""
    entries = []
    for slug, name in (
        Category.objects.filter(locale_id=directory.locale_id, services__live=True)
        .distinct()
        .order_by("sort_order", "sort_name", "name")
        .values_list("slug", "name")
    ):
        entries.append(
            Suggestion(name, f"{base}?category={slug}", "category", _words(name))
        )
    bases = {directory.locale_id: base}
    for slug, title, alternate, locale_id in (
        directory.listed_services()
        .order_by("sort_title", "title", "pk")
        .values_list("slug", "title", "alternate_name", "locale_id")
    ):
        if locale_id not in bases:  # a service not yet translated
            original = directory.fallback_directory()
            bases[locale_id] = (original.get_url() if original else None) or base
        words = _words(f"{title} {alternate}")
        entries.append(
            Suggestion(title, f"{bases[locale_id]}{slug}/", "service", words)
        )
    return entries


def _words(text):
    """The folded words of a name, and an Arabic word also without its
    article and what is joined to it ("السكن" → "سكن"), so that typing the
    bare word suggests the name, as the search itself finds it."""
    found = []
    for word in analysis.words(text):
        found.append(word)
        if analysis.is_arabic(word):
            bare = analysis.strip_article(word)
            if bare != word:
                found.append(bare)
    return tuple(found)


_cache = {}


def entries(directory):
    stamp = (directory.pk, chrome.version())
    if stamp not in _cache:
        for old in [key for key in _cache if key[1] != stamp[1]]:
            del _cache[old]
        _cache[stamp] = Entries.of(_entries(directory))
    return _cache[stamp]


def suggest(directory, text, limit=MAX_SUGGESTIONS):
    """Topics, then services, whose words begin with every word typed (as
    written, or as it sounds when typed in Latin letters); names that begin
    with the first word typed come first."""
    typed = tuple(
        analysis.strip_article(word) if analysis.is_arabic(word) else word
        for word in analysis.words(text)
    )
    if not typed or len("".join(typed)) < MIN_LENGTH:
        return []
    index = entries(directory)

    def order(position):
        entry = index.entries[position]
        return (
            entry.kind != "category",
            not entry.words[:1] or not _begins(entry.words[0], typed[0]),
            position,
        )

    positions = set.intersection(*(index.starting_with(part) for part in typed))
    return [
        index.entries[position] for position in heapq.nsmallest(limit, positions, order)
    ]
