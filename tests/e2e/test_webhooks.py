"""Webhooks of the stakeholder matrix on the real server: a communication posted from the incident page
arrives at a local receiver once, as Slack-compatible JSON or as the signed JSON document, and the signature
checks out with the key `beredskap webhook secret` prints."""
import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests

from conftest import add_user, free_port, run


class Receiver:
    def __init__(self):
        self.requests = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.requests.append((self.path, dict(self.headers), body))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.port = free_port()
        self.server = HTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def login(server, email, password="et langt passord 123"):
    s = requests.Session()
    page = s.get(server.url + "/login", timeout=30)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    r = s.post(server.url + "/login", data={"_csrf": csrf, "email": email, "password": password, "next": "/"},
               allow_redirects=False, timeout=30)
    assert r.status_code in (302, 303), r.text[:300]
    return s


def test_webhooks_arrive_signed_and_once(tmp_path, server_factory):
    receiver = Receiver()
    try:
        database = f"sqlite://{tmp_path}/hooks.sqlite"
        plan = tmp_path / "plan.yaml"
        plan.write_text(
            "version: 1\norganisation:\n  name: Skyen AS\n"
            "stakeholders:\n"
            f"  - {{id: ops, title: Driftskanal, audience: internal, when: [start], within_hours: 0.25, channel: webhook,"
            f" webhook_url: \"http://127.0.0.1:{receiver.port}/json\"}}\n"
            f"  - {{id: chat, title: Chat, audience: internal, when: [start], within_hours: 0.25, channel: webhook,"
            f" webhook_url: \"http://127.0.0.1:{receiver.port}/slack\", webhook_format: slack}}\n", encoding="utf-8")
        env = {"BEREDSKAP_PLAN": str(plan)}
        token = add_user(database, "vakt@example.invalid", "responder")
        server = server_factory(database=database, extra_env=env)
        r = requests.post(server.url + "/api/v1/incidents", headers={"Authorization": f"Bearer {token}"}, json={
            "title": "Databasen svarer ikke", "severity": 1, "discovered_at": "2026-11-24T08:00:00Z",
            "discovered_by": "monitoring"}, timeout=30)
        number = r.json()["number"]
        s = login(server, "vakt@example.invalid")
        page = s.get(f"{server.url}/incidents/{number}", timeout=30)
        assert "Driftskanal" in page.text and "Send til webhooken" in page.text
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
        for key in ["ops:start", "chat:start"]:
            r = s.post(f"{server.url}/incidents/{number}/communications/{key}/send", allow_redirects=False,
                       data={"_csrf": csrf, "subject": "Driftshendelse", "body": "Vi undersøker."}, timeout=30)
            assert r.status_code == 303, r.text[:300]
            # Twice is refused: it is recorded as done.
            r = s.post(f"{server.url}/incidents/{number}/communications/{key}/send", allow_redirects=False,
                       data={"_csrf": csrf, "subject": "Driftshendelse", "body": "Vi undersøker."}, timeout=30)
            assert r.status_code in (303, 422)
        for _ in range(100):
            if len(receiver.requests) >= 2:
                break
            import time
            time.sleep(0.1)
        assert sorted(p for p, _, _ in receiver.requests) == ["/json", "/slack"]
        secret = run(["webhook", "secret", "--database", database], cwd=server.cwd).stdout.strip()
        key = bytes.fromhex(secret)
        for path, headers, body in receiver.requests:
            expected = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
            assert headers["X-Beredskap-Signature"] == expected
            assert headers["X-Beredskap-Delivery"].endswith("@webhook.beredskap>")
            doc = json.loads(body)
            if path == "/slack":
                assert doc == {"text": "*Driftshendelse*\nVi undersøker."}
            else:
                assert doc["schema"] == "beredskap.webhook/1"
                assert doc["incident"]["number"] == number and doc["incident"]["severity"] == 1
                assert doc["communication"] == "ops:start" and doc["text"] == "Vi undersøker."
        page = s.get(f"{server.url}/incidents/{number}", timeout=30)
        assert "Varslet: Driftskanal (ved start)" in page.text
    finally:
        receiver.stop()
