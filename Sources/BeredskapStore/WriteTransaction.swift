import FluentKit
import SQLKit

extension Database {
  /// A transaction that writes. On SQLite its first statement takes the write
  /// lock (like BEGIN IMMEDIATE), so two writers queue instead of one failing
  /// with SQLITE_BUSY halfway through; PostgreSQL locks only the rows touched.
  public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T)
    async throws -> T
  {
    try await transaction { db in
      if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
        try await sql.raw("UPDATE audit_head SET id = id WHERE id = 1").run()
      }
      return try await body(db)
    }
  }

  var sql: any SQLDatabase { self as! any SQLDatabase }
}
