import BeredskapCore
import BeredskapStore
import Foundation
import Testing

/// The full export holds all of the organisation's data, the affected persons
/// readable, and no secret of any user.
@Suite(.serialized) struct DataExportTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!

  @Test func jsonHoldsEveryTableDecryptedAndNoSecrets() async throws {
    try await withStore { store in
      let user = try await UserRepository(db: store.db).create(
        email: "kari.fiktiv@example.invalid", name: "Kari Fiktiv", role: .admin, passwordHash: "$2b$04$hemmelig-hash",
        actor: testActor, now: now)
      _ = try await TokenRepository(db: store.db).create(userID: user.id!, name: "ci", actor: testActor, now: now)
      let inc = try await IncidentRepository(db: store.db).create(
        draft("Innbrudd"), ownerID: nil, actor: testActor, now: now)
      var rows: [SubjectRow] = []
      let scanner = SubjectScanner()
      scanner.onRow = { rows.append($0) }
      try scanner.feed(Array("navn;e-post;fødselsnummer\nOla Oppdiktet;ola@example.invalid;98765432109\n".utf8))
      let figures = try scanner.finish()
      _ = try await AffectedPeopleRepository(db: store.db).importRows(
        rows, incident: inc.number, figures: figures, actor: testActor, now: now)
      _ = try await StatusRepository(db: store.db).publish(
        inc.number, StatusUpdateDraft(title: "Treg tjeneste", message: "Vi undersøker.", components: []),
        plan: .builtIn,
        actor: testActor, now: now)
      // The continuity records: a runbook worked, a post-mortem with an action item, a test, a backup run.
      let runbooks = RunbookRepository(db: store.db)
      try await runbooks.attach(inc.number, runbook: Plan.defaultRunbooks[0], actor: testActor, now: now)
      try await runbooks.tick(inc.number, runbookID: "database", step: 0, done: true, actor: testActor, now: now)
      let postMortems = PostMortemRepository(db: store.db)
      try await postMortems.save(inc.number, texts: [.summary: "Disken ble full."], actor: testActor, now: now)
      _ = try await postMortems.addAction(
        inc.number, text: "Diskvarsel", owner: "Kari Fiktiv", due: now, actor: testActor, now: now)
      try await ExerciseRepository(db: store.db).record(
        Exercise(
          kind: .tabletop, heldAt: now, scenario: "Driftsstans", participants: "Alle", restoreMinutes: nil,
          dataLossMinutes: nil, outcome: .passed, findings: "", recordedBy: "Kari Fiktiv"), actions: [],
        actor: testActor, now: now)
      try await BackupRunRepository(db: store.db).record(
        BackupRun(jobID: "beredskap", status: .ok, finishedAt: now, sizeBytes: 1024, reportedBy: "test"), now: now)

      let files = try await DataExporter.export(.json, db: store.db, plan: .builtIn, now: now)
      #expect(files.count == 1 && files[0].name == nil)
      let text = String(decoding: files[0].data, as: UTF8.self)
      guard case .object(let o) = try JSONValue.parse(files[0].data), case .object(let tables)? = o["tables"] else {
        Issue.record("not an export document")
        return
      }
      #expect(o["format"] == .string("beredskap.export/1"))
      #expect(Set(tables.keys) == Set(ExportSource.all.map(\.name)))
      for name in [
        "incidents", "timeline_events", "audit_entries", "users", "affected_people", "status_updates", "backup_runs",
        "incident_runbooks", "runbook_ticks", "post_mortems", "action_items", "exercises",
      ] {
        guard case .array(let items)? = tables[name] else {
          Issue.record("\(name) missing")
          continue
        }
        #expect(!items.isEmpty, "\(name) is empty")
      }
      #expect(text.contains("Ola Oppdiktet") && text.contains("98765432109") && text.contains("ola@example.invalid"))
      #expect(text.contains("kari.fiktiv@example.invalid"))
      #expect(!text.contains("enc:v1:"))
      for secret in ["hemmelig-hash", "password_hash", "totp_secret", "token_hash", "recovery_codes", "csrf_token"] {
        #expect(!text.contains(secret), "the export holds \(secret)")
      }

      let csv = try await DataExporter.export(.csv, db: store.db, plan: .builtIn, now: now)
      #expect(csv.compactMap(\.name).sorted() == ExportSource.all.map { "\($0.name).csv" }.sorted())
      let people = try #require(csv.first { $0.name == "affected_people.csv" })
      #expect(String(decoding: people.data, as: UTF8.self).contains("Ola Oppdiktet"))

      let md = try await DataExporter.export(.incidentsMD, db: store.db, plan: .builtIn, now: now)
      #expect(String(decoding: md[0].data, as: UTF8.self).contains("| \(inc.number) |"))
    }
  }
}
