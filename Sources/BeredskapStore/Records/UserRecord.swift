import FluentKit
import Foundation

/// A person who signs in. Passwords are bcrypt hashes; the TOTP secret is
/// needed in clear to compute codes and is stored only once enabled.
public final class UserRecord: Model, @unchecked Sendable {
  public static let schema = "users"

  @ID(key: .id) public var id: UUID?
  @Field(key: "email") public var email: String
  @Field(key: "name") public var name: String
  @Field(key: "role") public var role: String
  @Field(key: "password_hash") public var passwordHash: String?
  @OptionalField(key: "totp_secret") public var totpSecret: String?
  @Field(key: "totp_enabled") public var totpEnabled: Bool
  /// The newest TOTP time step accepted; a code is never accepted twice.
  @OptionalField(key: "totp_last_step") public var totpLastStep: Int64?
  /// SHA-256 hashes of unused recovery codes, comma-separated.
  @Field(key: "recovery_codes") public var recoveryCodes: String
  @Field(key: "disabled") public var disabled: Bool
  @Field(key: "language") public var language: String
  @Field(key: "created_at") public var createdAt: Date

  public init() {}

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
