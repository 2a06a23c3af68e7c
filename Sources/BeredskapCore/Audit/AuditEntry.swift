import Crypto
import Foundation

/// One link in the tamper-evident audit trail. The hash covers the previous
/// hash and the canonical bytes of the entry, so changing, removing, inserting
/// or reordering any entry breaks every link after it; the MAC, made with a
/// key that is not in the database, catches a rewrite that re-hashes the chain.
public struct AuditEntry: Equatable, Sendable {
  public static let genesisHash = String(repeating: "0", count: 64)
  /// The format new entries are written in.
  public static let currentVersion = 2

  public var seq: Int64
  public var at: Date
  /// Who did it: `user:<id>`, `token:<id>`, `system`, `cli` or `anonymous`.
  public var actor: String
  /// What was done, e.g. `incident.create`, `login.failed`.
  public var action: String
  /// What it was done to, e.g. `incident:INC-2026-001`.
  public var subject: String
  /// The changed fields. Personal data and free text are referenced by a
  /// SHA-256 (`sha256:…`), never copied.
  public var fields: [String: String]
  /// 1: the first format (sorted-key JSON); 2: length-prefixed, see `canonicalBytes`.
  public var version: Int
  public var previousHash: String
  public var hash: String
  /// HMAC-SHA256 of the hash with the audit sub-key of the data key; nil when not yet sealed.
  public var mac: String?

  /// A new entry in the current format, hashed (not yet sealed).
  public init(
    seq: Int64, at: Date, actor: String, action: String, subject: String, fields: [String: String],
    previousHash: String, version: Int = AuditEntry.currentVersion
  ) {
    self.init(
      seq: seq, at: at, actor: actor, action: action, subject: subject, fields: fields, previousHash: previousHash,
      hash: "", version: version)
    hash = computeHash()
  }

  /// Stored entries are read back with their stored hash and MAC.
  public init(
    seq: Int64, at: Date, actor: String, action: String, subject: String, fields: [String: String],
    previousHash: String, hash: String, version: Int = AuditEntry.currentVersion, mac: String? = nil
  ) {
    self.seq = seq
    self.at = at
    self.actor = actor
    self.action = action
    self.subject = subject
    self.fields = fields
    self.previousHash = previousHash
    self.hash = hash
    self.version = version
    self.mac = mac
  }

  /// Millisecond precision: what every database keeps.
  /// A time no entry can have (a hand-edited row) gives text that matches no
  /// hash, so the entry is reported as altered instead of stopping the check.
  public static func canonicalTime(_ date: Date) -> String {
    canonicalMillis(date).map { String($0) } ?? "invalid:\(date.timeIntervalSince1970)"
  }

  /// Milliseconds since 1970, nil when they do not fit in 64 bits.
  public static func canonicalMillis(_ date: Date) -> Int64? {
    Int64(exactly: (date.timeIntervalSince1970 * 1000).rounded())
  }

  /// The fields as stored: canonical JSON.
  public var fieldsText: String { CanonicalJSON.encode(fields) }

  public var record: AuditRecordBytes {
    AuditRecordBytes(
      version: version, seq: seq, atMillis: Self.canonicalTime(at), actor: actor, action: action, subject: subject,
      fieldsText: fieldsText, fields: fields)
  }

  public var canonical: String { String(decoding: record.canonicalBytes(), as: UTF8.self) }

  public func computeHash() -> String { record.hash(previousHash: previousHash) }

  /// Seals the entry with the audit sub-key.
  public mutating func seal(with key: AuditKey) { mac = key.mac(hash: hash) }
}

/// An entry's content exactly as stored, from which its canonical bytes are made.
public struct AuditRecordBytes: Sendable {
  public var version: Int
  public var seq: Int64
  public var atMillis: String
  public var actor: String
  public var action: String
  public var subject: String
  /// The stored fields column (canonical JSON for version 2).
  public var fieldsText: String
  /// Parsed fields; only the first format needs them.
  public var fields: [String: String]?

  public init(
    version: Int, seq: Int64, atMillis: String, actor: String, action: String, subject: String, fieldsText: String,
    fields: [String: String]? = nil
  ) {
    self.version = version
    self.seq = seq
    self.atMillis = atMillis
    self.actor = actor
    self.action = action
    self.subject = subject
    self.fieldsText = fieldsText
    self.fields = fields
  }

  static let v2Magic = Array("beredskap.audit/2\n".utf8)

  /// Version 2: a fixed header, then each value as `<byte count>:<bytes>\n`
  /// (seq, time in ms, actor, action, subject, fields), so no two different
  /// entries share the same bytes. Version 1: sorted-key JSON.
  public func canonicalBytes() -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(96 + fieldsText.utf8.count + subject.utf8.count + actor.utf8.count)
    write(into: &out)
    return out
  }

  public func write(into out: inout [UInt8]) {
    guard version >= 2 else {
      let fields = self.fields ?? AuditRecordBytes.parseFields(fieldsText) ?? ["": fieldsText]
      out.append(
        contentsOf: CanonicalJSON.encode([
          "seq": .string(String(seq)), "at": .string(atMillis), "actor": .string(actor), "action": .string(action),
          "subject": .string(subject), "fields": .object(fields),
        ]).utf8)
      return
    }
    out.append(contentsOf: Self.v2Magic)
    Self.field(String(seq), into: &out)
    Self.field(atMillis, into: &out)
    Self.field(actor, into: &out)
    Self.field(action, into: &out)
    Self.field(subject, into: &out)
    Self.field(fieldsText, into: &out)
  }

  /// `<byte count>:<bytes>\n`
  static func field(_ value: String, into out: inout [UInt8]) {
    appendDecimal(Int64(value.utf8.count), into: &out)
    out.append(UInt8(ascii: ":"))
    out.append(contentsOf: value.utf8)
    out.append(0x0A)
  }

  static func field(_ value: UnsafeRawBufferPointer, into out: inout [UInt8]) {
    appendDecimal(Int64(value.count), into: &out)
    out.append(UInt8(ascii: ":"))
    out.append(contentsOf: value)
    out.append(0x0A)
  }

  /// The field of a number, byte for byte what `field(String(n))` writes.
  static func field(decimal n: Int64, into out: inout [UInt8]) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let count = withUnsafeMutableBytes(of: &digits) { decimal(n, into: $0) }
    appendDecimal(Int64(count), into: &out)
    out.append(UInt8(ascii: ":"))
    withUnsafeBytes(of: &digits) { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: $0[(24 - count)...])) }
    out.append(0x0A)
  }

  static func appendDecimal(_ n: Int64, into out: inout [UInt8]) {
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { buffer in
      let count = decimal(n, into: buffer)
      out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
    }
  }

  /// How many bytes `String(n)` has.
  static func decimalCount(_ n: Int64) -> Int {
    // Compared with powers of ten (a multiplication each), not divided down
    // (the verifier counts nine numbers per entry). 10^19 > |Int64.min|.
    let m = n.magnitude
    var used = 1
    var power: UInt64 = 10
    while used < 19 && m >= power {
      used += 1
      power &*= 10
    }
    return n < 0 ? used + 1 : used
  }

  /// Writes `n` in decimal at the end of a 24-byte buffer (room for
  /// "-9223372036854775808"); returns how many bytes it took.
  static func decimal(_ n: Int64, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    var used = 0
    var m = n.magnitude
    repeat {
      buffer[23 - used] = UInt8(ascii: "0") + UInt8(m % 10)
      m /= 10
      used += 1
    } while m > 0
    if n < 0 {
      buffer[23 - used] = UInt8(ascii: "-")
      used += 1
    }
    return used
  }

  /// SHA-256 over `previousHash`, a newline and the canonical bytes, in hex.
  public func hash(previousHash: String) -> String { Hex.encode(digest(previousHash: previousHash)) }

  public func digest(previousHash: String) -> SHA256Digest {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(
      160 + fieldsText.utf8.count + subject.utf8.count + actor.utf8.count + action.utf8.count)
    bytes.append(contentsOf: previousHash.utf8)
    bytes.append(0x0A)
    write(into: &bytes)
    return SHA256.hash(data: bytes)
  }

  public static func parseFields(_ text: String) -> [String: String]? {
    try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
  }
}

/// The audit trail's sub-key of the data key: MACs on entries and kept heads.
public struct AuditKey: Sendable {
  let hmac: HMAC<SHA256>
  /// The same HMAC for the verifier's fast path, without allocations.
  let fast: FastHMAC
  /// The same for a 32-byte message, as two bare compressions.
  let fast32: HMAC32

  public init(_ dataKey: DataKey) {
    let key = dataKey.subkey(.auditTrail)
    hmac = HMAC<SHA256>(key: key)
    fast = key.withUnsafeBytes { FastHMAC(key: $0) }
    fast32 = key.withUnsafeBytes { HMAC32(key: $0) }
  }

  func matches(macBytes expected: UnsafeRawBufferPointer, hashBytes: UnsafeRawBufferPointer) -> Bool {
    fast.matches(mac: expected, message: hashBytes)
  }

  /// HMAC-SHA256 of the entry's hash (its 32 bytes), in hex. The keyed state
  /// is computed once and copied, so each MAC costs two compressions.
  public func mac(hash: String) -> String {
    var h = hmac
    h.update(data: Hex.decode(hash) ?? Array(hash.utf8))
    return Hex.encode(h.finalize())
  }

  public func mac(text: String) -> String {
    var h = hmac
    h.update(data: Array(text.utf8))
    return Hex.encode(h.finalize())
  }

  public func matches(_ mac: String?, hash: String) -> Bool {
    guard let mac, let hashBytes = Hex.decode(hash) else { return false }
    return matches(mac, hashBytes: hashBytes)
  }

  /// Compares in constant time, on bytes (the verifier checks a million).
  func matches(_ mac: String, hashBytes: [UInt8]) -> Bool {
    guard let expected = Hex.decode(mac), expected.count == 32 else { return false }
    var h = hmac
    h.update(data: hashBytes)
    let code = h.finalize()
    var diff: UInt8 = 0
    code.withUnsafeBytes { computed in
      for i in 0..<32 { diff |= computed[i] ^ expected[i] }
    }
    return diff == 0
  }
}
