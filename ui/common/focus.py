"""Every window and dialog takes the keyboard focus when it opens, window manager or not.

On a desktop the window manager gives a new window the focus.  On a bare X server
(a kiosk, a remote session, a test machine) nothing does: a dialog opens and what is
typed goes to the window behind it, which a modal dialog blocks, so it reaches nothing.
:class:`ActivateOnShow`, installed on the application, asks for the focus for each
window or dialog as it is shown; menus, drop-downs and tooltips are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

WINDOWS = (Qt.WindowType.Window, Qt.WindowType.Dialog)


class ActivateOnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched.windowType() in WINDOWS
        ):
            QTimer.singleShot(0, lambda w=watched: _activate(w))
        return False


def _activate(window: QWidget) -> None:
    try:
        if window.isVisible():
            window.raise_()
            window.activateWindow()
    except RuntimeError:  # closed and deleted before the event loop came back
        pass
