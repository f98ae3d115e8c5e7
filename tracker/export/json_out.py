"""The statement as one JSON object: ``{"month", "issued", "lines", "adjustments", "totals", ...}``.

``issued`` is null for an open month.  ``adjustments`` bill late changes to earlier
issued months; ``late_changes``, on an issued month, lists those not billed yet.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, TextIO

from tracker.export import line_dict, money
from tracker.statement import Adjustment, Statement


def adjustment_dict(a: Adjustment) -> dict[str, Any]:
    """An adjustment line: a line of differences, and the issued month it adjusts."""
    return {**line_dict(a.line), "adjusts_month": a.adjusts_month}


def statement_dict(st: Statement) -> dict[str, Any]:
    issued = st.issued
    return {
        "month": st.month,
        "issued": None if issued is None else {"by": issued.by, "at": issued.at, "sha256": issued.sha256},
        "lines": [line_dict(x) for x in st.lines],
        "adjustments": [adjustment_dict(a) for a in st.adjustments],
        "totals": {
            "amount": money(sum((p.amount for p in st.totals), Decimal("0.00"))),
            "billable_minutes": sum(p.billable_minutes for p in st.totals),
            "lines": sum(p.lines for p in st.totals),
            "held_lines": sum(1 for x in [*st.lines, *(a.line for a in st.adjustments)] if x.held),
            "by_party": [
                {
                    "bill_to": p.bill_to,
                    "bill_to_kind": p.bill_to_kind,
                    "lines": p.lines,
                    "billable_minutes": p.billable_minutes,
                    "amount": money(p.amount),
                }
                for p in st.totals
            ],
        },
        "not_billed": st.not_billed,
        "late_changes": [adjustment_dict(a) for a in st.late_changes],
        "problems": st.problems,
    }


def write_json(st: Statement, out: TextIO) -> None:
    json.dump(statement_dict(st), out, ensure_ascii=False, indent=2)
    out.write("\n")
