import Crypto
import Foundation
import Testing

@testable import BeredskapCore

/// `audit verify` on a SQLite file checks each entry with bare SHA-256
/// compressions and compares hex as stored (`EntryChecker.matches(hashed:
/// count:hash:mac:)`); it must give exactly what the decoding checks give.
@Suite struct AuditFastCheckTests {
  let key = AuditKey(try! DataKey.parse(String(repeating: "ab", count: 32)))

  @Test func bareCompressionsGiveSHA256AtEveryLength() {
    // Every length around the block boundaries, where the padding takes a block of its own.
    for length in 0...300 {
      let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ length) }
      var buffer = message + [UInt8](repeating: 0xEE, count: SHA256Blocks.paddingBound)
      var state = SHA256Blocks.initial
      var digest = [UInt8](repeating: 0, count: 32)
      buffer.withUnsafeMutableBytes { b in
        SHA256Blocks.absorb(&state, b.baseAddress!, count: SHA256Blocks.pad(b.baseAddress!, count: length))
      }
      digest.withUnsafeMutableBytes { SHA256Blocks.store(state, to: $0.baseAddress!) }
      #expect(digest == Array(SHA256.hash(data: message)), "length \(length)")
      let hex = Array(Hex.encode(digest).utf8)
      #expect(hex.withUnsafeBytes { SHA256Blocks.equalsLowerHex(state, $0.baseAddress!) })
      let upper = Array(Hex.encode(digest).uppercased().utf8)
      let hasLetter = hex != upper
      #expect(upper.withUnsafeBytes { SHA256Blocks.equalsLowerHex(state, $0.baseAddress!) } == !hasLetter)
    }
  }

  @Test func digitsAreCountedAsStringCountsThem() {
    var values: [Int64] = [0, Int64.max, Int64.min, Int64.min + 1]
    var power: Int64 = 1
    for _ in 0..<19 {
      values += [power - 1, power, power + 1, -power, -(power - 1)]
      power = power.multipliedReportingOverflow(by: 10).partialValue
    }
    for n in values {
      #expect(AuditRecordBytes.decimalCount(n) == String(n).utf8.count, "\(n)")
    }
  }

  @Test func theTwoCompressionMACIsTheHMAC() {
    for seed in 0..<50 {
      let message = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ seed &* 13) }
      var out = [UInt8](repeating: 0, count: 32)
      let state = message.withUnsafeBytes { key.fast32.mac($0.baseAddress!) }
      out.withUnsafeMutableBytes { SHA256Blocks.store(state, to: $0.baseAddress!) }
      let hex = Hex.encode(out)
      #expect(hex == key.mac(hash: Hex.encode(message)))
    }
  }

  /// An entry's hashed bytes, stored hash and MAC as text, checked both ways.
  func bothWays(_ hashed: [UInt8], hash: String, mac: String?, key: AuditKey?) -> (
    fast: (content: Bool, mac: Bool), decoding: (content: Bool, mac: Bool)
  ) {
    let hashBytes = Array(hash.utf8)
    let macBytes = mac.map { Array($0.utf8) }
    var checker = AuditChain.EntryChecker(key: key)
    var buffer = hashed + [UInt8](repeating: 0xEE, count: AuditChain.EntryChecker.paddingRoom)
    return hashBytes.withUnsafeBytes { h in
      func withMAC<T>(_ body: (UnsafeRawBufferPointer?) -> T) -> T {
        guard let macBytes else { return body(nil) }
        return macBytes.withUnsafeBytes { body($0) }
      }
      return withMAC { m in
        let fast = buffer.withUnsafeMutableBytes {
          checker.matches(hashed: $0.baseAddress!, count: hashed.count, hash: h, mac: m)
        }
        let content = hashed.withUnsafeBytes { checker.contentMatches(hashed: $0, hash: h) }
        return (fast, (content, checker.macMatches(hash: h, mac: m)))
      }
    }
  }

  @Test func fastAndDecodingChecksAgreeOnEveryKindOfStoredText() {
    let hashed = Array("0000\nberedskap.audit/2\n1:1\n13:1790000000000\n6:user:1\n".utf8)
    let hash = Hex.encode(SHA256.hash(data: hashed))
    let mac = key.mac(hash: hash)
    let other = Hex.encode(SHA256.hash(data: Array("other".utf8)))
    let flipped = String(mac.dropLast()) + (mac.last == "0" ? "1" : "0")
    let cases: [(String, String, String?)] = [
      ("intact", hash, mac), ("upper-case hash", hash.uppercased(), mac), ("upper-case MAC", hash, mac.uppercased()),
      ("both upper-case", hash.uppercased(), mac.uppercased()), ("wrong MAC", hash, flipped),
      ("MAC of another hash", hash, key.mac(hash: other)), ("other hash", other, key.mac(hash: other)),
      ("no MAC", hash, nil), ("short MAC", hash, "abc"), ("MAC not hex", hash, String(repeating: "g", count: 64)),
      ("hash not hex", String(repeating: "z", count: 64), mac), ("short hash", String(hash.dropLast()), mac),
      ("empty hash", "", mac), ("long hash", hash + "0", mac),
    ]
    for (name, storedHash, storedMAC) in cases {
      for k in [key, nil] as [AuditKey?] {
        let (fast, decoding) = bothWays(hashed, hash: storedHash, mac: storedMAC, key: k)
        #expect(fast == decoding, "\(name), key: \(k != nil)")
      }
    }
    // The cases reach different verdicts.
    #expect(bothWays(hashed, hash: hash, mac: mac, key: key).fast == (true, true))
    #expect(bothWays(hashed, hash: hash.uppercased(), mac: mac.uppercased(), key: key).fast == (true, true))
    #expect(bothWays(hashed, hash: hash, mac: flipped, key: key).fast == (true, false))
    #expect(bothWays(hashed, hash: other, mac: key.mac(hash: other), key: key).fast == (false, true))
    #expect(bothWays(hashed, hash: hash, mac: nil, key: key).fast == (true, false))
    #expect(bothWays(hashed, hash: hash, mac: nil, key: nil).fast == (true, true))
  }
}
