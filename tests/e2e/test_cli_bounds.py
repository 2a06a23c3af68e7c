"""`beredskap assess` with numbers and times no breach has: exit 2 naming the field, never a crash."""
import datetime
import json

import pytest

from conftest import run

BASE = {
    "schema": "beredskap.breach-facts/1",
    "became_aware_at": "2026-05-12T08:30:00+02:00",
    "nature": ["availability", "confidentiality"],
    "data_categories": ["identity", "contact"],
}


@pytest.mark.parametrize(
    "extra, field",
    [
        ({"restore_hours": 1e300}, "restore_hours"),
        ({"exposure_hours": -1}, "exposure_hours"),
        ({"category_subjects": {"contact": 1e19}}, "category_subjects.contact"),
        ({"data_subjects": 1e19}, "data_subjects"),
        ({"recipients_count": 10000000001}, "recipients_count"),
        ({"records": 2.5}, "records"),
        ({"protection": "hashed", "protected_categories": ["national_id"]}, "protected_categories"),
    ],
)
def test_an_absurd_number_is_exit_2_naming_the_field(extra, field):
    r = run(["assess", "--facts", "-"], input=json.dumps({**BASE, **extra}))
    assert r.returncode == 2, (r.returncode, r.stderr)
    assert r.stdout == ""
    assert r.stderr.startswith(f"{field}: "), r.stderr


def test_nan_and_infinity_are_not_json():
    r = run(["assess", "--facts", "-"], input=json.dumps(BASE)[:-1] + ', "restore_hours": NaN}')
    assert r.returncode == 2 and r.stderr.strip() == "(document): is not valid JSON"


def test_an_awareness_time_in_the_future_is_refused():
    ahead = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")
    r = run(["assess", "--facts", "-"], input=json.dumps({**BASE, "became_aware_at": ahead}))
    assert r.returncode == 2
    assert r.stderr.startswith("became_aware_at: lies in the future"), r.stderr
    # Two minutes ahead is clock skew, not a typo.
    skew = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert run(["assess", "--facts", "-"], input=json.dumps({**BASE, "became_aware_at": skew})).returncode == 0


def test_the_largest_allowed_values_are_assessed():
    facts = {**BASE, "restore_hours": 87660, "data_subjects": 10000000000, "category_subjects": {"contact": 10000000000}}
    r = run(["assess", "--facts", "-", "--format", "text"], input=json.dumps(facts))
    assert r.returncode == 0, r.stderr
    assert "Meld til Datatilsynet: JA" in r.stdout


def test_token_create_follows_the_two_factor_policy(tmp_path):
    import sqlite3

    from conftest import add_user

    database = f"sqlite://{tmp_path}/policy.sqlite"
    add_user(database, "uten.tofaktor@example.invalid", "responder")
    con = sqlite3.connect(f"{tmp_path}/policy.sqlite")
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('require_two_factor', 'true')")
    con.commit()
    con.close()
    r = run(["token", "create", "--email", "uten.tofaktor@example.invalid", "--database", database])
    assert r.returncode == 2 and r.stdout == "", (r.returncode, r.stdout, r.stderr)
    assert "two-factor" in r.stderr
