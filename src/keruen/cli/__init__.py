"""The keruen command line (Typer)."""
