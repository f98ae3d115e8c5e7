"""A consultant's week as a PDF: QTextDocument (HTML) printed by QPdfWriter.

The document is built from a :class:`tracker.report.WeekReport` and nothing else, so
what the PDF says is what the week view shows.  It is rendered into memory and then
written with ``tracker.app.atomic_write`` (a temp file in the target folder, fsync,
os.replace): a crash never leaves half a PDF under the consultant's chosen name.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument, QTextOption

from tracker.app import WeekReport, atomic_write
from tracker.model import ConsultancyType

HEADER_BG = "#e8edf3"
TOTAL_BG = "#f4f6f8"
BORDER = "#b8c0cc"
NOWRAP = ' style="white-space: nowrap;"'


translate = QCoreApplication.translate  # lupdate reads translate("context", "text")


def hm(seconds: int) -> str:
    """Durations as h:mm (whole minutes, rounded down)."""
    minutes = max(0, int(seconds)) // 60
    return f"{minutes // 60}:{minutes % 60:02d}"


def money(value: Decimal | None, locale_name: str = "pt_BR") -> str:
    """R$ 1.234,56; empty when the amount is not known."""
    return "" if value is None else format_currency(value, "BRL", locale=locale_name)


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def week_span(report: WeekReport) -> str:
    """dd/mm/aaaa – dd/mm/aaaa, Monday to Sunday."""
    return f"{dmy(report.start)} – {dmy(report.start + timedelta(days=6))}"


def _e(value: object) -> str:
    return html.escape(str(value))


def _table(
    headers: list[tuple[str, str]],
    rows: list[list[str]],
    total: list[str] | None = None,
    widths: list[int] | None = None,
    wrap: set[int] | None = None,
) -> str:
    """An HTML table; ``headers`` are (text, align), cells are already escaped, widths in %.

    Only the columns in ``wrap`` (free text: customer, note) may break over lines.
    """
    aligns = [a for _, a in headers]
    keep = [NOWRAP if i not in (wrap or set()) else "" for i in range(len(headers))]
    sizes = [f' width="{w}%"' for w in widths] if widths else [""] * len(headers)
    out = [
        f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
        f'style="border-collapse: collapse; border-color: {BORDER};">',
        f'<tr bgcolor="{HEADER_BG}">'
        + "".join(f'<th align="{a}"{w}>{_e(h)}</th>' for (h, a), w in zip(headers, sizes, strict=True))
        + "</tr>",
    ]
    for row in rows:
        cells = "".join(f'<td align="{a}"{k}>{c}</td>' for c, a, k in zip(row, aligns, keep, strict=True))
        out.append(f"<tr>{cells}</tr>")
    if total is not None:
        out.append(
            f'<tr bgcolor="{TOTAL_BG}">'
            + "".join(f'<td align="{a}"><b>{c}</b></td>' for c, a in zip(total, aligns, strict=True))
            + "</tr>"
        )
    out.append("</table>")
    return "\n".join(out)


def week_html(report: WeekReport, locale_name: str = "pt_BR") -> str:
    """The report's HTML, as QTextDocument renders it."""
    title = translate("report_pdf", "Weekly report — {consultant}").format(consultant=report.consultant)
    span = translate("report_pdf", "Week {span}").format(span=week_span(report))
    parts = [
        f'<h2 style="margin-bottom: 2px;">{_e(title)}</h2>',
        f'<p style="margin-top: 0; color: #444;">{_e(span)}</p>',
        _totals_html(report, locale_name),  # totals first: what a reader looks for
        "<h3>" + _e(translate("report_pdf", "Sessions per ticket")) + "</h3>",
        _tickets_html(report),
        "<h3>" + _e(translate("report_pdf", "Hours per day")) + "</h3>",
        _days_html(report, locale_name),
        "<h3>" + _e(translate("report_pdf", "Defects flagged")) + "</h3>",
        _defects_html(report),
    ]
    if report.amount is not None:
        parts.append(
            '<p style="color: #555; font-size: 8pt;">'
            + _e(
                translate(
                    "report_pdf",
                    "Amounts are an estimate from this computer's hourly rates; the billing statement "
                    "prices each atendimento when its ticket is finalized.",
                )
            )
            + "</p>"
        )
    return "\n".join(parts)


def _totals_html(report: WeekReport, locale_name: str) -> str:
    totals = [
        (translate("report_pdf", "Recorded"), hm(report.total)),
        (translate("report_pdf", "Billable (technical + support)"), hm(report.billable)),
        (translate("report_pdf", "Standard support (not billed)"), hm(report.total - report.billable)),
    ]
    if report.amount is not None:
        totals.append((translate("report_pdf", "Estimated amount"), money(report.amount, locale_name)))
    rows = [
        f'<tr><td>{_e(label)}</td><td align="right"><b>{_e(value)}</b></td></tr>' for label, value in totals
    ]
    return "\n".join(['<table cellspacing="0" cellpadding="3">', *rows, "</table>"])


def _tickets_html(report: WeekReport) -> str:
    if not report.tickets:
        return "<p>" + _e(translate("report_pdf", "No sessions were recorded this week.")) + "</p>"
    rows = [
        [
            _e(t.number),
            _e(t.customer),
            _e(ConsultancyType(t.type).portuguese),
            _e(t.sessions),
            _e(hm(t.seconds)),
        ]
        for t in report.tickets
    ]
    total_text = translate("report_pdf", "Total")
    total = ["", _e(total_text), "", _e(sum(t.sessions for t in report.tickets)), _e(hm(report.total))]
    return _table(
        [
            (translate("report_pdf", "Ticket"), "left"),
            (translate("report_pdf", "Customer"), "left"),
            (translate("report_pdf", "Type"), "left"),
            (translate("report_pdf", "Sessions"), "right"),
            (translate("report_pdf", "Time"), "right"),
        ],
        rows,
        total,
        widths=[13, 37, 26, 12, 12],
        wrap={1},
    )


def _days_html(report: WeekReport, locale_name: str) -> str:
    types = list(ConsultancyType)
    priced = report.amount is not None  # the amount column only when a rate is known
    day_rows = []
    for d in report.days:
        row = [_e(format_date(d.day, "EEE, dd/MM/yyyy", locale=locale_name))]
        row += [_e(hm(d.seconds[t.value])) for t in types] + [_e(hm(d.total))]
        day_rows.append(row + ([_e(money(d.amount, locale_name))] if priced else []))
    day_total = [_e(translate("report_pdf", "Week"))]
    day_total += [_e(hm(sum(d.seconds[t.value] for d in report.days))) for t in types]
    day_total += [_e(hm(report.total))] + ([_e(money(report.amount, locale_name))] if priced else [])
    headers = [(translate("report_pdf", "Day"), "left")] + [(t.portuguese, "right") for t in types]
    headers.append((translate("report_pdf", "Total"), "right"))
    if priced:
        headers.append((translate("report_pdf", "Estimated amount"), "right"))
    widths = [20, 15, 15, 15, 13, 22] if priced else [28, 18, 18, 18, 18]
    return _table(headers, day_rows, day_total, widths=widths)


def _defects_html(report: WeekReport) -> str:
    if not report.defects:
        return "<p>" + _e(translate("report_pdf", "No defects were flagged this week.")) + "</p>"
    kinds = {
        "product": translate("report_pdf", "product"),
        "documentation": translate("report_pdf", "documentation"),
    }
    return _table(
        [
            (translate("report_pdf", "Ticket"), "left"),
            (translate("report_pdf", "Kind"), "left"),
            (translate("report_pdf", "Reference"), "left"),
            (translate("report_pdf", "Note"), "left"),
        ],
        [
            [_e(x["ticket"]), _e(kinds.get(x["kind"], x["kind"])), _e(x["ref"]), _e(x["note"])]
            for x in report.defects
        ],
        wrap={3},
    )


def render_week_pdf(report: WeekReport, locale_name: str = "pt_BR") -> bytes:
    """The PDF's bytes (A4, 15 mm margins)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(
        translate("report_pdf", "Weekly report — {consultant} — {span}").format(
            consultant=report.consultant, span=week_span(report)
        )
    )
    writer.setCreator("Consultancy Tracker")
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(9.5)
    doc.setDefaultFont(font)
    # Break lines between words only: a narrow column must not split "Consultoria".
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    doc.setDefaultTextOption(option)
    doc.setHtml(week_html(report, locale_name))
    doc.print_(writer)
    del writer  # the PDF is finished when the writer goes away
    buffer.close()
    return bytes(data.data())


def write_week_pdf(report: WeekReport, path: Path, locale_name: str = "pt_BR") -> Path:
    """Write the week's PDF to ``path`` atomically; returns the path."""
    pdf = render_week_pdf(report, locale_name)
    with atomic_write(Path(path)) as out:
        out.write(pdf)
    return Path(path)
