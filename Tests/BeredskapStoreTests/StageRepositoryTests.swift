import BeredskapCore
import BeredskapStore
import Foundation
import SQLKit
import Testing

/// Response stages on an incident: marked done once with who and when, the
/// customers' notice completing «tell customers», resolving recording the
/// restore, reminders once across instances, and the continuity figures read back.
@Suite(.serialized) struct StageRepositoryTests {
  /// `draft()` is discovered 2026-11-20 09:00Z with no occurred-at time: the start.
  let start = Timestamp.parse("2026-11-20T09:00:00Z")!
  func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

  func severityOne(_ store: StoreRuntime) async throws -> Incident {
    try await IncidentRepository(db: store.db).create(
      draft("Innlogging feiler", severity: 1), ownerID: nil, actor: testActor, now: at(5))
  }

  @Test func aResponderMarksStagesDoneOnceWithWhoAndWhenOnTheTimelineAndTrail() async throws {
    try await withStore { store in
      let incident = try await severityOne(store)
      let repo = StageRepository(db: store.db)
      var o = try await repo.overview(incident.number, plan: .builtIn, now: at(20))
      #expect(o.stages.map(\.state) == [.overdue, .running, .upcoming, .upcoming])
      try await repo.mark(incident.number, stage: "detect", plan: .builtIn, actor: testActor, now: at(20))
      await #expect(throws: StageRepository.MarkError.alreadyDone) {
        try await repo.mark(incident.number, stage: "detect", plan: .builtIn, actor: testActor, now: at(21))
      }
      await #expect(throws: StageRepository.MarkError.unknownStage) {
        try await repo.mark(incident.number, stage: "nope", plan: .builtIn, actor: testActor, now: at(21))
      }
      try await repo.mark(incident.number, stage: "verify", plan: .builtIn, actor: testActor, now: at(25))
      o = try await repo.overview(incident.number, plan: .builtIn, now: at(26))
      #expect(o.stages.map(\.state) == [.doneLate, .done, .running, .upcoming])
      #expect(o.stages[0].done == ResponseStages.Mark(at: at(20), by: testActor.name))
      let timeline = try await IncidentRepository(db: store.db).timeline(incident.number)
      let stageLines = timeline.filter { $0.kind == TimelineKind.stage.rawValue }
      #expect(stageLines.map { $0.changes["stage"] ?? [] } == [["detect"], ["verify"]])
      #expect(stageLines.map { $0.changes["late"] ?? [] } == [["true"], ["false"]])
      let trail = try await AuditLog.recent(on: store.db)
      #expect(trail.filter { $0.action == AuditAction.incidentStage.rawValue }.count == 2)
      #expect(try await verifyBothWays(store).finding == nil)
    }
  }

  @Test func recordingTheCustomersNoticeCompletesTellCustomers() async throws {
    try await withStore { store in
      let incident = try await severityOne(store)
      try await CommunicationRepository(db: store.db).record(
        incident.number, key: "customers:start", outcome: .done, at: at(40), note: "", plan: .builtIn,
        actor: testActor, now: at(41))
      let o = try await StageRepository(db: store.db).overview(incident.number, plan: .builtIn, now: at(45))
      #expect(o.stages[2].state == .done)
      #expect(o.stages[2].done?.at == at(40))
    }
  }

  @Test func resolvingRecordsTheRestoreWhenNobodyDid() async throws {
    try await withStore { store in
      let incident = try await severityOne(store)
      let incidents = IncidentRepository(db: store.db)
      var resolved = draft("Innlogging feiler", severity: 1)
      resolved.status = .resolved
      _ = try await incidents.update(incident.number, with: resolved, ownerID: nil, actor: testActor, now: at(200))
      let o = try await StageRepository(db: store.db).overview(incident.number, plan: .builtIn, now: at(300))
      #expect(o.restoredAt == at(200))
      #expect(o.stages[3].state == .done)
      // Closing later does not move it.
      var closed = resolved
      closed.status = .closed
      _ = try await incidents.update(incident.number, with: closed, ownerID: nil, actor: testActor, now: at(400))
      #expect(
        try await StageRepository(db: store.db).overview(incident.number, plan: .builtIn, now: at(500)).restoredAt
          == at(200))
    }
  }

  @Test func aStagePastItsTargetRemindsOnceAcrossInstances() async throws {
    try await withStore { store in
      let incident = try await severityOne(store)
      let repo = StageRepository(db: store.db)
      #expect(try await repo.claimDue(plan: .builtIn, now: at(10), instance: "a").isEmpty)
      let results = try await withThrowingTaskGroup(of: [ReminderRepository.Due].self) { group in
        for i in 0..<6 {
          group.addTask {
            try await StageRepository(db: store.db).claimDue(plan: .builtIn, now: at(16), instance: "i\(i)")
          }
        }
        return try await group.reduce([], +)
      }
      #expect(results.map(\.dutyKind) == ["stage:detect"])
      #expect(results.first?.incidentNumber == incident.number && results.first?.offsetHours == 0)
      try await repo.mark(incident.number, stage: "verify", plan: .builtIn, actor: testActor, now: at(20))
      // At 61 minutes «tell customers» is late; detect was already raised; verify is done.
      #expect(try await repo.claimDue(plan: .builtIn, now: at(61), instance: "a").map(\.dutyKind) == ["stage:respond"])
    }
  }

  @Test func anIncidentResolvedBeforeStagesWereRecordedCountsFromItsStatusChange() async throws {
    try await withStore { store in
      let incident = try await severityOne(store)
      var resolved = draft("Innlogging feiler", severity: 1)
      resolved.status = .resolved
      _ = try await IncidentRepository(db: store.db).update(
        incident.number, with: resolved, ownerID: nil, actor: testActor, now: at(90))
      // As a database from before this version holds it: the status change, no restore mark.
      try await (store.db as! any SQLDatabase).raw("DELETE FROM incident_stage_marks").run()
      let (sources, _) = try await StageRepository(db: store.db).continuitySources(from: at(-60), to: at(600))
      #expect(sources.first?.restoredAt == at(90))
      let o = try await StageRepository(db: store.db).overview(incident.number, plan: .builtIn, now: at(600))
      #expect(o.restoredAt == at(90) && o.stages[3].done?.by == testActor.name)
    }
  }

  @Test func afterAPauseOnlyTheLatestStagePastItsTargetIsRaised() async throws {
    try await withStore { store in
      let incident = try await severityOne(store)
      let repo = StageRepository(db: store.db)
      let due = try await repo.claimDue(plan: .builtIn, now: at(100), instance: "a")
      #expect(due.map(\.dutyKind) == ["stage:respond"])
      #expect(due.first?.caughtUp == true && due.first?.incidentNumber == incident.number)
      #expect(try await repo.claimDue(plan: .builtIn, now: at(200), instance: "b").isEmpty)
      let restore = try await repo.claimDue(plan: .builtIn, now: at(241), instance: "b")
      #expect(restore.map(\.dutyKind) == ["stage:service_restored"] && restore.first?.caughtUp == false)
    }
  }

  @Test func theContinuitySourcesCarryTheRestoreAndTheBackupBeforeTheIncident() async throws {
    try await withStore { store in
      let incident = try await severityOne(store)
      let repo = StageRepository(db: store.db)
      let backups = BackupRunRepository(db: store.db)
      try await backups.record(
        BackupRun(jobID: "db-nightly", status: .ok, finishedAt: at(-7 * 60), reportedBy: "cron"), now: at(-7 * 60))
      try await backups.record(
        BackupRun(jobID: "db-nightly", status: .ok, finishedAt: at(60), reportedBy: "cron"), now: at(60))
      await #expect(throws: StageRepository.MarkError.badJob) {
        try await repo.recordBackupRestore(incident.number, job: "db nightly; drop", actor: testActor, now: at(90))
      }
      try await repo.recordBackupRestore(incident.number, job: "db-nightly", actor: testActor, now: at(90))
      try await repo.mark(incident.number, stage: "resolve", plan: .builtIn, actor: testActor, now: at(150))
      let (sources, runs) = try await repo.continuitySources(from: at(-60), to: at(24 * 60))
      #expect(sources.count == 1)
      #expect(sources[0].restoredAt == at(150) && sources[0].restoredFromJob == "db-nightly")
      let f = ContinuityFigures(
        sources: sources, runs: runs, objectives: Plan.Objectives(), from: at(-60), to: at(24 * 60), now: at(200))
      #expect(f.incidents[0].restoreSeconds == TimeInterval(150 * 60))
      #expect(f.incidents[0].dataLostSeconds == TimeInterval(7 * 3600))
      #expect(try await repo.continuitySources(from: at(10), to: at(24 * 60)).0.isEmpty)
    }
  }
}
