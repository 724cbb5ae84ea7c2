"""The environment, read once into a frozen value; errors name the variable and its value."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from bot.errors import SettingsError


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    db_path: Path
    secret_path: Path
    sources: Path | None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, *, db: Path | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        data_dir = Path(env.get("WEGWIJS_DATA_DIR") or user_data_dir("wegwijs", appauthor=False))
        if data_dir.exists() and not data_dir.is_dir():
            raise SettingsError(f"WEGWIJS_DATA_DIR={data_dir} exists but is not a folder")
        db_path = db or Path(env.get("WEGWIJS_DB") or data_dir / "wegwijs.db")
        if db_path.is_dir():
            raise SettingsError(f"WEGWIJS_DB={db_path} is a folder; give a file path such as {db_path / 'wegwijs.db'}")
        # The pseudonymisation secret sits beside the database by default, never in the repo.
        secret = Path(env.get("WEGWIJS_SECRET_FILE") or db_path.parent / "wegwijs.secret")
        sources = Path(env["WEGWIJS_SOURCES"]) if env.get("WEGWIJS_SOURCES") else None
        return cls(data_dir, db_path, secret, sources)
