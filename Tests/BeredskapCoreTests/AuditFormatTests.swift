import BeredskapCore
import Foundation
import Testing

/// The canonical bytes of an audit entry are Beredskap's own, so a new
/// toolchain cannot change them; these hashes were computed independently
/// (Python's json and hashlib) and must never change.
@Suite struct AuditFormatTests {
  let at = Date(timeIntervalSince1970: 1_790_000_001)
  let fields = ["status": "contained", "note/x": "Blåbær \"sitat\"\n"]

  @Test func theCurrentFormatHasAFixedHash() {
    let e = AuditEntry(
      seq: 1, at: at, actor: "user:1", action: "incident.update", subject: "incident:INC-2026-001", fields: fields,
      previousHash: AuditEntry.genesisHash)
    #expect(e.version == 2)
    #expect(e.hash == "61a82560a04216e37df1d5689ef6335016571a7d6498b662b2a7441261b3e9d5")
  }

  @Test func entriesOfTheFirstFormatStillHaveTheirHash() {
    let e = AuditEntry(
      seq: 1, at: at, actor: "user:1", action: "incident.update", subject: "incident:INC-2026-001", fields: fields,
      previousHash: AuditEntry.genesisHash, version: 1)
    #expect(
      e.canonical
        == #"{"action":"incident.update","actor":"user:1","at":"1790000001000","fields":{"note/x":"Blåbær \"sitat\"\n","status":"contained"},"seq":"1","subject":"incident:INC-2026-001"}"#
    )
    #expect(e.hash == "255f27275d3101a12443633fb098a1d80cd70e9428c3f114f7919e3451e04939")
  }

  @Test func theEncoderWritesWhatTheFirstFormatGotFromJSONEncoder() throws {
    let tricky = ["a\u{01}b\u{1f}": "\u{08}\u{0c}\t\r\n\\\"/ø😀", "Z": "", "z": "x"]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let foundation = String(decoding: try encoder.encode(tricky), as: UTF8.self)
    #expect(CanonicalJSON.encode(tricky) == foundation)
  }

  @Test func aValueCannotPoseAsTheNextField() {
    // Length prefixes: moving text between subject and fields changes the bytes.
    let a = AuditRecordBytes(
      version: 2, seq: 1, atMillis: "0", actor: "a", action: "b", subject: "s\n2:{}", fieldsText: "{}")
    let b = AuditRecordBytes(version: 2, seq: 1, atMillis: "0", actor: "a", action: "b", subject: "s", fieldsText: "{}")
    #expect(a.canonicalBytes() != b.canonicalBytes())
  }
}

/// A hand-edited time no entry can have never stops a check.
@Suite struct AuditTimeBoundsTests {
  @Test(arguments: [1e300, -1e300, Double.infinity, Double.nan, 9.3e15])
  func anImpossibleTimeIsTextThatMatchesNoHash(_ seconds: Double) {
    let text = AuditEntry.canonicalTime(Date(timeIntervalSince1970: seconds))
    #expect(text.hasPrefix("invalid:"))
    #expect(AuditEntry.canonicalTime(Date(timeIntervalSince1970: 1_764_000_000.123)) == "1764000000123")
  }
}
