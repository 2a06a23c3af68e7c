#!/usr/bin/env python3
"""Loads N generated incidents straight into a migrated SQLite database, as
if registered over a few years. Generated text only; no personal data."""
import random
import sqlite3
import sys
import time
import uuid

path, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261123)
words = ["Server", "Database", "E-post", "Innlogging", "Backup", "DNS", "SMS-varsling", "API", "Rapport", "Nettside"]
verbs = ["nede", "treg", "feilkonfigurert", "utilgjengelig", "lekket nøkkel", "feil mottaker", "full disk"]
now = time.time()
db = sqlite3.connect(path)
rows = []
for seq in range(1, count + 1):
    discovered = now - (count - seq) * 900 - rng.randint(0, 600)
    status = "closed" if rng.random() < 0.95 else rng.choice(["ongoing", "contained", "resolved"])
    rows.append((str(uuid.uuid4()).upper(), 2026, seq, f"{rng.choice(words)} {rng.choice(verbs)} #{seq}", "",
                 rng.randint(1, 4), status, discovered, "monitoring", None, "", None, None, discovered, discovered))
db.executemany(
    "INSERT INTO incidents (id, year, seq, title, summary, severity, status, discovered_at, discovered_by, occurred_at,"
    " systems_affected, attack_vector, owner_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
db.execute("INSERT INTO incident_counters (year, last) VALUES (2026, ?) ON CONFLICT (year) DO UPDATE SET last = ?",
           (count, count))
db.commit()
print(f"loaded {count} incidents ({sum(1 for r in rows if r[6] != 'closed')} open)")
