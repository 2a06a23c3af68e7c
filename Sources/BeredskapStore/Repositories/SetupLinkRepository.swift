import BeredskapCore
import FluentKit
import Foundation

/// The one-time link for the first admin: its hash and expiry are stored, so
/// any instance honours it. Redeeming it deletes it in the same transaction
/// that creates the admin, and the delete's row count decides, so parallel
/// submissions make one admin.
public struct SetupLinkRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  static let key = "setup_token_hash"
  public static let lifetime: TimeInterval = 24 * 3600

  /// Stores a fresh link's token (replacing any older one) valid for 24 hours.
  public func issue(token: String, now: Date) async throws {
    let value = Self.value(token: token, expires: now.addingTimeInterval(Self.lifetime))
    try await db.writeTransaction { tx in
      let record = try await SettingRecord.find(Self.key, on: tx) ?? SettingRecord(key: Self.key, value: "")
      record.value = value
      try await record.save(on: tx)
    }
  }

  static func value(token: String, expires: Date) -> String {
    Secrets.sha256Hex(token) + " " + String(Int64(expires.timeIntervalSince1970))
  }

  /// The stored value if `token` is the live link and no admin exists yet.
  func live(token: String, now: Date, on db: any Database) async throws -> String? {
    guard try await !UserRepository(db: db).adminExists(),
      let value = try await SettingRecord.find(Self.key, on: db)?.value
    else { return nil }
    let parts = value.split(separator: " ")
    guard parts.count == 2, let expires = Int64(parts[1]),
      Double(expires) > now.timeIntervalSince1970, Secrets.equal(String(parts[0]), Secrets.sha256Hex(token))
    else { return nil }
    return value
  }

  public func isValid(token: String, now: Date) async throws -> Bool {
    try await live(token: token, now: now, on: db) != nil
  }

  /// Spends the link and creates the first admin; nil if the link was
  /// already spent, expired, or an admin exists.
  public func redeem(token: String, email: String, name: String, passwordHash: String, now: Date) async throws
    -> UserRecord?
  {
    try await db.writeTransaction { tx in
      guard let value = try await live(token: token, now: now, on: tx) else { return nil }
      let spent = try await tx.sql.raw(
        #"DELETE FROM settings WHERE "key" = \#(bind: Self.key) AND value = \#(bind: value) RETURNING "key""#
      ).all()
      guard spent.count == 1 else { return nil }
      return try await UserRepository(db: tx).create(
        email: email, name: name, role: .admin, passwordHash: passwordHash, actor: .system, now: now)
    }
  }
}
