"""The settings table: key and value, both text."""

from __future__ import annotations

from typing import Any

from tracker.store.db import Store


def stored(store: Store) -> dict[str, str]:
    """Every setting that was set, by key."""
    return {r["key"]: r["value"] for r in store.all("SELECT key, value FROM settings")}


def value_of(store: Store, key: str) -> str | None:
    row = store.one("SELECT value FROM settings WHERE key = ?", (key,))
    return None if row is None else str(row["value"])


def put(db: Any, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )
