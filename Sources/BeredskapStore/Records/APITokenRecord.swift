import FluentKit
import Foundation

/// An API token for the CLI and integrations. Only its SHA-256 is stored.
public final class APITokenRecord: Model, @unchecked Sendable {
  public static let schema = "api_tokens"

  @ID(key: .id) public var id: UUID?
  @Parent(key: "user_id") public var user: UserRecord
  @Field(key: "name") public var name: String
  @Field(key: "token_hash") public var tokenHash: String
  @Field(key: "created_at") public var createdAt: Date
  @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
  @OptionalField(key: "revoked_at") public var revokedAt: Date?
  /// Tokens made before expiry existed end `TokenRepository.defaultLifetime` after creation.
  @OptionalField(key: "expires_at") public var expiresAt: Date?

  public init() {}

  public init(userID: UUID, name: String, tokenHash: String, now: Date, expiresAt: Date) {
    self.$user.id = userID
    self.name = name
    self.tokenHash = tokenHash
    self.createdAt = now
    self.expiresAt = expiresAt
  }
}
