"""Test utilities of the acme project: fixtures, test cases and silo test decorators."""
