import BeredskapCore
import BeredskapMail
import BeredskapStore
import Foundation
import Testing

@Suite("Sending through a real SMTP server (aiosmtpd)", .serialized)
struct SMTPDeliveryTests {
  @Test("a letter arrives byte for byte as stored: UTF-8 subject and body, a line with only a dot")
  func arrivesByteCorrect() async throws {
    try await withMail { store, server in
      let body = "Hei Åse,\n.\n..to punktum\nVi beklager «dette».\n" + String(repeating: "æøå ", count: 40) + "\n"
      let subject = "Viktig: brudd på personopplysningssikkerheten – «les dette» 🛡️ og mer tekst som gjør emnet langt"
      let ids = try await Outbox(db: store.db).enqueue(
        [try letter(to: "ase@example.no", subject: subject, body: body)], now: Date())
      let report = try await dispatcher(store, try settings(server)).run(incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 1)
      let received = try server.messages()
      #expect(received.count == 1)
      let copy = try #require(try await Outbox(db: store.db).copy(ids[0]))
      #expect(received.first == copy.message)
      #expect(copy.recipient == "ase@example.no")
      let got = try #require(received.first)
      #expect(decodeWords(try #require(header("Subject", in: got))) == subject)
      #expect(decodeBody(got) == body)
      #expect(header("From", in: got) == "\"Beredskap AS\" <personvern@beredskap.example>")
      // Every line ends in CRLF and none is longer than RFC 5322's 78 characters.
      let text = String(decoding: got, as: UTF8.self)
      #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
      #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
      let entry = try #require(try await Outbox(db: store.db).entry(ids[0]))
      #expect(entry.status == .sent)
      #expect(entry.sentAt != nil)
      #expect(entry.reply?.hasPrefix("250 ") == true)
      #expect(header("Message-ID", in: got) == entry.messageID)
      #expect(!entry.maybeSentTwice)
    }
  }

  @Test("many messages go over one connection, pipelined or not", arguments: [true, false])
  func reusesOneConnection(pipelining: Bool) async throws {
    try await withMail(pipelining ? [] : ["--no-pipelining"]) { store, server in
      let drafts = try (0..<25).map { try letter(to: "person\($0)@example.no") }
      try await Outbox(db: store.db).enqueue(drafts, now: Date())
      let report = try await dispatcher(store, try settings(server), batchSize: 10).run(
        incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 25)
      #expect(report.connections == 1)
      #expect(try server.messages().count == 25)
      #expect(server.connections == 1)
    }
  }

  @Test("STARTTLS against a test certificate, with a login over the encrypted connection")
  func startTLS() async throws {
    try await withMail(["--starttls"]) { store, server in
      try await Outbox(db: store.db).enqueue([try letter(to: "kari@example.no")], now: Date())
      let s = try settings(server, starttls: "required", user: "beredskap:hemmelig@")
      let report = try await dispatcher(store, s, trust: server.certificate).run(
        incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 1)
      #expect(try server.messages().count == 1)
    }
  }

  @Test("a wrong password stops the run with a clear message; the letters stay queued")
  func wrongPassword() async throws {
    try await withMail(["--starttls"]) { store, server in
      try await Outbox(db: store.db).enqueue([try letter(to: "kari@example.no")], now: Date())
      let s = try settings(server, starttls: "required", user: "beredskap:feil@")
      await #expect(throws: SMTPError.self) {
        try await dispatcher(store, s, trust: server.certificate).run(incidentID: incidentA, kinds: [.letter])
      }
      #expect(try await Outbox(db: store.db).counts(incidentID: incidentA) == [.queued: 1])
      #expect(try server.messages().isEmpty)
    }
  }

  @Test("starttls=required fails closed against a server without STARTTLS: nothing is sent, nothing is lost")
  func requiredTLSFailsClosed() async throws {
    try await withMail { store, server in
      let ids = try await Outbox(db: store.db).enqueue([try letter(to: "kari@example.no")], now: Date())
      do {
        _ = try await dispatcher(store, try settings(server, starttls: "required")).run(
          incidentID: incidentA, kinds: [.letter])
        Issue.record("sent without TLS")
      } catch let error as SMTPError {
        #expect("\(error)".contains("STARTTLS"))
      }
      #expect(try server.messages().isEmpty)
      let entry = try #require(try await Outbox(db: store.db).entry(ids[0]))
      #expect(entry.status == .queued)
      #expect(entry.attempts == 0)
    }
  }

  @Test("a temporary refusal (451) is retried with backoff and then sent")
  func temporaryThenSent() async throws {
    try await withMail { store, server in
      let ids = try await Outbox(db: store.db).enqueue(
        [try letter(to: "temp-once@example.no"), try letter(to: "ok@example.no")], now: Date())
      let report = try await dispatcher(store, try settings(server)).run(incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 2)
      #expect(report.retrying == 0)
      let entry = try #require(try await Outbox(db: store.db).entry(ids[0]))
      #expect(entry.status == .sent)
      #expect(entry.attempts == 2)
      #expect(try server.messages().count == 2)
    }
  }

  @Test("a permanent refusal (550) is recorded and the next letter still goes over the same connection")
  func permanentRefusal() async throws {
    try await withMail { store, server in
      let ids = try await Outbox(db: store.db).enqueue(
        [try letter(to: "perm@example.no"), try letter(to: "ok@example.no")], now: Date())
      let report = try await dispatcher(store, try settings(server)).run(incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 1)
      #expect(report.failedPermanently == 1)
      #expect(server.connections == 1)
      let failed = try #require(try await Outbox(db: store.db).entry(ids[0]))
      #expect(failed.status == .failedPermanently)
      #expect(failed.reply?.hasPrefix("550") == true)
      #expect(try server.messages().count == 1)
    }
  }

  @Test("temporary failures stop after the last attempt and count as failed")
  func retriesAreBounded() async throws {
    try await withMail { store, server in
      try await Outbox(db: store.db).enqueue([try letter(to: "temp@example.no")], now: Date())
      let report = try await dispatcher(store, try settings(server)).run(incidentID: incidentA, kinds: [.letter])
      #expect(report.failedPermanently == 1)
      #expect(try await Outbox(db: store.db).counts(incidentID: incidentA) == [.failedPermanently: 1])
    }
  }

  @Test("only the asked kinds and incident are sent")
  func sendsOnlyWhatIsAsked() async throws {
    try await withMail { store, server in
      let other = UUID()
      try await Outbox(db: store.db).enqueue(
        [
          try letter(to: "a@example.no"), try letter(to: "b@example.no", kind: .controllerNotice),
          try letter(to: "c@example.no", kind: .reminder), try letter(to: "d@example.no", incident: other),
        ], now: Date())
      let report = try await dispatcher(store, try settings(server)).run(
        incidentID: incidentA, kinds: [.letter, .controllerNotice])
      #expect(report.sent == 2)
      #expect(try await Outbox(db: store.db).counts(incidentID: other) == [.queued: 1])
      #expect(try await Outbox(db: store.db).counts(incidentID: incidentA) == [.sent: 2, .queued: 1])
    }
  }
}
