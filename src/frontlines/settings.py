"""One settings object: packaged defaults < config file < environment (FRONTLINES_*) < flags."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_PATHS = (Path("frontlines.toml"), Path.home() / ".config" / "frontlines.toml")


@dataclass(frozen=True)
class Settings:
    db: str = "sqlite:///frontlines.db"
    host: str = "127.0.0.1"
    port: int = 8000
    fetch_timeout: float = 20.0  # seconds per request
    fetch_max_bytes: int = 10_000_000  # larger responses are refused
    max_file_bytes: int = 20_000_000  # larger local files are refused
    max_redirects: int = 5
    allow_private_addresses: bool = False  # server-side request forgery guard
    fetch_allow: str = ""  # comma-separated exact host:port pairs let through that guard
    user_agent: str = "Frontlines/0.1 (+https://github.com/frontlines)"

    def with_overrides(self, **values: Any) -> Settings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _coerce(value: str, kind: type) -> Any:
    if kind is bool:
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return kind(value)


def load_settings(config: Path | None = None, env: dict[str, str] | None = None, **flags: Any) -> Settings:
    """Build the settings in the documented order of precedence."""
    settings = Settings()
    types = {f.name: type(getattr(settings, f.name)) for f in fields(Settings)}
    paths = [config] if config else [p for p in DEFAULT_CONFIG_PATHS if p.is_file()]
    for path in paths[:1]:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        section = data.get("frontlines", data)
        settings = settings.with_overrides(**{k: v for k, v in section.items() if k in types})
    env = os.environ if env is None else env
    from_env = {}
    for name, kind in types.items():
        raw = env.get(f"FRONTLINES_{name.upper()}")
        if raw is not None:
            from_env[name] = _coerce(raw, kind)
    settings = settings.with_overrides(**from_env)
    return settings.with_overrides(**{k: v for k, v in flags.items() if k in types})
