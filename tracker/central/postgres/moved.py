"""What ``central export`` and ``central import-folder`` report (no driver here: the
front ends use it without loading psycopg)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Moved:
    """Batches written, batches already there, records moved, and what was left out and why."""

    written: int = 0
    known: int = 0
    records: int = 0
    problems: list[str] = field(default_factory=list)
