"""What the commands print: one JSON document on stdout, warnings on stderr, and the
JSON form of a session and a ticket (the contract of ``--json``).

Text that may come from someone else (the export's records, file names on the share,
a lead's comment, a value quoted in a refusal) goes to the terminal through
:func:`shown`: a control character is printed as its escape, never sent, so no record
can move the cursor, clear the screen or retitle the window of whoever reads it.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence

from tracker.model import FLAG_WORDS, Session, Ticket
from tracker.timeutil import iso

Json = dict[str, object]


def print_json(value: object) -> None:
    import json  # only a --json command pays for it

    # One write of the whole text: json.dump would write it in tens of thousands of pieces
    # (a day of 1,000 sessions took 0.12 s to print that way, 0.03 s this way).
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


MAX_PROBLEMS = 20  # the export's problems shown on stderr; the JSON output lists them all


def shown(text: object) -> str:
    """``text`` for a terminal: controls, format characters and lone surrogates as escapes."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(ch if ch in "\n\t" or _visible(ch) else _escape(ch) for ch in value)


def _visible(ch: str) -> bool:
    return ch.isprintable() or unicodedata.category(ch) == "Zs"


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def warn(message: str) -> None:
    print(f"warning: {shown(message)}", file=sys.stderr)


def warn_problems(problems: Sequence[str], full: str) -> None:
    """What the reader ignored and why, escaped; past MAX_PROBLEMS a count and where to see all."""
    for problem in problems[:MAX_PROBLEMS]:
        warn(shown(problem))
    if len(problems) > MAX_PROBLEMS:
        warn(f"... and {len(problems) - MAX_PROBLEMS} more problems in the export; {full} lists them all")


def flag_text(flag: str) -> str:
    """A flag for a warning: its code (scripts match it), then what to check, in plain words."""
    words = FLAG_WORDS.get(flag)
    return f"{flag} — {words[1]}" if words else flag


def session_json(s: Session) -> Json:
    return {
        "uuid": s.uuid,
        "ticket": s.ticket,
        "consultant": s.consultant,
        "type": s.type.value,
        "start": iso(s.start),
        "end": iso(s.end),
        "seconds": s.seconds,
        "revision": s.revision,
        "synced": s.synced,
        "flags": list(s.flags),
        "note": s.note,
        "zone": s.zone,
        "source": s.source,
    }


def ticket_json(t: Ticket) -> Json:
    return {
        "number": t.number,
        "customer": t.customer,
        "type": t.type.value,
        "original_type": t.original_type.value,
        "product": t.product,
        "scope": t.scope,
        "term_accepted": t.term_accepted.isoformat() if t.term_accepted else None,
        "term_ref": t.term_ref,
        "bill_to": t.bill_to,
        "bill_to_kind": t.bill_to_kind,
        "bill_to_unit": t.bill_to_unit,
        "authorization": t.authorization,
        "cost_center": t.cost_center,
        "value_class": t.value_class,
        "accounting_item": t.accounting_item,
        "escalated_at": iso(t.escalated_at) if t.escalated_at else None,
        "escalation_checklist": list(t.escalation_checklist),
        "finalized_at": iso(t.finalized_at) if t.finalized_at else None,
        "defects": [
            {
                "uuid": d.uuid,
                "kind": d.kind.value,
                "ref": d.ref,
                "published": d.published,
                "note": d.note,
                "flagged_at": iso(d.flagged_at),
                "consultant": d.consultant,
            }
            for d in t.defects
        ],
    }


def count(n: int, noun: str, plural: str = "") -> str:
    """``1 session``, ``2 sessions``: a number with its noun in the right form."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
