"""Pipeline stage: clean."""
