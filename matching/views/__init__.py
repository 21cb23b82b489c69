"""Matching's staff and public views, split by subject."""
