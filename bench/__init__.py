"""Benchmarks and the synthetic report generator they (and fixture scripts) share."""
