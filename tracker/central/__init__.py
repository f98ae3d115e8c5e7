"""The central store: where every consultant's work meets (a folder or a PostgreSQL server)."""
