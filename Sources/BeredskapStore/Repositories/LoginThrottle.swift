import BeredskapCore
import FluentKit
import Foundation

/// Slows down guessing: after a few wrong passwords for one account, or many
/// from one address, sign-in is refused for a growing wait. Kept in the
/// database so every instance sees the same count.
public struct LoginThrottle: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public static let window: TimeInterval = 15 * 60
  public static let freeAccountFailures = 5
  public static let freeClientFailures = 20

  static func accountKey(_ email: String) -> String {
    Secrets.sha256Hex("account:" + UserRepository.normalise(email: email))
  }
  static func clientKey(_ client: String) -> String { Secrets.sha256Hex("client:" + client) }

  /// Seconds to wait before another try is accepted; 0 when free to try.
  public func wait(email: String, client: String, now: Date) async throws -> Int {
    let since = now.addingTimeInterval(-Self.window)
    let account = try await LoginAttemptRecord.query(on: db).filter(\.$accountKey == Self.accountKey(email))
      .filter(\.$at > since).sort(\.$at, .descending).all()
    let clientCount = try await LoginAttemptRecord.query(on: db).filter(\.$clientKey == Self.clientKey(client))
      .filter(\.$at > since).count()
    var wait = 0.0
    if account.count >= Self.freeAccountFailures, let last = account.first?.at {
      // 30 s after the fifth failure, doubling with each further one, at most the window.
      let delay = min(Self.window, 30 * pow(2, Double(account.count - Self.freeAccountFailures)))
      wait = max(wait, last.addingTimeInterval(delay).timeIntervalSince(now))
    }
    if clientCount >= Self.freeClientFailures {
      wait = max(wait, 60)
    }
    return max(0, Int(wait.rounded(.up)))
  }

  public func failed(email: String, client: String, now: Date) async throws {
    let a = LoginAttemptRecord()
    a.accountKey = Self.accountKey(email)
    a.clientKey = Self.clientKey(client)
    a.at = now
    try await a.create(on: db)
    try await LoginAttemptRecord.query(on: db).filter(\.$at < now.addingTimeInterval(-Self.window * 4)).delete()
  }

  public func succeeded(email: String) async throws {
    try await LoginAttemptRecord.query(on: db).filter(\.$accountKey == Self.accountKey(email)).delete()
  }
}

public struct SettingsRepository: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public static let requireTwoFactor = "require_two_factor"

  public func bool(_ key: String) async throws -> Bool { try await SettingRecord.find(key, on: db)?.value == "true" }

  public func set(_ key: String, _ value: Bool, actor: Actor, now: Date) async throws {
    try await db.writeTransaction { tx in
      let record = try await SettingRecord.find(key, on: tx) ?? SettingRecord(key: key, value: "false")
      record.value = value ? "true" : "false"
      try await record.save(on: tx)
      try await AuditLog.append(
        on: tx, actor: actor, action: "settings.update", subject: "setting:\(key)", fields: [key: record.value],
        now: now)
    }
  }
}
