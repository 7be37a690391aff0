"""Indonesian tokens for BM25: slang-expanded, stopword-filtered, PySastrawi-stemmed."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import load_lexicon
from .normalise import normalise_query

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Tokenizer:
    """Stems with a per-instance cache; safe to share (the cache only ever gains equal entries)."""

    def __init__(self) -> None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
        from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

        self._stemmer = StemmerFactory().create_stemmer()
        self._stopwords = frozenset(StopWordRemoverFactory().get_stop_words()) - load_lexicon().meaningful
        self._cache: dict[str, str] = dict(load_lexicon().stems)

    def stem(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            stem = word if any(c.isdigit() for c in word) else self._stemmer.stem(word) or word
            self._cache[word] = stem
        return stem

    def tokens(self, text: str) -> list[str]:
        """Tokens of ``text`` (hyphenated words also yield their parts)."""
        out: list[str] = []
        for word in _TOKEN.findall(normalise_query(text)):
            parts = [word, *word.split("-")] if "-" in word else [word]
            for part in parts:
                if part in self._stopwords or (len(part) < 2 and not part.isdigit()):
                    continue
                out.append(self.stem(part) if "-" not in part else part)
        return out

    def terms(self, text: str) -> list[str]:
        """One stemmed term per word, hyphenated words kept whole ("ktp-el"), stopwords dropped: what a question
        is about, for answerability (``tokens`` also yields the parts, which BM25 wants)."""
        out = []
        for word in _TOKEN.findall(normalise_query(text)):
            if word in self._stopwords or (len(word) < 2 and not word.isdigit()):
                continue
            out.append(self.stem(word) if "-" not in word else word)
        return out

    def tokens_many(self, texts: Iterable[str]) -> list[list[str]]:
        return [self.tokens(t) for t in texts]
