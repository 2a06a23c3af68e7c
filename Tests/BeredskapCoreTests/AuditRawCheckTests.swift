import BeredskapCore
import Foundation
import Testing

/// `audit verify` checks a SQLite file from the stored bytes (`check(raw:)`)
/// instead of from strings; both must reach the same verdict on every entry.
@Suite struct AuditRawCheckTests {
  let key = AuditKey(try! DataKey.parse(String(repeating: "ab", count: 32)))

  func sealed(_ n: Int, version: Int = 2, seqOffset: Int64 = 0) -> [AuditEntry] {
    var out: [AuditEntry] = []
    for i in 1...n {
      var e = AuditEntry(
        seq: Int64(i) + seqOffset, at: Date(timeIntervalSince1970: -86_400 + 1_790_000_000 * Double(i % 2) + 0.123),
        actor: "user:\(i)", action: i == 2 ? "user.create" : "incident.update", subject: "incident:INC-2026-00\(i)",
        fields: ["status": "inneslutt", "tittel": "Blåbær \"sitat\"\n\u{0}", "role": "admin"],
        previousHash: out.last?.hash ?? AuditEntry.genesisHash, version: version)
      e.seal(with: key)
      out.append(e)
    }
    return out
  }

  /// Outcomes of both paths, entry by entry, until the first that is not ok.
  typealias Outcome = AuditChain.Verifier.Outcome

  /// Each entry's outcome, until the first that is not ok, then the head check.
  func outcomes(_ entries: [AuditEntry], key: AuditKey?) -> (strings: [Outcome], bytes: [Outcome]) {
    var strings = AuditChain.Verifier(key: key)
    var bytes = AuditChain.Verifier(key: key)
    var a: [Outcome] = []
    var b: [Outcome] = []
    for e in entries {
      let viaStrings = strings.check(e)
      let viaBytes = withRaw(e) { bytes.check(raw: $0) }
      a.append(viaStrings)
      b.append(viaBytes)
      if viaStrings != .ok || viaBytes != .ok { break }
    }
    let head = AuditChain.Head(seq: entries.last?.seq ?? 0, hash: entries.last?.hash ?? "")
    a.append(strings.finish(head: head).map { .finding($0) } ?? .ok)
    b.append(bytes.finish(head: head).map { .finding($0) } ?? .ok)
    #expect(strings.count == bytes.count && strings.last == bytes.last)
    return (a, b)
  }

  func withRaw<T>(_ e: AuditEntry, _ body: (AuditChain.RawEntry) -> T) -> T {
    let parts = [e.actor, e.action, e.subject, e.fieldsText, e.previousHash, e.hash, e.mac ?? ""].map { Array($0.utf8) }
    let all = parts.flatMap { $0 }
    return all.withUnsafeBytes { buffer in
      var start = 0
      var slices: [UnsafeRawBufferPointer] = []
      for p in parts {
        slices.append(UnsafeRawBufferPointer(rebasing: buffer[start..<start + p.count]))
        start += p.count
      }
      let millis = Int64((e.at.timeIntervalSince1970 * 1000).rounded())
      return body(
        .init(
          seq: e.seq, atMillis: millis, version: e.version, actor: slices[0], action: slices[1], subject: slices[2],
          fields: slices[3], previousHash: slices[4], hash: slices[5], mac: e.mac == nil ? nil : slices[6]))
    }
  }

  @Test func bothPathsAgreeOnEveryKindOfChange() {
    var cases: [(String, [AuditEntry])] = [
      ("intact", sealed(5)), ("first format", sealed(4, version: 1)), ("negative seq", sealed(3, seqOffset: -10)),
    ]
    var altered = sealed(5)
    altered[2].subject = "incident:other"
    cases.append(("altered", altered))
    var removed = sealed(5)
    removed.remove(at: 1)
    cases.append(("removed", removed))
    var swapped = sealed(5)
    swapped.swapAt(1, 2)
    cases.append(("swapped", swapped))
    var unsealed = sealed(5)
    unsealed[3].mac = nil
    cases.append(("unsealed", unsealed))
    var wrongMAC = sealed(5)
    wrongMAC[1].mac = String(repeating: "0", count: 64)
    cases.append(("wrong MAC", wrongMAC))
    var shortMAC = sealed(5)
    shortMAC[1].mac = "abc"
    cases.append(("short MAC", shortMAC))
    var badHash = sealed(5)
    badHash[4].hash = "x"
    cases.append(("bad hash", badHash))
    var upperHash = sealed(3)
    upperHash[2].hash = upperHash[2].hash.uppercased()
    cases.append(("upper-case hash", upperHash))
    for (name, entries) in cases {
      for key in [key, nil] as [AuditKey?] {
        let (strings, bytes) = outcomes(entries, key: key)
        #expect(strings == bytes, "\(name), key: \(key != nil)")
      }
    }
    // The cases do reach different verdicts.
    #expect(outcomes(sealed(5), key: key).bytes.allSatisfy { $0 == .ok })
    #expect(outcomes(altered, key: key).bytes.dropLast().last == .finding(.altered(seq: 3)))
    #expect(outcomes(swapped, key: key).bytes.dropLast().last == .brokenLink)
    #expect(outcomes(unsealed, key: key).bytes.dropLast().last == .finding(.unauthenticated(seq: 4)))
    #expect(outcomes(unsealed, key: nil).bytes.allSatisfy { $0 == .ok })
  }

  /// A trail checked in two parts (as `audit verify` checks ranges of a
  /// SQLite file on two threads), the second resumed after the last entry
  /// of the first, reaches the verdict of one pass, wherever it is split.
  @Test func twoPartsJoinedGiveTheVerdictOfOnePass() {
    var altered = sealed(6)
    altered[3].subject = "incident:other"
    var removed = sealed(6)
    removed.remove(at: 3)
    var swapped = sealed(6)
    swapped.swapAt(2, 3)
    var unsealed = sealed(6)
    unsealed[4].mac = nil
    var relinked = sealed(6)
    relinked[3].previousHash = relinked[1].hash
    let cases = [
      ("intact", sealed(6)), ("altered", altered), ("removed", removed), ("swapped", swapped),
      ("unsealed", unsealed), ("relinked", relinked), ("first format", sealed(4, version: 1)),
    ]
    for (name, entries) in cases {
      let head = AuditChain.Head(seq: 6, hash: entries.last?.hash ?? "")
      for split in 1..<entries.count {
        var first = AuditChain.Verifier(key: key)
        var outcome: AuditChain.Verifier.Outcome?
        for e in entries[..<split] where outcome == nil {
          let o = first.check(e)
          if o != .ok { outcome = o }
        }
        if outcome == nil {
          let before = entries[split - 1]
          var second = AuditChain.Verifier(key: key, afterSeq: before.seq, hash: before.hash.utf8)
          for e in entries[split...] where outcome == nil {
            let o = second.check(e)
            if o != .ok { outcome = o }
          }
          first.append(second)
        }
        // One pass, to its first outcome that is not ok.
        var again = AuditChain.Verifier(key: key)
        var expected: AuditChain.Verifier.Outcome?
        for e in entries where expected == nil {
          let o = again.check(e)
          if o != .ok { expected = o }
        }
        #expect(outcome == expected, "\(name) split at \(split)")
        #expect(first.count == again.count && first.last == again.last, "\(name) split at \(split)")
        #expect(first.finish(head: head) == again.finish(head: head), "\(name) split at \(split)")
        if expected == .brokenLink {
          #expect(first.classify(seq: 4, linksToEarlier: false) == again.classify(seq: 4, linksToEarlier: false))
        }
      }
    }
  }

  @Test func theBytesWrittenInPlaceAreTheCanonicalBytes() {
    for e in sealed(3, seqOffset: -3) + sealed(2, seqOffset: Int64.max - 2) {
      var appended: [UInt8] = []
      let (count, written) = withRaw(e) { raw -> (Int, [UInt8]) in
        AuditChain.EntryChecker.appendHashedBytes(raw, to: &appended)
        let count = AuditChain.EntryChecker.hashedByteCount(raw)
        #expect(AuditChain.EntryChecker.hashedByteBound(raw) >= count)
        var out = [UInt8](repeating: 0, count: count)
        let n = out.withUnsafeMutableBytes { AuditChain.EntryChecker.writeHashedBytes(raw, to: $0.baseAddress!) }
        return (n, out)
      }
      #expect(appended == Array(e.previousHash.utf8) + [0x0A] + e.record.canonicalBytes())
      #expect(written == appended && count == appended.count)
    }
  }

  @Test func aTimeBeyondSixtyFourBitsIsAnAlteredEntryNotATrap() {
    #expect(AuditEntry.canonicalMillis(Date(timeIntervalSince1970: 1e300)) == nil)
    #expect(AuditEntry.canonicalTime(Date(timeIntervalSince1970: 1e300)).hasPrefix("invalid:"))
    var e = sealed(1)[0]
    e.at = Date(timeIntervalSince1970: 1e300)
    #expect(AuditChain.verify([e], head: nil, key: key) == .altered(seq: 1))
  }
}
