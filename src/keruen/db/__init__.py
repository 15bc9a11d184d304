"""Storage: declarative base with a naming convention, engine and session, custom types."""
