import BeredskapCore
import Foundation
import Testing

@Suite struct AuditChainTests {
  func chain(_ n: Int) -> [AuditEntry] {
    var out: [AuditEntry] = []
    for i in 1...n {
      out.append(
        AuditEntry(
          seq: Int64(i), at: Date(timeIntervalSince1970: 1_790_000_000 + Double(i)), actor: "user:1",
          action: "incident.update", subject: "incident:INC-2026-00\(i)", fields: ["status": "contained"],
          previousHash: out.last?.hash ?? AuditEntry.genesisHash))
    }
    return out
  }

  @Test func anIntactChainVerifies() {
    let c = chain(5)
    #expect(AuditChain.verify(c, head: .init(seq: 5, hash: c[4].hash)) == nil)
    #expect(AuditChain.verify([], head: nil) == nil)
  }

  @Test func anAlteredEntryIsNamed() {
    var c = chain(5)
    c[2].fields["status"] = "resolved"
    #expect(AuditChain.verify(c, head: nil) == .altered(seq: 3))
  }

  @Test func aRemovedEntryIsNamed() {
    var c = chain(5)
    c.remove(at: 1)
    #expect(AuditChain.verify(c, head: nil) == .removed(seq: 2))
  }

  @Test func aRemovedLastEntryIsCaughtByTheHead() {
    let c = chain(5)
    #expect(
      AuditChain.verify(Array(c.prefix(4)), head: .init(seq: 5, hash: c[4].hash))
        == .truncated(afterSeq: 4, expectedLast: 5))
  }

  @Test func anInsertedEntryIsNamed() {
    var c = chain(5)
    let forged = AuditEntry(
      seq: 3, at: Date(), actor: "user:9", action: "incident.delete", subject: "incident:x", fields: [:],
      previousHash: String(repeating: "a", count: 64))
    c.insert(forged, at: 2)
    #expect(AuditChain.verify(c, head: nil) == .inserted(seq: 3))
  }

  @Test func swappedEntriesAreNamed() {
    var c = chain(5)
    // Renumber to keep seq ascending, as an attacker rewriting rows would.
    let a = c[1]
    let b = c[2]
    c[1] = AuditEntry(
      seq: 2, at: b.at, actor: b.actor, action: b.action, subject: b.subject, fields: b.fields,
      previousHash: b.previousHash, hash: b.hash)
    c[2] = AuditEntry(
      seq: 3, at: a.at, actor: a.actor, action: a.action, subject: a.subject, fields: a.fields,
      previousHash: a.previousHash, hash: a.hash)
    #expect(AuditChain.verify(c, head: nil) == .altered(seq: 2))
  }
}
