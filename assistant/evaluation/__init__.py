"""The evaluation harness: gold set, red team, outside traffic, baselines in the same run."""
