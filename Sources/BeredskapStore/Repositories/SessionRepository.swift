import BeredskapCore
import FluentKit
import Foundation

/// Browser sessions in the database, so any instance can serve any request.
public struct SessionRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public static let lifetime: TimeInterval = 12 * 3600

  /// Starts a session; returns the cookie value.
  public func start(userID: UUID?, pendingSecondFactor: Bool, now: Date) async throws -> (String, BrowserSessionRecord)
  {
    let token = Secrets.randomToken()
    let s = BrowserSessionRecord()
    s.tokenHash = Secrets.sha256Hex(token)
    s.$user.id = userID
    s.pendingSecondFactor = pendingSecondFactor
    s.csrfToken = Secrets.randomToken(bytes: 24)
    s.createdAt = now
    s.expiresAt = now.addingTimeInterval(Self.lifetime)
    try await s.create(on: db)
    return (token, s)
  }

  public func find(token: String, now: Date) async throws -> BrowserSessionRecord? {
    guard let s = try await BrowserSessionRecord.query(on: db).filter(\.$tokenHash == Secrets.sha256Hex(token)).first()
    else { return nil }
    if s.expiresAt < now {
      try await s.delete(on: db)
      return nil
    }
    return s
  }

  public func end(_ session: BrowserSessionRecord) async throws { try await session.delete(on: db) }

  /// Ends every session of a user (password change, disabling).
  public func endAll(userID: UUID) async throws {
    try await BrowserSessionRecord.query(on: db).filter(\.$user.$id == userID).delete()
  }

  public func purgeExpired(now: Date) async throws {
    try await BrowserSessionRecord.query(on: db).filter(\.$expiresAt < now).delete()
  }
}
