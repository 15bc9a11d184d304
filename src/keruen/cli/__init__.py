"""The keruen command line (Typer)."""

import time

#: when the command began (before its imports): a command's time limit counts from here
STARTED = time.monotonic()
