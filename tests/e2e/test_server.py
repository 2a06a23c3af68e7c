"""`beredskap serve` as a new user and an operator meet it."""
import concurrent.futures
import json
import signal
import urllib.error
import urllib.request
from pathlib import Path

from conftest import add_user


def request(url, method="GET", token=None, body=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def test_zero_config_start_from_any_folder_prints_the_setup_link_and_stops_cleanly(server_factory):
    server = server_factory()
    assert (Path(server.cwd) / "beredskap-data" / "beredskap.sqlite").exists()
    link = server.setup_link
    assert link and link.startswith(server.url.replace("127.0.0.1", "127.0.0.1") + "/setup/")
    with urllib.request.urlopen(link) as r:
        page = r.read().decode()
    assert "Opprett den første administratoren" in page
    with urllib.request.urlopen(server.url + "/assets/app.css") as r:
        assert r.status == 200
    assert request(server.url + "/health") == (200, {"status": "ok", "db": True})
    assert server.stop(signal.SIGTERM) == 0


def test_sigint_also_stops_cleanly(server_factory):
    server = server_factory()
    assert server.stop(signal.SIGINT) == 0


def test_two_instances_on_one_database_number_concurrent_incidents_without_gaps(server_factory, database):
    token = add_user(database, "responder@example.invalid", "responder")
    a = server_factory(database=database)
    b = server_factory(database=database)
    body = {"title": "Samtidig", "severity": 3, "discovered_at": "2026-11-23T08:00:00Z", "discovered_by": "monitoring"}

    def create(i):
        url = (a if i % 2 else b).url
        return request(url + "/api/v1/incidents", "POST", token, body)

    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(create, range(50)))
    assert all(status == 201 for status, _ in results), results[:3]
    numbers = sorted(int(r["number"].split("-")[2]) for _, r in results)
    assert numbers == list(range(1, 51))
    status, page = request(a.url + "/api/v1/incidents?limit=200", token=token)
    assert status == 200 and len(page["incidents"]) == 50
    # The setup link was issued once per start while no admin existed; after `user add` of a responder there is still
    # no admin, so both instances offer one, and each honours the newest.
    assert a.setup_link and b.setup_link
