import BeredskapCore
import BeredskapMail
import BeredskapStore
import Foundation
import Testing

@Suite("No letter lost, none sent twice unless it was being handed over", .serialized)
struct CrashRecoveryTests {
  /// The pid of a process that has ended: a dispatcher killed with `kill -9`.
  func deadPid() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
  }

  @Test("a dead claimant's messages are taken over at once: merely claimed silently, handing over flagged")
  func deadClaimantTakenOver() async throws {
    try await withMail { store, server in
      let outbox = Outbox(db: store.db)
      let ids = try await outbox.enqueue(
        try ["a", "b", "c", "d"].map { try letter(to: "\($0)@example.no") }, now: Date())
      let here = OutboxClaimant.current().host
      let dead = OutboxClaimant(host: here, pid: try deadPid(), start: 12345)
      let claimed = try await outbox.claim(
        limit: 2, incidentID: incidentA, kinds: [.letter], claimant: dead, now: Date())
      #expect(claimed.map(\.id) == Array(ids[0..<2]))
      #expect(try await outbox.markHandingOver(ids[0], claimant: dead, now: Date()))
      // Another host's live lease is respected.
      let elsewhere = OutboxClaimant(host: "other-host", pid: 1, start: 1)
      _ = try await outbox.claim(limit: 1, incidentID: incidentA, kinds: [.letter], claimant: elsewhere, now: Date())

      let report = try await dispatcher(store, try settings(server)).run(incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 3)
      #expect(report.maybeSentTwice == 1)
      let entries = try await outbox.entries(incidentID: incidentA)
      #expect(entries.map(\.status) == [.sent, .sent, .sending, .sent])
      #expect(entries.map(\.maybeSentTwice) == [true, false, false, false])
      #expect(try server.messages().count == 3)

      // Once the other host's lease has run out, its message is sent too, without a flag.
      var later = dispatcher(store, try settings(server))
      later.clock = { Date().addingTimeInterval(301) }
      #expect(try await later.run(incidentID: incidentA, kinds: [.letter]).sent == 1)
      let after = try await outbox.entries(incidentID: incidentA)
      #expect(after.map(\.status) == [.sent, .sent, .sent, .sent])
      #expect(after[2].maybeSentTwice == false)
    }
  }

  @Test("a connection lost after the message's end: sent again and recorded as possibly sent twice")
  func replyLostAfterHandover() async throws {
    try await withMail { store, server in
      let ids = try await Outbox(db: store.db).enqueue([try letter(to: "drop-once@example.no")], now: Date())
      let report = try await dispatcher(store, try settings(server)).run(incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 1)
      let entry = try #require(try await Outbox(db: store.db).entry(ids[0]))
      #expect(entry.status == .sent)
      #expect(entry.maybeSentTwice)
      #expect(entry.attempts == 2)
      #expect(try server.messages().count == 2)
    }
  }

  @Test("two dispatchers on one database send each of 500 messages once")
  func twoDispatchersShareTheWork() async throws {
    try await withMail { store, server in
      let drafts = try (0..<500).map { try letter(to: "p\($0)@example.no", body: "Brev nummer \($0)\n") }
      try await Outbox(db: store.db).enqueue(drafts, now: Date())
      let one = dispatcher(
        store, try settings(server), claimant: OutboxClaimant(host: "instance-a", pid: 1, start: 1), batchSize: 20)
      let two = dispatcher(
        store, try settings(server), claimant: OutboxClaimant(host: "instance-b", pid: 1, start: 1), batchSize: 20)
      async let a = one.run(incidentID: incidentA, kinds: [.letter])
      async let b = two.run(incidentID: incidentA, kinds: [.letter])
      let (ra, rb) = try await (a, b)
      #expect(ra.sent + rb.sent == 500)
      let received = try server.messages()
      #expect(received.count == 500)
      #expect(Set(received.compactMap { header("Message-ID", in: $0) }).count == 500)
      #expect(try await Outbox(db: store.db).counts(incidentID: incidentA) == [.sent: 500])
    }
  }
}
