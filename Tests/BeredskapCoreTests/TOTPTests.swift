import BeredskapCore
import Foundation
import Testing

@Suite struct TOTPTests {
  // RFC 6238 appendix B, SHA-1 secret, truncated to 6 digits.
  let totp = TOTP(secret: Data("12345678901234567890".utf8))

  @Test func matchesTheRFCVectors() {
    #expect(totp.code(at: Date(timeIntervalSince1970: 59)) == "287082")
    #expect(totp.code(at: Date(timeIntervalSince1970: 1_111_111_109)) == "081804")
    #expect(totp.code(at: Date(timeIntervalSince1970: 1_234_567_890)) == "005924")
    #expect(totp.code(at: Date(timeIntervalSince1970: 2_000_000_000)) == "279037")
  }

  @Test func acceptsOneStepOfDriftButNoMore() {
    let now = Date(timeIntervalSince1970: 1_234_567_890)
    #expect(totp.validate(totp.code(at: now.addingTimeInterval(-30)), at: now))
    #expect(!totp.validate(totp.code(at: now.addingTimeInterval(-90)), at: now))
  }

  @Test func base32RoundTrips() {
    let secret = TOTP.randomSecret()
    #expect(Base32.decode(Base32.encode(secret)) == secret)
    #expect(Base32.encode(Data("12345678901234567890".utf8)) == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
  }
}
