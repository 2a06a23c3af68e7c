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
}
