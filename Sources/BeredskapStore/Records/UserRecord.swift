import FluentKit
import Foundation

/// A person who signs in. Passwords are bcrypt hashes; the TOTP secret is
/// needed in clear to compute codes, so it is stored sealed with the data key.
public final class UserRecord: Model, @unchecked Sendable {
  public static let schema = "users"

  @ID(key: .id) public var id: UUID?
  @Field(key: "email") public var email: String
  @Field(key: "name") public var name: String
  @Field(key: "role") public var role: String
  @Field(key: "password_hash") public var passwordHash: String?
  /// `enc:v1:…`: the TOTP secret sealed with the data key (AES-GCM). Use `totpSecret`.
  @OptionalField(key: "totp_secret") public var sealedTOTPSecret: String?
  @Field(key: "totp_enabled") public var totpEnabled: Bool
  /// The newest TOTP time step accepted; a code is never accepted twice.
  @OptionalField(key: "totp_last_step") public var totpLastStep: Int64?
  /// SHA-256 hashes of unused recovery codes, comma-separated.
  @Field(key: "recovery_codes") public var recoveryCodes: String
  @Field(key: "disabled") public var disabled: Bool
  @Field(key: "language") public var language: String
  @Field(key: "created_at") public var createdAt: Date

  public init() {}

  static let totpContext = "users.totp_secret"

  /// The TOTP secret in clear (base32), sealed and opened with the process's
  /// data key. Nil when none is set or it cannot be opened with this key.
  public var totpSecret: String? {
    get {
      guard let sealed = sealedTOTPSecret, let key = DataKeyring.current else { return nil }
      return try? key.open(sealed, context: Self.totpContext)
    }
    set {
      // Without a key nothing is stored in clear; the start-up always loads one.
      sealedTOTPSecret = newValue.flatMap { secret in
        DataKeyring.current.map { $0.seal(secret, context: Self.totpContext) }
      }
    }
  }

  public init(id: UUID? = nil, email: String, name: String, role: String, passwordHash: String?, now: Date) {
    self.id = id
    self.email = email
    self.name = name
    self.role = role
    self.passwordHash = passwordHash
    self.totpEnabled = false
    self.recoveryCodes = ""
    self.disabled = false
    self.language = "nb"
    self.createdAt = now
  }
}
