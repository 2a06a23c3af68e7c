import BeredskapCore
import Foundation
import Testing

@Suite struct DataKeyTests {
  @Test func theKeyIsReadAsBase64OrHex() throws {
    let key = DataKey.generate()
    let again = try DataKey.parse(key.encoded + "\n")
    #expect(again.fingerprint == key.fingerprint)
    let hex = String(repeating: "ab", count: 32)
    #expect(
      try DataKey.parse(hex).fingerprint
        == DataKey.parse(Data(repeating: 0xab, count: 32).base64EncodedString()).fingerprint)
  }

  @Test func aWrongKeyIsRefusedWithoutQuotingIt() {
    let short = "c2hvcnQta2V5LXNlY3JldA=="
    #expect {
      try DataKey.parse(short)
    } throws: { error in
      "\(error)".contains("32 bytes") && !"\(error)".contains(short)
    }
    #expect(throws: DataKey.Invalid.self) { try DataKey.parse("not a key at all!") }
  }

  @Test func secretsAreSealedAndOnlyTheSameKeyOpensThem() throws {
    let key = DataKey.generate()
    let sealed = key.seal("JBSWY3DPEHPK3PXP", context: "users.totp_secret")
    #expect(DataKey.isSealed(sealed))
    #expect(!sealed.contains("JBSWY3DPEHPK3PXP"))
    #expect(try key.open(sealed, context: "users.totp_secret") == "JBSWY3DPEHPK3PXP")
    #expect(throws: DataKey.Invalid.self) { try DataKey.generate().open(sealed, context: "users.totp_secret") }
    #expect(throws: DataKey.Invalid.self) { try key.open(sealed, context: "another.column") }
    #expect(key.seal("x", context: "c") != key.seal("x", context: "c"))  // a fresh nonce each time
  }

  @Test func subKeysDifferPerPurpose() {
    let key = DataKey.generate()
    #expect(key.subkey(.storedSecrets) != key.subkey(.auditTrail))
  }
}

@Suite struct AuditKeyTests {
  func chain(_ n: Int, key: AuditKey) -> [AuditEntry] {
    var out: [AuditEntry] = []
    for i in 1...n {
      var e = AuditEntry(
        seq: Int64(i), at: Date(timeIntervalSince1970: 1_790_000_000 + Double(i)), actor: "user:1",
        action: "user.role_change", subject: "user:\(i)", fields: ["role": "viewer"],
        previousHash: out.last?.hash ?? AuditEntry.genesisHash)
      e.seal(with: key)
      out.append(e)
    }
    return out
  }

  @Test func aConsistentRewriteWithoutTheKeyIsNamed() {
    let key = AuditKey(DataKey.generate())
    var c = chain(5, key: key)
    #expect(AuditChain.verify(c, head: nil, key: key) == nil)
    // Change entry 3 and re-hash everything after it, as someone with the database but not the key can.
    c[2].fields["role"] = "admin"
    for i in 2..<5 {
      if i > 2 { c[i].previousHash = c[i - 1].hash }
      c[i].hash = c[i].computeHash()
    }
    #expect(AuditChain.verify(c, head: nil) == nil)  // the hash chain alone is fooled
    #expect(AuditChain.verify(c, head: nil, key: key) == .unauthenticated(seq: 3))
    // Sealing with a key of one's own does not help.
    c[2].seal(with: AuditKey(DataKey.generate()))
    #expect(AuditChain.verify(c, head: nil, key: key) == .unauthenticated(seq: 3))
  }

  @Test func aKeptHeadIsAuthenticAndRoundTrips() throws {
    let key = AuditKey(DataKey.generate())
    let head = KeptHead(
      seq: 7, hash: String(repeating: "a", count: 64), at: Date(timeIntervalSince1970: 1_790_000_000), key: key)
    let parsed = try KeptHead.parse(Data(head.json.utf8))
    #expect(parsed == head && parsed.isAuthentic(key))
    #expect(!parsed.isAuthentic(AuditKey(DataKey.generate())))
    var forged = parsed
    forged.seq = 6
    #expect(!forged.isAuthentic(key))
    #expect(throws: KeptHead.Invalid.self) { try KeptHead.parse(Data(#"{"schema":"x"}"#.utf8)) }
  }
}
