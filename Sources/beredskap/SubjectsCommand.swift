import ArgumentParser
import BeredskapCore
import BeredskapStore
import Foundation

struct SubjectsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "subjects", abstract: "The persons affected by a personal-data breach.",
    subcommands: [Analyze.self, Import.self])

  struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Count rows, distinct people, people per category and without contact in a CSV file; stores nothing. Exit 2 if any row is bad."
    )
    @Argument(help: "The CSV file (UTF-8, , or ;, a header row).") var file: String
    @Option(help: "text or json") var format: String = "text"

    func run() async throws {
      guard format == "json" || format == "text" else { throw Failure(message: "--format: must be json or text") }
      let figures = try scanSubjects(file)
      if format == "json" { print(figures.json()) } else { print(figures.text(), terminator: "") }
      if figures.invalidRows > 0 {
        throw Failure(message: rowErrors(file, figures))
      }
    }
  }

  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Store the affected persons of an incident: all or nothing, unless --skip-invalid. People already stored are merged."
    )
    @Option(help: "The incident's number, e.g. INC-2026-001.") var incident: String
    @Argument(help: "The CSV file (UTF-8, , or ;, a header row).") var file: String
    @Flag(name: .customLong("skip-invalid"), help: "Store the valid rows and skip the bad ones.") var skipInvalid =
      false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      guard let number = IncidentNumber(incident) else {
        throw Failure(message: "--incident: must be a number like INC-2026-001")
      }
      var rows: [SubjectRow] = []
      let figures = try scanSubjects(file) { rows.append($0) }
      if figures.invalidRows > 0 && !skipInvalid {
        throw Failure(
          message: rowErrors(file, figures) + "\nnothing was stored (use --skip-invalid to skip these rows)")
      }
      let store = try await openStore(db)
      let result: AffectedPeopleRepository.ImportResult
      do {
        result = try await AffectedPeopleRepository(db: store.db).importRows(
          rows, incident: number, figures: figures, actor: .cli, now: Date())
        await store.shutdown()
      } catch let error as StoreError {
        await store.shutdown()
        throw Failure(message: "\(error)")
      } catch {
        await store.shutdown()
        throw Failure(message: "the import failed; nothing was stored: \(error)")
      }
      print(figures.text(), terminator: "")
      print(
        "Lagret på \(number): \(result.added) nye personer, \(result.merged) slått sammen med personer som var lagret")
      print("Personer på hendelsen nå: \(result.summary.people)")
    }
  }
}

func scanSubjects(_ file: String, onRow: ((SubjectRow) throws -> Void)? = nil) throws -> SubjectFigures {
  do {
    return try SubjectScanner.scan(path: file, onRow: onRow)
  } catch let error as SubjectFileError {
    throw Failure(message: error.line == 0 ? "\(file): cannot read the file" : "\(file): \(error)")
  } catch {
    throw Failure(message: "\(file): cannot read the file")
  }
}

func rowErrors(_ file: String, _ figures: SubjectFigures) -> String {
  var lines = figures.problems.map { "\(file): \($0)" }
  if figures.problemsTruncated { lines.append("\(file): … and \(figures.invalidRows - figures.problems.count) more") }
  return lines.joined(separator: "\n")
}
