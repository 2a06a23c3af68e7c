import FluentKit
import Foundation

/// A failed sign-in, kept for throttling: by account (a hash of the e-mail
/// address, never the address) and by client address.
public final class LoginAttemptRecord: Model, @unchecked Sendable {
  public static let schema = "login_attempts"

  @ID(key: .id) public var id: UUID?
  @Field(key: "account_key") public var accountKey: String
  @Field(key: "client_key") public var clientKey: String
  @Field(key: "at") public var at: Date

  public init() {}
}
