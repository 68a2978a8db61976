"""Reached from manage.py only: the benchmark, the synthetic directory, the loader."""
