"""Renderings of the store for people: a terminal timeline and a self-contained HTML report."""
