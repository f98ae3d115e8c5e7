"""The local SQLite database: schema, migrations and queries."""

from tracker.store.db import Store, open_store

__all__ = ["Store", "open_store"]
