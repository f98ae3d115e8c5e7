"""What can go wrong with the central server, as errors whose message says what to do.

No psycopg here: front ends catch these without loading the driver.
"""

from __future__ import annotations

from tracker.central.records import BatchRefused, TamperedBatch
from tracker.errors import TrackerError


class ServerUnavailable(TrackerError):
    """The server cannot be reached, or did not answer in time.  Nothing was written;
    the work stays queued and a later sync delivers it."""


class ServerRefused(TrackerError):
    """The server answered no: a password, a role, or a row the role may not write.
    Nothing was written; the message carries the server's reason."""


class RecordConflict(TamperedBatch):
    """A record's (uuid, revision) is already on the server with another payload, or a
    batch's name with other contents: tampering, as the folder calls it.  Nothing of the
    batch was written."""


class RoleMissing(ServerRefused, BatchRefused):
    """The server refused a batch because the login lacks the role its records need
    (rates: billing; review decisions: lead).  That batch stays queued; the others go."""
