"""Benchmarks (never tests): `python bench/bench.py` for speed and memory, `python bench/load.py` for
the app under concurrent clients. Results go to bench/results/ (git-ignored)."""
