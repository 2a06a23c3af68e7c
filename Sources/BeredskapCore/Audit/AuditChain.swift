import Crypto
import Foundation

/// Verifies an audit trail end to end, one entry at a time, in constant memory.
public enum AuditChain {
  public enum Finding: Equatable, Sendable, CustomStringConvertible {
    case altered(seq: Int64)
    case removed(seq: Int64)
    case inserted(seq: Int64)
    case reordered(seq: Int64)
    case truncated(afterSeq: Int64, expectedLast: Int64)
    /// The entry's hashes are consistent but its MAC is wrong or missing:
    /// someone without the data key rewrote it and re-hashed the chain.
    case unauthenticated(seq: Int64)
    /// A head kept outside the database is no longer in the trail.
    case headMissing(seq: Int64)
    case headChanged(seq: Int64)
    /// A user's role in the database is not the one the trail last gave them.
    case roleOutsideTrail(user: String, role: String)

    public var seq: Int64 {
      switch self {
      case .roleOutsideTrail: Int64.max
      case .altered(let s), .removed(let s), .inserted(let s), .reordered(let s), .unauthenticated(let s),
        .headMissing(let s), .headChanged(let s):
        s
      case .truncated(let after, _): after + 1
      }
    }

    public var description: String {
      switch self {
      case .altered(let s): "entry \(s) was altered (its content no longer matches its hash)"
      case .removed(let s): "entry \(s) was removed (the chain jumps over it)"
      case .inserted(let s): "entry \(s) was inserted (it does not link to the entry before it)"
      case .reordered(let s): "entry \(s) is out of order (it links to a different predecessor)"
      case .truncated(let after, let expected):
        "entries after \(after) were removed (the chain head says the last is \(expected))"
      case .unauthenticated(let s):
        "entry \(s) was altered or rewritten without the data key (its MAC does not match)"
      case .headMissing(let s): "entry \(s), the kept head, is gone (the trail was cut or rewritten)"
      case .headChanged(let s): "entry \(s), the kept head, was changed (its hash differs from the kept one)"
      case .roleOutsideTrail(let user, let role):
        "\(user) has the role \(role), which no audit entry gave them (changed outside Beredskap)"
      }
    }
  }

  public struct Head: Equatable, Sendable {
    public var seq: Int64
    public var hash: String
    public init(seq: Int64, hash: String) {
      self.seq = seq
      self.hash = hash
    }
  }

  /// Checks entries fed in storage order. Keeps only the last entry, so a
  /// million entries verify in the memory of one.
  public struct Verifier: Sendable {
    public enum Outcome: Equatable, Sendable {
      case ok
      case finding(Finding)
      /// The entry does not link to the one before it; `classify` says why
      /// once the caller knows whether it links to an earlier entry.
      case brokenLink
    }

    let key: AuditKey?
    public private(set) var count = 0
    var lastSeq: Int64 = 0
    /// The last good entry's hash as stored (hex text); empty before the first.
    var lastHash: [UInt8] = []
    var checker: EntryChecker

    /// The last entry that checked out.
    public var last: Head? { count == 0 ? nil : Head(seq: lastSeq, hash: String(decoding: lastHash, as: UTF8.self)) }

    /// Set by `init(key:afterSeq:hash:)`: the first entry links to an entry
    /// checked elsewhere, not to the genesis hash.
    var resumed = false

    /// Without a key only the hash chain is checked.
    public init(key: AuditKey?) {
      self.key = key
      checker = EntryChecker(key: key)
      lastHash.reserveCapacity(64)
    }

    /// Checks the entries after the one with `seq` and stored `hash`, which
    /// another verifier checks (an earlier part of the trail, on another
    /// thread). Each entry's own checks depend only on its row, so the parts
    /// are independent once each knows the last entry before it; `append`
    /// joins them.
    public init(key: AuditKey?, afterSeq seq: Int64, hash: some Collection<UInt8>) {
      self.init(key: key)
      lastSeq = seq
      lastHash.append(contentsOf: hash)
      resumed = true
    }

    /// This verifier's entries followed by `later`'s, made with
    /// `init(key:afterSeq:hash:)` at this verifier's last entry: the state
    /// one verifier would have after checking both parts in turn.
    public mutating func append(_ later: Verifier) {
      count += later.count
      lastSeq = later.lastSeq
      lastHash = later.lastHash
    }

    public mutating func check(_ record: AuditRecordBytes, previousHash: String, hash: String, mac: String?)
      -> Outcome
    {
      // Compared as bytes: no hex string is made per entry.
      guard let stored = Hex.decode(hash), stored.count == 32,
        record.digest(previousHash: previousHash).withUnsafeBytes({ $0.elementsEqual(stored) })
      else { return .finding(.altered(seq: record.seq)) }
      let expectedSeq = lastSeq + 1
      if !linksToLast(previousHash.utf8) { return .brokenLink }
      if record.seq != expectedSeq {
        return .finding(record.seq > expectedSeq ? .removed(seq: expectedSeq) : .inserted(seq: record.seq))
      }
      if let key, !(mac.map { key.matches($0, hashBytes: stored) } ?? false) {
        return .finding(.unauthenticated(seq: record.seq))
      }
      accept(seq: record.seq, hash: hash.utf8)
      return .ok
    }

    /// The same checks on an entry's stored bytes, for a million entries:
    /// the canonical bytes are built in one reused buffer, and no string,
    /// date or array is made per entry.
    public mutating func check(raw e: RawEntry) -> Outcome {
      guard e.version >= 2 else { return checkFirstFormat(e) }
      return check(raw: e, contentMatches: checker.contentMatches(e), macMatches: checker.macMatches(e))
    }

    /// With the entry's own checks made beforehand (`EntryChecker`, possibly
    /// on another thread): only the links to the entries before it are left.
    /// Findings come in the same order as from `check(_:previousHash:hash:mac:)`.
    public mutating func check(raw e: RawEntry, contentMatches: Bool, macMatches: Bool) -> Outcome {
      guard e.version >= 2 else { return checkFirstFormat(e) }
      return check(
        seq: e.seq, previousHash: e.previousHash, hash: e.hash, contentMatches: contentMatches, macMatches: macMatches)
    }

    /// An entry of format 2 whose content and MAC were checked beforehand.
    public mutating func check(
      seq: Int64, previousHash: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer, contentMatches: Bool,
      macMatches: Bool
    ) -> Outcome {
      guard contentMatches else { return .finding(.altered(seq: seq)) }
      let expectedSeq = lastSeq + 1
      if !linksToLast(previousHash) { return .brokenLink }
      if seq != expectedSeq {
        return .finding(seq > expectedSeq ? .removed(seq: expectedSeq) : .inserted(seq: seq))
      }
      if key != nil, !macMatches { return .finding(.unauthenticated(seq: seq)) }
      accept(seq: seq, hash: hash)
      return .ok
    }

    mutating func checkFirstFormat(_ e: RawEntry) -> Outcome {
      let text = { (b: UnsafeRawBufferPointer) in String(decoding: b, as: UTF8.self) }
      let record = AuditRecordBytes(
        version: e.version, seq: e.seq, atMillis: String(e.atMillis), actor: text(e.actor), action: text(e.action),
        subject: text(e.subject), fieldsText: text(e.fields))
      return check(record, previousHash: text(e.previousHash), hash: text(e.hash), mac: e.mac.map(text))
    }

    func linksToLast<C: Collection<UInt8>>(_ previousHash: C) -> Bool {
      count == 0 && !resumed
        ? previousHash.elementsEqual(AuditEntry.genesisHash.utf8) : previousHash.elementsEqual(lastHash)
    }

    func linksToLast(_ previousHash: UnsafeRawBufferPointer) -> Bool {
      guard count > 0 || resumed else { return previousHash.elementsEqual(AuditEntry.genesisHash.utf8) }
      guard previousHash.count == lastHash.count else { return false }
      guard let p = previousHash.baseAddress, !lastHash.isEmpty else { return previousHash.isEmpty }
      return lastHash.withUnsafeBytes { memcmp(p, $0.baseAddress!, $0.count) == 0 }
    }

    mutating func accept<C: Collection<UInt8>>(seq: Int64, hash: C) {
      count += 1
      lastSeq = seq
      lastHash.removeAll(keepingCapacity: true)
      lastHash.append(contentsOf: hash)
    }

    public mutating func check(_ entry: AuditEntry) -> Outcome {
      check(entry.record, previousHash: entry.previousHash, hash: entry.hash, mac: entry.mac)
    }

    /// Why an entry with a broken link is wrong: linking to an earlier entry
    /// means the order was changed; to nothing known, an insertion.
    public func classify(seq: Int64, linksToEarlier: Bool) -> Finding {
      if linksToEarlier { return .reordered(seq: seq) }
      let expectedSeq = lastSeq + 1
      return seq > expectedSeq ? .removed(seq: expectedSeq) : .inserted(seq: seq)
    }

    /// After the last entry: does the stored chain head agree?
    public func finish(head: Head?) -> Finding? {
      guard let head else { return nil }
      if head.seq > lastSeq { return .truncated(afterSeq: lastSeq, expectedLast: head.seq) }
      if head.seq == lastSeq, !linksToLast(head.hash.utf8) { return .altered(seq: lastSeq) }
      return nil
    }
  }

  /// One stored entry's columns as bytes, borrowed for one `check(raw:)`.
  public struct RawEntry {
    public var seq: Int64
    /// The time in whole milliseconds since 1970 (`AuditEntry.canonicalTime`).
    public var atMillis: Int64
    public var version: Int
    public var actor: UnsafeRawBufferPointer
    public var action: UnsafeRawBufferPointer
    public var subject: UnsafeRawBufferPointer
    public var fields: UnsafeRawBufferPointer
    public var previousHash: UnsafeRawBufferPointer
    public var hash: UnsafeRawBufferPointer
    /// nil when the column is NULL.
    public var mac: UnsafeRawBufferPointer?

    public init(
      seq: Int64, atMillis: Int64, version: Int, actor: UnsafeRawBufferPointer, action: UnsafeRawBufferPointer,
      subject: UnsafeRawBufferPointer, fields: UnsafeRawBufferPointer, previousHash: UnsafeRawBufferPointer,
      hash: UnsafeRawBufferPointer, mac: UnsafeRawBufferPointer?
    ) {
      self.seq = seq
      self.atMillis = atMillis
      self.version = version
      self.actor = actor
      self.action = action
      self.subject = subject
      self.fields = fields
      self.previousHash = previousHash
      self.hash = hash
      self.mac = mac
    }
  }

  /// The checks of one entry (format 2) that need nothing but the entry:
  /// its canonical bytes against its stored hash, and its MAC. Independent
  /// of the entries before it, so they can run ahead on another thread.
  public struct EntryChecker: Sendable {
    let key: AuditKey?
    /// Reused for every entry: the bytes hashed, the stored hash and MAC, the digest.
    var scratch: [UInt8] = []
    var stored = [UInt8](repeating: 0, count: 32)
    var storedMAC = [UInt8](repeating: 0, count: 32)
    var digest = [UInt8](repeating: 0, count: 32)

    /// The key's HMAC for the 32-byte hash, held here: no copy of the key per entry.
    let mac32: HMAC32?

    public init(key: AuditKey?) {
      self.key = key
      mac32 = key?.fast32
      scratch.reserveCapacity(4096)
    }

    /// SHA-256 over the previous hash, a newline and the canonical bytes
    /// equals the stored hash.
    public mutating func contentMatches(_ e: RawEntry) -> Bool {
      scratch.removeAll(keepingCapacity: true)
      Self.appendHashedBytes(e, to: &scratch)
      return scratch.withUnsafeBytes { contentMatches(hashed: $0, hash: e.hash) }
    }

    /// The same, on bytes `appendHashedBytes` wrote earlier (possibly on another thread).
    public mutating func contentMatches(hashed: UnsafeRawBufferPointer, hash: UnsafeRawBufferPointer) -> Bool {
      guard Self.decodeHex(hash, into: &stored) else { return false }
      digest.withUnsafeMutableBufferPointer { FastSHA256.hash(hashed, into: $0.baseAddress!) }
      return digest == stored
    }

    /// What is hashed for an entry of format 2: the previous hash, a
    /// newline, then the canonical bytes (`AuditRecordBytes.write`), byte
    /// for byte, appended to `out`.
    public static func appendHashedBytes(_ e: RawEntry, to out: inout [UInt8]) {
      out.append(contentsOf: e.previousHash)
      out.append(0x0A)
      out.append(contentsOf: AuditRecordBytes.v2Magic)
      AuditRecordBytes.field(decimal: e.seq, into: &out)
      AuditRecordBytes.field(decimal: e.atMillis, into: &out)
      AuditRecordBytes.field(e.actor, into: &out)
      AuditRecordBytes.field(e.action, into: &out)
      AuditRecordBytes.field(e.subject, into: &out)
      AuditRecordBytes.field(e.fields, into: &out)
    }

    /// How many bytes `writeHashedBytes` writes for `e`.
    public static func hashedByteCount(_ e: RawEntry) -> Int {
      func field(_ count: Int) -> Int { AuditRecordBytes.decimalCount(Int64(count)) + 1 + count + 1 }
      return e.previousHash.count + 1 + AuditRecordBytes.v2Magic.count
        + field(AuditRecordBytes.decimalCount(e.seq)) + field(AuditRecordBytes.decimalCount(e.atMillis))
        + field(e.actor.count) + field(e.action.count) + field(e.subject.count) + field(e.fields.count)
    }

    /// At least `hashedByteCount(e)`, without counting digits: room to
    /// write an entry's bytes, for a buffer reused from entry to entry.
    public static func hashedByteBound(_ e: RawEntry) -> Int {
      // Six fields, each with a length of at most 20 digits, a colon and a newline.
      e.previousHash.count + 1 + AuditRecordBytes.v2Magic.count + 6 * 22 + 2 * 20 + e.actor.count + e.action.count
        + e.subject.count + e.fields.count
    }

    /// Room to leave after an entry's hashed bytes for `matches(hashed:count:hash:mac:)`.
    public static let paddingRoom = SHA256Blocks.paddingBound

    /// What `appendHashedBytes` appends, written at `out`, which has room
    /// for `hashedByteCount(e)` bytes. Returns the number written.
    public static func writeHashedBytes(_ e: RawEntry, to out: UnsafeMutableRawPointer) -> Int {
      var w = Writer(base: out)
      w.write(e.previousHash)
      w.byte(0x0A)
      AuditRecordBytes.v2Magic.withUnsafeBytes { w.write($0) }
      w.field(e.seq)
      w.field(e.atMillis)
      w.field(e.actor)
      w.field(e.action)
      w.field(e.subject)
      w.field(e.fields)
      return w.count
    }

    /// Writes through a pointer. A struct, not local functions that capture
    /// a counter: those pay a dynamic exclusivity check on every call.
    struct Writer {
      let base: UnsafeMutableRawPointer
      var count = 0

      mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard let from = bytes.baseAddress, bytes.count > 0 else { return }
        (base + count).copyMemory(from: from, byteCount: bytes.count)
        count += bytes.count
      }

      mutating func byte(_ b: UInt8) {
        base.storeBytes(of: b, toByteOffset: count, as: UInt8.self)
        count += 1
      }

      /// `n` in decimal, `digits` (`AuditRecordBytes.decimalCount(n)`)
      /// bytes, written in place from the last digit back.
      mutating func decimal(_ n: Int64, digits: Int) {
        var m = n.magnitude
        var at = count + digits
        repeat {
          at -= 1
          base.storeBytes(of: UInt8(truncatingIfNeeded: m % 10) &+ 0x30, toByteOffset: at, as: UInt8.self)
          m /= 10
        } while m > 0
        if n < 0 { base.storeBytes(of: UInt8(ascii: "-"), toByteOffset: count, as: UInt8.self) }
        count += digits
      }

      /// A length (never negative) in decimal.
      mutating func length(_ n: Int) {
        decimal(Int64(n), digits: AuditRecordBytes.decimalCount(Int64(n)))
      }

      mutating func field(_ value: UnsafeRawBufferPointer) {
        length(value.count)
        byte(UInt8(ascii: ":"))
        write(value)
        byte(0x0A)
      }

      mutating func field(_ n: Int64) {
        let digits = AuditRecordBytes.decimalCount(n)
        length(digits)
        byte(UInt8(ascii: ":"))
        decimal(n, digits: digits)
        byte(0x0A)
      }
    }

    /// The MAC is the data key's HMAC of the stored hash; true without a key.
    public mutating func macMatches(_ e: RawEntry) -> Bool { macMatches(hash: e.hash, mac: e.mac) }

    public mutating func macMatches(hash: UnsafeRawBufferPointer, mac: UnsafeRawBufferPointer?) -> Bool {
      guard let key else { return true }
      guard let mac, Self.decodeHex(hash, into: &stored), Self.decodeHex(mac, into: &storedMAC) else {
        return false
      }
      return storedMAC.withUnsafeBytes { m in stored.withUnsafeBytes { key.matches(macBytes: m, hashBytes: $0) } }
    }

    /// Both checks, on an entry's hashed bytes (`writeHashedBytes`) at
    /// `hashed`: `count` bytes, with room for `SHA256Blocks.paddingBound`
    /// more after them, which this overwrites with SHA-256's padding. The
    /// same results as `contentMatches` and `macMatches`, with less work for
    /// the usual entry: the digest and the MAC are compared with the stored
    /// lower-case hex as they are (nothing decoded), and the MAC is taken
    /// over the digest, which is then the stored hash's bytes. Any other
    /// stored text (upper-case hex, not hex, not equal) is decoded and
    /// compared as the other paths do.
    public func matches(
      hashed: UnsafeMutableRawPointer, count: Int, hash: UnsafeRawBufferPointer, mac: UnsafeRawBufferPointer?
    ) -> (content: Bool, mac: Bool) {
      // A stored hash that is not 64 hex digits: altered, and no MAC can match it.
      guard hash.count == 64, let hashText = hash.baseAddress else { return (false, mac32 == nil) }
      var digest = SHA256Blocks.initial
      SHA256Blocks.absorb(&digest, hashed, count: SHA256Blocks.pad(hashed, count: count))
      // The stored hash's bytes, the computed digest's or MAC's, the stored MAC's: 32 bytes each.
      var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
      return withUnsafeMutableBytes(of: &words) { buffer -> (content: Bool, mac: Bool) in
        guard let stored = buffer.baseAddress else { return (false, mac32 == nil) }
        let computed = stored + 32
        let storedMAC = stored + 64
        let content: Bool
        if SHA256Blocks.equalsLowerHex(digest, hashText) {
          content = true
          SHA256Blocks.store(digest, to: stored)
        } else {
          guard Self.decodeHex(hash, into: stored) else { return (false, mac32 == nil) }
          SHA256Blocks.store(digest, to: computed)
          content = memcmp(computed, stored, 32) == 0
        }
        guard let mac32 else { return (content, true) }
        guard let mac, mac.count == 64, let macText = mac.baseAddress else { return (content, false) }
        let code = mac32.mac(stored)
        if SHA256Blocks.equalsLowerHex(code, macText) { return (content, true) }
        guard Self.decodeHex(mac, into: storedMAC) else { return (content, false) }
        SHA256Blocks.store(code, to: computed)
        var diff: UInt8 = 0
        for j in 0..<32 { diff |= buffer[32 + j] ^ buffer[64 + j] }
        return (content, diff == 0)
      }
    }

    /// Hex digit values; 0xFF for anything else.
    static let hexValues: [UInt8] = (0...255).map { Hex.value(UInt8($0)) ?? 0xFF }

    /// 64 hex digits into the 32 bytes of `out`; false for anything else.
    static func decodeHex(_ text: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
      guard out.count == 32 else { return false }
      return out.withUnsafeMutableBytes { bytes in bytes.baseAddress.map { decodeHex(text, into: $0) } ?? false }
    }

    /// 64 hex digits into the 32 bytes at `out`; false for anything else.
    static func decodeHex(_ text: UnsafeRawBufferPointer, into out: UnsafeMutableRawPointer) -> Bool {
      guard text.count == 64, let digits = text.baseAddress else { return false }
      var bad: UInt8 = 0
      hexValues.withUnsafeBufferPointer { table in
        for i in 0..<32 {
          let hi = table[Int(digits.load(fromByteOffset: 2 * i, as: UInt8.self))]
          let lo = table[Int(digits.load(fromByteOffset: 2 * i + 1, as: UInt8.self))]
          bad |= (hi | lo) & 0xF0
          out.storeBytes(of: hi << 4 | (lo & 0x0F), toByteOffset: i, as: UInt8.self)
        }
      }
      return bad == 0
    }
  }

  /// `entries` in storage order by `seq`. Returns the first finding, or nil.
  public static func verify(_ entries: [AuditEntry], head: Head?, key: AuditKey? = nil) -> Finding? {
    var verifier = Verifier(key: key)
    for (i, entry) in entries.enumerated() {
      switch verifier.check(entry) {
      case .ok: continue
      case .finding(let f): return f
      case .brokenLink:
        let earlier = entries[..<i].contains { $0.hash == entry.previousHash }
        return verifier.classify(seq: entry.seq, linksToEarlier: earlier)
      }
    }
    return verifier.finish(head: head)
  }
}
