"""Serves saved campaigns as an OAI-PMH 2.0 repository (Python standard library only).

    python python/examples/oai_server.py campagne.json [more.json ...] \
        [--host 127.0.0.1] [--port 8000] [--page-size 100] [--admin-email a@b.org] \
        [--base-url https://bm.example.org/oai]

Harvest it with any OAI-PMH client, e.g. ``http://127.0.0.1:8000/oai?verb=Identify``.
``--port 0`` takes a free port; the first line printed says where it serves.
The campaigns are read once; every answer is numconc.oai.respond's.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import numconc
import numconc.oai

PATH = "/oai"


def make_handler(
    campaigns: list[numconc.Campaign], base_url: str, options: dict[str, object]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "numconc-oai/" + numconc.__version__

        def answer(self, query: str) -> None:
            if urlsplit(self.path).path != PATH:
                self.send_error(404, "the repository answers at " + PATH)
                return
            # The base URL is the one the repository was started with, never
            # taken from the request's Host header.
            xml = numconc.oai.respond(
                campaigns,
                query,
                base_url=base_url,
                now=datetime.datetime.now(datetime.timezone.utc),
                **options,  # type: ignore[arg-type]
            )
            body = xml.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 (the http.server name)
            self.answer(urlsplit(self.path).query)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            self.answer(self.rfile.read(length).decode("utf-8", errors="replace"))

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: a harvest is thousands of requests

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("campaigns", nargs="+", type=Path, help="saved campaign files (Campaign.save)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--admin-email", action="append", default=None)
    parser.add_argument("--repository-id", default="numconc.localhost")
    parser.add_argument("--base-url", default=None, help="the public address (default http://HOST:PORT/oai)")
    args = parser.parse_args(argv)
    campaigns = [numconc.Campaign.load(p) for p in args.campaigns]
    options: dict[str, object] = {
        "page_size": args.page_size,
        "repository_id": args.repository_id,
        "admin_emails": args.admin_email,
    }
    server = ThreadingHTTPServer((args.host, args.port), BaseHTTPRequestHandler)
    host, port = str(server.server_address[0]), int(server.server_address[1])
    base_url = args.base_url or f"http://{host}:{port}{PATH}"
    # Checked once before serving: a wrong repository stops here with its error.
    numconc.oai.respond(campaigns, "verb=Identify", base_url=base_url, **options)  # type: ignore[arg-type]
    server.RequestHandlerClass = make_handler(campaigns, base_url, options)
    print(f"serving {base_url}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
