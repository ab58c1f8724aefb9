"""Benchmarks for Lupus Reader: scripts that measure and print a table (not tests).

Run ``python -m benchmarks`` for everything, or ``python -m benchmarks startup`` /
``python -m benchmarks switching`` for one.  Importing this package has no side effects.
"""
