"""Renderers: pure functions of a Report. They format; they never decide or compute findings."""
