import Crypto
import Foundation

/// One link in the tamper-evident audit trail. The hash covers the previous
/// hash and the canonical form of the entry, so changing, removing, inserting
/// or reordering any entry breaks every link after it.
public struct AuditEntry: Equatable, Sendable {
  public static let genesisHash = String(repeating: "0", count: 64)

  public var seq: Int64
  public var at: Date
  /// Who did it: `user:<id>`, `token:<id>`, `system` or `cli`.
  public var actor: String
  /// What was done, e.g. `incident.create`, `user.login_failed`.
  public var action: String
  /// What it was done to, e.g. `incident:INC-2026-001`.
  public var subject: String
  /// The changed fields. Personal data is referenced (`<changed>`), never copied.
  public var fields: [String: String]
  public var previousHash: String
  public var hash: String

  public init(
    seq: Int64, at: Date, actor: String, action: String, subject: String, fields: [String: String],
    previousHash: String
  ) {
    self.init(
      seq: seq, at: at, actor: actor, action: action, subject: subject, fields: fields, previousHash: previousHash,
      hash: "")
    hash = computeHash()
  }

  /// Stored entries are read back with their stored hash.
  public init(
    seq: Int64, at: Date, actor: String, action: String, subject: String, fields: [String: String],
    previousHash: String, hash: String
  ) {
    self.seq = seq
    self.at = at
    self.actor = actor
    self.action = action
    self.subject = subject
    self.fields = fields
    self.previousHash = previousHash
    self.hash = hash
  }

  /// Millisecond precision: what every database keeps.
  public static func canonicalTime(_ date: Date) -> String {
    let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
    return String(ms)
  }

  /// Sorted-key JSON of everything but the hashes.
  public var canonical: String {
    let object: [String: JSONValue] = [
      "seq": .string(String(seq)), "at": .string(Self.canonicalTime(at)), "actor": .string(actor),
      "action": .string(action), "subject": .string(subject), "fields": .object(fields.mapValues { .string($0) }),
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(JSONValue.object(object)), as: UTF8.self)
  }

  public func computeHash() -> String {
    let digest = SHA256.hash(data: Data((previousHash + "\n" + canonical).utf8))
    return digest.map { String(format: "%02x", $0) }.joined()
  }
}
