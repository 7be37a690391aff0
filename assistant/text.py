"""Text clean-up shared by indexing and questions: hidden characters, slang, stemming, tokens."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .lexicon import PHRASES, SLANG

_TOKEN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PHRASE = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b")
_SPACES = re.compile(r"[ \t\f\v]+")
# Keep these even though PySastrawi lists them as stopwords: they decide the meaning of service questions.
_KEEP = {"tidak", "belum", "sudah", "bisa", "boleh", "harus", "wajib", "kapan", "berapa", "siapa", "mana",
         "hari", "tahun", "bulan", "baru", "lama", "hilang", "sama", "pindah", "luar", "dalam"}


def strip_hidden(text: str) -> str:
    """NFKC-normalise and drop invisible format and control characters (zero-width, bidi overrides)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cf", "Co", "Cs", "Cn"}
    )


def normalise_query(text: str) -> str:
    """Lower-case, expand phrases and slang, collapse spaces: the text both retrievers see."""
    text = strip_hidden(text).lower()
    text = _PHRASE.sub(lambda m: PHRASES[m.group(1)], text)
    words = []
    for raw in re.split(r"(\s+)", text):
        if not raw or raw.isspace():
            continue
        core = raw.strip("?!.,;:\"'()[]")
        if core in SLANG:
            replacement = SLANG[core]
            if replacement:
                words.append(raw.replace(core, replacement, 1))
        else:
            words.append(raw)
    return _SPACES.sub(" ", " ".join(words)).strip()


class Tokenizer:
    """Indonesian tokens for BM25: slang-expanded, stopword-filtered, PySastrawi-stemmed (cached)."""

    def __init__(self) -> None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
        from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

        self._stemmer = StemmerFactory().create_stemmer()
        self._stopwords = frozenset(StopWordRemoverFactory().get_stop_words()) - _KEEP
        self._cache: dict[str, str] = {}

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

    def tokens_many(self, texts: Iterable[str]) -> list[list[str]]:
        return [self.tokens(t) for t in texts]
