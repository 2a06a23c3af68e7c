import BeredskapCore
import FluentKit
import Foundation

/// API tokens: shown once, stored as SHA-256, ending after a lifetime, on a
/// password or two-factor change, when the user is disabled, or when revoked.
public struct TokenRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public static let defaultLifetimeDays = 90
  /// `last_used_at` is written at most this often per token.
  public static let lastUsedResolution: TimeInterval = 60

  /// Creates a token and returns it in clear, the only time it is seen.
  public func create(
    userID: UUID, name: String, lifetimeDays: Int = defaultLifetimeDays, actor: Actor, now: Date
  ) async throws -> String {
    let token = "bk_" + Secrets.randomToken()
    let days = min(max(lifetimeDays, 1), 3650)
    let expires = now.addingTimeInterval(TimeInterval(days) * 86_400)
    try await db.writeTransaction { tx in
      let record = APITokenRecord(
        userID: userID, name: name, tokenHash: Secrets.sha256Hex(token), now: now, expiresAt: expires)
      try await record.create(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: .tokenCreate, subject: "token:\(record.id!)",
        fields: ["user": userID.uuidString, "name": AuditLog.digest(name), "expires_at": Timestamp.utc(expires)],
        now: now)
    }
    return token
  }

  /// When a token ends; tokens from before expiry existed count from their creation.
  public static func expiry(of t: APITokenRecord) -> Date {
    t.expiresAt ?? t.createdAt.addingTimeInterval(TimeInterval(defaultLifetimeDays) * 86_400)
  }

  /// The user behind a live token (not revoked, not expired, user not disabled).
  public func user(for token: String, now: Date) async throws -> (UserRecord, APITokenRecord)? {
    guard
      let record = try await APITokenRecord.query(on: db).filter(\.$tokenHash == Secrets.sha256Hex(token))
        .filter(\.$revokedAt == nil).with(\.$user).first()
    else { return nil }
    guard !record.user.disabled, Self.expiry(of: record) > now else { return nil }
    return (record.user, record)
  }

  /// Notes that a token was used, at most once a minute whatever the traffic.
  public func touch(_ record: APITokenRecord, now: Date) async throws {
    if let last = record.lastUsedAt, now.timeIntervalSince(last) < Self.lastUsedResolution { return }
    let stale = now.addingTimeInterval(-Self.lastUsedResolution)
    try await APITokenRecord.query(on: db).filter(\.$id == record.id!)
      .group(.or) { $0.filter(\.$lastUsedAt == nil).filter(\.$lastUsedAt <= stale) }
      .set(\.$lastUsedAt, to: now).update()
  }

  /// A user's live tokens, newest first.
  public func list(userID: UUID, now: Date) async throws -> [APITokenRecord] {
    try await APITokenRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
      .sort(\.$createdAt, .descending).all().filter { Self.expiry(of: $0) > now }
  }

  /// Every live token with its owner, for the admin.
  public func listAll(now: Date) async throws -> [APITokenRecord] {
    try await APITokenRecord.query(on: db).filter(\.$revokedAt == nil).with(\.$user)
      .sort(\.$createdAt, .descending).all().filter { Self.expiry(of: $0) > now }
  }

  /// Revokes one token; `userID` limits it to that user's own (nil: an admin, any token).
  public func revoke(_ id: UUID, userID: UUID?, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      var query = APITokenRecord.query(on: tx).filter(\.$id == id).filter(\.$revokedAt == nil)
      if let userID { query = query.filter(\.$user.$id == userID) }
      guard let t = try await query.first() else { throw StoreError.notFound("token") }
      t.revokedAt = now
      try await t.save(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: .tokenRevoke, subject: "token:\(id)",
        fields: ["user": t.$user.id.uuidString, "name": AuditLog.digest(t.name)], now: now)
    }
  }

  /// Revokes all of a user's live tokens; call inside the transaction of the
  /// change that ends them. Audited when there were any.
  public func revokeAll(userID: UUID, reason: String, actor: Actor, now: Date) async throws {
    let live = try await APITokenRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
      .count()
    guard live > 0 else { return }
    try await APITokenRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
      .set(\.$revokedAt, to: now).update()
    try await AuditLog.append(
      on: db, actor: actor, action: .tokenRevokeAll, subject: "user:\(userID)",
      fields: ["tokens": String(live), "reason": reason], now: now)
  }
}
