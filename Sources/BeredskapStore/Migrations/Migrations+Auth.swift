import FluentKit
import SQLKit

/// Second factor used once per time step.
struct AddTOTPLastStep: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(UserRecord.schema).field("totp_last_step", .int64).update()
  }
  func revert(on db: Database) async throws {
    try await db.schema(UserRecord.schema).deleteField("totp_last_step").update()
  }
}

/// API tokens that end on their own.
struct AddTokenExpiry: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.schema(APITokenRecord.schema).field("expires_at", .datetime).update()
  }
  func revert(on db: Database) async throws {
    try await db.schema(APITokenRecord.schema).deleteField("expires_at").update()
  }
}

/// The scheduler purges expired sessions and old login attempts by time.
struct AddPurgeIndexes: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await (db as! any SQLDatabase).create(index: "sessions_expires").on(BrowserSessionRecord.schema)
      .column("expires_at").run()
    try await (db as! any SQLDatabase).create(index: "login_attempts_at").on(LoginAttemptRecord.schema)
      .column("at").run()
  }
  func revert(on db: Database) async throws {
    try await (db as! any SQLDatabase).drop(index: "sessions_expires").run()
    try await (db as! any SQLDatabase).drop(index: "login_attempts_at").run()
  }
}
