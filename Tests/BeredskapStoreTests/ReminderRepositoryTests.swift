import BeredskapCore
import BeredskapStore
import Foundation
import Testing

/// Reminders: raised once per clock and offset, the most urgent one after a
/// pause, and never twice when two instances look at the same moment.
@Suite(.serialized) struct ReminderRepositoryTests {
  let aware = Timestamp.parse("2026-11-20T08:00:00Z")!

  /// An incident whose only clock is the authority's, due 72 h after `aware`.
  func seeded(_ store: StoreRuntime) async throws -> Date {
    let incidents = IncidentRepository(db: store.db)
    let incident = try await incidents.create(draft(), ownerID: nil, actor: testActor, now: aware)
    var plan = Plan.builtIn
    plan.clocks = []
    let facts = BreachFacts(becameAwareAt: aware, nature: [.confidentiality], dataCategories: [.identity, .contact])
    let assessment = AssessmentEngine.assess(facts, plan: plan)
    #expect(assessment.deadlines.map(\.kind) == [.authority])
    _ = try await AssessmentRepository(db: store.db).record(
      incident.number, factsJSON: [:], assessment: assessment, actor: testActor, now: aware)
    return assessment.deadlines[0].due
  }

  @Test func eachOffsetOnceAndTheMostUrgentAfterAPause() async throws {
    try await withStore { store in
      let due = try await seeded(store)
      let repo = ReminderRepository(db: store.db)
      let offsets: [Double] = [48, 24, 6, 1]
      func at(_ hoursBefore: Double) -> Date { due.addingTimeInterval(-hoursBefore * 3600) }
      #expect(try await repo.claimDue(offsets: offsets, now: at(50), instance: "a").isEmpty)
      let first = try await repo.claimDue(offsets: offsets, now: at(47), instance: "a")
      #expect(first.map(\.offsetHours) == [48] && first[0].dutyKind == "authority" && !first[0].caughtUp)
      #expect(try await repo.claimDue(offsets: offsets, now: at(46), instance: "a").isEmpty)
      // Down from 46 h to 5 h before: the 24 h reminder is passed over, the 6 h one raised.
      let caughtUp = try await repo.claimDue(offsets: offsets, now: at(5), instance: "b")
      #expect(caughtUp.map(\.offsetHours) == [6] && caughtUp[0].caughtUp)
      #expect(try await repo.claimDue(offsets: offsets, now: at(5), instance: "a").isEmpty)
      let missed = try await repo.claimDue(offsets: offsets, now: due.addingTimeInterval(60), instance: "a")
      #expect(missed.map(\.offsetHours) == [0], "the 1 h one is caught up into the missed one")
      #expect(try await repo.claimDue(offsets: offsets, now: due.addingTimeInterval(7200), instance: "a").isEmpty)
    }
  }

  @Test func twoInstancesAtTheSameMomentRaiseItOnce() async throws {
    try await withStore { store in
      let due = try await seeded(store)
      let now = due.addingTimeInterval(-3000)
      let results = try await withThrowingTaskGroup(of: Int.self) { group in
        for i in 0..<8 {
          group.addTask {
            try await ReminderRepository(db: store.db).claimDue(offsets: [48, 24, 6, 1], now: now, instance: "i\(i)")
              .count
          }
        }
        return try await group.reduce(0, +)
      }
      #expect(results == 1)
    }
  }

  @Test func aStoppedClockRaisesNothing() async throws {
    try await withStore { store in
      let due = try await seeded(store)
      let number = try await IncidentRepository(db: store.db).list(after: nil, limit: 1).incidents[0].number
      try await AssessmentRepository(db: store.db).complete(
        number, kind: "authority", at: aware.addingTimeInterval(3600), reference: "DT-1", delayReason: nil,
        actor: testActor, now: aware.addingTimeInterval(3600), plan: .builtIn)
      #expect(try await ReminderRepository(db: store.db).claimDue(offsets: [48], now: due, instance: "a").isEmpty)
    }
  }
}
