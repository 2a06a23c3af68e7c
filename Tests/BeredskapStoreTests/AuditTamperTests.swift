import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import SQLKit
import Testing

/// Tampering with the stored rows directly, as someone with database access
/// could, is detected and the first bad entry named.
@Suite(.serialized) struct AuditTamperTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!

  func seeded(_ store: StoreRuntime) async throws -> any SQLDatabase {
    for i in 1...5 {
      try await AuditLog.record(
        on: store.db, actor: testActor, action: .settingsUpdate, subject: "thing:\(i)", fields: ["n": String(i)],
        now: now.addingTimeInterval(Double(i)))
    }
    #expect(try await verifyBothWays(store).finding == nil)
    return store.db as! any SQLDatabase
  }

  @Test func aChangedRowIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("UPDATE audit_entries SET actor = 'user:someone-else' WHERE seq = 3").run()
      #expect(try await verifyBothWays(store).finding == .altered(seq: 3))
    }
  }

  @Test func aDeletedRowIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("DELETE FROM audit_entries WHERE seq = 2").run()
      #expect(try await verifyBothWays(store).finding == .removed(seq: 2))
    }
  }

  @Test func aDeletedLastRowIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("DELETE FROM audit_entries WHERE seq = 5").run()
      #expect(try await verifyBothWays(store).finding == .truncated(afterSeq: 4, expectedLast: 5))
    }
  }

  @Test func anInsertedRowIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      // Make room, then slip a forged entry in as number 3.
      for seq in [5, 4, 3] {
        try await sql.raw("UPDATE audit_entries SET seq = seq + 1 WHERE seq = \(bind: seq)").run()
      }
      let forged = AuditEntry(
        seq: 3, at: now, actor: "user:x", action: "incident.delete", subject: "incident:INC-2026-001", fields: [:],
        previousHash: String(repeating: "f", count: 64))
      try await sql.raw(
        """
        INSERT INTO audit_entries (seq, at, actor, action, subject, fields, previous_hash, hash, version)
        VALUES (3, \(bind: now), 'user:x', 'incident.delete', 'incident:INC-2026-001', '{}', \(bind: forged.previousHash), \(bind: forged.hash), 2)
        """
      ).run()
      #expect(try await verifyBothWays(store).finding == .inserted(seq: 3))
    }
  }

  @Test func reorderedRowsAreNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      // Swap the contents of entries 2 and 3, keeping the numbering.
      try await sql.raw("UPDATE audit_entries SET seq = 100 WHERE seq = 2").run()
      try await sql.raw("UPDATE audit_entries SET seq = 2 WHERE seq = 3").run()
      try await sql.raw("UPDATE audit_entries SET seq = 3 WHERE seq = 100").run()
      let finding = try await verifyBothWays(store).finding
      #expect(finding == .altered(seq: 2))
    }
  }

  @Test func aColumnOfAnotherTypeIsAnAlteredEntry() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("UPDATE audit_entries SET actor = 42 WHERE seq = 4").run()
      #expect(try await verifyBothWays(store).finding == .altered(seq: 4))
    }
  }

  @Test func aTimeBeyondAnyCalendarIsAnAlteredEntryNotAStop() async throws {
    guard !isPostgres else { return }  // a PostgreSQL timestamp cannot hold it
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("UPDATE audit_entries SET at = 1e300 WHERE seq = 2").run()
      #expect(try await verifyBothWays(store).finding == .altered(seq: 2))
    }
  }

  @Test func concurrentWritersDoNotForkTheChain() async throws {
    try await withStore { store in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for i in 0..<40 {
          group.addTask {
            try await AuditLog.record(
              on: store.db, actor: testActor, action: .settingsUpdate, subject: "n:\(i)", now: self.now)
          }
        }
        try await group.waitForAll()
      }
      let v = try await verifyBothWays(store)
      #expect(v.count == 40 && v.finding == nil)
    }
  }
}

/// The trail is anchored outside the database: the data key and a head kept elsewhere.
@Suite(.serialized) struct AuditAnchorTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!

  func seeded(_ store: StoreRuntime, _ n: Int = 5) async throws -> any SQLDatabase {
    for i in 1...n {
      try await AuditLog.record(
        on: store.db, actor: testActor, action: .settingsUpdate, subject: "thing:\(i)", fields: ["n": String(i)],
        now: now.addingTimeInterval(Double(i)))
    }
    return store.db as! any SQLDatabase
  }

  @Test func aConsistentRewriteWithoutTheKeyIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      // Rewrite entry 3 and re-hash 3…5 exactly as Beredskap would, but without the data key.
      var previous = try await AuditEntryRecord.find(2, on: store.db)!.hash
      for seq in Int64(3)...5 {
        let r = try await AuditEntryRecord.find(seq, on: store.db)!
        var e = AuditEntry(
          seq: seq, at: r.at, actor: seq == 3 ? "user:someone-else" : r.actor, action: r.action, subject: r.subject,
          fields: AuditRecordBytes.parseFields(r.fields) ?? [:], previousHash: previous)
        e.seal(with: AuditKey(DataKey.generate()))
        try await sql.raw(
          """
          UPDATE audit_entries SET actor = \(bind: e.actor), previous_hash = \(bind: e.previousHash),
          hash = \(bind: e.hash), mac = \(bind: e.mac!) WHERE seq = \(bind: seq)
          """
        ).run()
        previous = e.hash
      }
      try await sql.raw("UPDATE audit_head SET hash = \(bind: previous) WHERE id = 1").run()
      #expect(try await verifyBothWays(store, keyless: true).finding == nil)  // the hashes alone are fooled
      #expect(try await verifyBothWays(store).finding == .unauthenticated(seq: 3))
    }
  }

  @Test func aRoleSetDirectlyInTheDatabaseIsNamed() async throws {
    try await withStore { store in
      let user = try await UserRepository(db: store.db).create(
        email: "v@example.invalid", name: "Vera Viewer", role: .viewer, passwordHash: nil, actor: testActor, now: now)
      #expect(try await verifyBothWays(store).finding == nil)
      try await (store.db as! any SQLDatabase).raw("UPDATE users SET role = 'admin' WHERE id = \(bind: user.id!)").run()
      #expect(
        try await verifyBothWays(store).finding == .roleOutsideTrail(user: "user:\(user.id!)", role: "admin"))
    }
  }

  @Test func userChangesCarryDigestsNotText() async throws {
    try await withStore { store in
      let user = try await UserRepository(db: store.db).create(
        email: "Kari@Example.invalid", name: "Kari Nordmann", role: .responder, passwordHash: nil, actor: .cli,
        now: now)
      let entry = try await AuditEntryRecord.query(on: store.db).filter(\.$subject == "user:\(user.id!)").first()
      let fields = try #require(entry.flatMap { AuditRecordBytes.parseFields($0.fields) })
      #expect(entry?.action == "user.create" && entry?.actor == "cli")
      #expect(fields["role"] == "responder")
      #expect(fields["name"] == AuditLog.digest("Kari Nordmann"))
      #expect(fields["email"] == AuditLog.digest("kari@example.invalid"))
      #expect(!(entry?.fields.contains("Kari") ?? true))
    }
  }

  @Test func theTrailMustStillExtendAKeptHead() async throws {
    try await withStore { store in
      let sql = try await seeded(store, 3)
      let kept = try await AuditLog.keptHead(on: store.db, now: now)
      #expect(kept.seq == 3)
      _ = try await seeded(store, 2)
      #expect(try await AuditLog.check(kept: kept, on: store.db) == nil)
      // Someone cuts the trail back to entry 2 and appends new entries from there.
      try await sql.raw("UPDATE audit_entries SET hash = 'x' WHERE seq = 3").run()
      #expect(try await AuditLog.check(kept: kept, on: store.db) == .headChanged(seq: 3))
      try await sql.raw("DELETE FROM audit_entries WHERE seq >= 3").run()
      #expect(try await AuditLog.check(kept: kept, on: store.db) == .headMissing(seq: 3))
      let forged = KeptHead(seq: 1, hash: kept.hash, at: now, key: AuditKey(DataKey.generate()))
      await #expect(throws: AuditLog.HeadNotIssued.self) { try await AuditLog.check(kept: forged, on: store.db) }
    }
  }

  /// On a SQLite file `audit verify` takes the direct reader (it would
  /// silently fall back to the slow paged path if, say, a dependency update
  /// changed what it relies on), in as many ranges as asked.
  @Test func aSQLiteFileIsReadDirectlyInRanges() async throws {
    try await withStore { store in
      _ = try await seeded(store)
      let direct = try await AuditLog.verify(on: store.db)
      let split = try await AuditLog.verify(on: store.db, ranges: 3)
      let paged = try await AuditLog.verify(on: store.db, direct: false)
      #expect(direct.reader == (isPostgres ? .paged : .sqliteFile(ranges: 1)))
      #expect(split.reader == (isPostgres ? .paged : .sqliteFile(ranges: 3)))
      #expect(paged.reader == .paged && direct.count == 5 && split.count == 5)
    }
  }

  /// A `seq` forged to the largest number splits into ranges without a trap.
  @Test func aSeqAtTheLimitIsAnAlteredEntry() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("UPDATE audit_entries SET seq = \(bind: Int64.max) WHERE seq = 5").run()
      #expect(try await verifyBothWays(store).finding == .altered(seq: Int64.max))
    }
  }

  @Test func verifyReadsInPagesAndNamesAnEntryOnALaterPage() async throws {
    try await withStore { store in
      let sql = try await seeded(store, 7)
      let v = try await AuditLog.verify(on: store.db, pageSize: 2, direct: false)
      #expect(v.count == 7 && v.finding == nil)
      try await sql.raw("UPDATE audit_entries SET subject = 'thing:x' WHERE seq = 6").run()
      #expect(try await AuditLog.verify(on: store.db, pageSize: 2, direct: false).finding == .altered(seq: 6))
    }
  }

  @Test func failedLoginsAreOneEntryPerWindowWithACount() async throws {
    try await withStore { store in
      for i in 0..<6 {
        try await AuditLog.record(
          on: store.db, actor: Actor(id: "anonymous", name: ""), action: .loginFailed, subject: "user:unknown",
          now: now.addingTimeInterval(Double(i * 60)))
      }
      try await AuditLog.record(
        on: store.db, actor: Actor(id: "anonymous", name: ""), action: .loginFailed, subject: "user:unknown",
        now: now.addingTimeInterval(16 * 60))
      let entries = try await AuditEntryRecord.query(on: store.db).filter(\.$action == "login.failed").sort(\.$id).all()
      #expect(entries.count == 2)
      let counts = try await FailedLogins.counts(on: store.db, entries: entries.map { $0.id! })
      #expect(counts[entries[0].id!] == 6 && counts[entries[1].id!] == 1)
      #expect(try await verifyBothWays(store).finding == nil)
    }
  }
}
