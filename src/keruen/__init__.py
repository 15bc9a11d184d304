"""keruen: cross-border business matchmaking between partner regions."""

__version__ = "0.1.0"
