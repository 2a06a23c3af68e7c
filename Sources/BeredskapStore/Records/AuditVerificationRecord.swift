import FluentKit
import Foundation

/// One run of the audit check: when, by whom, and what it found.
public final class AuditVerificationRecord: Model, @unchecked Sendable {
  public static let schema = "audit_verifications"

  @ID(key: .id) public var id: UUID?
  @Field(key: "at") public var at: Date
  @Field(key: "ok") public var ok: Bool
  @Field(key: "entries") public var entries: Int64
  @OptionalField(key: "finding") public var finding: String?
  @Field(key: "actor") public var actor: String

  public init() {}
}

/// Failed sign-ins for one subject in one 15-minute window, and the audit
/// entry that records the window.
public final class FailedLoginWindowRecord: Model, @unchecked Sendable {
  public static let schema = "failed_login_windows"

  @ID(key: .id) public var id: UUID?
  @Field(key: "subject") public var subject: String
  @Field(key: "window_start") public var windowStart: Date
  @Field(key: "count") public var count: Int
  @Field(key: "first_seq") public var firstSeq: Int64

  public init() {}
}
