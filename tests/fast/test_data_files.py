"""The lexicon and the guard's phrase lists are data files: their schema, and the rules their entries follow."""

from __future__ import annotations

import re

from assistant.answer.guard import load_guard_lists
from assistant.answer.routes import ROUTES, Route, fixed_reply
from assistant.answer.routing import load_examples
from assistant.text.lexicon import load_lexicon


def test_no_lexicon_entry_maps_a_word_to_itself() -> None:
    lexicon = load_lexicon()
    assert not [k for k, v in lexicon.slang.items() if k == v]
    assert not [k for k, v in lexicon.phrases.items() if k == v]


def test_standard_words_are_only_mapped_after_review() -> None:
    """A key that is itself a standard Indonesian root word changes that word's meaning wherever residents use it;
    it may stay only once someone has checked the everyday meaning matches (the ``reviewed`` list)."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    factory = StemmerFactory()
    roots = set(factory.get_words_from_file())
    stem = factory.create_stemmer().stem
    lexicon = load_lexicon()
    unreviewed = [
        k
        for group in (lexicon.informal, lexicon.kupang_malay)
        for k, v in group.items()
        if k in roots and v and stem(k) != stem(v.split()[0]) and k not in lexicon.reviewed
    ]
    assert not unreviewed, f"standard words mapped to another word without review: {unreviewed}"
    assert lexicon.reviewed <= set(lexicon.informal) | set(lexicon.kupang_malay), "reviewed names unknown keys"


def test_known_false_friends_are_not_in_the_lexicon() -> None:
    slang = load_lexicon().slang
    assert "kaya" not in slang, "kaya is 'rich', not only 'seperti'"
    assert slang.get("mau") != "akan", "mau is 'want' (ingin), not the future 'akan'"


def test_every_guard_fragment_compiles_and_has_no_nested_repetition() -> None:
    nested = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*]")
    for name, fragments in load_guard_lists().model_dump().items():
        for fragment in fragments:
            re.compile(fragment)
            assert not nested.search(fragment), (name, fragment)


def test_routing_examples_load() -> None:
    assert len(load_examples().off_topic) >= 20


COMPOSED = {Route.ANSWERED, Route.NO_ASPECT, Route.REFERRED}
"""Routes whose text comes from the corpus or from a reply template with suggestions, not a fixed reply."""


def test_every_route_has_a_status_and_only_composed_routes_lack_a_fixed_reply() -> None:
    assert set(ROUTES) == set(Route)
    for route in Route:
        if route in COMPOSED:
            assert ROUTES[route].text is None
            assert (ROUTES[route].status == "answered") is (route is Route.ANSWERED)
        else:
            status, text = fixed_reply(route, 1000)
            assert text and "{" not in text and status != "answered"


def test_intent_and_guard_lists_load_and_cover_every_intent() -> None:
    from assistant.answer.intents import Intent, load_intent_lists

    lists = load_intent_lists()
    assert set(lists.intents) == set(Intent)
    nested = re.compile(r"\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)[+*]")
    for cues in lists.intents.values():
        for fragment in (*cues.question, *cues.sentence):
            re.compile(fragment)
            assert not nested.search(fragment), fragment


def test_canonical_phrases_make_normalising_idempotent() -> None:
    from assistant.text.normalise import normalise_query

    for question in ("bikin ktp gmn?", "alamat disdukcapil di mana", "buat kk baru", "beta belum punya KTP", "KTP baru"):
        once = normalise_query(question)
        assert normalise_query(once) == once, question
