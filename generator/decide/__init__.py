"""Deciding: scoring a reader's answers and writing the personal report."""
