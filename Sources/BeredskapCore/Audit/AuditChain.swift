import Crypto

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
    public private(set) var last: Head?

    /// Without a key only the hash chain is checked.
    public init(key: AuditKey?) { self.key = key }

    public mutating func check(_ record: AuditRecordBytes, previousHash: String, hash: String, mac: String?)
      -> Outcome
    {
      // Compared as bytes: no hex string is made per entry.
      guard let stored = Hex.decode(hash), stored.count == 32,
        record.digest(previousHash: previousHash).withUnsafeBytes({ $0.elementsEqual(stored) })
      else { return .finding(.altered(seq: record.seq)) }
      let expectedSeq = (last?.seq ?? 0) + 1
      if previousHash != (last?.hash ?? AuditEntry.genesisHash) { return .brokenLink }
      if record.seq != expectedSeq {
        return .finding(record.seq > expectedSeq ? .removed(seq: expectedSeq) : .inserted(seq: record.seq))
      }
      if let key, !(mac.map { key.matches($0, hashBytes: stored) } ?? false) {
        return .finding(.unauthenticated(seq: record.seq))
      }
      count += 1
      last = Head(seq: record.seq, hash: hash)
      return .ok
    }

    public mutating func check(_ entry: AuditEntry) -> Outcome {
      check(entry.record, previousHash: entry.previousHash, hash: entry.hash, mac: entry.mac)
    }

    /// Why an entry with a broken link is wrong: linking to an earlier entry
    /// means the order was changed; to nothing known, an insertion.
    public func classify(seq: Int64, linksToEarlier: Bool) -> Finding {
      if linksToEarlier { return .reordered(seq: seq) }
      let expectedSeq = (last?.seq ?? 0) + 1
      return seq > expectedSeq ? .removed(seq: expectedSeq) : .inserted(seq: seq)
    }

    /// After the last entry: does the stored chain head agree?
    public func finish(head: Head?) -> Finding? {
      guard let head else { return nil }
      let lastSeq = last?.seq ?? 0
      if head.seq > lastSeq { return .truncated(afterSeq: lastSeq, expectedLast: head.seq) }
      if head.seq == lastSeq, head.hash != (last?.hash ?? AuditEntry.genesisHash) { return .altered(seq: lastSeq) }
      return nil
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
