"""Shared helpers for scaffold's tests and benchmarks."""
