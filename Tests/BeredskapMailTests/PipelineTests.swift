import BeredskapCore
import BeredskapMail
import BeredskapStore
import Foundation
import Testing

@Suite("A group of messages pipelined over one connection (RFC 2920)", .serialized)
struct PipelineTests {
  func envelope(_ to: String) throws -> SMTPConnection.Envelope {
    let draft = try letter(to: to)
    return SMTPConnection.Envelope(from: "personvern@beredskap.example", to: to, message: draft.bytes)
  }

  @Test("refusals in the middle of a group touch only their own message; the rest arrive, the connection stays")
  func refusalsInTheMiddle() async throws {
    let server = try TestSMTPServer()
    defer { server.stop() }
    let connection = try await SMTPConnection.open(try settings(server), group: testGroup)
    #expect(connection.supportsPipelining)
    let group = try ["one@example.no", "perm@example.no", "temp@example.no", "two@example.no"].map(envelope)
    let outcomes = await connection.sendPipelined(group)
    #expect(outcomes.count == 4)
    guard case .accepted(let first) = outcomes[0] else { Issue.record("\(outcomes[0])"); return }
    #expect(first.hasPrefix("250"))
    #expect(refusal(outcomes[1]) == "the recipient 550")
    #expect(refusal(outcomes[2]) == "the recipient 451")
    guard case .accepted = outcomes[3] else { Issue.record("\(outcomes[3])"); return }
    // The same connection takes the next group (after a reset of the refused transaction).
    let again = await connection.sendPipelined([try envelope("three@example.no")])
    guard case .accepted = again.first else { Issue.record("\(again)"); return }
    await connection.quit()
    let received = try server.messages()
    #expect(received.count == 3)
    #expect(received.compactMap { header("Message-ID", in: $0) }.count == 3)
    #expect(server.connections == 1)
    #expect(connection.messagesSent == 3)
  }

  @Test("a connection cut after a message's end: that one may have arrived, the rest were not attempted")
  func cutInTheMiddle() async throws {
    let server = try TestSMTPServer()
    defer { server.stop() }
    let connection = try await SMTPConnection.open(try settings(server), group: testGroup)
    let outcomes = await connection.sendPipelined(
      try ["one@example.no", "drop-once@example.no", "two@example.no"].map(envelope))
    guard case .accepted = outcomes[0] else { Issue.record("\(outcomes[0])"); return }
    guard case .handoverFailed = outcomes[1] else { Issue.record("\(outcomes[1])"); return }
    #expect(outcomes[2] == .notAttempted)
    #expect(try server.messages().count == 2)
  }

  @Test("after a crash a whole group is flagged «may have been sent twice», and only that group")
  func crashedGroupIsFlagged() async throws {
    try await withMail { store, server in
      let outbox = Outbox(db: store.db)
      let ids = try await outbox.enqueue(try (0..<8).map { try letter(to: "p\($0)@example.no") }, now: Date())
      let dead = OutboxClaimant(host: OutboxClaimant.current().host, pid: try deadPid(), start: 12345)
      // A dispatcher claimed 8, marked a group of 5 for handover and died.
      _ = try await outbox.claim(limit: 8, incidentID: incidentA, kinds: [.letter], claimant: dead, now: Date())
      let marked = try await outbox.settle([], handOver: Array(ids[0..<5]), claimant: dead, now: Date())
      #expect(marked == Set(ids[0..<5]))
      let report = try await dispatcher(store, try settings(server)).run(incidentID: incidentA, kinds: [.letter])
      #expect(report.sent == 8)
      #expect(report.maybeSentTwice == 5)
      let entries = try await outbox.entries(incidentID: incidentA)
      #expect(entries.map(\.maybeSentTwice) == [true, true, true, true, true, false, false, false])
      #expect(entries.allSatisfy { $0.status == .sent && $0.reply?.hasPrefix("250") == true && $0.sentAt != nil })
    }
  }
}

func refusal(_ outcome: SMTPConnection.Outcome) -> String? {
  guard case .rejected(let stage, let reply) = outcome else { return nil }
  return "\(stage) \(reply.code)"
}

func deadPid() throws -> Int32 {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/bin/true")
  try p.run()
  p.waitUntilExit()
  return p.processIdentifier
}
