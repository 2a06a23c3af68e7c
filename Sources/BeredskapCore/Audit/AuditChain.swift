/// Verifies an audit trail end to end.
public enum AuditChain {
  public enum Finding: Equatable, Sendable, CustomStringConvertible {
    case altered(seq: Int64)
    case removed(seq: Int64)
    case inserted(seq: Int64)
    case reordered(seq: Int64)
    case truncated(afterSeq: Int64, expectedLast: Int64)

    public var description: String {
      switch self {
      case .altered(let s): "entry \(s) was altered (its content no longer matches its hash)"
      case .removed(let s): "entry \(s) was removed (the chain jumps over it)"
      case .inserted(let s): "entry \(s) was inserted (it does not link to the entry before it)"
      case .reordered(let s): "entry \(s) is out of order (it links to a different predecessor)"
      case .truncated(let after, let expected):
        "entries after \(after) were removed (the chain head says the last is \(expected))"
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

  /// `entries` in storage order by `seq`. Returns the first finding, or nil.
  public static func verify(_ entries: [AuditEntry], head: Head?) -> Finding? {
    var previous: AuditEntry?
    var byHash: [String: Int64] = [:]
    for entry in entries {
      if entry.computeHash() != entry.hash { return .altered(seq: entry.seq) }
      let expectedSeq = (previous?.seq ?? 0) + 1
      let expectedPrevious = previous?.hash ?? AuditEntry.genesisHash
      if entry.previousHash != expectedPrevious {
        // Linking to an earlier entry means the order was changed; to nothing known, an insertion.
        if byHash[entry.previousHash] != nil { return .reordered(seq: entry.seq) }
        if entry.seq > expectedSeq, entry.seq != expectedSeq { return .removed(seq: expectedSeq) }
        return .inserted(seq: entry.seq)
      }
      if entry.seq != expectedSeq {
        return entry.seq > expectedSeq ? .removed(seq: expectedSeq) : .inserted(seq: entry.seq)
      }
      byHash[entry.hash] = entry.seq
      previous = entry
    }
    if let head {
      let lastSeq = previous?.seq ?? 0
      if head.seq > lastSeq { return .truncated(afterSeq: lastSeq, expectedLast: head.seq) }
      if head.seq == lastSeq, head.hash != (previous?.hash ?? AuditEntry.genesisHash) {
        return .altered(seq: lastSeq)
      }
    }
    return nil
  }
}
