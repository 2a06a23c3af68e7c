import FluentKit
import SQLKit

/// Every start with the data key asks whether any audit entry is still
/// unsealed (`DataUpgrade`). Without an index that reads the whole trail, a
/// second per million entries before every CLI command; this partial index
/// holds only the unsealed entries, so the answer is immediate.
struct AddUnsealedAuditIndex: AsyncMigration {
  func prepare(on db: Database) async throws {
    try await db.sql.raw("CREATE INDEX audit_unsealed ON audit_entries (seq) WHERE mac IS NULL").run()
  }
  func revert(on db: Database) async throws {
    try await db.sql.raw("DROP INDEX audit_unsealed").run()
  }
}
