import BeredskapCore
import FluentKit
import Foundation

/// The roles of contracts.md: viewer reads, responder also writes incidents,
/// admin also manages users, the plan and settings.
public enum Role: String, CaseIterable, Sendable, Comparable {
  case viewer, responder, admin

  public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

public struct UserRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public static func normalise(email: String) -> String {
    email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }

  public func find(email: String) async throws -> UserRecord? {
    try await UserRecord.query(on: db).filter(\.$email == Self.normalise(email: email)).first()
  }

  public func find(id: UUID) async throws -> UserRecord? { try await UserRecord.find(id, on: db) }

  public func all() async throws -> [UserRecord] { try await UserRecord.query(on: db).sort(\.$name).all() }

  public func adminExists() async throws -> Bool {
    try await UserRecord.query(on: db).filter(\.$role == Role.admin.rawValue).filter(\.$disabled == false).count() > 0
  }

  /// Creates a user; the e-mail address must be unused.
  public func create(
    email: String, name: String, role: Role, passwordHash: String?, actor: Actor, now: Date
  ) async throws -> UserRecord {
    let email = Self.normalise(email: email)
    return try await db.writeTransaction { tx in
      if try await UserRecord.query(on: tx).filter(\.$email == email).count() > 0 {
        throw StoreError.conflict("a user with that e-mail address already exists")
      }
      let user = UserRecord(email: email, name: name, role: role.rawValue, passwordHash: passwordHash, now: now)
      try await user.create(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: "user.create", subject: "user:\(user.id!)",
        fields: ["role": role.rawValue, "email": AuditLog.digest(email), "name": AuditLog.digest(name)], now: now)
      return user
    }
  }

  /// Applies `change` to the user and audits which fields changed.
  public func update(
    _ id: UUID, action: String, actor: Actor, now: Date, fields: [String: String],
    _ change: @escaping @Sendable (UserRecord) -> Void
  ) async throws {
    try await db.writeTransaction { tx in
      guard let user = try await UserRecord.find(id, on: tx) else { throw StoreError.notFound("user") }
      change(user)
      try await user.save(on: tx)
      try await AuditLog.append(on: tx, actor: actor, action: action, subject: "user:\(id)", fields: fields, now: now)
    }
  }
}

public struct TokenRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  /// Creates a token and returns it in clear, the only time it is seen.
  public func create(userID: UUID, name: String, actor: Actor, now: Date) async throws -> String {
    let token = "bk_" + Secrets.randomToken()
    try await db.writeTransaction { tx in
      let record = APITokenRecord(userID: userID, name: name, tokenHash: Secrets.sha256Hex(token), now: now)
      try await record.create(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: "token.create", subject: "token:\(record.id!)",
        fields: ["user": userID.uuidString, "name": AuditLog.digest(name)], now: now)
    }
    return token
  }

  /// The user behind a live token.
  public func user(for token: String) async throws -> (UserRecord, APITokenRecord)? {
    guard
      let record = try await APITokenRecord.query(on: db).filter(\.$tokenHash == Secrets.sha256Hex(token))
        .filter(\.$revokedAt == nil).with(\.$user).first()
    else { return nil }
    guard !record.user.disabled else { return nil }
    return (record.user, record)
  }

  public func list(userID: UUID) async throws -> [APITokenRecord] {
    try await APITokenRecord.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
      .sort(\.$createdAt, .descending).all()
  }

  public func revoke(_ id: UUID, userID: UUID, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      guard let t = try await APITokenRecord.query(on: tx).filter(\.$id == id).filter(\.$user.$id == userID).first()
      else { throw StoreError.notFound("token") }
      t.revokedAt = now
      try await t.save(on: tx)
      try await AuditLog.append(on: tx, actor: actor, action: "token.revoke", subject: "token:\(id)", now: now)
    }
  }
}
