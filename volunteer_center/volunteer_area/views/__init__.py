"""The area's views, split by subject; import them from here."""
