"""Benchmarks (not tests): `make bench` runs them all; each prints ratios against a baseline
measured in the same run, because the machines are noisy."""
