"""Answers: the extractive answerer (one module per answer kind), refusals, the optional LLM chain, ask()."""
