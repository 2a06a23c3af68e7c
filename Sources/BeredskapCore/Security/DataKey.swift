import Crypto
import Foundation

/// The one key Beredskap encrypts and authenticates with. It is never stored
/// in the database: it comes from `BEREDSKAP_DATA_KEY` or a key file in the
/// data folder. Every feature derives its own sub-key (HKDF-SHA256, one
/// `Purpose` each), so a key used for one thing is never reused for another.
///
/// Text form: 32 random bytes as base64 (`openssl rand -base64 32`) or as
/// 64 hexadecimal digits.
public struct DataKey: Sendable {
  /// What a sub-key is for. The raw value is the HKDF `info`; never change one.
  public enum Purpose: String, Sendable {
    /// Secrets stored in the database, such as TOTP secrets (AES-GCM).
    case storedSecrets = "beredskap/stored-secrets/v1"
    /// The MAC on every audit entry and on an exported audit head (HMAC-SHA256).
    case auditTrail = "beredskap/audit-trail/v1"
    /// A fingerprint that tells whether the right key was given.
    case fingerprint = "beredskap/fingerprint/v1"
    /// The signature on the sign-in form's CSRF cookie (HMAC-SHA256).
    case formCookies = "beredskap/form-cookies/v1"
    /// The signature on webhook bodies (HMAC-SHA256), shared with the receivers.
    case webhooks = "beredskap/webhooks/v1"
    /// Affected persons' names, contact data and national ids (AES-GCM).
    case personalData = "beredskap/personal-data/v1"
    /// Keyed hashes of e-mail, phone and national id that find the same person again (HMAC-SHA256).
    case personalDataIndex = "beredskap/personal-data-index/v1"
    /// Beredskap's own backup files (AES-GCM, one further key per file; see `BackupFile`).
    case backups = "beredskap/backups/v1"
  }

  public struct Invalid: Error, CustomStringConvertible {
    public var description: String
  }

  let material: SymmetricKey

  public init(bytes: some ContiguousBytes) throws {
    let key = SymmetricKey(data: bytes)
    guard key.bitCount == 256 else {
      throw Invalid(description: "the data key must be 32 bytes (got \(key.bitCount / 8))")
    }
    material = key
  }

  public static func generate() -> DataKey {
    // 256 bits from the system's secure random generator; cannot fail the size check.
    let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    return try! DataKey(bytes: bytes)
  }

  /// Reads the text form: base64 (standard or URL-safe) or 64 hex digits. The
  /// error never quotes the text, which is a secret.
  public static func parse(_ text: String) throws -> DataKey {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.count == 64, let bytes = Hex.decode(trimmed) { return try DataKey(bytes: bytes) }
    var b64 = trimmed.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while b64.count % 4 != 0 { b64 += "=" }
    guard let data = Data(base64Encoded: b64) else {
      throw Invalid(description: "the data key must be 32 bytes as base64 or 64 hexadecimal digits")
    }
    return try DataKey(bytes: data)
  }

  /// The text form written to a key file: base64.
  public var encoded: String { material.withUnsafeBytes { Data($0).base64EncodedString() } }

  public func subkey(_ purpose: Purpose) -> SymmetricKey {
    HKDF<SHA256>.deriveKey(
      inputKeyMaterial: material, salt: Data("beredskap".utf8), info: Data(purpose.rawValue.utf8), outputByteCount: 32)
  }

  /// Sixteen hex digits that identify the key without revealing it.
  public var fingerprint: String {
    let mac = HMAC<SHA256>.authenticationCode(for: Data("beredskap".utf8), using: subkey(.fingerprint))
    return String(Hex.encode(mac).prefix(16))
  }

  // MARK: Stored secrets

  static let sealedPrefix = "enc:v1:"

  /// `enc:v1:` + base64 of AES-256-GCM (nonce, ciphertext, tag). `context`
  /// names what the secret is (e.g. `users.totp_secret`) and is authenticated,
  /// so a sealed value cannot be moved to another column.
  public func seal(_ plaintext: String, context: String) -> String {
    let box = try? AES.GCM.seal(
      Data(plaintext.utf8), using: subkey(.storedSecrets), authenticating: Data(context.utf8))
    // Sealing with a valid 256-bit key and a fresh random nonce does not fail.
    return Self.sealedPrefix + (box?.combined?.base64EncodedString() ?? "")
  }

  public func open(_ sealed: String, context: String) throws -> String {
    guard Self.isSealed(sealed), let data = Data(base64Encoded: String(sealed.dropFirst(Self.sealedPrefix.count)))
    else { throw Invalid(description: "not a sealed value") }
    do {
      let box = try AES.GCM.SealedBox(combined: data)
      let clear = try AES.GCM.open(box, using: subkey(.storedSecrets), authenticating: Data(context.utf8))
      return String(decoding: clear, as: UTF8.self)
    } catch {
      throw Invalid(description: "a stored secret cannot be opened with this data key (wrong key, or altered)")
    }
  }

  public static func isSealed(_ value: String) -> Bool { value.hasPrefix(sealedPrefix) }
}

/// Lower-case hexadecimal, fast: the audit verifier formats a million hashes.
public enum Hex {
  static let digits = Array("0123456789abcdef".utf8)

  public static func encode<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
    var out: [UInt8] = []
    out.reserveCapacity(64)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func decode(_ text: String) -> [UInt8]? {
    let chars = Array(text.utf8)
    guard chars.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(chars.count / 2)
    var i = 0
    while i < chars.count {
      guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
      out.append(hi << 4 | lo)
      i += 2
    }
    return out
  }

  static func value(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
