"""The monthly statement end to end: consultants sync, billing sets rates and bills."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Cli
from tracker.billing import HeldKind, HeldReason
from tracker.export.csv_pt import safe_text
from tracker.model import ConsultancyType


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """Consultants' homes synced into one share, and a billing home: built once, it is slow."""
    tmp_path = tmp_path_factory.mktemp("statement")
    share = tmp_path / "share"
    share.mkdir()
    return _build(tmp_path, share)


@pytest.fixture
def billing(world: Cli, tmp_path: Path) -> Cli:
    """A private copy of the billing home, so a test may change its rates."""
    home = tmp_path / "billing"
    shutil.copytree(world.home, home)
    return Cli(home, now=world.now)


def consultant(tmp_path: Path, share: Path, login: str) -> Cli:
    cli = Cli(tmp_path / login, now="2026-11-30T23:50:00-03:00")
    assert cli("config", "set", "consultant", login).code == 0
    assert cli("config", "set", "export-dir", str(share)).code == 0
    return cli


def ok(result) -> None:
    assert result.code == 0, result.err


def _build(tmp_path: Path, share: Path) -> Cli:
    ana = consultant(tmp_path, share, "ana")
    bruno = consultant(tmp_path, share, "bruno")
    # PRODUCT.md's worked examples, one ticket each, at R$ 240,00.
    examples = [
        ("1000001", "technical", [("ana", "09:00:00", "09:04:10")], None),
        ("1000002", "technical", [("ana", "09:10:00", "09:13:00"), ("bruno", "09:20:00", "09:23:00"),
                                  ("ana", "09:30:00", "09:33:00")], None),
        ("1000003", "technical", [("ana", "10:00:00", "10:25:01")], ("product", False)),
        ("1000004", "support", [("bruno", "10:00:00", "10:07:30")], None),
        ("1000005", "support", [("bruno", "11:00:00", "11:40:00")], ("documentation", False)),
        ("1000006", "support", [("ana", "11:00:00", "11:40:00")], ("product", True)),
        ("1000007", "support", [("ana", "12:00:00", "12:00:59")], None),
        ("1000008", "standard", [("bruno", "13:00:00", "15:00:00")], None),
    ]
    homes = {"ana": ana, "bruno": bruno}
    for number, kind, sessions, defect in examples:
        term = [] if kind == "standard" else ["--term-accepted", "2026-10-01"]
        customer = "=HYPERLINK(\"x\")" if number == "1000001" else "ACME"
        for who in sorted({who for who, _, _ in sessions} | {"ana"}):
            # Tickets are local: each consultant who works on one adds it too.
            ok(homes[who]("ticket", "add", number, "--customer", customer, "--type", kind, *term))
        for who, start, end in sessions:
            ok(homes[who]("add", number, "--start", f"2026-11-20T{start}", "--end", f"2026-11-20T{end}"))
        if defect:
            flags = ["--published"] if defect[1] else []
            ok(ana("defect", number, "--kind", defect[0], "--ref", f"D-{number}", *flags))
    # A unit pays for this one; another has no term and is held.
    ok(ana("ticket", "add", "2000001", "--customer", "Filial", "--type", "technical", "--term-accepted",
           "2026-10-01", "--bill-to-unit", "FR-042", "--cost-center", "CC-9"))
    ok(ana("add", "2000001", "--start", "2026-11-21T09:00", "--end", "2026-11-21T09:30"))
    ok(ana("ticket", "add", "2000002", "--customer", "Sem Termo", "--type", "support"))
    ok(ana("add", "2000002", "--start", "2026-11-21T10:00", "--end", "2026-11-21T10:20"))
    # An escalated ticket: 20 min standard, then 15 min support.
    ok(ana("ticket", "add", "2000003", "--customer", "Escalada", "--type", "standard"))
    ok(ana("add", "2000003", "--start", "2026-11-22T09:00", "--end", "2026-11-22T09:20"))
    ok(ana("ticket", "escalate", "2000003", "--at", "2026-11-22T09:30", "--confirm", "procedures"))
    ok(ana("ticket", "accept-term", "2000003", "--date", "2026-11-22"))
    ok(bruno("ticket", "add", "2000003", "--customer", "Escalada", "--type", "standard"))
    ok(bruno("add", "2000003", "--start", "2026-11-22T10:00", "--end", "2026-11-22T10:15"))
    # Finalized late on the last day of the month: still November in its own offset.
    for number, _, _, _ in examples:
        ok(ana("finalize", number, "--at", "2026-11-30T23:30:00-03:00"))
    for number in ("2000001", "2000002", "2000003"):
        ok(ana("finalize", number, "--at", "2026-11-30T23:45:00-03:00"))
    # Finalized in December: not in November's statement.
    ok(ana("ticket", "add", "3000001", "--customer", "Dezembro", "--type", "technical", "--term-accepted",
           "2026-10-01"))
    ok(ana("add", "3000001", "--start", "2026-11-29T09:00", "--end", "2026-11-29T09:30"))
    ana.now = "2026-12-01T00:20:00-03:00"
    ok(ana("finalize", "3000001", "--at", "2026-12-01T00:10:00-03:00"))
    ok(ana("sync"))
    ok(bruno("sync"))
    bill = consultant(tmp_path, share, "fatima")
    ok(bill("config", "set", "role", "billing"))
    ok(bill("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    ok(bill("rates", "set", "--type", "support", "--hourly", "240,00", "--from", "2026-01-01"))
    return bill


def by_ticket(doc: dict) -> dict[tuple[str, str], dict]:
    return {(x["ticket"], x["type"]): x for x in doc["lines"]}


def test_the_json_statement_prices_every_worked_example(billing: Cli) -> None:
    r = billing("bill", "--month", "2026-11", "--format", "json")
    assert r.code == 0, r.err
    hint = "held without the customer's term acceptance: 2000002; record it with tracker ticket accept-term"
    assert hint in r.err
    doc = r.json()
    assert doc["month"] == "2026-11"
    lines = by_ticket(doc)
    expected = {
        ("1000001", "technical"): (10, "40.00", False),
        ("1000002", "technical"): (10, "40.00", False),
        ("1000003", "technical"): (26, "104.00", False),
        ("1000004", "support"): (8, "32.00", False),
        ("1000005", "support"): (40, "0.00", True),
        ("1000006", "support"): (40, "160.00", False),
        ("1000007", "support"): (1, "4.00", False),
    }
    for key, (minutes, amount, waived) in expected.items():
        line = lines[key]
        assert (line["billable_minutes"], line["amount"], line["waived"]) == (minutes, amount, waived), key
        assert line["hourly_rate"] == "240.00" and line["policy_version"] == f"{key[1]}-1"
        assert line["rate_version"] == f"{key[1]}-v1 (2026-01-01)"
    assert lines[("1000002", "technical")]["consultants"] == ["ana", "bruno"]
    assert lines[("1000002", "technical")]["sessions"] == 3
    assert lines[("1000005", "support")]["defect_ref"] == "D-1000005"
    assert ("1000008", "standard") not in lines
    assert [(x["ticket"], x["recorded_seconds"]) for x in doc["not_billed"]] == [("1000008", 7200), ("2000003", 1200)]
    unit = lines[("2000001", "technical")]
    assert (unit["bill_to"], unit["bill_to_kind"], unit["amount"]) == ("FR-042", "unit", "120.00")
    assert unit["accounting"]["cost_center"] == "CC-9"
    held = lines[("2000002", "support")]
    assert held["held"] is True and "no term acceptance" in held["held_reason"] and held["amount"] == "80.00"
    assert lines[("2000003", "support")]["billable_minutes"] == 15
    assert lines[("2000003", "support")]["consultants"] == ["bruno"]
    assert ("2000003", "standard") not in lines
    assert ("3000001", "technical") not in lines  # finalized in December
    assert doc["problems"] == []
    parties = {p["bill_to"]: p for p in doc["totals"]["by_party"]}
    assert parties["FR-042"]["amount"] == "120.00"
    not_held = sum(Decimal(x["amount"]) for x in doc["lines"] if not x["held"])
    assert Decimal(doc["totals"]["amount"]) == not_held == Decimal("560.00")
    assert doc["totals"]["held_lines"] == 1


def test_the_csv_opens_as_a_brazilian_spreadsheet(billing: Cli, tmp_path: Path) -> None:
    out = tmp_path / "extrato.csv"
    r = billing("bill", "--month", "2026-11", "--format", "csv", "--out", str(out))
    assert r.code == 0, r.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:3] == ["Chamado", "Tipo", "Cliente"] and "Valor (R$)" in header
    body = {(r[0], r[1]): dict(zip(header, r, strict=True)) for r in rows[1:] if r[0] != "TOTAL"}
    line = body[("1000003", "Consultoria Técnica")]
    assert Decimal(line["Valor (R$)"].replace(".", "").replace(",", ".")) == Decimal("104.00")
    assert line["Valor (R$)"] == "104,00" and line["Valor hora (R$)"] == "240,00"
    # versions in Portuguese, not the records' ids ("technical-v1 (2026-01-01)", "technical-1")
    assert (line["Versão da tarifa"], line["Versão da política"]) == ("v1 de 01/01/2026", "v1")
    assert body[("1000001", "Consultoria Técnica")]["Cliente"] == "'=HYPERLINK(\"x\")"
    totals = [r for r in rows if r[0] == "TOTAL"]
    assert sum(Decimal(t[10].replace(".", "").replace(",", ".")) for t in totals) == Decimal("560.00")
    held = body[("2000002", "Consultoria de Suporte")]
    assert (held["Retido"], held["Motivo da retenção"]) == ("sim", "sem aceite do termo registrado")


def test_the_csv_says_its_month_and_ends_with_the_grand_total(billing: Cli, tmp_path: Path) -> None:
    out = tmp_path / "extrato.csv"
    assert billing("bill", "--month", "2026-11", "--format", "csv", "--out", str(out)).code == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[-1] == "Mês" and all(r[-1] == "11/2026" for r in rows[1:])
    parties = [r for r in rows if r[0] == "TOTAL"]
    grand = rows[-1]
    assert grand[0] == "TOTAL GERAL" and len(parties) == 4
    assert grand[header.index("Valor (R$)")] == "560,00"
    minutes = header.index("Minutos faturáveis")
    assert int(grand[minutes]) == sum(int(r[minutes]) for r in parties)


def test_the_xlsx_has_numbers_a_sheet_per_party_and_totals(billing: Cli, tmp_path: Path) -> None:
    out = tmp_path / "extrato.xlsx"
    r = billing("bill", "--month", "2026-11", "--format", "xlsx", "--out", str(out))
    assert r.code == 0, r.err
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Resumo"
    assert {"FR-042", "ACME", "Sem Termo"} <= set(wb.sheetnames)
    ws = wb["ACME"]
    header = [c.value for c in ws[1]]
    amount_col = header.index("Valor (R$)") + 1
    minutes_col = header.index("Minutos faturáveis") + 1
    values = [ws.cell(row, amount_col).value for row in range(2, ws.max_row + 1)]
    assert all(isinstance(v, (int, float)) for v in values)
    assert ws.cell(2, amount_col).number_format == '"R$" #,##0.00'
    assert isinstance(ws.cell(2, minutes_col).value, int)
    assert ws.cell(ws.max_row, 1).value == "TOTAL (sem retidos)"
    assert ws.cell(ws.max_row, amount_col).value == pytest.approx(sum(values[:-1]))
    injected = wb[wb.sheetnames[1]] if wb.sheetnames[1].startswith("=") else None
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == '=HYPERLINK("x")':
                    injected = cell
    assert injected is not None and injected.data_type == "s" and injected.quotePrefix  # text, never a formula
    held = wb["Sem Termo"]
    reason_col = [c.value for c in held[1]].index("Motivo da retenção") + 1
    assert held.cell(2, reason_col).value == "sem aceite do termo registrado"  # no command line in it
    summary = wb["Resumo"]
    assert summary.cell(summary.max_row, 1).value == "TOTAL"
    assert summary.cell(summary.max_row, 5).value == pytest.approx(560.0)


def test_bad_statement_input_exits_2(billing: Cli) -> None:
    r = billing("bill", "--month", "11/2026")
    assert r.code == 2 and "month" in r.err
    r = billing("bill", "--month", "2026-11", "--format", "xlsx")
    assert r.code == 2 and "--out" in r.err
    for args, field in [
        (["rates", "set", "--type", "technical", "--hourly", "-5", "--from", "2027-01-01"], "hourly"),
        (["rates", "set", "--type", "technical", "--hourly", "999999", "--from", "2027-01-01"], "hourly"),
        (["rates", "set", "--type", "standard", "--hourly", "10", "--from", "2027-01-01"], "type"),
        (["rates", "set", "--type", "technical", "--hourly", "250", "--from", "2025-01-01"], "from"),
        (["rates", "adjust", "--index", "IPCA", "--percent", "150", "--from", "2027-01-01"], "percent"),
        (["rates", "adjust", "--index", "IPCA", "--percent", "-51", "--from", "2027-01-01"], "percent"),
        (["rates", "adjust", "--index", "IPCA", "--percent", "x", "--from", "2027-01-01"], "percent"),
        (["rates", "adjust", "--index", "", "--percent", "4", "--from", "2027-01-01"], "index"),
    ]:
        r = billing(*args)
        assert r.code == 2 and field in r.err, (args, r.err)
    assert len(billing("rates", "list", "--json").json()) == 2


def test_the_yearly_adjustment_adds_versions_and_never_rewrites(billing: Cli) -> None:
    r = billing("rates", "adjust", "--index", "IPCA", "--percent", "4.62", "--from", "2026-11-15")
    assert r.code == 0, r.err
    rates = billing("rates", "list", "--json").json()
    assert [(x["label"], x["hourly"], x["index"], x["percent"]) for x in rates] == [
        ("support-v1 (2026-01-01)", "240.00", None, None),
        ("support-v2 (2026-11-15)", "251.09", "IPCA", "4.62"),
        ("technical-v1 (2026-01-01)", "240.00", None, None),
        ("technical-v2 (2026-11-15)", "251.09", "IPCA", "4.62"),
    ]
    assert rates[1]["created_by"] == "fatima"
    # Terms accepted before the adjustment keep the old rate; only the escalated ticket,
    # accepted on 2026-11-22, takes the new one: 15 min x 251.09 / 60 = 62.77 instead of 60.00.
    doc = billing("bill", "--month", "2026-11").json()
    assert doc["totals"]["amount"] == "562.77"
    # The escalated ticket's term was accepted on 2026-11-22: the new rate.
    line = by_ticket(doc)[("2000003", "support")]
    assert (line["hourly_rate"], line["rate_version"]) == ("251.09", "support-v2 (2026-11-15)")


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "=cmd|' /C calc'!A0"])
def test_formula_injection_is_neutralised(text: str) -> None:
    assert safe_text(text) == "'" + text
    assert safe_text("ACME") == "ACME" and safe_text("1-2") == "1-2"


def test_held_reasons_are_in_portuguese_in_the_spreadsheets_without_a_command_line() -> None:
    from tracker.export import reason_pt

    no_term = HeldReason(HeldKind.NO_TERM)
    no_rate = HeldReason(HeldKind.NO_RATE, ConsultancyType.SUPPORT, date(2026, 11, 3))
    assert reason_pt([no_term]) == "sem aceite do termo registrado"
    assert reason_pt([no_rate]) == "nenhuma tarifa de suporte vigente em 03/11/2026"
    assert reason_pt([no_term, no_rate]) == (
        "sem aceite do termo registrado; nenhuma tarifa de suporte vigente em 03/11/2026")
    assert reason_pt([]) == ""
    # The statement JSON says in English what is missing, and no command line either:
    # `tracker bill` tells billing how to fix it, on stderr.
    assert no_rate.text == "no support rate in force on 2026-11-03"
    assert no_term.text == "no term acceptance recorded"


def test_a_finalization_recorded_later_counts_in_the_month_it_names(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    ana = consultant(tmp_path, share, "ana")
    ok(ana("ticket", "add", "1234567", "--customer", "ACME", "--type", "technical", "--term-accepted", "2026-10-01"))
    ok(ana("add", "1234567", "--start", "2026-10-30T09:00", "--end", "2026-10-30T09:30"))
    ana.now = "2026-11-02T10:00:00-03:00"  # recorded in November, finalized on 31 October
    ok(ana("finalize", "1234567", "--at", "2026-10-31T18:00:00-03:00"))
    ok(ana("sync"))
    bill = consultant(tmp_path, share, "fatima")
    ok(bill("config", "set", "role", "billing"))
    ok(bill("rates", "set", "--type", "technical", "--hourly", "240.00", "--from", "2026-01-01"))
    october = bill("bill", "--month", "2026-10").json()
    assert [(x["ticket"], x["amount"]) for x in october["lines"]] == [("1234567", "120.00")]
    assert bill("bill", "--month", "2026-11").json()["lines"] == []
