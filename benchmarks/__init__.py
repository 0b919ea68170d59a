"""Provides the benchmarks: a generator of synthetic workshops and timings measured against floors."""
