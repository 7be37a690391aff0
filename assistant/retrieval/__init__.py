"""Stage 3: hybrid retrieval over the served index generation."""
