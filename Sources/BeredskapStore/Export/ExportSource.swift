import BeredskapCore
import FluentKit
import Foundation
import SQLKit

/// One table of the full export: which columns leave the database, and how.
/// Tables added by later features are one entry each in `ExportSource.all`.
public struct ExportSource: Sendable {
  public enum Kind: Sendable { case text, int, double, bool, date, uuid }

  public struct Column: Sendable {
    public var name: String
    public var kind: Kind
    public init(_ name: String, _ kind: Kind) {
      self.name = name
      self.kind = kind
    }
  }

  public var name: String
  public var load: @Sendable (any Database) async throws -> ExportTable

  public init(name: String, load: @escaping @Sendable (any Database) async throws -> ExportTable) {
    self.name = name
    self.load = load
  }

  /// A table read column by column as stored. Only the named columns leave
  /// the database: never password hashes, second-factor secrets, tokens or sessions.
  public static func table(_ name: String, _ columns: [Column], orderBy order: [String]) -> ExportSource {
    ExportSource(name: name) { db in
      try await rows(db, table: name, columns, orderBy: order)
    }
  }

  static func rows(_ db: any Database, table: String, _ columns: [Column], orderBy order: [String]) async throws
    -> ExportTable
  {
    var query = db.sql.select().columns(columns.map { SQLIdentifier($0.name) }).from(table)
    for o in order { query = query.orderBy(o) }
    let rows = try await query.all()
    return ExportTable(
      name: table, columns: columns.map(\.name),
      rows: try rows.map { row in try columns.map { try value(row, $0) } })
  }

  static func value(_ row: any SQLRow, _ c: Column) throws -> JSONValue {
    switch c.kind {
    case .text: return try row.decode(column: c.name, as: String?.self).map(JSONValue.string) ?? .null
    case .int: return try row.decode(column: c.name, as: Int64?.self).map { .number(Double($0)) } ?? .null
    case .double: return try row.decode(column: c.name, as: Double?.self).map(JSONValue.number) ?? .null
    case .bool: return try row.decode(column: c.name, as: Bool?.self).map(JSONValue.bool) ?? .null
    case .date: return try row.decode(column: c.name, as: Date?.self).map { .string(Timestamp.utc($0)) } ?? .null
    case .uuid:
      return try row.decode(column: c.name, as: UUID?.self).map { .string($0.uuidString.lowercased()) } ?? .null
    }
  }
}
