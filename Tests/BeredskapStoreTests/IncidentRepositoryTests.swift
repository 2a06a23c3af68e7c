import BeredskapCore
import BeredskapStore
import FluentKit
import Foundation
import Testing

@Suite(.serialized) struct IncidentRepositoryTests {
  let now = Timestamp.parse("2026-11-23T10:00:00Z")!

  @Test func fiftyConcurrentCreationsGetFiftyConsecutiveNumbers() async throws {
    try await withStore { store in
      let repo = IncidentRepository(db: store.db)
      let numbers = try await withThrowingTaskGroup(of: IncidentNumber.self) { group in
        for i in 0..<50 {
          group.addTask {
            try await IncidentRepository(db: store.db).create(
              draft("Hendelse \(i)"), ownerID: nil, actor: testActor, now: self.now
            ).number
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }
      }
      #expect(Set(numbers).count == 50)
      #expect(numbers.map(\.sequence).sorted() == Array(1...50))
      #expect(numbers.allSatisfy { $0.year == 2026 })
      #expect(try await repo.count() == 50)
      // The audit chain took every creation in turn, without forking.
      let verification = try await AuditLog.verify(on: store.db)
      #expect(verification.count == 50 && verification.finding == nil)
    }
  }

  @Test func numbersFollowTheOsloYearAndRestartEachYear() async throws {
    try await withStore { store in
      let repo = IncidentRepository(db: store.db)
      // 23:30 UTC on New Year's Eve is already 2027 in Oslo.
      let a = try await repo.create(
        draft(), ownerID: nil, actor: testActor, now: Timestamp.parse("2026-12-31T22:59:00Z")!)
      let b = try await repo.create(
        draft(), ownerID: nil, actor: testActor, now: Timestamp.parse("2026-12-31T23:30:00Z")!)
      #expect(a.number.description == "INC-2026-001")
      #expect(b.number.description == "INC-2027-001")
    }
  }

  @Test func theListIsNewestFirstWithACursor() async throws {
    try await withStore { store in
      let repo = IncidentRepository(db: store.db)
      for i in 1...7 { _ = try await repo.create(draft("H\(i)"), ownerID: nil, actor: testActor, now: now) }
      let first = try await repo.list(after: nil, limit: 3)
      #expect(first.incidents.map(\.number.sequence) == [7, 6, 5])
      let second = try await repo.list(after: first.nextCursor, limit: 3)
      #expect(second.incidents.map(\.number.sequence) == [4, 3, 2])
      let third = try await repo.list(after: second.nextCursor, limit: 3)
      #expect(third.incidents.map(\.number.sequence) == [1])
      #expect(third.nextCursor == nil)
    }
  }

  @Test func editsAndNotesGoOnTheTimelineAndInTheAuditWithoutPersonalData() async throws {
    try await withStore { store in
      let repo = IncidentRepository(db: store.db)
      let created = try await repo.create(draft(), ownerID: nil, actor: testActor, now: now)
      var changed = draft("Kari Nordmann fikk feil e-post", severity: 1)
      changed.status = .contained
      _ = try await repo.update(
        created.number, with: changed, ownerID: nil, actor: testActor, now: now.addingTimeInterval(60))
      try await repo.addNote(created.number, text: "Ringte kunden", actor: testActor, now: now.addingTimeInterval(120))
      let timeline = try await repo.timeline(created.number)
      #expect(timeline.map(\.kind) == ["created", "status", "edit", "note"])
      #expect(timeline[1].changes["status"] == ["ongoing", "contained"])
      #expect(timeline[2].changes["severity"] == ["2", "1"])
      #expect(timeline[3].text == "Ringte kunden" && timeline[3].actor == "Test Testesen")
      let audit = try await AuditLog.recent(on: store.db)
      #expect(audit.count == 3)
      #expect(!audit.contains { $0.fields.contains("Kari") || $0.fields.contains("Ringte") })
      #expect(audit.first { $0.action == "incident.update" }?.fields.contains("ongoing → contained") == true)
    }
  }
}
