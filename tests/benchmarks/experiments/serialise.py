"""A batch record: stdlib json.dumps(sort_keys=True) against msgspec, speed and bytes.

    python tests/benchmarks/experiments/serialise.py     (an interpreter with msgspec)

The export's lines are ``json.dumps(record, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)`` (tracker/sync/records.py); msgspec's ``Encoder(order="sorted")``
must give the same bytes.  Prints the time a record for both and any string that encodes
differently.  See FINDINGS.md, section 4.
"""

from __future__ import annotations

import json
import sys
import time

import msgspec

RECORD = {
    "kind": "session",
    "uuid": "7ae0593d-486d-4de2-a28c-0896f1158f87",
    "revision": 1,
    "consultant": "ana.ferreira",
    "ticket": "9846951",
    "type": "technical",
    "start": "2026-11-03T08:12:00-03:00",
    "end": "2026-11-03T09:00:00-03:00",
    "seconds": 2880,
    "zone": "America/Sao_Paulo",
    "day": "2026-11-03",
    "note": "Reunião de alinhamento com o cliente",
    "flags": [],
    "deleted": False,
    "source": "import",
}
ODD = ["a\x1fb", "\u2028", "\x7f", "é", "\\", '"', "\t\n\r\b\f", "\ud7ff", "😀", "\x00"]


def dumps(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def main() -> int:
    enc = msgspec.json.Encoder(order="sorted")
    n = 200_000
    t0 = time.process_time()
    for _ in range(n):
        dumps(RECORD)
    t1 = time.process_time()
    for _ in range(n):
        enc.encode(RECORD)
    t2 = time.process_time()
    print(f"json.dumps: {(t1 - t0) / n * 1e6:.2f} us a record; msgspec: {(t2 - t1) / n * 1e6:.2f} us")
    print(f"same bytes for the record: {dumps(RECORD) == enc.encode(RECORD)}")
    for text in ODD:
        if dumps({"x": text}) != enc.encode({"x": text}):
            print(f"DIFFERENT for {text!r}: {dumps({'x': text})!r} vs {enc.encode({'x': text})!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
