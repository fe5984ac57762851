"""Pipeline stage: time."""
