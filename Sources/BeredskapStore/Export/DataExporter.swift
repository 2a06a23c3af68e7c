import BeredskapCore
import FluentKit
import Foundation

/// What `beredskap export` writes: one document, or (csv) one file per table.
public enum DataExporter {
  public struct File: Sendable {
    /// nil for a single document; the file name inside the directory for csv.
    public var name: String?
    public var data: Data
  }

  public static func export(_ format: ExportFormat, db: any Database, plan: Plan, now: Date) async throws -> [File] {
    switch format {
    case .json, .csv:
      var tables: [ExportTable] = []
      for source in ExportSource.all { tables.append(try await source.load(db)) }
      if format == .json {
        return [File(name: nil, data: DataExport.json(tables, organisation: plan.organisation.name, exportedAt: now))]
      }
      return tables.map { File(name: "\($0.name).csv", data: Data(DataExport.csv($0).utf8)) }
    case .incidentsMD:
      let entries = try await IncidentLogReader(db: db).entries(plan: plan)
      return [File(name: nil, data: Data(IncidentLog.markdown(entries, authority: plan.authority.name).utf8))]
    case .databruddLog:
      let entries = try await IncidentLogReader(db: db).entries(plan: plan)
      return [File(name: nil, data: Data(IncidentLog.databruddLog(entries).utf8))]
    }
  }
}
