import Crypto
import Foundation

/// The sub-keys for affected persons' personal data, derived once: a
/// million rows are sealed and hashed with the same two keys.
public struct PersonalDataKeys: Sendable {
  let sealing: SymmetricKey
  let index: SymmetricKey

  public init(_ key: DataKey) {
    sealing = key.subkey(.personalData)
    index = key.subkey(.personalDataIndex)
  }

  /// `enc:v1:` + base64 of AES-256-GCM; `column` (e.g. `affected_people.email`) is authenticated.
  public func seal(_ plaintext: String, column: String) -> String {
    let box = try? AES.GCM.seal(Data(plaintext.utf8), using: sealing, authenticating: Data(column.utf8))
    return DataKey.sealedPrefix + (box?.combined?.base64EncodedString() ?? "")
  }

  public func open(_ sealed: String, column: String) throws -> String {
    guard DataKey.isSealed(sealed),
      let data = Data(base64Encoded: String(sealed.dropFirst(DataKey.sealedPrefix.count)))
    else { throw DataKey.Invalid(description: "not a sealed value") }
    do {
      let box = try AES.GCM.SealedBox(combined: data)
      let clear = try AES.GCM.open(box, using: sealing, authenticating: Data(column.utf8))
      return String(decoding: clear, as: UTF8.self)
    } catch {
      throw DataKey.Invalid(description: "personal data cannot be opened with this data key (wrong key, or altered)")
    }
  }

  /// HMAC-SHA256 of a tagged identity value (`email:…`, `phone:…`,
  /// `national_id:…`) as hex: equal values give equal hashes, and without
  /// the data key nobody can test a guess against them.
  public func keyedHash(_ identity: String) -> String {
    Hex.encode(HMAC<SHA256>.authenticationCode(for: Data(identity.utf8), using: index))
  }
}

extension PersonalDataKeys {
  /// The keyed hash as 32 bytes in four words: a million of them fit in a
  /// fraction of the memory their hex strings take.
  public func keyedDigest(_ identity: String) -> KeyDigest {
    KeyDigest(bytes: Array(HMAC<SHA256>.authenticationCode(for: Data(identity.utf8), using: index)))
  }
}

/// An HMAC-SHA256 value, compact and hashable; `hex` is the stored form.
public struct KeyDigest: Hashable, Sendable {
  var words: (UInt64, UInt64, UInt64, UInt64)

  init(bytes: [UInt8]) {
    func word(_ i: Int) -> UInt64 {
      var w: UInt64 = 0
      for j in 0..<8 where i * 8 + j < bytes.count { w = w << 8 | UInt64(bytes[i * 8 + j]) }
      return w
    }
    words = (word(0), word(1), word(2), word(3))
  }

  /// 64 hexadecimal digits, or nil.
  public init?(hex: String) {
    guard hex.utf8.count == 64, let bytes = Hex.decode(hex), bytes.count == 32 else { return nil }
    self.init(bytes: bytes)
  }

  public var hex: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    for w in [words.0, words.1, words.2, words.3] {
      for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: w >> UInt64(shift))) }
    }
    return Hex.encode(bytes)
  }

  public static func == (a: KeyDigest, b: KeyDigest) -> Bool {
    a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(words.0)
    hasher.combine(words.1)
  }
}
