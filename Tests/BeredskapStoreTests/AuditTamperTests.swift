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
        on: store.db, actor: testActor, action: "test.event", subject: "thing:\(i)", fields: ["n": String(i)],
        now: now.addingTimeInterval(Double(i)))
    }
    #expect(try await AuditLog.verify(on: store.db).finding == nil)
    return store.db as! any SQLDatabase
  }

  @Test func aChangedRowIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("UPDATE audit_entries SET actor = 'user:someone-else' WHERE seq = 3").run()
      #expect(try await AuditLog.verify(on: store.db).finding == .altered(seq: 3))
    }
  }

  @Test func aDeletedRowIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("DELETE FROM audit_entries WHERE seq = 2").run()
      #expect(try await AuditLog.verify(on: store.db).finding == .removed(seq: 2))
    }
  }

  @Test func aDeletedLastRowIsNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      try await sql.raw("DELETE FROM audit_entries WHERE seq = 5").run()
      #expect(try await AuditLog.verify(on: store.db).finding == .truncated(afterSeq: 4, expectedLast: 5))
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
        INSERT INTO audit_entries (seq, at, actor, action, subject, fields, previous_hash, hash)
        VALUES (3, \(bind: now), 'user:x', 'incident.delete', 'incident:INC-2026-001', '{}', \(bind: forged.previousHash), \(bind: forged.hash))
        """
      ).run()
      #expect(try await AuditLog.verify(on: store.db).finding == .inserted(seq: 3))
    }
  }

  @Test func reorderedRowsAreNamed() async throws {
    try await withStore { store in
      let sql = try await seeded(store)
      // Swap the contents of entries 2 and 3, keeping the numbering.
      try await sql.raw("UPDATE audit_entries SET seq = 100 WHERE seq = 2").run()
      try await sql.raw("UPDATE audit_entries SET seq = 2 WHERE seq = 3").run()
      try await sql.raw("UPDATE audit_entries SET seq = 3 WHERE seq = 100").run()
      let finding = try await AuditLog.verify(on: store.db).finding
      #expect(finding == .altered(seq: 2))
    }
  }

  @Test func concurrentWritersDoNotForkTheChain() async throws {
    try await withStore { store in
      try await withThrowingTaskGroup(of: Void.self) { group in
        for i in 0..<40 {
          group.addTask {
            try await AuditLog.record(
              on: store.db, actor: testActor, action: "test.concurrent", subject: "n:\(i)", now: self.now)
          }
        }
        try await group.waitForAll()
      }
      let v = try await AuditLog.verify(on: store.db)
      #expect(v.count == 40 && v.finding == nil)
    }
  }
}
