"""Settings, read once from the environment (prefix KERUEN_) and passed down.

SQLite in a data directory is the default, so nothing has to be installed to start;
`KERUEN_DATABASE_URL=postgresql+psycopg://user@host/db` selects PostgreSQL.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """The per-user data folder ($XDG_DATA_HOME/keruen, else ~/.local/share/keruen): the same
    database whichever folder a command is run from."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "keruen"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KERUEN_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: default_data_dir(),
        description="Where the SQLite file and exports live (not the current folder)",
    )
    database_url: str = Field(
        default="", description="SQLAlchemy URL; empty means SQLite in data_dir"
    )
    default_locale: str = "en"
    import_max_bytes: int = Field(default=10 * 1024 * 1024, description="Largest accepted upload")
    import_max_rows: int = 20_000
    echo_sql: bool = False
    # The web application
    public_url: str = Field(
        default="http://127.0.0.1:8000", description="Address people open; sign-in links use it"
    )
    secure_cookies: bool = Field(
        default=True, description="Cookies only over HTTPS (browsers treat 127.0.0.1 as secure)"
    )
    # Jobs: empty redis_url keeps the queue in an SQLite file in data_dir (one machine)
    redis_url: str = Field(default="", description="redis://host:6379/0 for the job queue")
    jobs_immediate: bool = Field(default=False, description="Run jobs inline (tests)")
    # Mail: empty smtp_host writes messages to data_dir/outbox instead of sending them
    smtp_host: str = ""
    smtp_port: int = 25
    mail_from: str = "keruen@localhost"

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            self.data_dir = self.data_dir.expanduser().resolve()
            self.database_url = f"sqlite:///{self.data_dir / 'keruen.sqlite3'}"
        return self

    @property
    def safe_database_url(self) -> str:
        """The URL without its password, fit to print."""
        from sqlalchemy.engine import make_url

        try:
            return make_url(self.database_url).render_as_string(hide_password=True)
        except Exception:
            return self.database_url.split("@")[-1]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
