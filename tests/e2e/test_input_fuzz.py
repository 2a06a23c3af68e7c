"""Nothing a user types can stop the server (issue 7, point 1).

Huge, negative, NaN/Infinity, exponent, wrong-type, repeated and missing values
go to every form route and every API route of one real server on SQLite; after
each request the process must still run, `/health` must answer 200 and no
answer may be a 5xx. A Swift runtime trap (Double→Int overflow, a duplicate key
in `Dictionary(uniqueKeysWithValues:)`, a `!` on input) would end the process
for every user. Writes that were accepted are read back through every page and
API view of the incident, since a stored absurd value must not make a later
view trap either. The CLI (`assess --facts -`, `plan check`) gets the same
values and must end with exit 1 or 2 and a message, never a signal.

Deterministic: fixed value lists and a seeded random mix."""
import json
import random
import re
import shutil
import signal
import urllib.parse
import uuid

import pytest
import requests

from conftest import ROOT, add_user, run, start_server

SEED = 20261124
PASSWORD = "et langt passord 123"
PLAN = ROOT / "plans" / "staffing-controller.yaml"  # has plan clocks and plan risk questions


class Raw(str):
    """A form value sent exactly as written (broken percent-encoding and the like)."""


# Raw JSON tokens put in place of one value of an otherwise valid body.
JSON_NUMBERS = [
    "1e300", "-1e300", "1e19", "-1e19", "1E+19", "1e309", "-1e309", "1e-400", "-1", "-0", "0.5", "2.5",
    "87660.0000001", "10000000001", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
    "18446744073709551616", "1" + "0" * 400, "NaN", "Infinity", "-Infinity",
]
JSON_WRONG_TYPES = [
    '"1e300"', '"NaN"', '"-1"', '""', "true", "null", "[]", "{}", "[1e300]", '{"x": 1e300}',
    '"' + "x" * 100_000 + '"', '"\\u0000"', '"\\ud800"', "[" * 600 + "]" * 600,
]
JSON_VALUES = JSON_NUMBERS + JSON_WRONG_TYPES
# Whole bodies: not an object, too deep, too big, duplicate keys, not JSON at all.
JSON_BODIES = [
    "", "null", "[]", "1e300", "NaN", '"x"', "{", "{}" * 2, "[" * 20000 + "]" * 20000,
    '{"a":' * 5000 + "1" + "}" * 5000, '{"x": "' + "y" * 1_100_000 + '"}', "\xff\xfe",
]

FORM_VALUES = [
    "1e300", "-1e300", "1e19", "-1", "-0", "0,5", "2.5", "NaN", "nan", "Infinity", "-inf", "9223372036854775808",
    "18446744073709551616", "1" + "0" * 400, "", " ", "x" * 100_000, "\x00", "١٢٣", "①②③④⑤⑥",
    "2026-13-45T25:61", "9999-12-31T23:59", "0000-01-01T00:00", "-0001-01-01T00:00", "💥" * 1000,
    Raw("%FF%FE"), Raw("%"), Raw("%ZZ"), Raw("a=b=c"),
]


def form_body(pairs):
    parts = []
    for k, v in pairs:
        key = k if isinstance(k, Raw) else urllib.parse.quote_plus(k)
        val = v if isinstance(v, Raw) else urllib.parse.quote_plus(v)
        parts.append(f"{key}={val}")
    return "&".join(parts)


def short(text, limit=300):
    text = text if isinstance(text, str) else text.decode("utf-8", "replace")
    return text if len(text) <= limit else text[:limit] + f"…(+{len(text) - limit} chars)"


class Fuzz:
    """One server for the whole file; restarted (same database) if a request kills it."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.database = f"sqlite://{tmp}/fuzz.sqlite"
        self.tokens = {role: add_user(self.database, f"{role}@example.invalid", role)
                       for role in ["viewer", "responder", "admin"]}
        self.servers = []
        self.start()
        self.browsers = {role: self.login(role) for role in ["responder", "admin"]}
        self.number = self.new_incident()

    # server

    def start(self):
        server = start_server(database=self.database, extra_env={"BEREDSKAP_PLAN": str(PLAN)})
        self.servers.append(server)
        self.server = server

    def stop_all(self):
        for s in self.servers:
            s.stop()
            shutil.rmtree(s.cwd, ignore_errors=True)

    def log_tail(self):
        try:
            lines = (self.server.cwd and open(f"{self.server.cwd}/server.log", errors="replace").read()).splitlines()
        except OSError:
            return ""
        interesting = [l for l in lines if re.search(r"Fatal|fatal|error|Error|trap|Crash|overflow", l)]
        return " | ".join((interesting or lines)[-4:])[:600]

    def alive(self):
        """None when the server runs and /health answers 200, else what is wrong (and a fresh server)."""
        code = self.server.proc.poll()
        if code is None:
            try:
                r = requests.get(self.server.url + "/health", timeout=10)
                if r.status_code == 200:
                    return None
                problem = f"/health answered {r.status_code}"
            except requests.RequestException as e:
                problem = f"/health failed: {e.__class__.__name__}"
            self.server.stop(signal.SIGKILL)
        else:
            sig = f" (signal {-code})" if code < 0 else ""
            problem = f"the server died: exit {code}{sig}"
        problem += f"; log: {self.log_tail()}"
        self.start()
        return problem

    # clients

    def login(self, role):
        s = requests.Session()
        page = s.get(self.server.url + "/login", timeout=30)
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
        r = s.post(self.server.url + "/login", data={"_csrf": csrf, "email": f"{role}@example.invalid",
                                                       "password": PASSWORD, "next": "/"},
                   allow_redirects=False, timeout=30)
        assert r.status_code in (302, 303), (r.status_code, r.text[:300])
        return s

    def csrf(self, role):
        page = self.browsers[role].get(self.server.url + "/account", timeout=30)
        m = re.search(r'name="_csrf" value="([^"]+)"', page.text)
        assert m, f"no CSRF token for {role}: {page.status_code}"
        return m.group(1)

    def new_incident(self):
        r = requests.post(self.server.url + "/api/v1/incidents", timeout=30,
                          headers={"Authorization": f"Bearer {self.tokens['responder']}"},
                          json={"title": "Fuzz", "severity": 2, "discovered_at": "2026-01-01T08:00:00Z",
                                "discovered_by": "monitoring"})
        assert r.status_code == 201, r.text
        return r.json()["number"]

    # requests

    def send(self, problems, method, path, *, role=None, token=None, body=None, content_type=None, form=None,
             raw_form=None, readback=None):
        """Sends one request and records a problem if it answered 5xx or the server did not survive.
        `form` pairs get the role's CSRF token first; `readback` (an incident number) re-reads its views
        after an accepted write."""
        headers = {}
        session = requests.Session() if role is None else self.browsers[role]
        if token:
            headers["Authorization"] = f"Bearer {self.tokens[token]}"
        data = body
        if form is not None or raw_form is not None:
            pairs = ([("_csrf", self.csrf(role))] if role else []) + list(form or [])
            data = form_body(pairs) + (("&" + raw_form) if raw_form else "")
            content_type = "application/x-www-form-urlencoded"
        if content_type:
            headers["Content-Type"] = content_type
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        shown = f"{method} {path}" + (f" body={short(data)!r}" if data else "")
        try:
            r = session.request(method, self.server.url + path, data=data, headers=headers, allow_redirects=False,
                                timeout=30)
            status = r.status_code
        except requests.RequestException as e:
            status = None
            problems.append(f"{shown} → no answer ({e.__class__.__name__})")
        if status is not None and status >= 500:
            problems.append(f"{shown} → {status}: {short(r.text, 200)}")
        dead = self.alive()
        if dead:
            problems.append(f"{shown} → {dead}")
            return None
        if readback and status is not None and status < 400:
            self.read_back(problems, readback, after=shown)
        return status

    def read_back(self, problems, number, after):
        """Every view of the incident still renders after a write."""
        for path, who in [(f"/incidents/{number}", "page"), (f"/incidents/{number}/print", "page"),
                          (f"/incidents/{number}/assess", "page"), (f"/incidents/{number}/edit", "page"),
                          ("/", "page"), ("/incidents", "page"),
                          (f"/api/v1/incidents/{number}", "api"), (f"/api/v1/incidents/{number}/assessments", "api"),
                          (f"/api/v1/incidents/{number}/clocks", "api"), (f"/api/v1/incidents/{number}/timeline", "api"),
                          (f"/api/v1/incidents/{number}/notifications", "api"), ("/api/v1/reminders", "api"),
                          ("/api/v1/incidents", "api")]:
            sub = []
            if who == "page":
                self.send(sub, "GET", path, role="responder")
            else:
                self.send(sub, "GET", path, token="responder")
            problems.extend(f"{p}  [after {after}]" for p in sub)


@pytest.fixture(scope="module")
def fz(tmp_path_factory):
    f = Fuzz(tmp_path_factory.mktemp("fuzz"))
    yield f
    f.stop_all()


def report(problems):
    assert not problems, f"{len(problems)} request(s) hurt the server:\n" + "\n".join(problems[:40])


# ---------------------------------------------------------------- API

FACTS = {
    "schema": "beredskap.breach-facts/1", "role": "controller", "became_aware_at": "2026-01-01T09:00:00Z",
    "occurred_at": "2026-01-01T08:00:00Z", "nature": ["confidentiality", "availability"], "cause": "malicious",
    "data_categories": ["identity", "contact"], "data_subjects": 40, "records": 80, "vulnerable_subjects": False,
    "protection": "encrypted", "protected_categories": ["identity"], "key_compromised": False,
    "exfiltration": "suspected", "recipients": "known", "data_recovered": False, "recipients_count": 1,
    "category_subjects": {"identity": 40}, "categories_complete": True, "misuse_observed": False,
    "mitigations": ["access_revoked"], "backup_available": True, "restore_hours": 4, "permanent_loss": False,
    "service_impact": "minor", "exposure_hours": 2, "identifiability": "limited",
    "risk_answers": {"financial": True}, "plan_risk_answers": ["financial_loss"],
    "individual_notice_disproportionate": False,
}


def with_raw(base, path, raw):
    """The JSON text of `base` with the value at `path` (keys) replaced by the raw token `raw`."""
    marker = "__FUZZ_%s__" % uuid.uuid4().hex
    doc = json.loads(json.dumps(base))
    node = doc
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = marker
    return json.dumps(doc).replace(json.dumps(marker), raw)


def without(base, key):
    return json.dumps({k: v for k, v in base.items() if k != key})


def test_assessment_api_survives_every_field(fz):
    problems = []
    path = f"/api/v1/incidents/{fz.number}/assessments"
    post = lambda body: fz.send(problems, "POST", path, token="responder", body=body,
                                content_type="application/json", readback=fz.number)
    for key in FACTS:
        for raw in JSON_VALUES:
            post(with_raw(FACTS, [key], raw))
        post(without(FACTS, key))
    for raw in JSON_VALUES:
        post(with_raw(FACTS, ["category_subjects", "identity"], raw))
        post(with_raw(FACTS, ["risk_answers", "financial"], raw))
    for key in ["nature", "data_categories", "protected_categories", "mitigations", "plan_risk_answers"]:
        post(json.dumps({**FACTS, key: FACTS[key] * 3}))          # repeated entries
        post(json.dumps({**FACTS, key: ["x" * 10_000] * 100}))     # unknown, huge
    post(json.dumps({**FACTS, "category_subjects": {c: 10_000_000_000 for c in ["identity", "contact", "special"]}}))
    post(json.dumps({**FACTS, "category_subjects": {"x" * 50_000: 1}}))
    post(json.dumps({**FACTS, "extra": 1e300}))
    # Duplicate keys: the second one is the absurd one.
    post(json.dumps(FACTS)[:-1] + ', "restore_hours": 1e300, "data_subjects": 1e19}')
    post(json.dumps(FACTS)[:-1] + ', "category_subjects": {"identity": 1, "identity": 1e19}}')
    for body in JSON_BODIES:
        post(body)
    for lang in ["en", "xx", "", "1e300", "en&lang=nb", "%FF"]:
        fz.send(problems, "POST", path + "?lang=" + lang, token="responder", body=json.dumps(FACTS),
                content_type="application/json")
    post_text = fz.send(problems, "POST", path, token="responder", body=json.dumps(FACTS), content_type="text/plain")
    report(problems)
