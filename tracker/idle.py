"""How long the user has been away from keyboard and mouse.

The source is injected, so the idle dialog is tested with a fake one.  Real sources:

- **X11**: the MIT-SCREEN-SAVER extension (libXss), through ctypes.
- **Windows**: ``GetLastInputInfo``, through ctypes.
- **macOS** and **Wayland**: no portable, permission-free way exists; the source says
  so (``available`` is False) and the app simply never asks about idle time there.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from typing import Protocol


class IdleSource(Protocol):
    name: str

    @property
    def available(self) -> bool: ...

    def idle_seconds(self) -> int | None:
        """Seconds since the last input, or None when it cannot be told."""
        ...


class NoIdle:
    def __init__(self, why: str) -> None:
        self.name = f"none ({why})"

    @property
    def available(self) -> bool:
        return False

    def idle_seconds(self) -> int | None:
        return None


class FixedIdle:
    """A source a test sets by hand."""

    name = "fixed"

    def __init__(self, seconds: int = 0) -> None:
        self.seconds = seconds

    @property
    def available(self) -> bool:
        return True

    def idle_seconds(self) -> int | None:
        return self.seconds


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    ]


class X11Idle:  # pragma: no cover - needs an X server with the screen-saver extension
    name = "x11"

    def __init__(self) -> None:
        x11 = ctypes.util.find_library("X11")
        xss = ctypes.util.find_library("Xss")
        if not x11 or not xss:
            raise OSError("libX11 or libXss is not installed")
        self._x = ctypes.cdll.LoadLibrary(x11)
        self._xss = ctypes.cdll.LoadLibrary(xss)
        self._x.XOpenDisplay.restype = ctypes.c_void_p
        self._x.XDefaultRootWindow.restype = ctypes.c_ulong
        self._x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self._xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        self._xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XScreenSaverInfo),
        ]
        self._display = self._x.XOpenDisplay(None)
        if not self._display:
            raise OSError("cannot open the X display")
        self._info = self._xss.XScreenSaverAllocInfo()

    @property
    def available(self) -> bool:
        return True

    def idle_seconds(self) -> int | None:
        root = self._x.XDefaultRootWindow(self._display)
        if not self._xss.XScreenSaverQueryInfo(self._display, root, self._info):
            return None
        return int(self._info.contents.idle // 1000)


class WindowsIdle:  # pragma: no cover - Windows only
    name = "windows"

    class _LastInput(ctypes.Structure):
        _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

    @property
    def available(self) -> bool:
        return True

    def idle_seconds(self) -> int | None:
        info = self._LastInput()
        info.cbSize = ctypes.sizeof(info)
        windll = ctypes.windll  # type: ignore[attr-defined]
        if not windll.user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        return int((windll.kernel32.GetTickCount() - info.dwTime) // 1000)


def system_idle_source() -> IdleSource:
    """The best source this machine offers, or one that says why there is none."""
    if sys.platform == "win32":  # pragma: no cover
        return WindowsIdle()
    if sys.platform == "darwin":  # pragma: no cover
        return NoIdle("macOS: not supported yet")
    if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return NoIdle("Wayland offers no idle time to applications")
    if not os.environ.get("DISPLAY"):
        return NoIdle("no X display")
    try:  # pragma: no cover - needs an X server
        return X11Idle()
    except OSError as exc:  # pragma: no cover
        return NoIdle(str(exc))
