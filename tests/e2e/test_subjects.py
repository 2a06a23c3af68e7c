"""`beredskap subjects analyze` and `subjects import` on the real binary: the
figures, the line-numbered errors for bad files, all-or-nothing storage."""
import json
import sqlite3
import subprocess
import sys
import urllib.request

from conftest import ROOT, add_user, run

GOOD = (
    "\ufeffNavn;E-post;Mobil;Fødselsnummer;Kategorier;Språk;Kundenr\r\n"
    "Kari Nordmann;kari@example.org;912 34 567;98765432109;contact|identity;nb;1\r\n"
    "Kari N.;KARI@EXAMPLE.ORG;;;financial;;2\r\n"
    "Ola Nordmann;;+47 98765432;;contact;engelsk;3\r\n"
    "Per Uten Kontakt;;;12345678902;national_id;;4\r\n"
)


def write(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(p)


def generate(tmp_path, rows, bad_line=None):
    out = tmp_path / f"gen-{rows}.csv"
    args = [sys.executable, str(ROOT / "bench" / "make_subjects.py"), str(rows), str(out)]
    if bad_line:
        args += ["--bad-line", str(bad_line)]
    subprocess.run(args, check=True)
    return str(out)


def test_analyze_prints_the_figures_and_stores_nothing(tmp_path):
    f = write(tmp_path, "people.csv", GOOD)
    r = run(["subjects", "analyze", f, "--format", "json"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["rows_read"] == 4 and out["valid_rows"] == 4 and out["invalid_rows"] == 0
    assert out["people"] == 3
    assert out["people_per_category"] == {"identity": 1, "contact": 2, "national_id": 1, "financial": 1}
    assert out["without_contact"] == 1 and out["without_email"] == 2
    assert out["ignored_columns"] == ["Kundenr"] and out["delimiter"] == ";"
    text = run(["subjects", "analyze", f], cwd=tmp_path)
    assert text.returncode == 0
    assert "Personer (like personer slått sammen): 3" in text.stdout
    assert not (tmp_path / "beredskap-data").exists()  # nothing stored, no database made


def test_bad_files_are_refused_with_the_line_and_exit_2(tmp_path):
    latin1 = "navn,epost\nKari,kari@example.org\nBjørn,bjorn@example.org\n".encode("latin-1")
    r = run(["subjects", "analyze", write(tmp_path, "latin1.csv", latin1)])
    assert r.returncode == 2
    assert "linje 3: ikke UTF-8 (lagre filen som UTF-8)" in r.stderr

    r = run(["subjects", "analyze", write(tmp_path, "nohead.csv", "Kari,kari@example.org\n")])
    assert r.returncode == 2 and "linje 1: fant ingen kjente kolonner" in r.stderr

    r = run(["subjects", "analyze", write(tmp_path, "bademail.csv", "name,email\nA,a@example.org\nB,b@@example.org\n")])
    assert r.returncode == 2
    assert "linje 3: e-postadressen er ugyldig" in r.stderr
    assert "b@@example.org" not in r.stderr + r.stdout  # the reason names the field, not the address

    r = run(["subjects", "analyze", str(tmp_path / "missing.csv")])
    assert r.returncode == 2 and "cannot read" in r.stderr


def incident(database, server_factory):
    token = add_user(database, "responder@example.invalid", "responder")
    server = server_factory(database=database)
    body = json.dumps({"title": "Lekkasje", "severity": 2, "discovered_at": "2026-11-24T08:00:00Z",
                       "discovered_by": "monitoring"}).encode()
    req = urllib.request.Request(server.url + "/api/v1/incidents", data=body, method="POST",
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as resp:
        return json.load(resp)["number"]


def stored(database):
    if database.startswith("sqlite://"):
        with sqlite3.connect(database[len("sqlite://"):]) as db:
            return db.execute("SELECT count(*) FROM affected_people").fetchone()[0]
    out = subprocess.run(["psql", database, "-t", "-A", "-c", "SELECT count(*) FROM affected_people"],
                         check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def test_one_bad_row_in_100000_stores_nothing_and_a_reimport_merges(
        tmp_path, database, server_factory):
    number = incident(database, server_factory)
    csv = generate(tmp_path, 100_000, bad_line=54_321)
    r = run(["subjects", "import", "--incident", number, csv, "--database", database], timeout=600)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "linje 54321: e-postadressen er ugyldig" in r.stderr
    assert "nothing was stored" in r.stderr
    assert stored(database) == 0

    # The import itself on a smaller file with one bad row (a debug build seals slowly).
    csv = generate(tmp_path, 3_000, bad_line=1_234)
    r = run(["subjects", "import", "--incident", number, csv, "--skip-invalid", "--database", database], timeout=600)
    assert r.returncode == 0, r.stderr
    analyzed = json.loads(run(["subjects", "analyze", csv, "--format", "json"]).stdout)
    assert analyzed["invalid_rows"] == 1 and analyzed["valid_rows"] == 2_999
    people = stored(database)
    assert people == analyzed["people"]

    # The same file again: every row finds its person, nobody is added.
    r = run(["subjects", "import", "--incident", number, csv, "--skip-invalid", "--database", database], timeout=600)
    assert r.returncode == 0, r.stderr
    assert "0 nye personer" in r.stdout
    assert stored(database) == people
    assert "example.org" not in r.stdout + r.stderr

    r = run(["subjects", "import", "--incident", "INC-2026-999", csv, "--skip-invalid", "--database", database])
    assert r.returncode == 2 and "no such incident" in r.stderr


def test_import_usage_errors_exit_2(tmp_path):
    f = write(tmp_path, "people.csv", GOOD)
    r = run(["subjects", "import", "--incident", "not-a-number", f])
    assert r.returncode == 2 and "--incident" in r.stderr
