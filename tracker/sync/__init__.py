"""The central billing export: offline first, exactly once, nothing lost.

Each consultant's app keeps its own local database and, on ``tracker sync``, sends what
the export does not have yet: every session revision (deletions as tombstone
revisions) and every ticket event.  The default target is a folder: a local folder out
of the box (``<data folder>/central-export``), or a network share set with
``tracker config set export-dir PATH``.

Folder layout
-------------

::

    <export-dir>/
      FORMAT                                   "tracker-central-export 1"
      consultants/
        <login>/
          00000001-1a2b3c4d.jsonl              a batch: one JSON record a line, UTF-8
          00000001-1a2b3c4d.manifest.json      its manifest, written last
          00000002-1a2b3c4d.jsonl
          00000002-1a2b3c4d.manifest.json

A batch is named ``<sequence>-<install id>``: the app's own counter and the first 8
characters of the installation's id, so two laptops of one consultant never collide.
Each app writes only in its own consultant's folder and never rewrites a file: a batch
is written to a temp file (``.<name>.tmp-<pid>``) in that folder, fsynced, renamed, and
the folder fsynced; then the manifest the same way.  A batch without a manifest is
incomplete and is not read.  Nothing else is ever written to the share: no database.

The manifest::

    {"format": 1, "batch": "00000001-1a2b3c4d", "consultant": "ana",
     "file": "00000001-1a2b3c4d.jsonl", "sha256": "<hex of the batch file>",
     "rows": 2, "created_at": "2026-11-03T18:00:00-03:00",
     "kinds": {"session": 1, "ticket_event": 1}}

Records
-------

Every record has ``kind``, a stable ``uuid`` and a ``revision``.  Readers de-duplicate
by (uuid, revision); the same pair with a different payload is a conflict, reported
and never silently chosen.  For a session, the highest revision wins.

``session``::

    {"kind": "session", "uuid": "...", "revision": 1, "consultant": "ana",
     "ticket": "12345678", "type": "technical", "start": "2026-11-03T09:00:00-03:00",
     "end": "2026-11-03T09:25:00-03:00", "seconds": 1500, "zone": "America/Sao_Paulo",
     "day": "2026-11-03", "note": "", "flags": ["overlap"], "deleted": false,
     "source": "timer"}

``day`` is the local date of the start, in the session's own zone; ``seconds`` the
exact duration.  A deleted session is a record with ``"deleted": true`` and a higher
revision.

``ticket_event`` (revision is always 1; events never change)::

    {"kind": "ticket_event", "uuid": "...", "revision": 1, "ticket": "12345678",
     "event": "created" | "term_accepted" | "escalated" | "defect_flagged" | "finalized",
     "payload": {...}, "consultant": "ana", "at": "2026-11-03T18:00:00-03:00"}

A ``created`` payload carries the ticket's fields (customer, type, product, scope,
term_accepted, term_ref, bill_to_unit and the accounting fields); ``escalated`` carries
``at`` and the customer's ``checklist``; ``defect_flagged`` carries ``kind``, ``ref``,
``published`` and ``note``; ``finalized`` carries ``at``, the local time with its offset.

All JSON is written with sorted keys and no spaces, so a re-sent batch is byte-identical.
"""
