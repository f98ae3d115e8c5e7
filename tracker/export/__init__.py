"""Statement writers: JSON, pt-BR CSV and XLSX.  Each writes to an open file object.

The CSV and XLSX writers import Babel and openpyxl (optional, heavy) only when they write.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from tracker.billing import HeldKind, HeldReason, Line, policy_number, rate_label_parts

# A text cell starting with one of these could run as a formula in a spreadsheet.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

# A type inside a held reason: "nenhuma tarifa técnica ...".
KIND_PT = {"technical": "técnica", "support": "de suporte"}

# A ticket's fields that decide who pays, as a held reason names them.
FIELD_PT = {
    "customer": "cliente",
    "type": "tipo",
    "bill_to_unit": "unidade faturada",
    "authorization": "autorização",
    "cost_center": "centro de custo",
    "value_class": "classe de valor",
    "accounting_item": "item contábil",
}

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


def rate_pt(rate_version: str) -> str:
    """A rate version as the pt-BR files show it: "technical-v2 (2026-01-01)" is "v2 de 01/01/2026"."""
    parts = rate_label_parts(rate_version)
    return f"v{parts[0]} de {parts[1]:%d/%m/%Y}" if parts else rate_version


def policy_pt(policy_version: str) -> str:
    """The billing rules' version as the pt-BR files show it: "technical-1" is "v1"."""
    number = policy_number(policy_version)
    return f"v{number}" if number else policy_version


def reason_pt(reasons: Sequence[HeldReason]) -> str:
    """A held line's reasons in Portuguese, for the pt-BR CSV and XLSX the customer may see.

    Only what is missing, never how to fix it: no command line reaches a customer.
    """
    out = []
    for reason in reasons:
        if reason.kind is HeldKind.NO_TERM:
            out.append("sem aceite do termo registrado")
        elif reason.kind is HeldKind.CONFLICT:
            out.append("registros em conflito na exportação central")
        elif reason.kind is HeldKind.DISAGREEMENT:
            fields = ", ".join(FIELD_PT.get(f, f) for f in reason.fields)
            out.append(f"dados do chamado divergentes entre consultores ({fields})")
        else:
            kind = reason.type.value if reason.type else ""
            on = reason.date.strftime("%d/%m/%Y") if reason.date else ""
            out.append(f"nenhuma tarifa {KIND_PT.get(kind, kind)} vigente em {on}")
    return "; ".join(out)
