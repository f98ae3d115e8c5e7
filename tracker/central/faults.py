"""Test seams of a sync, driven by the environment: a real SIGKILL or an OS error at a named step.

``TRACKER_SYNC_KILL_AT=<step>`` kills the process at that step (the crash tests);
``TRACKER_SYNC_FAULT=<step>:<errno name>`` raises that OS error there.
"""

from __future__ import annotations

import errno
import os
import signal


def crash_point(step: str) -> None:
    """A real SIGKILL at a named step, for the crash tests (``TRACKER_SYNC_KILL_AT``)."""
    if os.environ.get("TRACKER_SYNC_KILL_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def fault(step: str) -> None:
    """An injected OS error at a named step, for tests (``TRACKER_SYNC_FAULT``=step:errno)."""
    spec = os.environ.get("TRACKER_SYNC_FAULT", "")
    if spec.startswith(step + ":"):
        code = getattr(errno, spec.split(":", 1)[1])
        raise OSError(code, os.strerror(code))
