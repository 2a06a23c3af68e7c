import FluentKit
import Foundation

/// A signed-in browser. The cookie holds a random token; only its SHA-256 is
/// stored, so a copy of the database cannot be used to sign in.
public final class BrowserSessionRecord: Model, @unchecked Sendable {
  public static let schema = "sessions"

  @ID(key: .id) public var id: UUID?
  @Field(key: "token_hash") public var tokenHash: String
  @OptionalParent(key: "user_id") public var user: UserRecord?
  /// Password accepted, second factor still to come.
  @Field(key: "pending_second_factor") public var pendingSecondFactor: Bool
  @Field(key: "csrf_token") public var csrfToken: String
  @Field(key: "created_at") public var createdAt: Date
  @Field(key: "expires_at") public var expiresAt: Date

  public init() {}
}
