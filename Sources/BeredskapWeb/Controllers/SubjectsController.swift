import BeredskapCore
import BeredskapStore
import Vapor

/// The list of affected persons uploaded on the incident page (responders):
/// checked in full first, stored all or nothing, and answered with the
/// figures or the line-numbered errors. Nothing of the file's content is
/// logged or echoed back; the errors name lines and fields only.
enum SubjectsController {
  /// Larger lists go through `beredskap subjects import`.
  static let maxUpload: ByteCount = "32mb"

  static func register(uploadForms: any RoutesBuilder) {
    uploadForms.on(.POST, "incidents", ":number", "subjects", body: .collect(maxSize: maxUpload), use: upload)
  }

  struct UploadView: Encodable {
    var stored: Bool
    var rowsRead: Int
    var invalidRows: Int
    var added: Int
    var merged: Int
    var errors: [String]
    var moreErrors: Int
  }

  struct UploadInput: Content {
    var file: File?
  }

  @Sendable static func upload(req: Request) async throws -> Response {
    let incident = try await IncidentPagesController.load(req)
    let actor = try req.requireUser().actor
    let input = try? req.content.decode(UploadInput.self)
    guard let file = input?.file, file.data.readableBytes > 0 else {
      var errors = FieldErrors()
      errors.add("subjects_file", "error.subjects_file.required")
      return try await page(req, incident, upload: nil, errors: errors)
    }
    // Scanning a large file is CPU work: off the event loop.
    let buffer = file.data
    let scanned: Result<(SubjectFigures, [SubjectRow]), SubjectFileError> = await Task.detached {
      var rows: [SubjectRow] = []
      let scanner = SubjectScanner()
      scanner.onRow = { rows.append($0) }
      do {
        try buffer.withUnsafeReadableBytes { try scanner.feed($0) }
        return .success((try scanner.finish(), rows))
      } catch let error as SubjectFileError {
        return .failure(error)
      } catch {
        return .failure(SubjectFileError(line: 0, reason: "filen kunne ikke leses"))
      }
    }.value
    switch scanned {
    case .failure(let error):
      var errors = FieldErrors()
      errors.add("subjects_file", "error.subjects_file.unreadable")
      let view = UploadView(
        stored: false, rowsRead: 0, invalidRows: 0, added: 0, merged: 0, errors: ["\(error)"], moreErrors: 0)
      return try await page(req, incident, upload: view, errors: errors)
    case .success(let (figures, rows)):
      guard figures.invalidRows == 0 else {
        var errors = FieldErrors()
        errors.add("subjects_file", "error.subjects_file.rows")
        let view = UploadView(
          stored: false, rowsRead: figures.rowsRead, invalidRows: figures.invalidRows, added: 0, merged: 0,
          errors: figures.problems.map(\.description), moreErrors: figures.invalidRows - figures.problems.count)
        return try await page(req, incident, upload: view, errors: errors)
      }
      let result = try await AffectedPeopleRepository(db: req.db).importRows(
        rows, incident: incident.number, figures: figures, actor: actor, now: req.now)
      let view = UploadView(
        stored: true, rowsRead: figures.rowsRead, invalidRows: 0, added: result.added, merged: result.merged,
        errors: [], moreErrors: 0)
      return try await page(req, incident, upload: view, errors: FieldErrors())
    }
  }

  static func page(_ req: Request, _ incident: Incident, upload: UploadView?, errors: FieldErrors) async throws
    -> Response
  {
    try await req.page(
      "incident", title: incident.number.description + " " + incident.title,
      try await IncidentPagesController.showBody(req, incident, upload: upload), errors: errors,
      status: errors.isEmpty ? .ok : .unprocessableEntity)
  }
}
