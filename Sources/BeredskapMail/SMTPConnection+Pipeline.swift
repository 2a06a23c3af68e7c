import NIOCore

/// Sending a group of messages with PIPELINING (RFC 2920): each message's
/// content and end go out in one write together with the next message's
/// MAIL FROM, RCPT TO and DATA, so each message costs one round trip. The
/// content is only written after the server's "go ahead" (354), as RFC 2920
/// requires, so a refused envelope can never make a message's lines be read
/// as commands. The whole group runs on the connection's event loop: one hop
/// there and one back per group, not several per message.
extension SMTPConnection {
  /// One message of a group.
  public struct Envelope: Sendable {
    public var from: String
    public var to: String
    public var message: [UInt8]

    public init(from: String, to: String, message: [UInt8]) {
      self.from = from
      self.to = to
      self.message = message
    }
  }

  /// What became of one message of a group.
  public enum Outcome: Sendable, Equatable {
    /// Accepted: the server's reply line after the message's end.
    case accepted(String)
    /// Refused at `stage`; nothing was delivered.
    case rejected(stage: String, reply: SMTPReply)
    /// The connection failed after the message's end was written: it may have been delivered.
    case handoverFailed(String)
    /// The connection failed before the message's content was written: it was not delivered.
    case notHandedOver(String)
    /// Nothing of it was written: the connection failed on an earlier message of the group.
    case notAttempted
  }

  /// Sends the messages in order over this connection, which must offer
  /// PIPELINING. Returns one outcome per message; after a connection failure
  /// the rest are `notHandedOver`.
  public func sendPipelined(_ group: [Envelope]) async -> [Outcome] {
    guard !group.isEmpty else { return [] }
    // Composed off the event loop: the commands (or a refusal) and the dot-stuffed content.
    let prepared = group.map { envelope in
      Prepared(
        commands: envelopeCommands(from: envelope.from, to: envelope.to, message: envelope.message),
        content: Self.dotStuffed(envelope.message))
    }
    let run = PipelineRun(connection: self, prepared: prepared)
    do {
      return try await channel.eventLoop.flatSubmit { run.start() }.get()
    } catch {
      // The event loop is gone: nothing was written.
      return Array(repeating: .notAttempted, count: group.count)
    }
  }

  struct Prepared {
    /// MAIL FROM, RCPT TO and DATA as bytes, or why the message is refused before anything is sent.
    var commands: Result<[UInt8], Refusal>
    var content: [UInt8]
  }

  struct Refusal: Error {
    var stage: String
    var reply: SMTPReply
  }

  /// The envelope's three commands, checked: no line break in a command, and
  /// an address outside ASCII only when the server offers SMTPUTF8.
  func envelopeCommands(from: String, to: String, message: [UInt8]) -> Result<[UInt8], Refusal> {
    let utf8 = !from.unicodeScalars.allSatisfy(\.isASCII) || !to.unicodeScalars.allSatisfy(\.isASCII)
    if utf8 && !capabilities.contains("SMTPUTF8") {
      return .failure(
        Refusal(
          stage: "an address with letters outside ASCII (the server lacks SMTPUTF8)",
          reply: SMTPReply(code: 553, lines: ["5.6.7 SMTPUTF8 not offered"])))
    }
    var mail = "MAIL FROM:<\(from)>"
    if utf8 { mail += " SMTPUTF8" }
    if capabilities.contains("8BITMIME"), message.contains(where: { $0 >= 0x80 }) { mail += " BODY=8BITMIME" }
    var bytes: [UInt8] = []
    for line in [mail, "RCPT TO:<\(to)>", "DATA"] {
      // No command may carry a line break: it would start a second command.
      guard !line.utf8.contains(where: { $0 == 10 || $0 == 13 }) else {
        return .failure(
          Refusal(
            stage: "the sender or recipient", reply: SMTPReply(code: 553, lines: ["5.1.3 a line break in an address"])))
      }
      bytes += Array(line.utf8) + [13, 10]
    }
    return .success(bytes)
  }
}

/// One group's conversation, on the connection's event loop only.
final class PipelineRun: @unchecked Sendable {
  let connection: SMTPConnection
  let prepared: [SMTPConnection.Prepared]
  var outcomes: [SMTPConnection.Outcome?]
  let loop: any EventLoop

  init(connection: SMTPConnection, prepared: [SMTPConnection.Prepared]) {
    self.connection = connection
    self.prepared = prepared
    self.outcomes = Array(repeating: nil, count: prepared.count)
    self.loop = connection.channel.eventLoop
  }

  static let stages = ["the sender", "the recipient", "the message"]

  func start() -> EventLoopFuture<[SMTPConnection.Outcome]> {
    // A connection failure is already in the outcome of the message it hit; the rest were not attempted.
    step(from: 0, head: [], headReply: .none).recover { _ in }.map { self.outcomes.map { $0 ?? .notAttempted } }
  }

  /// What the first reply after a write answers.
  enum HeadReply {
    case none
    /// The end of message `index`'s content.
    case end(Int)
    /// A lone "." closing a DATA the server went ahead with after a refused envelope.
    case emptyEnd
  }

  /// Writes `head` (the previous message's content, or nothing) and the next
  /// sendable message's envelope from `index` on, then reads their replies.
  func step(from index: Int, head: [UInt8], headReply: HeadReply) -> EventLoopFuture<Void> {
    var next = index
    var envelope: [UInt8] = []
    var resets = false
    scan: while next < prepared.count {
      switch prepared[next].commands {
      case .failure(let refusal):
        outcomes[next] = .rejected(stage: refusal.stage, reply: refusal.reply)
        next += 1
        continue scan
      case .success(let commands):
        if connection.needsReset {
          envelope = Array("RSET\r\n".utf8)
          resets = true
          connection.needsReset = false
        }
        envelope += commands
        break scan
      }
    }
    let current = next
    let resetting = resets
    var bytes = head
    bytes += envelope
    guard !bytes.isEmpty else { return loop.makeSucceededVoidFuture() }
    let envelopeReplies = envelope.isEmpty ? 0 : (resets ? 4 : 3)
    let (endReply, rest) = connection.exchangeOnLoop(
      bytes, expecting: (headReply.expectsReply ? 1 : 0) + envelopeReplies, headFirst: headReply.expectsReply)
    let recorded = endReply.map { end in
      if case .end(let sent) = headReply {
        self.connection.messagesSent += 1
        self.outcomes[sent] = end.code == 250 ? .accepted(end.line) : .rejected(stage: "the message", reply: end)
      }
    }.flatMapError { error in
      // The connection failed after the content was written: it may have arrived.
      if case .end(let sent) = headReply { self.outcomes[sent] = .handoverFailed("\(error)") }
      return self.loop.makeFailedFuture(error)
    }
    guard current < prepared.count else { return recorded }
    return recorded.flatMap {
      rest.flatMapError { error in
        // The connection failed before this message's content was written: it was not delivered.
        self.outcomes[current] = .notHandedOver("\(error)")
        return self.loop.makeFailedFuture(error)
      }
    }.flatMap { replies in
      let got = Array(replies.dropFirst(resetting ? 1 : 0))
      if got.count == 3, got.allSatisfy(\.isPositive), got[2].code == 354 {
        return self.step(from: current + 1, head: self.prepared[current].content, headReply: .end(current))
      }
      let refused = got.firstIndex { !$0.isPositive } ?? 2
      let reply = got.indices.contains(refused) ? got[refused] : SMTPReply(code: 554, lines: [])
      self.outcomes[current] = .rejected(stage: Self.stages[min(refused, 2)], reply: reply)
      self.connection.needsReset = true
      if reply.code == 421 || !self.connection.isOpen { return self.loop.makeSucceededVoidFuture() }
      // The server went ahead although the envelope failed: end the empty message.
      let wentAhead = got.count == 3 && got[2].code == 354
      return self.step(
        from: current + 1, head: wentAhead ? Array(".\r\n".utf8) : [], headReply: wentAhead ? .emptyEnd : .none)
    }
  }
}

extension PipelineRun.HeadReply {
  var expectsReply: Bool {
    switch self {
    case .none: false
    case .end, .emptyEnd: true
    }
  }
}

extension SMTPConnection {
  /// On the event loop: writes `bytes` and reads `count` replies within the
  /// time limit; a 421 closes the connection. With `headFirst` the first
  /// reply comes on its own (it answers the previous message's end) and the
  /// rest together; otherwise the first future is an empty placeholder.
  func exchangeOnLoop(_ bytes: [UInt8], expecting count: Int, headFirst: Bool) -> (
    head: EventLoopFuture<SMTPReply>, rest: EventLoopFuture<[SMTPReply]>
  ) {
    let loop = channel.eventLoop
    loop.preconditionInEventLoop()
    let replies = self.replies
    let channel = self.channel
    let futures = (0..<count).map { _ in
      replies.next(on: loop).map { reply in
        if reply.code == 421 { channel.close(promise: nil) }
        return reply
      }
    }
    if !bytes.isEmpty { channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil) }
    let timer = loop.scheduleTask(in: timeout) {
      replies.fail(SMTPError.connection("no answer within the time limit"))
      channel.close(promise: nil)
    }
    let head = headFirst ? futures[0] : loop.makeSucceededFuture(SMTPReply(code: 0, lines: []))
    let rest = EventLoopFuture.whenAllSucceed(Array(futures.dropFirst(headFirst ? 1 : 0)), on: loop)
    EventLoopFuture.andAllComplete(futures, on: loop).whenComplete { _ in timer.cancel() }
    return (head, rest)
  }
}
