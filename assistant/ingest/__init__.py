"""Stage 1: read corpus files, validate their front matter, split them into chunks."""
