"""Logs of the app and the workers: one JSON object per line in production (for any log
collector), readable lines on a terminal. `KERUEN_LOG_FORMAT=json|text`, `KERUEN_LOG_LEVEL`."""

from __future__ import annotations

import logging
import os
import sys

from pythonjsonlogger.json import JsonFormatter


def configure_logging(fmt: str | None = None, level: str | None = None) -> None:
    fmt = (fmt or os.environ.get("KERUEN_LOG_FORMAT") or "text").lower()
    # A terminal shows warnings and errors; a collector gets every request.
    default = "INFO" if fmt == "json" else "WARNING"
    level = (level or os.environ.get("KERUEN_LOG_LEVEL") or default).upper()
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            )
        )
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(max(root.level, logging.WARNING))
    for noisy in ("uvicorn.access",):  # the app logs each request itself, with its duration
        logging.getLogger(noisy).disabled = True
