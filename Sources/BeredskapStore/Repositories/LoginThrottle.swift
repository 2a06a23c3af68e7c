import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// Slows down guessing, kept in the database so every instance sees the same
/// count. Each try is reserved *before* the password or code is checked, so
/// parallel requests cannot run more checks than the limits allow; a try that
/// succeeds gives its reservation back.
///
/// Passwords are limited per account *and address* (a stranger elsewhere
/// cannot lock the owner out) and, with a higher limit, per address (one
/// address guessing many accounts). Second-factor codes have a limit of their
/// own per account that only a correct code clears, with a long memory so
/// codes cannot be guessed at a steady rate.
public struct LoginThrottle: Sendable {
  let db: any Database
  public init(db: any Database) { self.db = db }

  public struct Limit: Sendable {
    /// Failures allowed in the window before any wait.
    public var free: Int
    /// The first wait; it doubles with each further failure.
    public var firstWait: TimeInterval
    public var maxWait: TimeInterval
    public var window: TimeInterval

    func wait(failures: Int, last: Date?, now: Date) -> TimeInterval {
      guard failures >= free, let last else { return 0 }
      let steps = Double(min(failures - free, 30))
      let delay = min(maxWait, firstWait * pow(2, steps))
      return last.addingTimeInterval(delay).timeIntervalSince(now)
    }
  }

  /// One account from one address: 5 tries, then 30 s, 60 s, … up to 15 min.
  public static let accountAtAddress = Limit(free: 5, firstWait: 30, maxWait: 15 * 60, window: 15 * 60)
  /// One address over all accounts: 100 tries in 15 min, then 60 s, doubling.
  public static let address = Limit(free: 100, firstWait: 60, maxWait: 15 * 60, window: 15 * 60)
  /// Second-factor codes per account: 5 tries, then 30 s doubling up to an
  /// hour, remembered for a day (≈ 30 guesses a day at most).
  public static let secondFactor = Limit(free: 5, firstWait: 30, maxWait: 3600, window: 24 * 3600)

  /// Rows older than this are of no use to any limit.
  public static let keep: TimeInterval = 2 * 24 * 3600

  static func pairKey(_ email: String, _ client: String) -> String {
    Secrets.sha256Hex("account:" + UserRepository.normalise(email: email) + "\n" + client)
  }
  static func clientKey(_ client: String) -> String { Secrets.sha256Hex("client:" + client) }
  static func secondFactorKey(_ userID: UUID) -> String { Secrets.sha256Hex("second-factor:" + userID.uuidString) }
  /// Second-factor rows carry this instead of an address, so they count only against their own limit.
  static let secondFactorClient = "second-factor"

  /// A reserved try, or the seconds to wait before one is allowed.
  public struct Reservation: Sendable {
    public var id: UUID?
    public var wait: Int
    public var granted: Bool { id != nil }
  }

  /// Reserves a password try for this account from this address.
  public func reservePassword(email: String, client: String, now: Date) async throws -> Reservation {
    try await reserve(
      key: Self.pairKey(email, client), keyLimit: Self.accountAtAddress, client: Self.clientKey(client),
      clientLimit: Self.address, now: now)
  }

  /// Reserves a second-factor try (TOTP or recovery code) for this account.
  public func reserveSecondFactor(userID: UUID, now: Date) async throws -> Reservation {
    try await reserve(
      key: Self.secondFactorKey(userID), keyLimit: Self.secondFactor, client: Self.secondFactorClient,
      clientLimit: nil, now: now)
  }

  func reserve(key: String, keyLimit: Limit, client: String, clientLimit: Limit?, now: Date) async throws
    -> Reservation
  {
    // Most tries of a guessing burst are refused here, by a plain read, so they
    // neither queue for the lock nor hold a connection while they wait.
    let seen = try await wait(on: db, key: key, keyLimit: keyLimit, client: client, clientLimit: clientLimit, now: now)
    if seen > 0 { return Reservation(id: nil, wait: seen) }
    return try await db.writeTransaction { tx in
      // One reservation at a time across instances (SQLite: the write lock of writeTransaction).
      if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
        try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.advisoryLock))").run()
      }
      let wait = try await wait(
        on: tx, key: key, keyLimit: keyLimit, client: client, clientLimit: clientLimit, now: now)
      if wait > 0 { return Reservation(id: nil, wait: wait) }
      let attempt = LoginAttemptRecord()
      attempt.accountKey = key
      attempt.clientKey = client
      attempt.at = now
      try await attempt.create(on: tx)
      return Reservation(id: attempt.id, wait: 0)
    }
  }

  /// Whole seconds to wait under both limits; 0 when a try is allowed.
  func wait(on db: any Database, key: String, keyLimit: Limit, client: String, clientLimit: Limit?, now: Date)
    async throws -> Int
  {
    var wait = try await Self.wait(on: db, limit: keyLimit, now: now) { $0.filter(\.$accountKey == key) }
    if let clientLimit {
      wait = max(wait, try await Self.wait(on: db, limit: clientLimit, now: now) { $0.filter(\.$clientKey == client) })
    }
    return wait > 0 ? max(1, Int(min(wait, 86_400).rounded(.up))) : 0
  }

  static let advisoryLock: Int64 = 0x6265_7265_6473_6b01  // "beredsk" + 1

  static func wait(
    on db: any Database, limit: Limit, now: Date,
    _ filter: (QueryBuilder<LoginAttemptRecord>) -> QueryBuilder<LoginAttemptRecord>
  ) async throws -> TimeInterval {
    let since = now.addingTimeInterval(-limit.window)
    let recent = filter(LoginAttemptRecord.query(on: db)).filter(\.$at > since)
    let count = try await recent.count()
    guard count >= limit.free else { return 0 }
    let last = try await filter(LoginAttemptRecord.query(on: db)).filter(\.$at > since).sort(\.$at, .descending)
      .first()
    return limit.wait(failures: count, last: last?.at, now: now)
  }

  /// The password was right: the reservation is given back and this
  /// address's failures for the account are forgiven. Second-factor
  /// failures stay.
  public func passwordSucceeded(email: String, client: String) async throws {
    try await LoginAttemptRecord.query(on: db).filter(\.$accountKey == Self.pairKey(email, client)).delete()
  }

  /// A right code clears the account's second-factor failures.
  public func secondFactorSucceeded(userID: UUID) async throws {
    try await LoginAttemptRecord.query(on: db).filter(\.$accountKey == Self.secondFactorKey(userID)).delete()
  }

  /// Gives a reservation back without judging it (e.g. a form error before any check).
  public func release(_ reservation: Reservation) async throws {
    guard let id = reservation.id else { return }
    try await LoginAttemptRecord.query(on: db).filter(\.$id == id).delete()
  }

  /// Forgets tries no limit looks at any more (the scheduler calls this).
  public func purge(now: Date) async throws {
    try await LoginAttemptRecord.query(on: db).filter(\.$at < now.addingTimeInterval(-Self.keep)).delete()
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
        on: tx, actor: actor, action: .settingsUpdate, subject: "setting:\(key)", fields: [key: record.value],
        now: now)
    }
  }
}
