"""Settings from the environment (`BUERGERNAH_<NAME>`) or `[buergernah]` in `.streamlit/secrets.toml`.

The file is Streamlit's own secrets file (git-ignored); `BUERGERNAH_SECRETS` points elsewhere.
Read by the app, the CLI and the API connectors alike; nothing here imports Streamlit.
"""

from __future__ import annotations

import logging
import os
import tomllib
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_DIR / ".streamlit" / "secrets.toml"
log = logging.getLogger("buergernah")


def secrets(path: Path | None = None) -> dict:
    """The whole secrets file ({} when there is none or it cannot be read)."""
    file = path or Path(os.environ.get("BUERGERNAH_SECRETS", SECRETS_FILE))
    try:
        with open(file, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("secrets.toml nicht lesbar: %s", type(exc).__name__)
        return {}


def section(path: Path | None = None) -> dict:
    """`[buergernah]` of the secrets file."""
    found = secrets(path).get("buergernah", {})
    return found if isinstance(found, dict) else {}


def setting(name: str, default: str | None = None) -> str | None:
    """`BUERGERNAH_<NAME>` from the environment, else `name` in `[buergernah]` of secrets.toml."""
    value = os.environ.get(f"BUERGERNAH_{name.upper()}")
    if value is None:
        value = section().get(name.lower())
    return default if value is None else str(value).strip()


def flag(name: str) -> bool:
    return (setting(name, "") or "").lower() in ("1", "true", "yes", "ja", "on")
