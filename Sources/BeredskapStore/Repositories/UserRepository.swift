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

  /// Some active user with a password: the sign-in form is of use to someone.
  public func anyoneCanSignIn() async throws -> Bool {
    try await UserRecord.query(on: db).filter(\.$disabled == false).filter(\.$passwordHash != nil).count() > 0
  }

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
        on: tx, actor: actor, action: .userCreate, subject: "user:\(user.id!)",
        fields: ["role": role.rawValue, "email": AuditLog.digest(email), "name": AuditLog.digest(name)], now: now)
      return user
    }
  }

  /// Applies `change` to the user and audits which fields changed. With
  /// `endingCredentials`, the user's API tokens are revoked and browser
  /// sessions ended in the same transaction (password or two-factor changed,
  /// user disabled).
  public func update(
    _ id: UUID, action: AuditAction, actor: Actor, now: Date, fields: [String: String],
    endingCredentials: Bool = false, _ change: @escaping @Sendable (UserRecord) -> Void
  ) async throws {
    try await db.writeTransaction { tx in
      guard let user = try await UserRecord.find(id, on: tx) else { throw StoreError.notFound("user") }
      change(user)
      try await user.save(on: tx)
      try await AuditLog.append(on: tx, actor: actor, action: action, subject: "user:\(id)", fields: fields, now: now)
      if endingCredentials {
        try await TokenRepository(db: tx).revokeAll(userID: id, reason: action.rawValue, actor: actor, now: now)
        try await SessionRepository(db: tx).endAll(userID: id)
      }
    }
  }

  /// Accepts a TOTP time step once: true only if no code of this or a later
  /// step was accepted before, decided by the database so parallel requests
  /// with one code get one sign-in. Audited as the sign-in.
  public func useTOTPStep(_ id: UUID, step: Int64, actor: Actor, now: Date) async throws -> Bool {
    try await db.writeTransaction { tx in
      let won = try await tx.sql.raw(
        """
        UPDATE users SET totp_last_step = \(bind: step) WHERE id = \(bind: id) AND totp_enabled = \(bind: true)
        AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
        """
      ).all()
      guard won.count == 1 else { return false }
      try await AuditLog.append(
        on: tx, actor: actor, action: .loginSucceeded, subject: "user:\(id)", fields: ["second_factor": "totp"],
        now: now)
      return true
    }
  }

  /// Uses up one recovery code (given as its SHA-256) atomically: the list is
  /// replaced only if nobody changed it since it was read, so one code gives
  /// one sign-in however many requests race. Audited as the sign-in.
  public func useRecoveryCode(_ id: UUID, hash: String, actor: Actor, now: Date) async throws -> Bool {
    for _ in 0..<5 {
      let outcome: Bool? = try await db.writeTransaction { tx in
        guard let user = try await UserRecord.find(id, on: tx), user.totpEnabled else { return false }
        let before = user.recoveryCodes
        var codes = before.split(separator: ",").map(String.init)
        guard let i = codes.firstIndex(where: { Secrets.equal($0, hash) }) else { return false }
        codes.remove(at: i)
        let after = codes.joined(separator: ",")
        let won = try await tx.sql.raw(
          """
          UPDATE users SET recovery_codes = \(bind: after) WHERE id = \(bind: id)
          AND recovery_codes = \(bind: before) RETURNING id
          """
        ).all()
        guard won.count == 1 else { return nil }  // changed under us: read again
        try await AuditLog.append(
          on: tx, actor: actor, action: .loginSucceeded, subject: "user:\(id)",
          fields: ["second_factor": "recovery_code", "recovery_codes_left": String(codes.count)], now: now)
        return true
      }
      if let outcome { return outcome }
    }
    return false
  }
}
