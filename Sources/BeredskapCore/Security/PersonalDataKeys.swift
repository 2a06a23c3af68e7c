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
