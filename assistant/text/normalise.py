"""Text clean-up shared by indexing and questions: hidden characters, phrases and slang."""

from __future__ import annotations

import functools
import re
import unicodedata

from .lexicon import load_lexicon

_SPACES = re.compile(r"[ \t\f\v]+")
_HIDDEN = frozenset({"Cf", "Co", "Cs", "Cn"})
_KEPT_CONTROLS = frozenset("\n\t")


def strip_hidden(text: str) -> str:
    """NFKC-normalise, drop invisible format characters (zero-width, bidi overrides) and turn other control
    characters (``\\r``, form feeds) into spaces, so ``hilang\\rsyarat`` stays two words."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch if ch in _KEPT_CONTROLS else " " if unicodedata.category(ch) == "Cc" else ch
        for ch in text
        if unicodedata.category(ch) not in _HIDDEN
    )


@functools.cache
def _phrase_pattern(canonical: bool = False) -> re.Pattern[str]:
    lexicon = load_lexicon()
    phrases = sorted(lexicon.canonical_phrases if canonical else lexicon.phrases, key=len, reverse=True)
    # not inside a hyphenated word: "ktp" phrases never match the "ktp" of "ktp-el"
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w-])")


_ENCLITIC = re.compile(r"(\w)-(?:nya|ku|mu)\b")
"""A pronoun suffix written with a hyphen after a name or an abbreviation ("KIA-nya", "KTP-ku")."""


@functools.cache
def _slang() -> dict[str, str]:
    return load_lexicon().slang


def normalise_query(text: str) -> str:
    """Lower-case, expand phrases, slang, then phrases in the corpus's words; collapse spaces: the text both
    retrievers see. Normalising a normalised text changes nothing."""
    lexicon = load_lexicon()
    phrases, canonical = lexicon.phrases, lexicon.canonical_phrases
    slang = _slang()
    text = _ENCLITIC.sub(r"\1", strip_hidden(text).lower())  # "kia-nya" is "kia": its phrases and topic apply
    text = _phrase_pattern().sub(lambda m: phrases[m.group(1)], text)
    words = []
    for raw in text.split():
        core = raw.strip("?!.,;:\"'()[]")
        if core in slang:
            if slang[core]:
                words.append(raw.replace(core, slang[core], 1))
        else:
            words.append(raw)
    text = _SPACES.sub(" ", " ".join(words)).strip()
    return _phrase_pattern(canonical=True).sub(lambda m: canonical[m.group(1)], text) if canonical else text
