"""Stage 2: embed chunks and write index generations (vectors in Chroma, BM25, chunks), atomically."""
