"""Pipeline stage: lang."""
