"""schemathesis fuzzes every /api operation against /api/openapi.yaml with
each role's token: no 5xx, no response outside the description."""
import subprocess

import pytest

from conftest import add_user

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance," \
         "response_headers_conformance"


@pytest.mark.parametrize("role", ["viewer", "responder", "admin"])
def test_the_api_conforms_to_its_description(role, server_factory, tmp_path):
    database = f"sqlite://{tmp_path}/fuzz.sqlite"
    token = add_user(database, f"{role}@example.invalid", role)
    server = server_factory(database=database)
    seed = add_user(database, "seeder@example.invalid", "responder")
    # An incident the examples phase can reach (the spec's example number is INC-<year>-001).
    import json, urllib.request
    body = json.dumps({"title": "Seed", "severity": 2, "discovered_at": "2026-01-01T08:00:00Z",
                       "discovered_by": "monitoring"}).encode()
    req = urllib.request.Request(server.url + "/api/v1/incidents", data=body, method="POST",
                                 headers={"Authorization": f"Bearer {seed}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        assert r.status == 201
    r = subprocess.run(
        ["schemathesis", "run", f"{server.url}/api/openapi.yaml", "-H", f"Authorization: Bearer {token}",
         "-c", CHECKS, "-n", "40", "--seed", "20261123", "--generation-deterministic", "--request-timeout", "20"],
        capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
