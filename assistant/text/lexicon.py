"""The resident lexicon (informal Indonesian, Kupang Malay, English terms), read from ``data/lexicon.yaml``."""

from __future__ import annotations

import functools
import re
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_TOKEN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Lexicon(BaseModel):
    """The lexicon file's schema: each slang group maps one token to its corpus words."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    informal: dict[str, str] = Field(description="Chat abbreviations and informal Indonesian.")
    kupang_malay: dict[str, str] = Field(description="Kupang Malay words (beta=saya, sonde=tidak, pi=pergi...).")
    english: dict[str, str] = Field(description="English terms residents mix in.")
    phrases: dict[str, str] = Field(description="Multi-word phrases replaced before the single words.")
    canonical_phrases: dict[str, str] = Field(
        default_factory=dict, description="Phrases in the corpus's words, replaced after the single words."
    )
    topic_words: frozenset[str] = Field(description="Nouns that start a new topic in a follow-up.")
    stems: dict[str, str] = Field(default_factory=dict, description="Stems that override the stemmer's.")
    reviewed: frozenset[str] = Field(description="Standard root words checked to keep their meaning when mapped.")
    meaningful: frozenset[str] = Field(
        default_factory=frozenset,
        description="Words PySastrawi lists as stopwords that decide what a service question means: kept as terms.",
    )

    @field_validator("informal", "kupang_malay", "english")
    @classmethod
    def _single_tokens(cls, entries: dict[str, str]) -> dict[str, str]:
        for key, value in entries.items():
            if not _TOKEN.match(key):
                raise ValueError(f"key {key!r} must be one lower-case token")
            if key == value:
                raise ValueError(f"{key!r} maps to itself")
        return entries

    @field_validator("phrases", "canonical_phrases")
    @classmethod
    def _lower_case_phrases(cls, entries: dict[str, str]) -> dict[str, str]:
        bad = [p for p in entries if p != p.lower() or " " not in p]
        if bad:
            raise ValueError(f"phrases must be lower-case and have several words: {bad}")
        return entries

    @field_validator("canonical_phrases")
    @classmethod
    def _idempotent(cls, entries: dict[str, str]) -> dict[str, str]:
        looping = [k for k, v in entries.items() if any(key in v for key in entries)]
        if looping:
            raise ValueError(f"canonical phrase values must not contain a key (normalising twice would differ): {looping}")
        return entries

    @model_validator(mode="after")
    def _one_group_per_key(self) -> Lexicon:
        seen: set[str] = set()
        for group in (self.informal, self.kupang_malay, self.english):
            clash = seen & group.keys()
            if clash:
                raise ValueError(f"lexicon keys in two groups: {sorted(clash)}")
            seen |= group.keys()
        return self

    @property
    def slang(self) -> dict[str, str]:
        """All single-token mappings (each key is in one group only: checked on load)."""
        return self.informal | self.kupang_malay | self.english


@functools.cache
def load_lexicon() -> Lexicon:
    """The packaged lexicon, validated once per process."""
    text = resources.files(__package__).joinpath("data", "lexicon.yaml").read_text("utf-8")
    return Lexicon.model_validate(yaml.safe_load(text))
