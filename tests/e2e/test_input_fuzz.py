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
import concurrent.futures
import http.cookiejar
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


def rng(salt):
    """A generator seeded by SEED and `salt`, so each test draws the same values whichever tests run."""
    return random.Random(f"{SEED}:{salt}")


def some(values, n, always=(), salt=""):
    """A fixed, seeded sample of `values` plus the ones always wanted."""
    rest = [v for v in values if v not in always]
    return list(always) + rng(salt).sample(rest, min(n, len(rest)))


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


class BlockAll(http.cookiejar.DefaultCookiePolicy):
    """API calls carry no cookies: each is judged by its token alone."""

    def set_ok(self, cookie, request):
        return False

    def return_ok(self, cookie, request):
        return False


class Fuzz:
    """One server for the whole file; restarted (same database) if a request kills it."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.database = f"sqlite://{tmp}/fuzz.sqlite"
        self.tokens = {role: add_user(self.database, f"{role}@example.invalid", role)
                       for role in ["viewer", "responder", "admin"]}
        self.servers = []
        self._csrf = {}
        self.health = requests.Session()
        self.api = requests.Session()
        self.api.cookies.set_policy(BlockAll())
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
        interesting = [l for l in lines if re.search(r"Fatal|fatal|ERROR|CRITICAL|trap|Crash|overflow", l)]
        return " | ".join((interesting or lines)[-2:])[:300]

    def alive(self):
        """None when the server runs and /health answers 200, else what is wrong (and a fresh server)."""
        code = self.server.proc.poll()
        if code is None:
            try:
                r = self.health.get(self.server.url + "/health", timeout=10)
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
        """The role's CSRF token, fetched again when its session cookie changed."""
        session = self.browsers[role].cookies.get("beredskap_session")
        cached = self._csrf.get(role)
        if cached and cached[0] == session:
            return cached[1]
        page = self.browsers[role].get(self.server.url + "/account", timeout=30)
        m = re.search(r'name="_csrf" value="([^"]+)"', page.text)
        assert m, f"no CSRF token for {role}: {page.status_code}"
        self._csrf[role] = (session, m.group(1))
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
        session = self.api if role is None else self.browsers[role]
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
        shown = f"{method} {short(path, 120)}" + (f" body={short(data)!r}" if data else "")
        r = None
        try:
            r = session.request(method, self.server.url + path, data=data, headers=headers, allow_redirects=False,
                                timeout=30)
            status = r.status_code
        except requests.RequestException as e:
            status = None
            problems.append(f"{shown} → no answer ({e.__class__.__name__})")
        if status is not None and status >= 500:
            problems.append(f"{shown} → {status}; log: {self.log_tail()}")
        dead = self.alive()
        if dead:
            problems.append(f"{shown} → {dead}")
            return None
        if readback and status is not None and status < 400:
            self.read_back(problems, readback, after=shown)
        return r

    def views(self, problems, paths, after=None):
        """GETs pages (as the responder's browser) and API reads (with the responder's token)."""
        for path in paths:
            sub = []
            if path.startswith("/api/"):
                self.send(sub, "GET", path, token="responder")
            else:
                self.send(sub, "GET", path, role="responder")
            problems.extend(f"{p}  [after {after}]" if after else p for p in sub)

    def read_back(self, problems, number, after, full=False):
        """The incident's page and its wizard (which start from the stored facts) still render after
        a write; with `full`, every view of it and the lists."""
        quick = [f"/incidents/{number}", f"/incidents/{number}/assess"]
        rest = [f"/incidents/{number}/print", f"/incidents/{number}/edit", f"/api/v1/incidents/{number}",
                f"/api/v1/incidents/{number}/assessments", f"/api/v1/incidents/{number}/clocks",
                f"/api/v1/incidents/{number}/timeline", f"/api/v1/incidents/{number}/notifications", *LIST_VIEWS]
        self.views(problems, quick + (rest if full else []), after)


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


NUMERIC_FACTS = {"data_subjects", "records", "recipients_count", "restore_hours", "exposure_hours"}
ALWAYS = ("1e300", "1e19", "-1", "null", "{}", "[1e300]")


def test_assessment_api_survives_every_field(fz):
    problems = []
    path = f"/api/v1/incidents/{fz.number}/assessments"
    # Accepted numbers are read back at once; everything at the end.
    post = lambda body, after=None: fz.send(problems, "POST", path, token="responder", body=body,
                                            content_type="application/json", readback=after)
    for key in FACTS:
        numeric = key in NUMERIC_FACTS
        values = JSON_NUMBERS + some(JSON_WRONG_TYPES, 3, salt=key) if numeric else some(JSON_VALUES, 3, ALWAYS, key)
        for raw in values:
            post(with_raw(FACTS, [key], raw), fz.number if numeric else None)
        post(without(FACTS, key))
    for raw in JSON_NUMBERS:
        post(with_raw(FACTS, ["category_subjects", "identity"], raw), fz.number)
    for raw in some(JSON_VALUES, 6, ALWAYS, salt="risk_answers"):
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
    fz.send(problems, "POST", path, token="responder", body=json.dumps(FACTS), content_type="text/plain")
    fz.read_back(problems, fz.number, after="the assessments above", full=True)
    report(problems)


INCIDENT = {
    "title": "Fuzz", "summary": "Noe skjedde.", "severity": 2, "status": "ongoing",
    "discovered_at": "2026-01-01T08:00:00Z", "discovered_by": "monitoring", "occurred_at": "2026-01-01T07:00:00Z",
    "systems_affected": ["crm"], "attack_vector": "phishing", "owner_email": "responder@example.invalid",
}
DATES = ['"9999-12-31T23:59:59Z"', '"0001-01-01T00:00:00Z"', '"-0001-01-01T00:00:00Z"', '"2026-01-01T08:00:00+99:99"',
         '"2026-02-30T08:00:00Z"', '"2026-01-01T08:00:00.123456789123456789Z"', '"2026-01-01"', '"1e300"', "1e300",
         '"' + "9" * 400 + '-01-01T00:00:00Z"']
LIST_VIEWS = ["/", "/incidents", "/api/v1/incidents", "/api/v1/reminders"]


def test_incident_api_create_and_change_survive_every_field(fz):
    problems = []
    auth = dict(token="responder", content_type="application/json")
    for key in INCIDENT:
        values = JSON_VALUES if key == "severity" else some(JSON_VALUES, 5, ALWAYS, salt=key)
        values = values + (DATES if key.endswith("_at") else [])
        for raw in values:
            fz.send(problems, "POST", "/api/v1/incidents", body=with_raw(INCIDENT, [key], raw), **auth)
        fz.send(problems, "POST", "/api/v1/incidents", body=without(INCIDENT, key), **auth)
    for body in some(JSON_BODIES, 6, ('{"a":' * 5000 + "1" + "}" * 5000,), salt="incident bodies"):
        fz.send(problems, "POST", "/api/v1/incidents", body=body, **auth)
    fz.send(problems, "POST", "/api/v1/incidents", body=json.dumps({**INCIDENT, "systems_affected": ["x"] * 5000}),
            **auth)
    number = fz.new_incident()
    path = f"/api/v1/incidents/{number}"
    for key in [*INCIDENT, "close_reason"]:
        values = JSON_VALUES if key == "severity" else some(JSON_VALUES, 5, ALWAYS, salt=key)
        values = values + (DATES if key.endswith("_at") else [])
        for raw in values:
            fz.send(problems, "PATCH", path, body=with_raw({}, [key], raw), **auth)
    for body in some(JSON_BODIES, 6, salt="patch bodies"):
        fz.send(problems, "PATCH", path, body=body, **auth)
    fz.send(problems, "PATCH", path, body='{"status": "closed", "status": "ongoing", "severity": 1, "severity": 1e300}',
            **auth)
    # Notes.
    for raw in JSON_VALUES:
        fz.send(problems, "POST", path + "/notes", body=with_raw({}, ["text"], raw), **auth)
    for body in some(JSON_BODIES, 4, salt="note bodies"):
        fz.send(problems, "POST", path + "/notes", body=body, **auth)
    fz.read_back(problems, number, after="the changes above", full=True)
    report(problems)


CLOCK = {"done_at": "2026-01-02T08:00:00Z", "reference": "22/01234", "delay_reason": "Sent med rekommandert post",
         "complete": False, "content": "Første melding."}
KINDS = ["authority", "controller", "subjects", "internal_notification", "log", "risk_assessment",
         "post_incident_review", "x" * 200, "%00", "..", "1e300", "-1", "%C3%A6", "%FF"]


def test_clock_api_survives_every_field_and_kind(fz):
    problems = []
    number = fz.new_incident()
    auth = dict(token="responder", content_type="application/json")
    fz.send(problems, "POST", f"/api/v1/incidents/{number}/assessments", body=json.dumps(FACTS), **auth)
    for kind in KINDS:
        path = f"/api/v1/incidents/{number}/clocks/{kind}/done"
        fz.send(problems, "POST", path, body=json.dumps({}), **auth)
        if kind in ("authority", "internal_notification"):
            for key in CLOCK:
                for raw in some(JSON_VALUES, 5, ALWAYS, salt=key) + (DATES if key == "done_at" else []):
                    fz.send(problems, "POST", path, body=with_raw(CLOCK, [key], raw), **auth)
            for body in some(JSON_BODIES, 4, salt="clock bodies"):
                fz.send(problems, "POST", path, body=body, **auth)
    fz.read_back(problems, number, after="the clocks above", full=True)
    report(problems)


NUMBERS = ["INC-2026-001", "INC-2026-999999999999999999999", "INC-99999999999999999999-001", "INC-0000-000",
           "INC--1-001", "INC-2026--1", "INC-1e300-001", "INC-2026-1e3", "inc-2026-001", "INC-2026-" + "9" * 200,
           "%00", "%FF", "..%2F..", "INC-２０２６-００１"]


def test_api_reads_survive_absurd_paths_and_queries(fz):
    problems = []
    for number in NUMBERS:
        for tail in ["", "/timeline", "/assessments", "/clocks", "/notifications", "/report", "/report?format=md",
                     "/report?format=" + "x" * 5000, "/report?lang=xx&format=md&format=json"]:
            fz.send(problems, "GET", f"/api/v1/incidents/{number}{tail}", token="viewer")
        fz.send(problems, "POST", f"/api/v1/incidents/{number}/assessments", token="responder",
                body=json.dumps(FACTS), content_type="application/json")
        fz.send(problems, "PATCH", f"/api/v1/incidents/{number}", token="responder", body='{"severity": 1}',
                content_type="application/json")
    queries = [f"limit={v}" for v in ["1e300", "-1", "0", "201", "9223372036854775808", "NaN", "", "1.5", "x" * 5000]]
    queries += [f"cursor={v}" for v in NUMBERS[:8]] + ["status=xx", "status=open&status=all", "limit=1&limit=1e300"]
    for q in queries:
        fz.send(problems, "GET", "/api/v1/incidents?" + q, token="viewer")
    for path in ["/api/v1/me", "/api/v1/users", "/api/v1/reminders", "/api/openapi.yaml", "/health"]:
        for token in ["viewer", "admin"]:
            fz.send(problems, "GET", path, token=token)
    # Tokens that are not tokens.
    for header in ["Bearer " + "x" * 10_000, "Bearer ", "Bearer bk_%00", "Basic Zm9vOmJhcg==", "Bearer bk_\u00e6"]:
        try:
            r = requests.get(fz.server.url + "/api/v1/me", headers={"Authorization": header.encode()}, timeout=30)
            if r.status_code >= 500:
                problems.append(f"GET /api/v1/me Authorization={short(header, 40)!r} → {r.status_code}")
        except requests.RequestException:
            pass
        dead = fz.alive()
        if dead:
            problems.append(f"GET /api/v1/me Authorization={short(header, 40)!r} → {dead}")
    report(problems)


# ---------------------------------------------------------------- forms

INCIDENT_FORM = {
    "title": "Fuzz", "summary": "Noe skjedde.", "severity": "2", "status": "ongoing",
    "discovered_at": "2026-01-01T09:00", "discovered_by": "Ola", "occurred_at": "2026-01-01T08:00",
    "systems_affected": "crm, e-post", "attack_vector": "phishing", "owner": "", "close_reason": "",
}
FORM_ALWAYS = ("1e300", "-1", "NaN", "", "x" * 100_000, Raw("%FF%FE"))
DEEP_KEY = Raw("x" + "%5Ba%5D" * 5000)


def form_cases(base, numeric=(), only=None, rounds=4):
    """Form bodies: each field with nasty values (all of them for `numeric` fields), missing and repeated;
    the numeric ones also as an array and a dictionary; then a seeded random mix of every field at once."""
    cases = []
    for key in (only or base):
        values = some(FORM_VALUES, 12, FORM_ALWAYS, salt=key) if key in numeric else FORM_ALWAYS
        for v in values:
            cases.append([(k, v if k == key else base[k]) for k in base])
        cases.append([(k, base[k]) for k in base if k != key])
        cases.append([(k, base[k]) for k in base] + [(key, "1e300")])
        if key in numeric:
            cases.append([(k, base[k]) for k in base if k != key] + [(key + "[]", "1"), (key + "[]", "2")])
            cases.append([(k, base[k]) for k in base if k != key] + [(key + "[a]", "1e300")])
    mix = rng(",".join(base))
    for _ in range(rounds):
        cases.append([(k, mix.choice(FORM_VALUES)) for k in base])
    cases.append([(DEEP_KEY, "1")])
    cases.append([])
    return cases


def test_incident_forms_survive_every_field(fz):
    problems = []
    for pairs in form_cases(INCIDENT_FORM, numeric=("severity", "discovered_at", "occurred_at")):
        fz.send(problems, "POST", "/incidents", role="responder", form=pairs)
    number = fz.new_incident()
    # The same validation as above; what differs on a change is the status and the reason for closing.
    for pairs in form_cases(INCIDENT_FORM, numeric=("severity", "status", "close_reason"),
                            only=("severity", "status", "close_reason")):
        fz.send(problems, "POST", f"/incidents/{number}", role="responder", form=pairs)
    for v in FORM_ALWAYS:
        fz.send(problems, "POST", f"/incidents/{number}/notes", role="responder", form=[("note", v)])
    fz.send(problems, "POST", f"/incidents/{number}/notes", role="responder", form=[("note", "a"), ("note", "b")])
    # A form route given JSON: Vapor decodes it too.
    fz.send(problems, "POST", f"/incidents/{number}", role="responder", content_type="application/json",
            body=json.dumps({"_csrf": fz.csrf("responder"), **INCIDENT_FORM})[:-1] + ', "severity": 1e300}')
    fz.send(problems, "POST", "/incidents", role="responder", content_type="application/json",
            body='{"_csrf": "' + fz.csrf("responder") + '", "title": ' + "[" * 5000 + "]" * 5000 + "}")
    fz.send(problems, "POST", "/incidents", role="responder", raw_form="x=" + "y" * 1_100_000)
    fz.read_back(problems, number, after="the incident forms above", full=True)
    report(problems)


def test_a_long_form_keeps_its_csrf_token(fz):
    """A summary of a few thousand characters arrives in several reads: the CSRF check must wait for it all."""
    for length in (2_000, 8_000, 19_000):
        form = {**INCIDENT_FORM, "_csrf": fz.csrf("responder"), "summary": "Langt sammendrag. " * (length // 18)}
        # A new connection each time, as a browser posting after a while would use.
        with requests.Session() as s:
            s.cookies.update(fz.browsers["responder"].cookies)
            r = s.post(fz.server.url + "/incidents", data=form, allow_redirects=False, timeout=30)
        assert r.status_code == 303, (length, r.status_code, r.text[:200])


CLOCK_FORM = {"done_at": "2026-01-02T09:00", "reference": "22/01234", "delay_reason": "Sent med rekommandert post",
              "incomplete": "on", "content": "Første melding."}


def test_clock_forms_survive_every_field_and_kind(fz):
    problems = []
    number = fz.new_incident()
    fz.send(problems, "POST", f"/api/v1/incidents/{number}/assessments", token="responder", body=json.dumps(FACTS),
            content_type="application/json")
    for kind in KINDS:
        path = f"/incidents/{number}/clocks/{kind}/done"
        fz.send(problems, "POST", path, role="responder", form=[])
    for kind in ["authority"]:
        for pairs in form_cases(CLOCK_FORM, numeric=("done_at",), rounds=2):
            fz.send(problems, "POST", f"/incidents/{number}/clocks/{kind}/done", role="responder", form=pairs)
    fz.read_back(problems, number, after="the clock forms above", full=True)
    report(problems)


REPORT_SEND = {"sent_at": "2026-01-02T09:00", "reference": "DT-22/01234", "delay_reason": "Ventet på leverandøren",
               "incomplete": "on"}


def test_report_forms_survive_every_field(fz):
    problems = []
    number = fz.new_incident()
    fz.send(problems, "POST", f"/api/v1/incidents/{number}/assessments", token="responder", body=json.dumps(FACTS),
            content_type="application/json")
    for v in FORM_ALWAYS:
        fz.send(problems, "POST", f"/incidents/{number}/notes", role="responder", form=[("note", v), ("entry", "measure")])
        fz.send(problems, "POST", f"/incidents/{number}/notes", role="responder", form=[("note", "x"), ("entry", v)])
    for section in ["breach", "people", "contact", "nonsense", "%00", "x" * 3000]:
        for v in FORM_ALWAYS:
            for action in ["save", "reset", v]:
                fz.send(problems, "POST", f"/incidents/{number}/report/sections/{section}", role="responder",
                        form=[("text", v), ("action", action)])
        fz.send(problems, "POST", f"/incidents/{number}/report/sections/{section}", role="responder",
                form=[("text", "a"), ("text", "b"), ("action", "save"), ("action", "reset")])
    for tail in ["/report", "/report/print", "/report/markdown"]:
        fz.send(problems, "GET", f"/incidents/{number}{tail}", role="responder")
    for pairs in form_cases(REPORT_SEND, numeric=("sent_at",), rounds=2):
        fz.send(problems, "POST", f"/incidents/{number}/report/send", role="responder", form=pairs)
    fz.read_back(problems, number, after="the report forms above", full=True)
    for tail in ["/report", "/report/print", "/report/markdown"]:
        fz.send(problems, "GET", f"/incidents/{number}{tail}", role="responder")
    # The stakeholder matrix: communications ticked off, customers chosen.
    for key in ["customers:start", "subprocessors:start", "authority:breach", "x:y", "%3A", ":" * 300, "a" * 3000]:
        for v in FORM_ALWAYS:
            fz.send(problems, "POST", f"/incidents/{number}/communications/{key}/done", role="responder",
                    form=[("done_at", v), ("note", v), ("outcome", v)])
        fz.send(problems, "POST", f"/incidents/{number}/communications/{key}/done", role="responder",
                form=[("done_at", "2026-01-02T09:00"), ("outcome", "not_needed"), ("outcome", "done"), ("note", "x")])
        for v in FORM_ALWAYS:
            fz.send(problems, "POST", f"/incidents/{number}/communications/{key}/send", role="responder",
                    form=[("subject", v), ("body", v)])
    for v in FORM_ALWAYS:
        fz.send(problems, "POST", f"/incidents/{number}/customers", role="responder", form=[("customer[]", v)])
    fz.send(problems, "POST", f"/incidents/{number}/customers", role="responder",
            form=[("customer[]", str(i)) for i in range(3000)])
    fz.send(problems, "POST", f"/incidents/{number}/customers", role="responder", form=[("customer", "a"), ("customer[x]", "b")])
    fz.read_back(problems, number, after="the communication forms above", full=True)
    report(problems)


EXERCISE_FORM = {"kind": "restore_test", "held_at": "2026-01-02T09:00", "scenario": "Gjenopprett kopien",
                 "participants": "Kari", "restore_minutes": "95", "data_loss_minutes": "600", "outcome": "partly",
                 "findings": "Nøkkelen manglet", "action_text": "Del nøkkelen", "action_owner": "Kari",
                 "action_due": "2026-12-01"}
ACTION_FORM = {"text": "Diskvarsel", "owner": "Kari", "due": "2026-12-01"}


def test_continuity_forms_survive_every_field(fz):
    """Runbook ticks, the post-mortem, action items and tests on record."""
    problems = []
    number = fz.new_incident()
    for v in FORM_ALWAYS:
        fz.send(problems, "POST", f"/incidents/{number}/runbooks", role="responder", form=[("runbook", v)])
    fz.send(problems, "POST", f"/incidents/{number}/runbooks", role="responder", form=[("runbook", "database")])
    fz.send(problems, "POST", f"/incidents/{number}/runbooks", role="responder",
            form=[("runbook", "dns"), ("runbook", "sms")])
    for step in ["1", "0", "-1", "8", "9", "1e300", "NaN", "99999999999999999999", "%00", "x" * 3000]:
        for v in ["true", "false", *FORM_ALWAYS]:
            fz.send(problems, "POST", f"/incidents/{number}/runbooks/database/steps/{step}", role="responder",
                    form=[("done", v)])
    for rb in ["nonsense", "%2e%2e", "a" * 3000]:
        fz.send(problems, "POST", f"/incidents/{number}/runbooks/{rb}/steps/1", role="responder", form=[("done", "true")])
    fields = ["summary", "impact", "technical_cause", "human_error", "systemic_weakness", "solution", "went_well",
              "went_badly", "customer_summary", "customer_prevention"]
    for v in FORM_ALWAYS:
        for action in ["save", "complete", v]:
            fz.send(problems, "POST", f"/incidents/{number}/post-mortem", role="responder",
                    form=[(f, v) for f in fields] + [("action", action)])
    fz.send(problems, "POST", f"/incidents/{number}/post-mortem", role="responder",
            form=[("summary", "a"), ("summary", "b"), ("action", "save"), ("action", "complete")])
    for pairs in form_cases(ACTION_FORM, numeric=("due",), rounds=2):
        fz.send(problems, "POST", f"/incidents/{number}/post-mortem/actions", role="responder", form=pairs)
    for pairs in form_cases(EXERCISE_FORM, numeric=("held_at", "restore_minutes", "data_loss_minutes", "action_due"),
                            rounds=2):
        fz.send(problems, "POST", "/exercises", role="responder", form=pairs)
    for ident in ["00000000-0000-0000-0000-000000000000", "x", "%00", "a" * 3000]:
        fz.send(problems, "POST", f"/actions/{ident}/done", role="responder", form=[("back", "//evil.example")])
    for query in ["", "?from=1e300&to=NaN", "?from=-1&to=", "?format=csv&from=0001-01-01&to=9999-12-31",
                  "?format=md&from=2026-13-45", "?from[]=1&to[a]=2", "?format=" + "x" * 3000]:
        fz.send(problems, "GET", f"/exercises/report{query}", role="responder")
    for tail in ["/post-mortem", "/post-mortem/customer", "/post-mortem/markdown",
                 "/post-mortem/markdown?version=customer"]:
        fz.send(problems, "GET", f"/incidents/{number}{tail}", role="responder")
    for path in ["/", "/actions", "/exercises"]:
        fz.send(problems, "GET", path, role="responder")
    fz.read_back(problems, number, after="the continuity forms above", full=True)
    report(problems)


ANSWERS = {
    "became_aware_at": ["2026-01-01T09:00"], "role": ["controller"], "nature": ["confidentiality", "availability"],
    "data_categories": ["identity", "contact"], "categories_complete": ["true"], "data_subjects": ["140"],
    "vulnerable_subjects": ["false"], "protection": ["encrypted"], "key_compromised": ["false"],
    "protected_categories": ["identity"], "recipients": ["unknown"], "recipients_count": ["3"],
    "exfiltration": ["confirmed"], "backup_available": ["false"], "restore_hours": ["4"], "permanent_loss": ["true"],
    "service_impact": ["minor"], "cause": ["malicious"], "misuse_observed": ["false"], "data_recovered": ["false"],
    "mitigations": ["access_revoked"], "risk_answers": ["financial"], "plan_risk_answers": ["financial_loss"],
    "individual_notice_disproportionate": ["false"],
}
STEPS = {
    "aware": ["became_aware_at"], "role": ["role"], "nature": ["nature"],
    "categories": ["data_categories", "categories_complete"], "people": ["data_subjects", "vulnerable_subjects"],
    "protection": ["protection", "key_compromised", "protected_categories"],
    "recipients": ["recipients", "recipients_count", "exfiltration"],
    "availability": ["backup_available", "restore_hours", "permanent_loss", "service_impact"],
    "cause": ["cause", "misuse_observed"], "measures": ["data_recovered", "mitigations"],
    "consequences": ["risk_answers", "plan_risk_answers", "individual_notice_disproportionate"],
}
WIZARD_NUMERIC = {"became_aware_at", "data_subjects", "recipients_count", "restore_hours"}
WIZARD_LISTS = {"nature", "data_categories", "protected_categories", "mitigations", "risk_answers",
                "plan_risk_answers"}


def carried(answers, but=()):
    return [(f"a_{k}", v) for k, values in answers.items() if k not in but for v in values]


def test_assessment_wizard_survives_every_answer(fz):
    problems = []
    number = fz.new_incident()
    path = f"/incidents/{number}/assess"
    step = lambda pairs, **kw: fz.send(problems, "POST", path, role="responder", form=pairs, **kw)
    fz.send(problems, "GET", path, role="responder")
    # Each question of each page: nasty, unknown, repeated and missing answers.
    for step_id, fields in STEPS.items():
        for field in fields:
            values = (some(FORM_VALUES, 6, FORM_ALWAYS, salt=field) if field in WIZARD_NUMERIC
                      else ["1e300", "x" * 100_000])
            others = [(f"q_{f}", v) for f in fields if f != field for v in ANSWERS[f]]
            base = [("step", step_id), ("action", "next")] + carried(ANSWERS, but=fields) + others
            for v in values:
                step(base + [(f"q_{field}", v)])
            if field in WIZARD_NUMERIC or field in WIZARD_LISTS:
                step(base + [(f"q_{field}", "1e300"), (f"q_{field}", "1e300"), (f"q_{field}_unknown", "1"),
                             (f"q_{field}_unknown", "0")])
                step(base + [(f"q_{field}", v) for v in ANSWERS[field] * 3])
                step(base)
    # The check page and the decision, with every carried answer absurd in turn: what is accepted is stored,
    # so the incident's pages are read back after each.
    submit = [("step", "check"), ("action", "next")]
    for field in ANSWERS:
        values = some(FORM_VALUES, 4, FORM_ALWAYS, salt=field) if field in WIZARD_NUMERIC else ["1e300"]
        # Read back after the numbers; a yes/no or a choice cannot store a number.
        after = number if field in WIZARD_NUMERIC else None
        for v in values:
            step(submit + carried(ANSWERS, but=[field]) + [(f"a_{field}", v)], readback=after)
        step(submit + carried(ANSWERS) + [(f"a_{field}", "1e300")], readback=after)  # repeated
        step(submit + carried(ANSWERS, but=[field]), readback=after)                  # missing
    step(submit + carried(ANSWERS) + carried(ANSWERS), readback=number)                # everything twice
    step(submit + [(f"a_{k}", "unknown") for k in ANSWERS], readback=number)
    # Navigation with absurd targets.
    for action in ["goto:people", "goto:availability", "goto:consequences", "goto:", "goto:x" * 1000, "back", "",
                   Raw("%FF")]:
        for step_id in ["aware", "check", "x" * 200]:
            step([("step", step_id), ("action", action)] + carried(ANSWERS))
    mix = rng("wizard")
    step([("step", "check")] + [(f"a_{k}", mix.choice(FORM_VALUES)) for k in ANSWERS], readback=number)
    fz.read_back(problems, number, after="the wizard above", full=True)
    report(problems)


def test_account_admin_and_page_forms_survive(fz):
    problems = []
    # Account: the password check costs a bcrypt round, so few of those.
    for pairs in [[("current_password", "1e300"), ("password", "x" * 100_000), ("password_confirm", "1e300")],
                  [("current_password", Raw("%FF")), ("password", "-1")], [],
                  [("current_password", "a"), ("current_password", PASSWORD + "x"), ("password[]", "1")]]:
        fz.send(problems, "POST", "/account/password", role="responder", form=pairs)
    fz.send(problems, "POST", "/account/2fa/start", role="responder", form=[])
    codes = ["1e300", "-1", "①②③④⑤⑥", "١٢٣٤٥٦", "９９９９９９", "000000", "x" * 100_000, "", Raw("%FF"), Raw("%")]
    for v in codes:
        fz.send(problems, "POST", "/account/2fa/enable", role="responder", form=[("code", v), ("key", v)])
        fz.send(problems, "POST", "/account/tokens", role="responder", form=[("name", v)])
    fz.send(problems, "POST", "/account/2fa/enable", role="responder", form=[("code", "1"), ("code", "2")])
    for v in [str(uuid.uuid4()), "1e300", "x" * 200, "%00", "%FF", "-1"]:
        fz.send(problems, "POST", f"/account/tokens/{v}/revoke", role="responder", form=[])
    # Admin: users (only valid input costs a bcrypt round), roles, disabling, settings.
    user_base = {"name": "Fuzz", "email": "fuzz@example.invalid", "role": "viewer", "password": "x"}
    for pairs in form_cases(user_base, numeric=("role",), rounds=3):
        fz.send(problems, "POST", "/admin/users", role="admin", form=pairs)
    fz.send(problems, "POST", "/admin/users", role="admin",
            form=[("name", "Fuzz 2"), ("email", "fuzz2@example.invalid"), ("role", "viewer"), ("role", "admin"),
                  ("password", PASSWORD)])
    viewer_id = json.loads(requests.get(fz.server.url + "/api/v1/users", timeout=30, headers={
        "Authorization": f"Bearer {fz.tokens['admin']}"}).text)["users"]
    viewer_id = next(u["id"] for u in viewer_id if u["email"] == "viewer@example.invalid")
    for target in [viewer_id, str(uuid.uuid4()), "1e300", "%FF"]:
        for v in ["1e300", "", "admin ", "x" * 100_000, Raw("%FF"), "viewer"]:
            fz.send(problems, "POST", f"/admin/users/{target}/role", role="admin", form=[("role", v)])
        fz.send(problems, "POST", f"/admin/users/{target}/role", role="admin", form=[("role", "viewer"),
                                                                                       ("role", "admin")])
        if target != viewer_id:
            fz.send(problems, "POST", f"/admin/users/{target}/disable", role="admin", form=[])
    for v in ["1e300", "", "x" * 100_000, Raw("%FF"), "ON"]:
        fz.send(problems, "POST", "/admin/settings", role="admin", form=[("require_two_factor", v)])
    fz.send(problems, "POST", "/admin/settings", role="admin", form=[("require_two_factor", "off")])
    for path in ["/admin/users", "/admin/settings", "/admin/audit", "/account", "/incidents/new"]:
        fz.send(problems, "GET", path, role="admin")
    # Pages with queries and paths a person can type.
    for v in ["1e300", "-1", "x" * 5000, "%FF", "%00", "/%5Cevil.example", "//evil.example", "/%0d%0aX:1",
              "INC-2026-" + "9" * 40, Raw("%")]:
        for path in ["/incidents?after=", "/login?next=", "/lang/en?back=", "/lang/nb?back=", "/login/2fa?next=",
                     "/?x="]:
            fz.send(problems, "GET", path + v, role="responder")
    for code in ["en", "nb", "xx", "x" * 200, "%FF", "%00"]:
        fz.send(problems, "GET", f"/lang/{code}", role="responder")
    for number in some(NUMBERS, 5, salt="page numbers"):
        for tail in ["", "/print", "/edit", "/assess"]:
            fz.send(problems, "GET", f"/incidents/{number}{tail}", role="responder")
        fz.send(problems, "POST", f"/incidents/{number}/notes", role="responder", form=[("note", "x")])
    # Setup links (an admin exists, so every one is dead), with and without a session.
    for token in ["x", "x" * 200, "%FF", "%00", "1e300"]:
        fz.send(problems, "GET", f"/setup/{token}")
        fz.send(problems, "POST", f"/setup/{token}", role="responder",
                form=[("name", "1e300"), ("email", "a@b.c"), ("password", "x" * 100_000), ("password_confirm", "")])
    report(problems)


def test_login_forms_survive(fz):
    """Last of the server tests: failed logins count towards the address's throttle."""
    problems = []
    fresh = requests.Session()
    page = fresh.get(fz.server.url + "/login", timeout=30)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    cases = [[("email", v), ("password", v), ("next", v)] for v in
             ["1e300", "", "x" * 100_000, "١٢٣", Raw("%FF%FE"), "/%5Cevil.example"]]
    cases += [[("email", "responder@example.invalid"), ("email", "admin@example.invalid"), ("password", "1"),
               ("password", "2")], [("email[]", "a")], [(DEEP_KEY, "1")], []]
    for pairs in cases:
        body = form_body([("_csrf", csrf)] + pairs)
        for path in ["/login", "/login/2fa"]:
            try:
                r = fresh.post(fz.server.url + path, data=body, allow_redirects=False, timeout=30,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
                if r.status_code >= 500:
                    problems.append(f"POST {path} body={short(body)!r} → {r.status_code}")
            except requests.RequestException as e:
                problems.append(f"POST {path} body={short(body)!r} → no answer ({e.__class__.__name__})")
            dead = fz.alive()
            if dead:
                problems.append(f"POST {path} body={short(body)!r} → {dead}")
    fz.send(problems, "POST", "/logout", role="admin", form=[("x", "1e300")])
    report(problems)


def test_a_long_path_segment_is_not_a_server_error(fz):
    """A path segment longer than a file name may be (255 bytes) is a 404, not a 500."""
    problems = []
    long = "x" * 256
    fz.send(problems, "GET", f"/{long}")
    fz.send(problems, "GET", f"/incidents/INC-2026-{'9' * 300}", role="responder")
    fz.send(problems, "GET", f"/api/v1/incidents/INC-2026-{'9' * 300}", token="viewer")
    fz.send(problems, "POST", f"/api/v1/incidents/{fz.number}/clocks/{long}/done", token="responder", body="{}",
            content_type="application/json")
    fz.send(problems, "POST", f"/admin/users/{long}/role", role="admin", form=[("role", "viewer")])
    fz.send(problems, "POST", f"/account/tokens/{long}/revoke", role="responder", form=[])
    fz.send(problems, "POST", f"/admin/users/{'x' * 5000}/role", role="admin", form=[("role", "viewer")])
    fz.send(problems, "GET", f"/api/v1/incidents/INC-2026-{'9' * 5000}", token="viewer")
    report(problems)


# ---------------------------------------------------------------- CLI

TRAPS = (132, 133, 134, 139)  # SIGILL, SIGTRAP, SIGABRT, SIGSEGV as a shell reports them


def cli_outcome(job):
    """(what went wrong or None, exit code): bad input must end with exit 1 or 2 and a message."""
    args, text = job
    try:
        r = run(args, input=text, timeout=30)
    except Exception as e:  # a hang is a failure too
        return f"{e.__class__.__name__}", None
    if r.returncode < 0 or r.returncode in TRAPS:
        return f"exit {r.returncode}: {short(r.stderr, 200)}", r.returncode
    if r.returncode not in (0, 1, 2):
        return f"exit {r.returncode}", r.returncode
    if r.returncode != 0 and not (r.stderr.strip() or r.stdout.strip()):
        return f"exit {r.returncode} without a message", r.returncode
    return None, r.returncode


def run_all(jobs):
    """Runs the CLI jobs a few at a time (each is mostly process start-up)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(cli_outcome, jobs))


CLI_ALWAYS = ("1e300", "1e19", "-1", "NaN", "1e309", "9223372036854775808")
MUST_REFUSE = {"1e300", "-1e300", "1e19", "-1", "1e309", "NaN", "Infinity", "9223372036854775808",
               "18446744073709551616", "1" + "0" * 400}


def test_assess_cli_refuses_absurd_facts():
    problems = []
    cases = []
    for key in FACTS:
        numeric = key in NUMERIC_FACTS
        for raw in (some(JSON_NUMBERS, 8, CLI_ALWAYS, salt=key) if numeric else some(JSON_VALUES, 2, salt=key)):
            cases.append((key, raw, with_raw(FACTS, [key], raw)))
    for raw in some(JSON_NUMBERS, 8, CLI_ALWAYS, salt="category_subjects"):
        cases.append(("category_subjects.identity", raw, with_raw(FACTS, ["category_subjects", "identity"], raw)))
    for body in JSON_BODIES:
        cases.append(("(document)", "", body))
    cases.append(("restore_hours", "duplicate", json.dumps(FACTS)[:-1] + ', "restore_hours": 1e300}'))
    cases.append(("nature", "repeated", json.dumps({**FACTS, "nature": ["availability"] * 1000})))
    outcomes = run_all([(["assess", "--facts", "-"], text) for _, _, text in cases])
    for (key, raw, _), (what, code) in zip(cases, outcomes):
        if what:
            problems.append(f"assess --facts - with {key}={short(raw, 60)}: {what}")
        elif (key in NUMERIC_FACTS or key.startswith("category_subjects")) and raw in MUST_REFUSE and code != 2:
            problems.append(f"assess --facts - with {key}={short(raw, 60)}: exit {code}, want 2")
    report(problems)


YAML_NUMBERS = ["1e300", "-1e300", ".nan", ".NaN", ".inf", "-.inf", "-1", "0", "1e19", "9223372036854775808",
                "0x7fffffffffffffffffff", "0o7777777777777777777777777", "1_000_000_000_000_000_000_000", "1" + "0" * 400,
                "~", "[]", "{}", "[1e300]", "'1e300'", "x" * 100_000, "!!binary aGVsbG8=", "2026-01-01", "-0.0", "1:30"]
PLAN_NUMBERS = {
    "version": "version: {v}\n",
    "processor_notice_hours": "processor_notice_hours: {v}\n",
    "subjects_target_hours": "subjects_target_hours: {v}\n",
    "availability_grace_hours": "availability_grace_hours: {v}\n",
    "assess_within_hours": "assess_within_hours: {v}\n",
    "authority_follow_up_hours": "authority_follow_up_hours: {v}\n",
    "authority.notify_hours": "authority: {{name: Datatilsynet, notify_hours: {v}}}\n",
    "reminders_hours": "reminders_hours: [48, {v}, {v}]\n",
    "clocks.hours": "clocks:\n  - {{id: a, title: A, hours: {v}, owner: incident_lead}}\n",
    "severity.level": "severity:\n  - {{level: {v}, name: A, description: B}}\n",
    "risk_rules.data_subjects_over": "assessment:\n  risk_rules:\n    - {{level: high, any: [{{data_subjects_over: {v}}}]}}\n",
}


def test_plan_check_refuses_absurd_plans(tmp_path):
    problems = []
    head = "organisation:\n  name: Fuzz AS\n"
    cases = [(key, v, head + line.format(v=v)) for key, line in PLAN_NUMBERS.items()
             for v in (YAML_NUMBERS if key == "clocks.hours" else
                       some(YAML_NUMBERS, 2, ("1e300", ".nan", "-1"), salt=key))]
    cases += [
        ("deep list", "", head + "clocks: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        ("deep map", "", head + "assessment: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"),
        ("deep block", "", head + "".join("  " * i + f"k{i}:\n" for i in range(2000))),
        # Many clocks: checking them takes time growing with the square of their number (5,000 clocks
        # take ~1 s in a debug build, 16,000 ~19 s), so this stays at a size a real plan could have.
        ("many clocks", "", head + "clocks:\n" + "".join(f"  - {{id: c{i}, title: C, hours: {i % 9 + 1}, owner: x}}\n"
                                                        for i in range(3_000))),
        ("huge list", "", head + "reminders_hours: [" + ", ".join(["1e300"] * 200_000) + "]\n"),
        ("aliases", "", head + "a: &a [1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300, 1e300]\n"
                              "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
                              "reminders_hours: [*c, *c, *c, *c]\n"),
        ("duplicate keys", "", head + "processor_notice_hours: 1\nprocessor_notice_hours: 1e300\n"),
        ("not a map", "", "1e300\n"), ("empty", "", ""), ("binary", "", "\x00\xff\xfe"),
        ("tabs", "", head + "clocks:\n\t- {id: a}\n"), ("anchor loop", "", "a: &a [*a]\n"),
    ]
    jobs = []
    for i, (key, v, text) in enumerate(cases):
        path = tmp_path / f"plan-{i}.yaml"
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        jobs.append((["plan", "check", str(path)], None))
    for (key, v, _), (what, code) in zip(cases, run_all(jobs)):
        if what:
            problems.append(f"plan check with {key}={short(v, 40)}: {what}")
        elif v in {"1e300", "-1e300", ".nan", ".inf", "-.inf", "-1", "1e19", "1" + "0" * 400} and code != 1:
            problems.append(f"plan check with {key}={short(v, 40)}: exit {code}, want 1 (an error naming the line)")
    report(problems)


def multipart(fields, files, boundary="fuzzBOUNDARY7"):
    out = b""
    for name, value in fields:
        out += f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n".encode() + value + b"\r\n"
    for name, filename, data in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
                "Content-Type: text/csv\r\n\r\n").encode() + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


CSV_CASES = [
    b"", b"\xef\xbb\xbf", b"navn;e-post\n", b"\xff\xfe\x00n\x00a", b"name,email\n" + b"a,\"" * 20_000,
    b"email\n" + b"x" * 2_000_000, b"email;email;email\na@example.org;b@example.org;c@example.org\n",
    b"navn;kategorier\nA;" + b"|".join([b"contact"] * 5000) + b"\n", b"telefon\n" + b"9" * 400 + b"\n",
    b"f\xc3\xb8dselsnummer\n1e300\n-1\nNaN\n99999999999999999999999\n", b"email\r\r\r\n\n\na@example.org",
    b"\x00\x00\x00", "språk;e-post\nxx;a@example.org\n".encode(), b"\"unclosed\n" * 1000,
]


def test_csv_uploads_survive_broken_files(fz):
    """The list of affected persons: broken encodings, absurd sizes and cells, repeated columns; the server
    answers each with a page naming the problem, never a crash."""
    problems = []
    number = fz.new_incident()
    for data in CSV_CASES:
        body, ctype = multipart([("_csrf", fz.csrf("responder").encode())], [("file", "liste.csv", data)])
        fz.send(problems, "POST", f"/incidents/{number}/subjects", role="responder", body=body, content_type=ctype)
    # No file, two files, a field instead of a file, a broken multipart body.
    for fields, files in [([], []), ([], [("file", "a.csv", b"email\na@example.org\n")] * 2),
                          ([("file", b"email\na@example.org\n")], [])]:
        body, ctype = multipart([("_csrf", fz.csrf("responder").encode())] + fields, files)
        fz.send(problems, "POST", f"/incidents/{number}/subjects", role="responder", body=body, content_type=ctype)
    fz.send(problems, "POST", f"/incidents/{number}/subjects", role="responder", body=b"--x\r\n\r\n" * 1000,
            content_type="multipart/form-data; boundary=x")
    # The control: a good file through the same route is imported (so the cases above reached the reader).
    body, ctype = multipart([("_csrf", fz.csrf("responder").encode())],
                            [("file", "liste.csv", "navn;e-post\nKari Prøve;kari@example.org\n".encode())])
    r = fz.send(problems, "POST", f"/incidents/{number}/subjects", role="responder", body=body, content_type=ctype)
    assert r is not None and r.status_code in (200, 303), r.status_code if r is not None else None
    page = fz.browsers["responder"].get(f"{fz.server.url}/incidents/{number}/letters", timeout=30)
    count = int(re.search(r"<p><strong>(\d+)</strong>", page.text).group(1))
    page = fz.browsers["responder"].get(f"{fz.server.url}/incidents/{number}/letters?person={count}", timeout=30)
    assert "Kari Prøve" in page.text
    fz.read_back(problems, number, after="the uploads above", full=True)
    report(problems)
