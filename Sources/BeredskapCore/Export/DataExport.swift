import Foundation

/// One table of the full export: named columns and rows of plain values.
public struct ExportTable: Equatable, Sendable {
  public var name: String
  public var columns: [String]
  public var rows: [[JSONValue]]

  public init(name: String, columns: [String], rows: [[JSONValue]]) {
    self.name = name
    self.columns = columns
    self.rows = rows
  }
}

/// What `beredskap export --format` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
  case json, csv
  /// Plan B's incident log, a Markdown table (`incidents-log.md`).
  case incidentsMD = "incidents-md"
  /// Plan C's text blocks per breach (`databrudd_log.txt`).
  case databruddLog = "databrudd-log"
}

/// All of an organisation's data as JSON or as CSV files (Plan A's promise to
/// its customers): plain values, one table per kind of record.
public enum DataExport {
  public static let format = "beredskap.export/1"

  /// `{"format", "organisation", "exported_at", "tables": {name: [{column: value}]}}`, keys sorted.
  public static func json(_ tables: [ExportTable], organisation: String, exportedAt: Date) -> Data {
    var out: [String: JSONValue] = [:]
    for t in tables {
      out[t.name] = .array(
        t.rows.map { row in
          var o: [String: JSONValue] = [:]
          for (i, column) in t.columns.enumerated() where i < row.count { o[column] = row[i] }
          return .object(o)
        })
    }
    var data = JSONValue.object([
      "format": .string(format), "organisation": .string(organisation),
      "exported_at": .string(Timestamp.utc(exportedAt)), "tables": .object(out),
    ]).serialized(pretty: true)
    data.append(0x0A)
    return data
  }

  /// RFC 4180: CRLF line ends, every cell quoted when it holds a quote, comma
  /// or line break. A cell a spreadsheet would run as a formula (starting with
  /// `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.
  public static func csv(_ table: ExportTable) -> String {
    var out = table.columns.map(cell).joined(separator: ",") + "\r\n"
    for row in table.rows {
      out += table.columns.indices.map { i in i < row.count ? cell(text(row[i])) : "" }.joined(separator: ",")
      out += "\r\n"
    }
    return out
  }

  static func text(_ v: JSONValue) -> String {
    switch v {
    case .null: return ""
    case .bool(let b): return b ? "true" : "false"
    case .number(let n):
      if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
      return String(n)
    case .string(let s): return s
    case .array, .object: return String(decoding: v.serialized(), as: UTF8.self)
    }
  }

  static func cell(_ s: String) -> String {
    var s = s
    if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { s = "'" + s }
    guard s.contains(where: { $0 == "\"" || $0 == "," || $0.isNewline }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
