"""Standard library and pydantic only: errors, identifiers, time helpers, per-language text."""
