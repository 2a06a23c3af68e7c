import FluentKit
import Foundation

/// A stored audit entry. The store only ever inserts these.
public final class AuditEntryRecord: Model, @unchecked Sendable {
  public static let schema = "audit_entries"

  @ID(custom: "seq", generatedBy: .user) public var id: Int64?
  @Field(key: "at") public var at: Date
  @Field(key: "actor") public var actor: String
  @Field(key: "action") public var action: String
  @Field(key: "subject") public var subject: String
  @Field(key: "fields") public var fields: String
  @Field(key: "previous_hash") public var previousHash: String
  @Field(key: "hash") public var hash: String
  /// 1 or 2; see `AuditEntry.version`.
  @Field(key: "version") public var version: Int
  @OptionalField(key: "mac") public var mac: String?

  public init() {}
}
