"""Pipeline stage: dedup."""
