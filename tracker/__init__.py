"""Non-GUI bits of the consultancy time-tracker: domain, storage, sync and the CLI."""

__version__ = "0.1.0"
