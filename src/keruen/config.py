"""Settings, read once from the environment (prefix KERUEN_) and passed down.

SQLite in a data directory is the default, so nothing has to be installed to start;
`KERUEN_DATABASE_URL=postgresql+psycopg://user@host/db` selects PostgreSQL.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KERUEN_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=Path("var"), description="Where the SQLite file and exports live"
    )
    database_url: str = Field(
        default="", description="SQLAlchemy URL; empty means SQLite in data_dir"
    )
    default_locale: str = "en"
    import_max_bytes: int = Field(default=10 * 1024 * 1024, description="Largest accepted upload")
    import_max_rows: int = 20_000
    echo_sql: bool = False

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if not self.database_url:
            self.database_url = f"sqlite:///{(self.data_dir / 'keruen.sqlite3').resolve()}"
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
