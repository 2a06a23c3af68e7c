import ArgumentParser
import BeredskapCore
import BeredskapStore
import Foundation

extension ExportFormat: ExpressibleByArgument {}

/// `beredskap export`: all of the organisation's data, or the incident log in
/// the source plans' formats.
struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export all data (json, csv) or the incident log (incidents-md, databrudd-log).",
    discussion: """
      json: every table in one document (format beredskap.export/1), the affected persons decrypted with the data key; \
      never password hashes, second-factor secrets, tokens or sessions.
      csv: one RFC 4180 file per table; --out names a DIRECTORY (created if missing) and is required. \
      Cells starting with = + - @ get a leading ' so a spreadsheet shows them as text.
      incidents-md: the incident log as a Markdown table (incidents-log.md).
      databrudd-log: a text block per personal data breach (databrudd_log.txt).
      Without --out the export is written to stdout. Exit 2 for a bad --format or an --out that cannot be written.
      """)

  @Option(help: "json, csv, incidents-md or databrudd-log.") var format: ExportFormat
  @Option(help: "The file to write (for csv: the directory). Default: stdout.") var out: String?
  @Option(help: "A plan file (YAML) for severity names; default: $BEREDSKAP_PLAN, else the built-in plan.")
  var plan: String?
  @OptionGroup var db: DatabaseOption

  func run() async throws {
    if format == .csv, out == nil {
      throw Failure(message: "--out: csv writes one file per table; name a directory with --out DIR")
    }
    if let out { try Self.checkWritable(out, directory: format == .csv) }
    let planPath = plan ?? ProcessInfo.processInfo.environment["BEREDSKAP_PLAN"].flatMap { $0.isEmpty ? nil : $0 }
    let loaded = try planPath.map(loadPlan) ?? .builtIn
    let store = try await openStore(db)
    let files: [DataExporter.File]
    do {
      files = try await DataExporter.export(format, db: store.db, plan: loaded, now: Date())
      await store.shutdown()
    } catch {
      await store.shutdown()
      throw Failure(message: "the export failed: \(error)", code: 1)
    }
    guard let out else {
      for f in files { FileHandle.standardOutput.write(f.data) }
      return
    }
    do {
      for f in files {
        let path = f.name.map { URL(fileURLWithPath: out).appendingPathComponent($0).path } ?? out
        try f.data.write(to: URL(fileURLWithPath: path), options: .atomic)
      }
    } catch {
      throw Failure(message: "--out: cannot write \(out)")
    }
  }

  /// Fails with exit 2 before the database is read when --out cannot be written.
  static func checkWritable(_ out: String, directory: Bool) throws {
    let fm = FileManager.default
    if directory {
      var isDir: ObjCBool = false
      if fm.fileExists(atPath: out, isDirectory: &isDir), !isDir.boolValue {
        throw Failure(message: "--out: \(out) is a file; csv needs a directory")
      }
      do { try fm.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
        throw Failure(message: "--out: cannot create the directory \(out)")
      }
      guard fm.isWritableFile(atPath: out) else { throw Failure(message: "--out: cannot write to \(out)") }
    } else {
      let parent = URL(fileURLWithPath: out).deletingLastPathComponent().path
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue, fm.isWritableFile(atPath: parent)
      else { throw Failure(message: "--out: cannot write \(out) (the folder does not exist or is not writable)") }
      if fm.fileExists(atPath: out, isDirectory: &isDir), isDir.boolValue {
        throw Failure(message: "--out: \(out) is a directory")
      }
    }
  }
}
