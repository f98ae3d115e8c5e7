"""Statement writers: JSON, pt-BR CSV and XLSX.  Each writes to an open file object."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tracker.billing import Line

# The columns of a line, in order, with their pt-BR headings for the CSV and XLSX.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("ticket", "Chamado"),
    ("type", "Tipo"),
    ("customer", "Cliente"),
    ("bill_to", "Faturar para"),
    ("bill_to_kind", "Tipo de faturado"),
    ("consultants", "Consultores"),
    ("sessions", "Sessões"),
    ("recorded_seconds", "Segundos registrados"),
    ("billable_minutes", "Minutos faturáveis"),
    ("hourly_rate", "Valor hora (R$)"),
    ("amount", "Valor (R$)"),
    ("waived", "Abonado"),
    ("defect_ref", "Defeito"),
    ("held", "Retido"),
    ("held_reason", "Motivo da retenção"),
    ("rate_version", "Versão da tarifa"),
    ("policy_version", "Versão da política"),
)


def money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def line_dict(line: Line) -> dict[str, Any]:
    """A line as JSON: money as strings with a dot, as CLI.md says."""
    return {
        "ticket": line.ticket,
        "type": line.type.value,
        "customer": line.customer,
        "bill_to": line.bill_to,
        "bill_to_kind": line.bill_to_kind,
        "consultants": list(line.consultants),
        "sessions": line.sessions,
        "recorded_seconds": line.recorded_seconds,
        "billable_minutes": line.billable_minutes,
        "hourly_rate": money(line.hourly_rate),
        "amount": money(line.amount),
        "waived": line.waived,
        "defect_ref": line.defect_ref,
        "held": line.held,
        "held_reason": line.held_reason,
        "rate_version": line.rate_version,
        "policy_version": line.policy_version,
        **({"accounting": line.accounting} if line.accounting else {}),
    }


def reason_pt(reason: str) -> str:
    """A held line's reason in Portuguese, for the pt-BR CSV and XLSX."""
    import re

    out = []
    for part in filter(None, (p.strip() for p in reason.split(";"))):
        if part.startswith("no term acceptance recorded"):
            out.append("sem aceite do termo registrado (registre com tracker ticket accept-term)")
            continue
        m = re.match(r"no (\w+) rate in force on (\d{4})-(\d{2})-(\d{2})", part)
        if m:
            kind = {"technical": "técnica", "support": "de suporte"}.get(m[1], m[1])
            out.append(
                f"nenhuma tarifa {kind} vigente em {m[4]}/{m[3]}/{m[2]} (cadastre com tracker rates set)"
            )
            continue
        if part.startswith("set one with") or part.startswith("record it with"):
            continue
        out.append(part)
    return "; ".join(out)
