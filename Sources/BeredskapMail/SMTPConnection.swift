import BeredskapCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One connection to the mail server, used for many messages in turn (not
/// concurrently): EHLO (HELO as fallback), STARTTLS or implicit TLS, AUTH
/// PLAIN/LOGIN over TLS only (or loopback), PIPELINING when offered.
public final class SMTPConnection: @unchecked Sendable {
  let channel: any Channel
  let replies: SMTPReplyHandler
  let settings: SMTPSettings
  let timeout: TimeAmount
  public private(set) var capabilities: Set<String> = []
  public private(set) var authMechanisms: Set<String> = []
  public private(set) var isEncrypted: Bool
  /// Messages sent over this connection so far.
  public internal(set) var messagesSent = 0
  var needsReset = false

  public var supportsPipelining: Bool { capabilities.contains("PIPELINING") }

  init(channel: any Channel, replies: SMTPReplyHandler, settings: SMTPSettings, encrypted: Bool) {
    self.channel = channel
    self.replies = replies
    self.settings = settings
    self.timeout = .milliseconds(Int64((settings.timeout * 1000).rounded()))
    self.isEncrypted = encrypted
  }

  /// Connects, greets, secures and logs in as the settings say.
  /// `trustRoots` replaces the system's CAs (a test certificate, a private CA).
  public static func open(
    _ settings: SMTPSettings, heloName: String = "beredskap.local", trustRoots: NIOSSLTrustRoots? = nil,
    group: any EventLoopGroup
  ) async throws -> SMTPConnection {
    let tls: NIOSSLContext?
    if settings.security != .none {
      var config = TLSConfiguration.makeClientConfiguration()
      config.minimumTLSVersion = .tlsv12
      if let trustRoots { config.trustRoots = trustRoots }
      do {
        tls = try NIOSSLContext(configuration: config)
      } catch {
        throw SMTPError.configuration("cannot set up TLS (\(error))")
      }
    } else {
      tls = nil
    }
    let serverName = Self.isIPAddress(settings.host) ? nil : settings.host
    let handler = SMTPReplyHandler()
    let implicit = settings.security == .implicitTLS
    let bootstrap = ClientBootstrap(group: group)
      .connectTimeout(.milliseconds(Int64((settings.timeout * 1000).rounded())))
      .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          if implicit, let tls {
            try channel.pipeline.syncOperations.addHandler(
              NIOSSLClientHandler(context: tls, serverHostname: serverName))
          }
          try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
          try channel.pipeline.syncOperations.addHandler(handler)
        }
      }
    let channel: any Channel
    do {
      channel = try await bootstrap.connect(host: settings.host, port: settings.port).get()
    } catch {
      throw SMTPError.connection("cannot connect to \(settings.host):\(settings.port)")
    }
    let connection = SMTPConnection(channel: channel, replies: handler, settings: settings, encrypted: implicit)
    do {
      try await connection.handshake(heloName: heloName, tls: tls, serverName: serverName)
    } catch {
      try? await channel.close()
      throw error
    }
    return connection
  }

  func handshake(heloName: String, tls: NIOSSLContext?, serverName: String?) async throws {
    let greeting = try await write([], expecting: 1)[0]
    guard greeting.code == 220 else { throw Self.refused("the greeting", greeting) }
    try await hello(heloName)
    if !isEncrypted, settings.security == .starttlsRequired || settings.security == .starttlsOpportunistic {
      if capabilities.contains("STARTTLS"), let tls {
        let reply = try await command("STARTTLS")
        guard reply.code == 220 else {
          if settings.security == .starttlsRequired { throw SMTPError.configuration("the server refused STARTTLS") }
          return try await authenticate()
        }
        let channel = self.channel
        try await channel.eventLoop.submit {
          try channel.pipeline.syncOperations.addHandler(
            NIOSSLClientHandler(context: tls, serverHostname: serverName), position: .first)
        }.get()
        isEncrypted = true
        // RFC 3207: forget what was learnt before TLS and ask again.
        try await hello(heloName)
      } else if settings.security == .starttlsRequired {
        throw SMTPError.configuration(
          "the server does not offer STARTTLS, and the settings require it (starttls=required): nothing was sent")
      }
    }
    try await authenticate()
  }

  func hello(_ name: String) async throws {
    let ehlo = try await command("EHLO \(name)")
    if ehlo.code == 250 {
      capabilities = []
      authMechanisms = []
      for line in ehlo.lines.dropFirst() {
        let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" })
        guard let first = words.first else { continue }
        capabilities.insert(String(first))
        if first == "AUTH" { authMechanisms.formUnion(words.dropFirst().map(String.init)) }
      }
      return
    }
    let helo = try await command("HELO \(name)")
    guard helo.code == 250 else { throw Self.refused("HELO", helo) }
    capabilities = []
  }

  func authenticate() async throws {
    guard let user = settings.username else { return }
    let password = settings.password ?? ""
    guard isEncrypted || settings.isLoopback else {
      throw SMTPError.configuration("the settings give a password, but the connection is not encrypted: not sent")
    }
    let reply: SMTPReply
    if authMechanisms.contains("PLAIN") || !authMechanisms.contains("LOGIN") {
      let token = Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
      reply = try await command("AUTH PLAIN \(token)")
    } else {
      let first = try await command("AUTH LOGIN")
      guard first.code == 334 else { throw SMTPError.configuration("the server refused the login (\(first.code))") }
      let second = try await command(Data(user.utf8).base64EncodedString())
      guard second.code == 334 else { throw SMTPError.configuration("the server refused the login (\(second.code))") }
      reply = try await command(Data(password.utf8).base64EncodedString())
    }
    guard reply.code == 235 else {
      throw SMTPError.configuration("the server refused the user name or password (\(reply.code))")
    }
  }

  /// The outcome of handing over one message.
  public enum Delivery: Sendable, Equatable {
    /// Accepted: the server's reply line after the message's end.
    case accepted(String)
    /// The claim was lost before anything was handed over: do not count it.
    case notHandedOver
  }

  /// Sends one message. `beforeHandover` runs after the server said "go
  /// ahead" (354) and before the message's end is written; when it returns
  /// false the message is abandoned (the connection is closed mid-DATA, so
  /// the server drops it). Throws `SMTPError.rejected` for a refusal and
  /// `HandoverError` when the connection failed after the handover began.
  public func send(
    from: String, to: String, message: [UInt8], beforeHandover: @Sendable () async throws -> Bool
  ) async throws -> Delivery {
    let utf8 = !from.unicodeScalars.allSatisfy(\.isASCII) || !to.unicodeScalars.allSatisfy(\.isASCII)
    if utf8 && !capabilities.contains("SMTPUTF8") {
      throw SMTPError.rejected(
        stage: "an address with letters outside ASCII (the server lacks SMTPUTF8)",
        reply: SMTPReply(code: 553, lines: ["5.6.7 SMTPUTF8 not offered"]))
    }
    var mail = "MAIL FROM:<\(from)>"
    if utf8 { mail += " SMTPUTF8" }
    if capabilities.contains("8BITMIME"), message.contains(where: { $0 >= 0x80 }) { mail += " BODY=8BITMIME" }
    var commands: [String] = []
    if needsReset { commands.append("RSET") }
    commands += [mail, "RCPT TO:<\(to)>", "DATA"]
    var got: [SMTPReply] = []
    if supportsPipelining {
      got = try await exchange(commands)
    } else {
      for command in commands {
        let reply = try await self.command(command)
        got.append(reply)
        if !reply.isPositive && command != "RSET" { break }
      }
    }
    if needsReset {
      needsReset = false
      got.removeFirst()
    }
    let stages = ["the sender", "the recipient", "the message"]
    for (index, reply) in got.enumerated() where !(reply.isPositive) {
      if got.count == 3, got[2].code == 354 {
        // The server went ahead although the envelope failed: end the empty message.
        _ = try? await exchange(["."])
      }
      needsReset = true
      throw SMTPError.rejected(stage: stages[min(index, 2)], reply: reply)
    }
    guard got.count == 3, got[2].code == 354 else {
      needsReset = true
      throw SMTPError.rejected(stage: "the message", reply: got.last ?? SMTPReply(code: 554, lines: []))
    }
    guard try await beforeHandover() else {
      try? await channel.close()
      return .notHandedOver
    }
    let end: SMTPReply
    do {
      end = try await write(Self.dotStuffed(message), expecting: 1)[0]
    } catch {
      throw HandoverError(underlying: "\(error)")
    }
    messagesSent += 1
    guard end.code == 250 else {
      needsReset = true
      throw SMTPError.rejected(stage: "the message", reply: end)
    }
    return .accepted(end.line)
  }

  /// The connection failed after the message's end may have reached the
  /// server: it may have been delivered.
  public struct HandoverError: Error, CustomStringConvertible {
    public var underlying: String
    public var description: String { "the connection failed while handing over a message: \(underlying)" }
  }

  public func quit() async {
    _ = try? await command("QUIT")
    try? await channel.close()
  }

  public func close() async { try? await channel.close() }

  public var isOpen: Bool { channel.isActive }

  // MARK: Wire

  func command(_ line: String) async throws -> SMTPReply {
    try await exchange([line])[0]
  }

  /// Writes the command lines in one write and reads one reply for each.
  func exchange(_ lines: [String]) async throws -> [SMTPReply] {
    var bytes: [UInt8] = []
    for line in lines {
      // No command may carry a line break: it would start a second command.
      guard !line.utf8.contains(where: { $0 == 10 || $0 == 13 }) else {
        throw SMTPError.configuration("a command with a line break was refused")
      }
      bytes += Array(line.utf8) + [13, 10]
    }
    return try await write(bytes, expecting: lines.count)
  }

  func write(_ bytes: [UInt8], expecting count: Int) async throws -> [SMTPReply] {
    let channel = self.channel
    let replies = self.replies
    let timeout = self.timeout
    let futures = try await channel.eventLoop.submit { () -> [EventLoopFuture<SMTPReply>] in
      let futures = (0..<count).map { _ in replies.next(on: channel.eventLoop) }
      if !bytes.isEmpty { channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil) }
      return futures
    }.get()
    let timer = channel.eventLoop.scheduleTask(in: timeout) {
      replies.fail(SMTPError.connection("no answer within the time limit"))
      channel.close(promise: nil)
    }
    defer { timer.cancel() }
    var out: [SMTPReply] = []
    for future in futures {
      let reply = try await future.get()
      if reply.code == 421 { try? await channel.close() }
      out.append(reply)
    }
    return out
  }

  /// CRLF line ends, a dot doubled at the start of a line (RFC 5321 4.5.2),
  /// and the closing `CRLF.CRLF`.
  static func dotStuffed(_ message: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(message.count + message.count / 64 + 5)
    var lineStart = true
    var previous: UInt8 = 0
    for byte in message {
      if byte == 10 && previous != 13 { out.append(13) }
      if lineStart && byte == UInt8(ascii: ".") { out.append(byte) }
      out.append(byte)
      lineStart = byte == 10
      previous = byte
    }
    if !(out.count >= 2 && out[out.count - 2] == 13 && out[out.count - 1] == 10) { out += [13, 10] }
    out += Array(".\r\n".utf8)
    return out
  }

  static func refused(_ what: String, _ reply: SMTPReply) -> SMTPError {
    reply.isTemporary
      ? .connection("the server refused \(what) for now (\(reply.code))")
      : .configuration("the server refused \(what) (\(reply.code))")
  }

  static func isIPAddress(_ host: String) -> Bool {
    host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
  }
}
