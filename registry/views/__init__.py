"""The register's staff and public views, split by subject (the advice
register's views are in ``registry.advice.views``)."""
