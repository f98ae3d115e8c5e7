"""Every window and dialog takes the keyboard focus when it opens, window manager or not.

On a desktop the window manager gives a new window the focus.  On a bare X server
(a kiosk, a remote session, a test machine) nothing does: a dialog opens and what is
typed goes to the window behind it, which a modal dialog blocks, so it reaches nothing.
:class:`ActivateOnShow`, installed on the application, asks for the focus for each
window or dialog as it is shown, and gives it back to the window a dialog came from
when the dialog closes (else its shortcuts, Ctrl+L, Ctrl+Space, reach nothing); menus,
drop-downs and tooltips are left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

WINDOWS = (Qt.WindowType.Window, Qt.WindowType.Dialog)


class ActivateOnShow(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Show, QEvent.Type.Hide) or not isinstance(watched, QWidget):
            return False
        if not watched.isWindow() or watched.windowType() not in WINDOWS:
            return False
        if kind == QEvent.Type.Show:
            QTimer.singleShot(0, lambda w=watched: _activate(w))
        elif watched.parentWidget() is not None:  # a dialog closed: its window takes the keys again
            behind = watched.parentWidget().window()
            QTimer.singleShot(0, lambda w=behind: _activate(w))
        return False


def _activate(window: QWidget) -> None:
    try:
        if window.isVisible():
            window.raise_()
            window.activateWindow()
    except RuntimeError:  # closed and deleted before the event loop came back
        pass
