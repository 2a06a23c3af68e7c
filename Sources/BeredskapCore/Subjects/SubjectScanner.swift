import Foundation

/// Reads a list of affected persons as a stream of bytes: finds the header,
/// checks every row, and counts people after de-duplication. Memory grows
/// with the number of distinct keys, never with the size of a row or file.
///
/// Feed chunks with `feed`, then call `finish`. A file that cannot be read
/// (not UTF-8, no recognised header) throws `SubjectFileError`; bad rows are
/// counted and the first `maxProblems` kept with their line and reason.
/// `onRow`, when set, receives every valid row normalised (for import).
///
/// The figures de-duplicate on exact 64-bit values for phone and national id
/// and on a 64-bit FNV-1a hash of the case-folded e-mail (two different
/// addresses among a million share a hash with odds of about 1 in 30 million);
/// the store de-duplicates on exact keyed hashes.
public final class SubjectScanner {
  public static let maxProblems = 100
  public static let maxCellBytes = 1024
  public static let maxRecordBytes = 16 * 1024

  public var onRow: ((SubjectRow) throws -> Void)?
  public private(set) var header: SubjectHeader?

  var reader: CSVReader?
  var head: [UInt8] = []
  var atStart = true
  var grouping = PeopleGrouping<UInt64>(expectedKeys: 1 << 16)
  var figures = SubjectFigures()
  var keys: [UInt64] = []

  public init() {}

  public func feed(_ chunk: UnsafeRawBufferPointer) throws {
    if reader == nil {
      // Hold the first line to see which delimiter the header uses.
      head.append(contentsOf: chunk)
      guard head.contains(CSVReader.lf) || head.count >= Self.maxRecordBytes else { return }
      try startReader()
      return
    }
    try reader?.feed(chunk) { try self.process($0) }
  }

  public func feed(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try feed($0) }
  }

  func startReader() throws {
    var bytes = head
    head = []
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw SubjectFileError(line: 1, reason: "ikke UTF-8 (lagre filen som UTF-8)")
    }
    let delimiter = CSVReader.detectDelimiter(bytes)
    figures.delimiter = delimiter == UInt8(ascii: ";") ? ";" : ","
    reader = CSVReader(delimiter: delimiter, maxRecordBytes: Self.maxRecordBytes)
    try bytes.withUnsafeBytes { raw in try reader?.feed(raw) { try self.process($0) } }
  }

  public func finish() throws -> SubjectFigures {
    if reader == nil { try startReader() }
    try reader?.finish { try self.process($0) }
    guard header != nil else {
      throw SubjectFileError(line: 1, reason: "filen er tom: den første linjen skal være overskriftene")
    }
    figures.summary = grouping.summary()
    return figures
  }

  /// Reads a whole file in chunks of 1 MiB.
  public static func scan(path: String, onRow: ((SubjectRow) throws -> Void)? = nil) throws -> SubjectFigures {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SubjectFileError(line: 0, reason: "kan ikke lese filen")
    }
    defer { try? handle.close() }
    let scanner = SubjectScanner()
    scanner.onRow = onRow
    while true {
      let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
      if chunk.isEmpty { break }
      try chunk.withUnsafeBytes { try scanner.feed($0) }
    }
    return try scanner.finish()
  }

  static func isUTF8(_ bytes: [UInt8]) -> Bool {
    if bytes.allSatisfy({ $0 < 0x80 }) { return true }
    return String(validating: bytes, as: UTF8.self) != nil
  }

  static let notUTF8 = "ikke UTF-8 (lagre filen som UTF-8)"

  func process(_ record: CSVReader.Record) throws {
    guard let header else {
      try readHeader(record)
      return
    }
    if record.isBlank { return }
    figures.rowsRead += 1
    if !record.overlong, !Self.isUTF8(record.bytes) {
      throw SubjectFileError(line: record.line, reason: Self.notUTF8)
    }
    switch try check(record, header) {
    case .failure(let error):
      figures.invalidRows += 1
      if figures.problems.count < Self.maxProblems { figures.problems.append(error) }
    case .success:
      figures.validRows += 1
    }
  }

  func readHeader(_ record: CSVReader.Record) throws {
    if record.isBlank && record.count <= 1 && !record.unterminated {
      throw SubjectFileError(line: record.line, reason: "den første linjen er tom: den skal være overskriftene")
    }
    guard !record.overlong, Self.isUTF8(record.bytes) else {
      throw SubjectFileError(
        line: record.line, reason: record.overlong ? "overskriftslinjen er for lang" : Self.notUTF8)
    }
    var positions: [SubjectColumn: Int] = [:]
    var ignored: [String] = []
    for i in 0..<record.count {
      let cell = String(decoding: SubjectNormaliser.trimmed(record.field(i)), as: UTF8.self)
      guard let column = SubjectColumn.recognise(cell) else {
        if !cell.isEmpty { ignored.append(String(cell.prefix(60))) }
        continue
      }
      guard positions[column] == nil else {
        throw SubjectFileError(line: record.line, reason: "kolonnen «\(column.label(.nb))» står to ganger")
      }
      positions[column] = i
    }
    guard !positions.isEmpty else {
      throw SubjectFileError(
        line: record.line,
        reason:
          "fant ingen kjente kolonner; den første linjen skal ha overskrifter som navn, e-post, telefon, fødselsnummer, kategorier, språk"
      )
    }
    header = SubjectHeader(positions: positions, ignored: ignored, fieldCount: record.count)
    figures.ignoredColumns = ignored
  }

  func cell(_ record: CSVReader.Record, _ header: SubjectHeader, _ column: SubjectColumn) -> ArraySlice<UInt8>? {
    guard let i = header.position(column) else { return nil }
    let value = SubjectNormaliser.trimmed(record.field(i))
    return value.isEmpty ? nil : value
  }

  static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
  static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
  static let tagPhone: UInt64 = 1 << 62
  static let tagNationalID: UInt64 = 2 << 62
  static let tagEmail: UInt64 = 3 << 62

  static func emailHash(_ email: ArraySlice<UInt8>) -> UInt64 {
    var h = fnvOffset
    if email.allSatisfy({ $0 < 0x80 }) {
      for b in email {
        h = (h ^ UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)) &* fnvPrime
      }
    } else {
      for b in String(decoding: email, as: UTF8.self).lowercased().utf8 { h = (h ^ UInt64(b)) &* fnvPrime }
    }
    return (h & ~tagEmail) | tagEmail
  }

  func check(_ record: CSVReader.Record, _ header: SubjectHeader) throws -> Result<Void, SubjectRowError> {
    let line = record.line
    func fail(_ reason: String) -> Result<Void, SubjectRowError> {
      .failure(SubjectRowError(line: line, reason: reason))
    }
    if record.unterminated { return fail("et anførselstegn er ikke lukket") }
    if record.overlong {
      return fail("raden er lengre enn \(Self.maxRecordBytes / 1024) KiB (mangler et avsluttende anførselstegn?)")
    }
    if record.count != header.fieldCount {
      return fail("raden har \(record.count) felt, men overskriften har \(header.fieldCount)")
    }
    for i in 0..<record.count where record.field(i).count > Self.maxCellBytes {
      let name = SubjectColumn.allCases.first { header.position($0) == i }.map { "«\($0.label(.nb))»" }
      return fail("feltet \(name ?? "i kolonne \(i + 1)") er lengre enn \(Self.maxCellBytes) byte")
    }
    let email = cell(record, header, .email)
    if let email, !SubjectNormaliser.isValidEmail(email) { return fail("e-postadressen er ugyldig") }
    var phone: UInt64?
    if let raw = cell(record, header, .phone) {
      guard let p = SubjectNormaliser.phoneDigits(raw) else {
        return fail("telefonnummeret er ugyldig (skriv 8 siffer, eller + og landskode)")
      }
      phone = p
    }
    var nationalID: UInt64?
    if let raw = cell(record, header, .nationalID) {
      guard let n = SubjectNormaliser.nationalID(raw) else { return fail("fødselsnummeret må ha 11 siffer") }
      nationalID = n
    }
    var categories = DataCategorySet()
    if let raw = cell(record, header, .categories) {
      guard let c = SubjectNormaliser.categories(raw) else {
        let codes = DataCategory.allCases.map(\.rawValue).joined(separator: ", ")
        return fail("ukjent kategori i «kategorier» (gyldige koder: \(codes))")
      }
      categories = c
    }
    var language = Language.nb
    if let raw = cell(record, header, .language) {
      guard let l = SubjectNormaliser.language(raw) else { return fail("ukjent språk (skriv nb eller en)") }
      language = l
    }
    let name = cell(record, header, .name)
    if name == nil, email == nil, phone == nil, nationalID == nil {
      return fail("raden har verken navn, e-post, telefon eller fødselsnummer")
    }
    keys.removeAll(keepingCapacity: true)
    if let email { keys.append(Self.emailHash(email)) }
    if let phone { keys.append(phone | Self.tagPhone) }
    if let nationalID { keys.append(nationalID | Self.tagNationalID) }
    grouping.add(
      keys: keys, traits: .init(categories: categories, hasEmail: email != nil, hasPhone: phone != nil))
    if let onRow {
      let row = SubjectRow(
        line: line, name: name.map { String(decoding: $0, as: UTF8.self) },
        email: email.map { String(decoding: $0, as: UTF8.self) }, phone: phone.map(SubjectNormaliser.e164),
        nationalID: nationalID.map(SubjectNormaliser.nationalIDText), categories: categories, language: language)
      try onRow(row)
    }
    return .success(())
  }
}
