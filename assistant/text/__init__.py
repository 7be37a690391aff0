"""Text shared by indexing and questions: hidden characters, the resident lexicon, BM25 tokens."""
