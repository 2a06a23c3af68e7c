import Foundation
import Testing

@testable import BeredskapCore

/// The export formats, pinned by golden files in `Fixtures/exports`
/// (`BEREDSKAP_RECORD_GOLDEN=1 swift test --filter ExportTests` records them).
@Suite struct ExportTests {
  static func date(_ s: String) -> Date { Timestamp.parse(s) ?? Date(timeIntervalSince1970: 0) }

  static func incident(
    _ seq: Int, title: String, severity: Int, status: IncidentStatus, discovered: String, vector: String? = nil
  ) -> Incident {
    Incident(
      id: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", seq)) ?? UUID(),
      number: IncidentNumber(year: 2026, sequence: seq), title: title, summary: "Generert testdata.",
      severity: severity, status: status, discoveredAt: date(discovered), discoveredBy: "Overvåking",
      occurredAt: nil, systemsAffected: ["API"], attackVector: vector, ownerID: nil, ownerName: nil,
      createdAt: date(discovered).addingTimeInterval(300), updatedAt: date(discovered).addingTimeInterval(3600))
  }

  static func entries() throws -> [IncidentLogEntry] {
    let facts = try BreachFacts.parse(
      json: Data(contentsOf: FixtureFiles.url("examples/staffing-api-key-leak.facts.json")))
    return [
      IncidentLogEntry(
        incident: incident(
          1, title: "Databasen utilgjengelig", severity: 2, status: .resolved, discovered: "2026-02-03T06:10:00Z"),
        severityName: "Alvorlig", personalDataBreach: false),
      IncidentLogEntry(
        incident: incident(
          2, title: "API-nøkkel lekket", severity: 1, status: .contained, discovered: "2026-03-27T09:30:00Z",
          vector: "lekket API-nøkkel | offentlig\nkodelager"),
        severityName: "Kritisk", facts: facts, personalDataBreach: true, risk: .high, notifyAuthority: true,
        notifySubjects: true, reasons: ["Fødselsnumre kan misbrukes til identitetstyveri."],
        authorityNotifiedAt: date("2026-03-28T10:00:00Z"), subjectsNotifiedAt: nil,
        measures: ["API-nøkkelen er byttet ut"], plannedMeasures: ["Søk etter nøkler før publisering"],
        openDuties: ["Varsle de berørte"]),
      IncidentLogEntry(
        incident: incident(
          3, title: "E-post til feil mottaker", severity: 3, status: .closed, discovered: "2026-04-01T12:00:00Z"),
        severityName: "Moderat", facts: facts, personalDataBreach: true, risk: .low, notifyAuthority: false,
        notifySubjects: false, reasons: ["Mottakeren er kjent og har slettet e-posten."]),
      IncidentLogEntry(
        incident: incident(4, title: "Ikke vurdert", severity: 4, status: .ongoing, discovered: "2026-04-02T12:00:00Z"),
        severityName: "Lav"),
    ]
  }

  static let tables = [
    ExportTable(
      name: "incidents", columns: ["id", "number", "title", "severity", "created_at"],
      rows: [
        [
          .string("00000000-0000-4000-8000-000000000001"), .string("INC-2026-001"), .string("=HYPERLINK(\"x\")"),
          .number(1), .string("2026-02-03T06:15:00Z"),
        ],
        [
          .string("00000000-0000-4000-8000-000000000002"), .string("INC-2026-002"),
          .string("Linje én,\nlinje «to»"), .number(2.5), .null,
        ],
      ]),
    ExportTable(
      name: "users", columns: ["email", "role", "disabled"],
      rows: [
        [.string("@kari.fiktiv@example.invalid"), .string("admin"), .bool(false)],
        [.string("-1+1"), .string("viewer"), .bool(true)],
      ]),
  ]

  func check(_ text: String, golden name: String) throws {
    let url = FixtureFiles.url("exports/\(name)")
    if DocumentTests.record {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
      return
    }
    let golden = try? String(contentsOf: url, encoding: .utf8)
    #expect(golden == text, "\(name) differs; record with BEREDSKAP_RECORD_GOLDEN=1 and read the diff")
  }

  @Test func incidentLogMatchesPlanBsTable() throws {
    let md = IncidentLog.markdown(try Self.entries())
    try check(md, golden: "incidents-log.md")
    #expect(md.contains("| Incident ID | Date | Type | Affected | Severity | Reported to Datatilsynet | Status |"))
    // A pipe and a line break in a cell do not break the table: every row has 8 unescaped bars.
    for line in md.split(separator: "\n") where line.hasPrefix("| INC") {
      #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 8)
    }
  }

  @Test func databruddLogMatchesPlanCsBlocks() throws {
    let log = IncidentLog.databruddLog(try Self.entries())
    try check(log, golden: "databrudd_log.txt")
    #expect(!log.contains("INC-2026-001"))  // not a personal data breach
    #expect(!log.contains("INC-2026-004"))  // never assessed
  }

  @Test func csvIsRFC4180AndGuardsAgainstFormulas() throws {
    let csv = DataExport.csv(Self.tables[0]) + DataExport.csv(Self.tables[1])
    try check(csv, golden: "tables.csv")
    #expect(csv.contains("'=HYPERLINK(\"\"x\"\")"))
    #expect(csv.contains("\"Linje én,\nlinje «to»\""))
    #expect(csv.contains("'@kari.fiktiv@example.invalid"))
    #expect(csv.contains("'-1+1"))
  }

  @Test func jsonNamesItsFormatAndEveryTable() throws {
    let data = DataExport.json(Self.tables, organisation: "Eksempel AS", exportedAt: Self.date("2026-11-23T10:00:00Z"))
    try check(String(decoding: data, as: UTF8.self), golden: "export.json")
    guard case .object(let o) = try JSONValue.parse(data), case .object(let tables)? = o["tables"] else {
      Issue.record("not an object")
      return
    }
    #expect(o["format"] == .string("beredskap.export/1"))
    #expect(tables.keys.sorted() == ["incidents", "users"])
  }
}
