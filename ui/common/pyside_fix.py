"""A guard against PySide6 6.12.0 releasing ``True`` once for every signal emitted from Python.

In that release ``SignalInstance.emit()`` returns ``True`` without taking a reference to
it, and Python releases the result: each ``signal.emit(...)`` in this code takes one from
``True``'s reference count.  A few thousand emits later (a working day of the window:
every message, every worker's result) the count reaches zero and Python aborts with
"bool_dealloc: deallocating True or False".  PySide6 6.11 does not do this, and Python
3.12 made ``True`` immortal.

:func:`guard_emit_refcount` measures whether the running PySide6 does it and, only then,
gives ``True`` (and ``False``) so many references that no session can use them up.  It is
called once when the app starts (and by the tests).  pyproject.toml excludes 6.12.0.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

PROBES = 16
BALLAST = 1 << 40  # references: a trillion emits


class _Probe(QObject):
    ping = Signal()


def emit_releases_true() -> bool:
    """Whether emitting a signal from Python takes a reference from ``True``."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBES):
        probe.ping.emit()
    return sys.getrefcount(True) <= before - PROBES


def guard_emit_refcount() -> bool:
    """Give ``True`` and ``False`` the references PySide6 takes; True when it was needed."""
    if sys.version_info >= (3, 12) or not emit_releases_true():
        return False
    for value in (True, False):  # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(value)).value += BALLAST
    return True
