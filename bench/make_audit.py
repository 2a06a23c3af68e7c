"""Builds an audit trail of N format-2 entries, sealed with the data key, straight
into a migrated SQLite file, and writes the exact bytes `audit verify` hashes
(previous hash, newline, canonical bytes, per entry) to a file for openssl.

usage: make_audit.py DB.sqlite N DATA_KEY_BASE64 CANONICAL_OUT
Written independently of the Swift encoder, so the benchmark also checks that
both agree on a million entries."""
import base64
import hashlib
import hmac
import sqlite3
import sys
import uuid

db_path, n, key_b64, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ikm = base64.b64decode(key_b64)
prk = hmac.new(b"beredskap", ikm, hashlib.sha256).digest()           # HKDF-Extract(salt, IKM)
audit_key = hmac.new(prk, b"beredskap/audit-trail/v1\x01", hashlib.sha256).digest()  # HKDF-Expand, 32 bytes
mac_base = hmac.new(audit_key, digestmod=hashlib.sha256)

actors = [f"user:{str(uuid.UUID(int=i + 1)).upper()}" for i in range(20)]
start_ms = 1_790_000_000_000
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=OFF")
previous = "0" * 64
rows = []
with open(out_path, "wb") as out:
    for seq in range(1, n + 1):
        at_ms = start_ms + seq * 1000
        actor = actors[seq % len(actors)]
        number = f"INC-2026-{seq % 999 + 1:03d}"
        fields = ('{"severity":"2 → 1","status":"open → contained","title":"sha256:'
                  + hashlib.sha256(str(seq).encode()).hexdigest() + '"}')
        canonical = b"beredskap.audit/2\n"
        for value in (str(seq), str(at_ms), actor, "incident.update", "incident:" + number, fields):
            b = value.encode()
            canonical += str(len(b)).encode() + b":" + b + b"\n"
        hashed = previous.encode() + b"\n" + canonical
        out.write(hashed)
        digest = hashlib.sha256(hashed).hexdigest()
        m = mac_base.copy()
        m.update(bytes.fromhex(digest))
        rows.append((seq, at_ms / 1000.0, actor, "incident.update", "incident:" + number, fields, previous, digest, 2,
                     m.hexdigest()))
        previous = digest
        if len(rows) == 50_000:
            db.executemany("INSERT INTO audit_entries (seq, at, actor, action, subject, fields, previous_hash, hash, "
                           "version, mac) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            rows = []
    if rows:
        db.executemany("INSERT INTO audit_entries (seq, at, actor, action, subject, fields, previous_hash, hash, "
                       "version, mac) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
db.execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (n, previous))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
