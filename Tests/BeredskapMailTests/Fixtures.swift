import BeredskapCore
import BeredskapMail
import BeredskapStore
import Foundation
import NIOPosix
import NIOSSL

let testGroup = MultiThreadedEventLoopGroup.singleton
let sender = try! MailAddress("personvern@beredskap.example", name: "Beredskap AS", field: "from")
let incidentA = UUID()

func letter(
  to address: String, name: String? = "Åse Ødegård", subject: String = "Brudd på personopplysningssikkerheten",
  body: String = "Hei,\nvi skriver fordi noe har skjedd.\n", incident: UUID = incidentA, kind: OutboxKind = .letter
) throws -> OutboxDraft {
  let message = try MailMessage(
    from: sender, to: MailAddress(address, name: name, field: "to"), subject: subject, body: body,
    date: Date(timeIntervalSince1970: 1_795_000_000))
  return OutboxDraft(kind: kind, incidentID: incident, personID: UUID(), message: message)
}

func settings(_ server: TestSMTPServer, starttls: String = "none", user: String = "") throws -> SMTPSettings {
  try SMTPSettings.parse("smtp://\(user)localhost:\(server.port)?starttls=\(starttls)&timeout=10")
}

func dispatcher(
  _ store: StoreRuntime, _ settings: SMTPSettings, trust: String? = nil, claimant: OutboxClaimant = .current(),
  policy: RetryPolicy = RetryPolicy(firstDelay: 0.2, maxDelay: 1, maxAttempts: 3), retryWindow: TimeInterval = 5,
  batchSize: Int = 50
) -> Dispatcher {
  Dispatcher(
    db: store.db, settings: settings, trustRoots: trust.map { .file($0) }, claimant: claimant, policy: policy,
    batchSize: batchSize, retryWindow: retryWindow, group: testGroup)
}

/// Runs `body` with a fresh store and a started test server, and stops both.
func withMail<T>(_ options: [String] = [], _ body: (StoreRuntime, TestSMTPServer) async throws -> T) async throws -> T {
  let server = try TestSMTPServer(options)
  defer { server.stop() }
  return try await withStore { store in try await body(store, server) }
}

/// The value of a header in a rendered message (unfolded).
func header(_ name: String, in message: [UInt8]) -> String? {
  let text = String(decoding: message, as: UTF8.self)
  guard let head = text.components(separatedBy: "\r\n\r\n").first else { return nil }
  let unfolded = head.replacingOccurrences(of: "\r\n ", with: " ")
  for line in unfolded.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ": ") {
    return String(line.dropFirst(name.count + 2))
  }
  return nil
}

/// RFC 2047 `=?UTF-8?B?…?=` words back to text (what a mail program shows).
func decodeWords(_ value: String) -> String {
  value.split(separator: " ").map { word -> String in
    guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
      let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))
    else { return String(word) }
    return String(decoding: data, as: UTF8.self)
  }.joined()
}

/// Quoted-printable body back to text with `\n` line ends.
func decodeBody(_ message: [UInt8]) -> String {
  let text = String(decoding: message, as: UTF8.self)
  guard let range = text.range(of: "\r\n\r\n") else { return "" }
  let body = String(text[range.upperBound...]).replacingOccurrences(of: "=\r\n", with: "")
  var out: [UInt8] = []
  let bytes = Array(body.utf8)
  var i = 0
  while i < bytes.count {
    if bytes[i] == UInt8(ascii: "="), i + 2 < bytes.count,
      let value = UInt8(String(decoding: bytes[i + 1...i + 2], as: UTF8.self), radix: 16)
    {
      out.append(value)
      i += 3
    } else {
      out.append(bytes[i])
      i += 1
    }
  }
  return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
}
