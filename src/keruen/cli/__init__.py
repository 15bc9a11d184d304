"""The keruen command line (Typer)."""

import time

#: when the command began (before its imports): a command's time limit counts from here
STARTED = time.monotonic()


def main() -> None:
    """The `keruen` command. `keruen schedule solve | check | explain` read and write files
    only, so they start without the rest of the CLI and its database layer (0.7 s of start-up
    that `solve --seconds` would otherwise pay); every other command (`schedule show` and
    `schedule --help` included) loads the whole CLI."""
    import sys

    if sys.argv[1:2] != ["schedule"] or sys.argv[2:3] not in (["solve"], ["check"], ["explain"]):
        from keruen.cli.main import main as whole

        whole()
        return
    from keruen.cli.common import guarded  # sets the reader's language before any help text
    from keruen.cli.schedule import app

    guarded(lambda: app(args=sys.argv[2:], prog_name="keruen schedule", standalone_mode=False))
