"""Stage 4: guard, follow-ups, tools, routing and the cited answer."""
