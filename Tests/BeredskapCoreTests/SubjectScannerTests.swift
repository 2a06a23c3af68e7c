import BeredskapCore
import Foundation
import Testing

/// The list of affected persons: what a responder's spreadsheet export
/// turns into, and the errors they see when it cannot be used.
struct SubjectScannerTests {
  func scan(_ text: String, chunk: Int = 7, rows: ((SubjectRow) -> Void)? = nil) throws -> SubjectFigures {
    try scan(bytes: Array(text.utf8), chunk: chunk, rows: rows)
  }

  /// Fed in small chunks, so every record crosses chunk boundaries somewhere.
  func scan(bytes: [UInt8], chunk: Int = 7, rows: ((SubjectRow) -> Void)? = nil) throws -> SubjectFigures {
    let scanner = SubjectScanner()
    scanner.onRow = rows
    var i = 0
    while i < bytes.count {
      let end = min(bytes.count, i + chunk)
      try scanner.feed(Array(bytes[i..<end]))
      i = end
    }
    return try scanner.finish()
  }

  @Test func bokmalHeaderSemicolonsBOMAndCRLF() throws {
    let text =
      "\u{FEFF}Navn;E-post;Mobil;Fødselsnummer;Kategorier;Språk;Kundenr\r\n"
      + "Kari Nordmann;Kari@Example.org;912 34 567;98765432109;contact|identity;nb;17\r\n"
      + "\"Nordmann; Ola\";ola@example.org;+47 98765432;;\"contact, financial\";engelsk;18\r\n"
    var seen: [SubjectRow] = []
    let f = try scan(text) { seen.append($0) }
    #expect(f.delimiter == ";")
    #expect(f.rowsRead == 2 && f.validRows == 2 && f.invalidRows == 0)
    #expect(f.summary.people == 2)
    #expect(f.summary.perCategory == [.contact: 2, .identity: 1, .financial: 1])
    #expect(f.ignoredColumns == ["Kundenr"])
    #expect(seen.first?.phone == "+4791234567")
    #expect(seen.first?.emailKey == "kari@example.org")
    #expect(seen.first?.nationalID == "98765432109")
    #expect(seen.last?.name == "Nordmann; Ola")
    #expect(seen.last?.language == .en)
  }

  @Test func quotedNewlinesAndEscapedQuotesKeepTheRecordAndItsLine() throws {
    let text = "name,email\n\"Line\none \"\"Q\"\"\",a@example.org\nB,not-an-address\n"
    var names: [String] = []
    let f = try scan(text) { names.append($0.name ?? "") }
    #expect(names == ["Line\none \"Q\""])
    #expect(f.problems == [SubjectRowError(line: 4, reason: "e-postadressen er ugyldig")])
  }

  @Test func latin1BytesAreRefusedNamingTheLine() throws {
    var bytes = Array("navn,epost\nKari,kari@example.org\n".utf8)
    bytes += [
      0x42, 0x6A, 0xF8, 0x72, 0x6E, 0x2C, 0x62, 0x40, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 0x2E, 0x6F, 0x72, 0x67,
      0x0A,
    ]
    #expect(throws: SubjectFileError(line: 3, reason: "ikke UTF-8 (lagre filen som UTF-8)")) {
      try scan(bytes: bytes)
    }
  }

  @Test func aFileWithoutARecognisedHeaderIsRefused() throws {
    #expect(throws: SubjectFileError.self) { try scan("Kari Nordmann,kari@example.org\nOla,ola@example.org\n") }
    #expect(throws: SubjectFileError.self) { try scan("") }
    #expect(throws: SubjectFileError(line: 1, reason: "kolonnen «e-post» står to ganger")) {
      try scan("email,E-post\na@example.org,b@example.org\n")
    }
  }

  @Test func badRowsAreNamedByLineWithoutTheirContent() throws {
    let text = """
      navn,e-post,telefon,fødselsnummer,kategorier,språk
      A,secret@@example.org,,,,
      B,,12,,,
      C,,,1234567890,,
      D,,,,passwords,
      E,,,,,klingon
      ,,,,contact,
      G,g@example.org
      H,h@example.org,,,,nb
      """
    let f = try scan(text)
    #expect(f.rowsRead == 8 && f.validRows == 1 && f.invalidRows == 7)
    #expect(f.problems.map(\.line) == [2, 3, 4, 5, 6, 7, 8])
    #expect(f.problems.first?.description == "linje 2: e-postadressen er ugyldig")
    #expect(f.problems[2].reason == "fødselsnummeret må ha 11 siffer")
    #expect(!f.problems.contains { $0.reason.contains("secret") || $0.reason.contains("passwords") })
  }

  @Test func aRowLinkingTwoEarlierPeopleMakesThemOne() throws {
    let text = """
      name,email,phone,national_id,categories
      A,a@example.org,,,contact
      B,,+4791234567,,financial
      C,,,12345678901,
      AB,A@EXAMPLE.ORG,91234567,,identity
      """
    let f = try scan(text)
    #expect(f.summary.people == 2)
    #expect(f.summary.perCategory == [.contact: 1, .financial: 1, .identity: 1])
    #expect(f.summary.withoutContact == 1)
    #expect(f.summary.withoutEmail == 1)
  }

  @Test func anOverlongCellOrUnclosedQuoteIsARowErrorNotACrash() throws {
    let long = String(repeating: "x", count: 2000)
    let f = try scan("name,email\n\(long),a@example.org\nB,b@example.org\n\"C,c@example.org\n", chunk: 4096)
    #expect(f.validRows == 1)
    #expect(f.problems.map(\.line) == [2, 4])
    let huge = String(repeating: "y", count: 100_000)
    let g = try scan("name\n\"\(huge)\nZ\n", chunk: 1000)
    #expect(g.invalidRows == 1 && g.validRows == 0)
  }

  @Test func phonesAreE164WithNorwayAsDefault() {
    func p(_ s: String) -> String? {
      SubjectNormaliser.phoneDigits(ArraySlice(Array(s.utf8))).map(SubjectNormaliser.e164)
    }
    #expect(p("912 34 567") == "+4791234567")
    #expect(p("+47 912-34-567") == "+4791234567")
    #expect(p("004791234567") == "+4791234567")
    #expect(p("4791234567") == "+4791234567")
    #expect(p("+46 70 123 45 67") == "+46701234567")
    #expect(p("1234") == nil)
    #expect(p("+4791234567891234567") == nil)
    #expect(p("91x34567") == nil)
  }

  @Test func figuresAsJSONHaveStableKeys() throws {
    let f = try scan("email,categories\na@example.org,contact\nbad,\n")
    let object = try JSONSerialization.jsonObject(with: Data(f.json().utf8)) as? [String: Any]
    #expect(
      Set(object?.keys.map { $0 } ?? []) == [
        "rows_read", "valid_rows", "invalid_rows", "people", "people_per_category", "without_contact",
        "without_email", "errors", "errors_truncated", "ignored_columns", "delimiter",
      ])
    #expect(object?["people"] as? Int == 1)
  }
}
