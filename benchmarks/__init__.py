"""Performance benchmarks for large sourcing events (issue 9): `python -m benchmarks.run`."""
