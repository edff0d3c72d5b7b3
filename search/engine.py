"""Rank live pages for a query, from the site's own search index.

Each word of the query is a slot (see ``search.analysis``). A page scores
for a slot by its best matching term: exactly (1.0), by a stem the word
begins with (0.9), by a synonym (0.9), by sound or Greeklish (0.8), by a stem
that begins with the word's stem (0.7), or, when nothing matches, by a
vocabulary term one or two letters away (0.5, and the page offers the
corrected query). Rare terms count for more than common ones, and a title for
more than a paragraph. Pages that match every slot come first; when none
does, pages that match most of them.
"""

import math
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache

from search import analysis
from search.backends import get_backend
from search.models import SearchSynonym

EXACT, HEAD, SYNONYM, SOUND, PREFIX, FUZZY = 1.0, 0.9, 0.9, 0.8, 0.7, 0.5
# Below this, a slot is thought unmatched and spelling correction is tried.
CONFIDENT = SOUND
IDF_SCALE = 10_000
VERSION_KEY = "kentro:search-version"
MAX_CORRECTIONS = 5
MAX_REMEMBERED_QUERIES = 256


@dataclass
class Found:
    ranked: list  # page ids, best first
    scores: dict = field(default_factory=dict)
    corrections: dict = field(default_factory=dict)  # word -> vocabulary key

    def __bool__(self):
        return bool(self.ranked)


def version():
    # A new version starts from the clock, not from 1: processes keep what
    # they read under a version in memory, and a cache that was emptied must
    # not hand out a version they have seen before.
    return cache.get_or_set(VERSION_KEY, time.time_ns, timeout=None)


def bump(*args, **kwargs):
    """The index or the synonyms changed: retire what was cached from them."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def synonym_pairs():
    key = f"kentro:synonyms:{version()}"
    pairs = cache.get(key)
    if pairs is None:
        pairs = [
            pair for synonym in SearchSynonym.objects.all() for pair in synonym.pairs()
        ]
        cache.set(key, pairs, timeout=3600)
    return pairs


# Per-process memories of what the index answered, keyed by the version kept
# in the shared cache (``version``): every process drops what it remembered
# as soon as any process changes the index, so none serves a stale answer.
# Both are bounded, and their values are never changed once stored.
_vocabularies = {}
_matches = OrderedDict()


def vocabulary(locale_id):
    """The index's distinct keys by first letter, for spelling correction."""
    stamp = (locale_id, version())
    if stamp not in _vocabularies:
        by_letter = {}
        backend = get_backend()
        keys = backend.vocabulary(locale_id) if backend.has_vocabulary else ()
        for found in keys:
            by_letter.setdefault(found[:1], []).append(found)
        _vocabularies.clear()
        _vocabularies[stamp] = by_letter
    return _vocabularies[stamp]


def _fetch(locale_id, terms=(), keys=(), heads=()):
    """(page_id, term, key, weight) rows holding any of these terms, keys or
    heads, from the configured backend (``search.backends``)."""
    if not (terms or keys or heads):
        return []
    return get_backend().lookup(locale_id, terms, keys, heads)


def _slot_factor(slot, term, term_key):
    if term in slot.terms:
        return EXACT
    if term in slot.heads:
        return HEAD
    if term_key in slot.keys:
        return SOUND
    if slot.prefix and term.startswith(slot.prefix):
        return PREFIX
    if term_key in slot.fuzzy:
        return FUZZY
    return 0.0


def _correct(slot, locale_id):
    """Vocabulary keys within a typo or two of the word; the closest ones."""
    wanted = {analysis.key(analysis.stem(slot.word))}
    if analysis.is_latin(slot.word):
        wanted = set(analysis.latin_keys(slot.word))
    best, chosen = None, set()
    letters = vocabulary(locale_id)
    for target in wanted:
        limit = analysis.allowed_edits(target)
        if not limit:
            continue
        for candidate in letters.get(target[:1], ()):
            distance = analysis.damerau_levenshtein(target, candidate, limit)
            if distance > limit:
                continue
            if best is None or distance < best:
                best, chosen = distance, {candidate}
            elif distance == best:
                chosen.add(candidate)
    return set(sorted(chosen)[:MAX_CORRECTIONS])


def find(query, locale_id, allowed=None):
    """Pages of a locale matching a query, best first.

    ``allowed`` (a set of page ids) keeps only those pages: the directory
    passes the services it lists.
    """
    matched = _matched(query, locale_id)
    scores, coverage = matched.scores, matched.coverage
    if allowed is not None:
        scores = {page: score for page, score in scores.items() if page in allowed}
    if not scores:
        return Found([], corrections=matched.corrections)
    complete = [page for page in scores if coverage[page] == matched.slots]
    pool = complete or list(scores)
    ranked = sorted(pool, key=lambda page: (-coverage[page], -scores[page], page))
    return Found(ranked, {page: scores[page] for page in ranked}, matched.corrections)


@dataclass
class Matched:
    slots: int
    scores: dict
    coverage: dict
    corrections: dict


def _matched(query, locale_id):
    """Every page's score for a query; the same query asked again before the
    index changes is answered from memory (popular queries repeat a lot)."""
    stamp = (query, locale_id, version())
    if stamp in _matches:
        _matches.move_to_end(stamp)
        return _matches[stamp]
    matched = _match(query, locale_id)
    _matches[stamp] = matched
    while len(_matches) > MAX_REMEMBERED_QUERIES:
        _matches.popitem(last=False)
    return matched


def _match(query, locale_id):
    slots = analysis.query_slots(query, synonym_pairs())
    if not slots:
        return Matched(0, {}, {}, {})
    rows = _fetch(
        locale_id,
        terms={term for slot in slots for term in slot.all_terms()},
        keys={key for slot in slots for key in slot.keys},
    )
    best, keys = _best_factors(slots, rows)
    weak = [index for index, factor in enumerate(best) if factor < CONFIDENT]
    if weak:
        for index in weak:
            slots[index].fuzzy = _correct(slots[index], locale_id)
        rows.extend(
            _fetch(
                locale_id,
                heads={slots[i].prefix[:4] for i in weak if slots[i].prefix},
                keys={key for i in weak for key in slots[i].fuzzy},
            )
        )
        best, keys = _best_factors(slots, rows)
    # A Greek word found only by its sound, or by a near spelling, was
    # misspelt: the page offers the spelling the index knows.
    corrections = {
        slot.word: keys[index]
        for index, slot in enumerate(slots)
        if best[index] in (SOUND, FUZZY)
        and analysis.is_greek(slot.word)
        or best[index] == FUZZY
    }
    scores, coverage = _score(slots, rows)
    return Matched(len(slots), scores, coverage, corrections)


def _pair_factors(slots, rows):
    """How each distinct (term, key) found matches each slot: computed once
    per pair rather than once per row, as thousands of rows share a few pairs."""
    pairs = {}
    for _page, term, term_key, _weight in rows:
        if (term, term_key) not in pairs:
            pairs[term, term_key] = tuple(
                _slot_factor(slot, term, term_key) for slot in slots
            )
    return pairs


def _best_factors(slots, rows):
    """Per slot, the best way any page matches it, and the key of that term."""
    best = [0.0] * len(slots)
    keys = [""] * len(slots)
    for (_term, term_key), factors in _pair_factors(slots, rows).items():
        for index, factor in enumerate(factors):
            if factor > best[index]:
                best[index], keys[index] = factor, term_key
    return best, keys


def _score(slots, rows):
    frequency = Counter(term for _page, term, _key, _weight in rows)
    idf = {term: math.log(1 + IDF_SCALE / count) for term, count in frequency.items()}
    matches = {
        pair: [
            (index, factor * idf[pair[0]])
            for index, factor in enumerate(factors)
            if factor
        ]
        for pair, factors in _pair_factors(slots, rows).items()
    }
    synonym_terms = {
        term for slot in slots for group in slot.synonyms for term in group
    }
    per_slot = {}
    found_terms = {}
    for page, term, term_key, weight in rows:
        if term in synonym_terms:
            found_terms.setdefault(page, {})[term] = weight * idf[term]
        values = matches[term, term_key]
        if not values:
            continue
        current = per_slot.setdefault(page, {})
        for index, value in values:
            value *= weight
            if value > current.get(index, 0):
                current[index] = value
    for page, terms in found_terms.items():
        for index, slot in enumerate(slots):
            for group in slot.synonyms:
                if group <= terms.keys():
                    value = SYNONYM * sum(terms[t] for t in group) / len(group)
                    current = per_slot.setdefault(page, {})
                    if value > current.get(index, 0):
                        current[index] = value
    scores = {page: sum(values.values()) for page, values in per_slot.items()}
    coverage = {page: len(values) for page, values in per_slot.items()}
    return scores, coverage


def suggestion(query, corrections, texts):
    """The query with each corrected word replaced by the word of ``texts``
    (e.g. the titles of the results) that the correction stands for."""
    if not corrections:
        return ""
    replacements = {}
    for text in texts:
        for original in text.split():
            word = "".join(char for char in original if char.isalnum())
            folded = analysis.fold(word)
            if not folded:
                continue
            found = analysis.key(analysis.stem(folded))
            for typed, target in corrections.items():
                if typed not in replacements and found == target:
                    replacements[typed] = word.lower()
    if not replacements:
        return ""
    return " ".join(
        replacements.get(analysis.fold(word), word) for word in query.split()
    )
