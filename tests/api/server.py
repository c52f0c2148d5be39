"""A small local HTTP server for integration tests: serves recorded JSON with real headers,
status codes and delays, and logs every request it answered."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# A route answers (path, query, headers) with (status, headers, body) or None for 404.
Route = Callable[[str, dict[str, str], dict[str, str]], tuple[int, dict[str, str], object] | None]


class RecordedServer:
    def __init__(self, route: Route):
        self.route = route
        self.requests: list[tuple[str, dict[str, str], dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((parts.path, query, headers))
                answer = server.route(parts.path, query, headers)
                if answer is None:
                    answer = (404, {}, {"error": "Record not found"})
                status, extra, body = answer
                delay = float(extra.pop("X-Test-Delay", 0)) if "X-Test-Delay" in extra else 0
                if delay:
                    time.sleep(delay)
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> RecordedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
