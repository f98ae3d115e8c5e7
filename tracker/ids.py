"""New record ids: random (version 4) UUIDs as text, without the ``uuid`` module.

``uuid`` loads ``platform`` (and asks the system about itself) on import, a cost
paid by every ``tracker start``; a version 4 UUID is 122 random bits, written out.
"""

from __future__ import annotations

import os


def new_uuid() -> str:
    """A random UUID, as ``str(uuid.uuid4())`` writes it: 36 lowercase characters."""
    b = bytearray(os.urandom(16))
    b[6] = (b[6] & 0x0F) | 0x40  # version 4
    b[8] = (b[8] & 0x3F) | 0x80  # the RFC 4122 variant
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
