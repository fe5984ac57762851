"""Pipeline stage: read."""
