import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import SQLKit
import Testing

@Suite("Outbox", .serialized)
struct OutboxTests {
  func message(_ to: String) throws -> OutboxDraft {
    let m = try MailMessage(
      from: MailAddress("personvern@example.no", field: "from"), to: MailAddress(to, field: "to"),
      subject: "Brudd på personopplysningssikkerheten", body: "Hei\n", date: Date())
    return OutboxDraft(kind: .letter, incidentID: UUID(), message: m)
  }

  @Test("enqueue belongs to the caller's transaction: a failed approval leaves nothing queued")
  func enqueueIsTransactional() async throws {
    try await withStore { store in
      struct Abort: Error {}
      await #expect(throws: Abort.self) {
        try await store.db.writeTransaction { tx in
          try await Outbox(db: tx).enqueue([try message("kari@example.no")], now: Date())
          throw Abort()
        }
      }
      let n = try await OutboxMessageRecord.query(on: store.db).count()
      #expect(n == 0)
    }
  }

  @Test("the address and the copy are sealed at rest; the copy is checked against its hash")
  func sealedAtRest() async throws {
    try await withStore { store in
      let ids = try await Outbox(db: store.db).enqueue([try message("kari.nordmann@example.no")], now: Date())
      let rows = try await (store.db as! any SQLDatabase).raw("SELECT recipient, message FROM outbox_messages").all()
      let raw = try rows.map {
        try $0.decode(column: "recipient", as: String.self) + $0.decode(column: "message", as: String.self)
      }
      #expect(raw.count == 1)
      #expect(!raw[0].contains("kari.nordmann"))
      #expect(!raw[0].contains("personopplysning"))
      let copy = try #require(try await Outbox(db: store.db).copy(ids[0]))
      #expect(copy.recipient == "kari.nordmann@example.no")
      #expect(String(decoding: copy.message, as: UTF8.self).contains("To: <kari.nordmann@example.no>"))
    }
  }

  @Test("a claim takes the oldest due messages first, queued, due retries and expired leases alike, up to its limit")
  func claimsOldestDueFirst() async throws {
    try await withStore { store in
      let outbox = Outbox(db: store.db)
      let incident = UUID()
      let start = Date(timeIntervalSince1970: 1_795_000_000)
      var drafts: [OutboxDraft] = []
      for n in 0..<6 {
        var draft = try message("p\(n)@example.no")
        draft.incidentID = incident
        drafts.append(draft)
      }
      let ids = try await outbox.enqueue(drafts, now: start)
      let me = OutboxClaimant.current()
      let other = OutboxClaimant(host: "elsewhere", pid: 2, start: 2)
      // 0: a retry not yet due; 1: a retry due; 2: claimed by another instance, lease over; 3-5 queued.
      #expect(
        try await outbox.claim(limit: 3, incidentID: incident, kinds: [.letter], claimant: other, now: start).count == 3
      )
      try await outbox.markFailed(ids[0], claimant: other, reply: "451", retryAt: start.addingTimeInterval(3600))
      try await outbox.markFailed(ids[1], claimant: other, reply: "451", retryAt: start.addingTimeInterval(10))
      let later = start.addingTimeInterval(400)
      let first = try await outbox.claim(limit: 3, incidentID: incident, kinds: [.letter], claimant: me, now: later)
      #expect(first.map(\.id) == [ids[1], ids[2], ids[3]])
      #expect(first.map(\.attempts) == [2, 2, 1])
      let rest = try await outbox.claim(limit: 10, incidentID: incident, kinds: [.letter], claimant: me, now: later)
      #expect(rest.map(\.id) == [ids[4], ids[5]])
      #expect(
        try await outbox.claim(limit: 10, incidentID: incident, kinds: [.reminder], claimant: me, now: later).isEmpty)
      let anyIncident = try await outbox.claim(
        limit: 10, incidentID: nil, kinds: [.letter], claimant: me, now: later.addingTimeInterval(3600))
      // An hour on, the retry is due and this claimant's own leases have run out: all six, oldest first.
      #expect(anyIncident.map(\.id) == ids)
    }
  }

  @Test(
    "a claim for handover records the last group's outcomes and marks the next group at once; after a crash it is flagged"
  )
  func claimForHandover() async throws {
    try await withStore { store in
      let outbox = Outbox(db: store.db)
      let incident = UUID()
      let start = Date(timeIntervalSince1970: 1_795_000_000)
      var drafts: [OutboxDraft] = []
      for n in 0..<4 {
        var draft = try message("p\(n)@example.no")
        draft.incidentID = incident
        drafts.append(draft)
      }
      let ids = try await outbox.enqueue(drafts, now: start)
      let me = OutboxClaimant.current()
      let first = try await outbox.claim(
        limit: 2, incidentID: incident, kinds: [.letter], claimant: me, now: start, handingOver: true)
      #expect(first.map(\.id) == Array(ids[0..<2]))
      let done: [Outbox.Settlement] = [
        .sent(ids[0], reply: "250 2.0.0 Ok", at: start),
        .failed(ids[1], reply: "550 no", retryAt: nil, handedOver: false),
      ]
      let second = try await outbox.claim(
        limit: 2, incidentID: incident, kinds: [.letter], claimant: me, now: start, settling: done, handingOver: true)
      #expect(second.map(\.id) == Array(ids[2..<4]))
      let entries = try await outbox.entries(incidentID: incident)
      #expect(entries.map(\.status) == [.sent, .failedPermanently, .handingOver, .handingOver])
      #expect(entries[0].reply == "250 2.0.0 Ok" && entries[0].sentAt == start)
      // The process dies with the group in flight: whoever takes it over sees it may have gone out.
      let next = OutboxClaimant(host: "elsewhere", pid: 2, start: 2)
      let taken = try await outbox.claim(
        limit: 10, incidentID: incident, kinds: [.letter], claimant: next, now: start.addingTimeInterval(301))
      #expect(taken.map(\.id) == Array(ids[2..<4]))
      #expect(taken.map(\.maybeSentTwice) == [true, true])
    }
  }
}
