"""The statement as one JSON object: ``{"month", "lines", "totals"}``."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, TextIO

from tracker.export import line_dict, money
from tracker.statement import Statement


def statement_dict(st: Statement) -> dict[str, Any]:
    return {
        "month": st.month,
        "lines": [line_dict(x) for x in st.lines],
        "totals": {
            "amount": money(sum((p.amount for p in st.totals), Decimal("0.00"))),
            "billable_minutes": sum(p.billable_minutes for p in st.totals),
            "lines": sum(p.lines for p in st.totals),
            "held_lines": sum(1 for x in st.lines if x.held),
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
        "problems": st.problems,
    }


def write_json(st: Statement, out: TextIO) -> None:
    json.dump(statement_dict(st), out, ensure_ascii=False, indent=2)
    out.write("\n")
