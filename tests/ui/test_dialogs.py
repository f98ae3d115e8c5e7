"""The dialogs: bad input named in red with nothing written, good input stored."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt

from tracker.app import Tracker
from tracker.model import ConsultancyType, DefectKind
from ui.app import ensure_consultant
from ui.consultant.dialogs import AcceptTermDialog, DefectDialog, EscalateDialog, FinalizeDialog, LoginDialog
from ui.consultant.main_window import MainWindow
from ui.consultant.ticket_dialog import NewTicketDialog


def _ok(qtbot: Any, dlg: Any) -> None:
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)


def _new_ticket_dialog(qtbot: Any, app: Tracker, number: str = "") -> NewTicketDialog:
    dlg = NewTicketDialog(None, app, number)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_new_ticket_with_an_empty_number_names_the_field_and_writes_nothing(qtbot: Any, app: Tracker) -> None:
    dlg = _new_ticket_dialog(qtbot, app)
    dlg.customer.setText("Padaria")
    _ok(qtbot, dlg)
    assert dlg.isVisible()
    assert dlg.error_label.isVisible()
    assert dlg.error_label.text().startswith("Number: is empty")
    assert "red" in dlg.error_label.styleSheet() or "#c0392b" in dlg.error_label.styleSheet()
    assert app.list_tickets() == []


def test_new_ticket_dialog_creates_a_ticket_with_term_and_unit(qtbot: Any, app: Tracker) -> None:
    dlg = _new_ticket_dialog(qtbot, app, "12345678")
    dlg.customer.setText("Padaria Pão Quente Ltda")
    dlg.set_type(ConsultancyType.SUPPORT)
    dlg.product.setCurrentText("Protheus")
    dlg.scope.setCurrentIndex(dlg.scope.findData("customised data dictionary"))
    dlg.term_checked.setChecked(True)
    dlg.term_date.setDate(QDate(2026, 11, 1))
    dlg.term_ref.setText("e-mail 42")
    dlg.unit_toggle.setChecked(True)
    dlg.bill_to_unit.setText("FR-SP01")
    dlg.cost_center.setText("CC-100")
    _ok(qtbot, dlg)
    assert not dlg.isVisible()
    t = app.ticket("12345678")
    assert (t.customer, t.type, t.product, t.scope) == (
        "Padaria Pão Quente Ltda",
        ConsultancyType.SUPPORT,
        "Protheus",
        "customised data dictionary",
    )
    assert (t.term_accepted, t.term_ref) == (date(2026, 11, 1), "e-mail 42")
    assert (t.bill_to_unit, t.cost_center) == ("FR-SP01", "CC-100")


def test_types_show_their_portuguese_names_and_scopes_follow_the_type(qtbot: Any, app: Tracker) -> None:
    dlg = _new_ticket_dialog(qtbot, app)
    labels = [dlg.type.itemText(i) for i in range(dlg.type.count())]
    assert labels == [
        "Technical — Consultoria Técnica",
        "Support — Consultoria de Suporte",
        "Standard — Suporte Padrão",
    ]
    dlg.set_type(ConsultancyType.TECHNICAL)
    assert dlg.scope.count() == 1 + 7 and dlg.scope.isEnabled()
    dlg.set_type(ConsultancyType.STANDARD)
    assert not dlg.scope.isEnabled() and not dlg.term_checked.isEnabled()


def test_an_accounting_field_without_a_unit_opens_the_unit_group_and_names_it(
    qtbot: Any, app: Tracker
) -> None:
    dlg = _new_ticket_dialog(qtbot, app, "12345678")
    dlg.customer.setText("Padaria")
    dlg.set_type(ConsultancyType.STANDARD)
    dlg.cost_center.setText("CC-100")  # typed, then the group was folded away
    _ok(qtbot, dlg)
    assert dlg.isVisible() and dlg.unit_box.isVisible()
    assert dlg.error_label.text().startswith("Cost center:")
    assert app.list_tickets() == []


def test_an_unusual_number_is_created_and_warned_about_in_the_status_bar(
    window: MainWindow, app: Tracker, drive: Any, click: Any
) -> None:
    def fill(dlg: Any) -> None:
        dlg.number.setText("12-AB")
        dlg.customer.setText("Padaria")
        dlg.set_type(ConsultancyType.STANDARD)

    drive(NewTicketDialog, fill)
    click(window.panel.new_button)
    assert app.ticket("12-AB").customer == "Padaria"
    assert "unusual" in window.statusBar().currentMessage()
    assert window.panel.combo.findData("12-AB") >= 0


def test_first_run_asks_the_login_refuses_a_bad_one_and_stores_a_good_one(
    qtbot: Any, store: Any, clock: Any, home: Any, monkeypatch: Any
) -> None:
    tracker = Tracker(store, clock, home)
    monkeypatch.setattr("tracker.config.os_login", lambda: "maria.silva")
    seen: list[str] = []

    def ask(cls: type, parent: Any, tr: Tracker, default: str) -> Any:
        dlg = LoginDialog(parent, tr, default)
        qtbot.addWidget(dlg)
        dlg.show()
        seen.append(dlg.login.text())
        dlg.login.setText("maria silva")
        _ok(qtbot, dlg)
        seen.append(dlg.error_label.text())
        assert dlg.isVisible()
        dlg.login.setText("maria.s")
        _ok(qtbot, dlg)
        return dlg.result_value

    monkeypatch.setattr(LoginDialog, "ask", classmethod(ask))
    assert ensure_consultant(tracker) == "maria.s"
    assert seen[0] == "maria.silva"
    assert seen[1].startswith("Login: 'maria silva' is not a login")
    assert tracker.settings.is_set("consultant")


def test_a_known_consultant_is_not_asked_again(app: Tracker, monkeypatch: Any) -> None:
    monkeypatch.setattr(LoginDialog, "ask", classmethod(lambda *a: (_ for _ in ()).throw(AssertionError)))
    assert ensure_consultant(app) == "ana"


def test_escalate_records_the_checklist_and_shows_support(
    window: MainWindow, app: Tracker, drive: Any, click: Any
) -> None:
    app.add_ticket("2233445", "Cooperativa", "standard")
    window.reload()
    window.panel.select("2233445")
    assert window.panel.escalate_button.isVisible()

    def fill(dlg: Any) -> None:
        dlg.checks["procedures"].setChecked(True)
        dlg.checks["reproduced"].setChecked(True)

    drive(EscalateDialog, fill)
    click(window.panel.escalate_button)
    t = app.ticket("2233445")
    assert t.type is ConsultancyType.SUPPORT
    assert t.escalation_checklist == ("procedures", "reproduced")
    assert "Consultoria de Suporte" in window.panel.type_label.text()
    assert window.panel.term_label.text() == "no term accepted — billable time held"
    assert not window.panel.escalate_button.isVisible()


def test_escalate_is_offered_only_for_standard_tickets(window: MainWindow, app: Tracker) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    window.reload()
    window.panel.select("12345678")
    assert not window.panel.escalate_button.isVisible()


def test_accept_term_clears_the_held_notice(window: MainWindow, app: Tracker, drive: Any, click: Any) -> None:
    app.add_ticket("7654321", "Metalúrgica", "support")
    window.reload()
    window.panel.select("7654321")
    assert window.panel.term_label.text() == "no term accepted — billable time held"

    def fill(dlg: Any) -> None:
        dlg.date.setDate(QDate(2026, 11, 2))
        dlg.ref.setText("protocolo 99")

    drive(AcceptTermDialog, fill)
    click(window.panel.accept_button)
    assert app.ticket("7654321").term_accepted == date(2026, 11, 2)
    assert window.panel.term_label.text() == "accepted on 02/11/2026 (protocolo 99)"


def test_flag_defect_needs_a_reference_then_stores_it(
    window: MainWindow, app: Tracker, drive: Any, click: Any, qtbot: Any
) -> None:
    app.add_ticket("7654321", "Metalúrgica", "support", term_accepted="2026-11-01")
    window.reload()
    window.panel.select("7654321")
    errors: list[str] = []

    def fill(dlg: Any) -> None:
        dlg.kind.setCurrentIndex(dlg.kind.findData("documentation"))
        _ok(qtbot, dlg)  # no reference yet
        errors.append(dlg.error_label.text())
        dlg.ref.setText("DOC-123")
        dlg.published.setChecked(False)
        dlg.note.setPlainText("artigo desatualizado")

    drive(DefectDialog, fill)
    click(window.panel.defect_button)
    assert errors == ["Reference: is empty"]
    (defect,) = app.ticket("7654321").defects
    assert (defect.kind, defect.ref, defect.published, defect.note) == (
        DefectKind.DOCUMENTATION,
        "DOC-123",
        False,
        "artigo desatualizado",
    )
    assert "documentation DOC-123" in window.panel.state_label.text()


def test_finalize_is_refused_while_a_timer_runs_then_done_after_stop(
    window: MainWindow, app: Tracker, clock: Any, drive: Any, click: Any
) -> None:
    app.add_ticket("12345678", "Padaria", "technical", term_accepted="2026-11-01")
    app.start("12345678")
    window.reload()
    built = drive(FinalizeDialog, lambda dlg: None)
    click(window.panel.finalize_button)
    assert built[0].isVisible()
    assert built[0].error_label.text().startswith("number: a timer runs on ticket 12345678")
    assert not app.ticket("12345678").finalized
    built[0].reject()

    clock.advance(minutes=3)
    click(window.start_button)  # stop
    click(window.panel.finalize_button)
    assert app.ticket("12345678").finalized
    assert window.panel.state_label.text() == "finalized on 03/11/2026"
    assert not window.panel.finalize_button.isEnabled()
    assert window.panel.combo.findData("12345678") == -1  # only open tickets are listed
