"""Slow clients against a running site: are health probes still answered meanwhile?

    python scripts/slow_clients.py 127.0.0.1 8000                      # bare gunicorn
    python scripts/slow_clients.py 127.0.0.1 443 --tls --name verdict.example   # via nginx

Eight connections (each kind) send complete headers of a 1000-byte POST, then one byte, then
nothing (`--kind body`), or a header line a second forever (`--kind headers`); /healthz is
asked every half second with a 2 s timeout. The logic is tests/support/slow_clients.py, which
the proxy fault test runs through docs/nginx.conf.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.slow_clients import probe  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--name", default="127.0.0.1", help="the Host header")
    parser.add_argument("--kind", choices=["body", "headers", "both"], default="body")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=7.0)
    args = parser.parse_args()
    kinds = ("body", "headers") if args.kind == "both" else (args.kind,)
    result = probe(args.host, args.port, tls=args.tls, name=args.name, kinds=kinds,
                   connections=args.connections, seconds=args.seconds)
    print(f"slow {'+'.join(kinds)}: {args.connections} connections each; health probes: "
          f"{result.answered + result.failed} sent, {result.answered} answered, "
          f"{result.failed} failed")


if __name__ == "__main__":
    main()
