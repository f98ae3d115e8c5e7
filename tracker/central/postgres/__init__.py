"""The central store on a PostgreSQL server, for teams that outgrow a shared folder.

The same records as the folder's batches (sessions, ticket events, review decisions,
rates), keyed by (uuid, revision) and written exactly once; the server, not the app,
enforces who may write and read what (row-level security, see ``schema/``).

- ``admin``: the schema's migrations (:func:`~tracker.central.postgres.admin.init_schema`)
  and the logins (:func:`~tracker.central.postgres.admin.add_user`), as the owner.
- ``connection``: :func:`~tracker.central.postgres.connection.connect`, with timeouts and
  messages that say what to do.
- ``store``: publishing a batch in one transaction, and the readers.
- ``errors``: what can fail, without loading the driver.

This package's ``__init__`` imports nothing: the submodules load psycopg, so import
them only when the central store is a server (``tracker status`` never does).
"""
