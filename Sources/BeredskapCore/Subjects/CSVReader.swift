/// A streaming RFC 4180 reader over bytes: feed it chunks of any size, it
/// hands back one record at a time with the line it started on. Quoted
/// fields may hold the delimiter, `""` and newlines; CRLF and LF both end a
/// record. Memory is bounded: a record longer than `maxRecordBytes` keeps
/// its structure (so the next line is found) but is flagged `overlong` and
/// its bytes are dropped, so a file with a missing closing quote costs one
/// row error, not the whole file in memory.
public struct CSVReader: Sendable {
  /// One record: the bytes of its fields back to back, and where each ends.
  public struct Record: Sendable {
    /// The physical line the record starts on (1-based).
    public var line: Int
    public var bytes: [UInt8]
    /// `ends[i]` is the end offset of field `i` in `bytes`; `ends.count` is the number of fields.
    public var ends: [Int]
    /// Longer than the reader's limit; `bytes` is truncated.
    public var overlong: Bool
    /// The file ended inside a quoted field.
    public var unterminated: Bool

    public var count: Int { ends.count }

    /// Field `i`, or an empty slice when the record has fewer fields.
    public func field(_ i: Int) -> ArraySlice<UInt8> {
      guard i >= 0, i < ends.count else { return [] }
      let start = i == 0 ? 0 : ends[i - 1]
      let end = ends[i]
      guard start <= end, end <= bytes.count else { return [] }
      return bytes[start..<end]
    }

    /// Every field empty (a blank line or only delimiters).
    public var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
  }

  public let delimiter: UInt8
  public let maxRecordBytes: Int

  var bytes: [UInt8] = []
  var ends: [Int] = []
  var inQuotes = false
  var quoteSeen = false  // a `"` inside quotes: an escape or the closing quote
  var atFieldStart = true
  var line = 1
  var recordLine = 1
  var overlong = false
  var started = false

  public init(delimiter: UInt8, maxRecordBytes: Int = 16 * 1024) {
    self.delimiter = delimiter
    self.maxRecordBytes = max(1, maxRecordBytes)
    bytes.reserveCapacity(256)
    ends.reserveCapacity(16)
  }

  static let quote = UInt8(ascii: "\"")
  static let lf = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")

  @inline(__always) mutating func append(_ b: UInt8) {
    started = true
    if bytes.count < maxRecordBytes { bytes.append(b) } else { overlong = true }
  }

  mutating func endRecord(_ emit: (Record) throws -> Void, unterminated: Bool = false) rethrows {
    ends.append(bytes.count)
    let record = Record(line: recordLine, bytes: bytes, ends: ends, overlong: overlong, unterminated: unterminated)
    try emit(record)
    bytes.removeAll(keepingCapacity: true)
    ends.removeAll(keepingCapacity: true)
    overlong = false
    atFieldStart = true
    started = false
  }

  /// Reads a chunk; calls `emit` for every record it completes.
  public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (Record) throws -> Void) rethrows {
    let delimiter = self.delimiter
    for b in chunk {
      if inQuotes {
        if quoteSeen {
          quoteSeen = false
          if b == Self.quote {
            append(b)
            continue
          }
          inQuotes = false  // the closing quote; `b` is read as unquoted below
        } else if b == Self.quote {
          quoteSeen = true
          continue
        } else {
          if b == Self.lf { line += 1 }
          append(b)
          continue
        }
      }
      if b == delimiter {
        started = true
        if ends.count < maxRecordBytes { ends.append(bytes.count) } else { overlong = true }
        atFieldStart = true
      } else if b == Self.lf {
        try endRecord(emit)
        line += 1
        recordLine = line
      } else if b == Self.cr {
        continue  // CRLF: the LF ends the record; a stray CR outside quotes carries nothing
      } else if b == Self.quote && atFieldStart {
        inQuotes = true
        started = true
        atFieldStart = false
      } else {
        append(b)
        atFieldStart = false
      }
    }
  }

  /// Ends the input: the last record, if the file does not end with a newline.
  public mutating func finish(_ emit: (Record) throws -> Void) rethrows {
    if inQuotes && quoteSeen { inQuotes = false }
    guard started || inQuotes else { return }
    let open = inQuotes
    inQuotes = false
    try endRecord(emit, unterminated: open)
  }

  /// `,` or `;`, whichever occurs more often outside quotes on the first line (`,` on a tie).
  public static func detectDelimiter(_ head: some Sequence<UInt8>) -> UInt8 {
    var commas = 0
    var semicolons = 0
    var quoted = false
    for b in head {
      if b == quote {
        quoted.toggle()
      } else if !quoted {
        if b == lf { break }
        if b == UInt8(ascii: ",") { commas += 1 }
        if b == UInt8(ascii: ";") { semicolons += 1 }
      }
    }
    return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
  }
}
