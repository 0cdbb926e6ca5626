"""Eval harness: gold Q&A pairs and `python -m eval`, scoring every configuration side by side."""
