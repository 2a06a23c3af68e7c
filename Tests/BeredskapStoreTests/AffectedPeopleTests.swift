import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import SQLKit
import Testing

/// The affected persons of an incident: stored sealed, found again on a
/// re-import, deleted after the retention period.
@Suite(.serialized) struct AffectedPeopleTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!

  func rows(_ csv: String) throws -> (SubjectFigures, [SubjectRow]) {
    var rows: [SubjectRow] = []
    let scanner = SubjectScanner()
    scanner.onRow = { rows.append($0) }
    try scanner.feed(Array(csv.utf8))
    return (try scanner.finish(), rows)
  }

  func incident(_ store: StoreRuntime) async throws -> Incident {
    try await IncidentRepository(db: store.db).create(draft(), ownerID: nil, actor: testActor, now: now)
  }

  @Test func importSealsPersonalDataAndReimportMergesTheSamePeople() async throws {
    try await withStore { store in
      let inc = try await incident(store)
      let repo = AffectedPeopleRepository(db: store.db)
      let (f1, first) = try rows(
        """
        navn;e-post;telefon;fødselsnummer;kategorier;språk
        Kari Nordmann;kari@example.org;91234567;98765432109;contact;nb
        Ola Nordmann;ola@example.org;;;identity;en
        Per Uten Kontakt;;;12345678901;national_id;
        """)
      let r1 = try await repo.importRows(first, incident: inc.number, figures: f1, actor: testActor, now: now)
      #expect(r1.added == 3 && r1.merged == 0)
      #expect(r1.summary.people == 3 && r1.summary.withoutContact == 1)

      // Nothing readable in the table, only sealed values and keyed hashes.
      let sql = store.db as! any SQLDatabase
      let raw = try await sql.raw("SELECT * FROM affected_people").all()
      for row in raw {
        for column in ["name", "email", "phone", "national_id"] {
          let value = try row.decode(column: column, as: String?.self)
          #expect(value == nil || value?.hasPrefix("enc:v1:") == true)
          for secret in ["Kari", "kari@example.org", "+4791234567", "98765432109", "12345678901"] {
            #expect(value?.contains(secret) != true)
          }
        }
      }
      let hashes = try await sql.raw("SELECT key_hash FROM affected_person_keys").all()
      #expect(hashes.count == 5)

      // The same Kari by upper-case e-mail, Ola linked to Per by a row with both keys.
      let (f2, second) = try rows(
        """
        email,phone,national_id,categories
        KARI@EXAMPLE.ORG,,,financial
        ola@example.org,,12345678901,
        """)
      let r2 = try await repo.importRows(second, incident: inc.number, figures: f2, actor: testActor, now: now)
      #expect(r2.added == 0 && r2.merged == 2)
      #expect(r2.summary.people == 2)
      #expect(r2.summary.perCategory == [.contact: 1, .financial: 1, .identity: 1, .nationalID: 1])
      #expect(r2.summary.withoutContact == 0)

      let id = inc.id
      let people = try await AffectedPeopleRepository.people(incidentID: id, on: store.db)
      #expect(people.count == 2)
      let kari = people.first { $0.name == "Kari Nordmann" }
      #expect(kari?.email == "kari@example.org" && kari?.phone == "+4791234567")
      #expect(kari?.categories == [.contact, .financial])
      let ola = people.first { $0.name == "Ola Nordmann" }
      #expect(ola?.nationalID == "12345678901" && ola?.language == .en)
      #expect(try await AffectedPeopleRepository.summary(incidentID: id, on: store.db) == r2.summary)

      // The trail and the timeline carry counts, never a name or an address.
      let audit = try await sql.raw("SELECT fields FROM audit_entries WHERE action = 'incident.subjects_import'").all()
      #expect(audit.count == 2)
      for row in audit {
        let fields = try row.decode(column: "fields", as: String.self)
        #expect(fields.contains("people_total") && !fields.contains("kari") && !fields.contains("Nordmann"))
      }
      let timeline = try await IncidentRepository(db: store.db).timeline(inc.number)
      #expect(timeline.filter { $0.kind == "subjects" }.count == 2)
    }
  }

  @Test func anImportForAMissingIncidentStoresNothing() async throws {
    try await withStore { store in
      let (f, r) = try rows("email\na@example.org\n")
      await #expect(throws: StoreError.self) {
        try await AffectedPeopleRepository(db: store.db).importRows(
          r, incident: IncidentNumber(year: 2026, sequence: 99), figures: f, actor: testActor, now: now)
      }
      let count = try await AffectedPersonRecord.query(on: store.db).count()
      #expect(count == 0)
    }
  }

  @Test func peopleAreDeletedThirtyDaysAfterClosingWithACountOnTheTrail() async throws {
    try await withStore { store in
      let incidents = IncidentRepository(db: store.db)
      let closedOne = try await incident(store)
      let openOne = try await incident(store)
      let repo = AffectedPeopleRepository(db: store.db)
      let (f, r) = try rows("email\na@example.org\nb@example.org\n")
      for n in [closedOne.number, openOne.number] {
        _ = try await repo.importRows(r, incident: n, figures: f, actor: testActor, now: now)
      }
      // Letters to the closed incident's people: one sent, one still queued.
      _ = try await LetterRepository(db: store.db).approve(
        closedOne.number, plan: .builtIn, from: try MailAddress("personvern@example.org", field: "from"),
        actor: testActor, now: now)
      let letters = try await OutboxMessageRecord.query(on: store.db).all()
      #expect(letters.count == 2)
      letters[0].status = OutboxStatus.sent.rawValue
      letters[0].sentAt = now
      try await letters[0].save(on: store.db)
      var closing = draft()
      closing.status = .closed
      let closedAt = now.addingTimeInterval(3600)
      _ = try await incidents.update(closedOne.number, with: closing, ownerID: nil, actor: testActor, now: closedAt)

      let day = 86_400.0
      #expect(try await repo.purgeClosed(now: closedAt.addingTimeInterval(29 * day)) == 0)
      #expect(try await repo.purgeClosed(now: closedAt.addingTimeInterval(31 * day)) == 2)
      #expect(try await repo.summary(closedOne.number)?.people == 0)
      #expect(try await repo.summary(openOne.number)?.people == 2)
      // The letters' addresses and texts are gone; the proof of sending stays.
      let after = try await OutboxMessageRecord.query(on: store.db).all()
      #expect(after.allSatisfy { $0.recipient.isEmpty && $0.message.isEmpty })
      let sent = try #require(after.first { $0.id == letters[0].id })
      #expect(sent.status == "sent" && sent.sentAt == now && sent.messageSHA256 == letters[0].messageSHA256)
      #expect(!sent.messageID.isEmpty)
      #expect(after.first { $0.id == letters[1].id }?.status == OutboxStatus.failedPermanently.rawValue)
      #expect(try await Outbox(db: store.db).copy(try #require(sent.id)) == nil)
      let sql = store.db as! any SQLDatabase
      let audit = try await sql.raw("SELECT fields FROM audit_entries WHERE action = 'incident.subjects_purge'").all()
      #expect(audit.count == 1)
      #expect(try audit.first?.decode(column: "fields", as: String.self).contains("people_deleted") == true)
      #expect(try audit.first?.decode(column: "fields", as: String.self).contains("letters_emptied") == true)

      // A shorter period from the setting.
      try await SettingRecord(key: AffectedPeopleRepository.retentionSetting, value: "7").create(on: store.db)
      #expect(try await repo.retentionDays() == 7)
      // Without the setting, the plan's retention_days; the setting wins over it.
      var plan = Plan.builtIn
      plan.retentionDays = 14
      #expect(try await repo.retentionDays(plan: plan) == 7)
      try await SettingRecord.find(AffectedPeopleRepository.retentionSetting, on: store.db)?.delete(on: store.db)
      #expect(try await repo.retentionDays(plan: plan) == 14)
      #expect(try await repo.retentionDays() == 30)
      #expect(try await AuditLog.verify(on: store.db).finding == nil)
    }
  }
}
