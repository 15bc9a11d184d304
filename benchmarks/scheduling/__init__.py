"""Scheduling benchmarks (see benchmarks/README.md, section Scheduling)."""
