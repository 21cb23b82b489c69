"""A local stand-in for SMSAPI.pl's HTTP API (POST /sms.do, Bearer token,
form fields, JSON answers), started by the tests on 127.0.0.1."""

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "test-oauth-token"


class SmsapiHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        fields = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        self.server.received.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), **fields}
        )
        if self.path != "/sms.do":
            return self._answer(404, {"error": 404, "message": "Not found"})
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._answer(401, {"error": 101, "message": "Authorization failed"})
        if not fields.get("to", "").isdigit():
            return self._answer(200, {"error": 13, "message": "No correct numbers"})
        entry = {
            "id": f"{len(self.server.received):020d}",
            "points": 0.16,
            "number": fields["to"],
            "status": "QUEUE",
            "error": None,
        }
        return self._answer(200, {"count": 1, "list": [entry]})

    def _answer(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep the test output clean
        pass


class SmsapiServer:
    def __enter__(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), SmsapiHandler)
        self.httpd.received = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/sms.do"

    @property
    def received(self) -> list[dict]:
        return self.httpd.received

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
