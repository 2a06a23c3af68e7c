import BeredskapCore
import Foundation
import Testing

@Suite struct ContinuityPlanTests {
  @Test func thePlanReadsStagesAndObjectivesWithinBounds() {
    let yaml = """
      version: 1
      organisation:
        name: Drift AS
      stages:
        1:
          - { id: detect, title: Oppdag, until_minutes: 10 }
          - { id: fix, title: Løs, until_minutes: 120, done_when: service_restored }
      objectives:
        rto_hours: 3
        rpo_hours: 12
        mttr_hours: 1.5
        mtbf_days: 60
      """
    let result = PlanFile.load(yaml: yaml)
    #expect(result.issues.isEmpty, "\(result.issues)")
    let plan = result.plan
    #expect(plan?.responseStages(severity: 1).map(\.id) == ["detect", "fix"])
    #expect(plan?.responseStages(severity: 1).last?.doneWhen == .serviceRestored)
    // Levels a plan's `stages:` leaves out run no stage clock.
    #expect(plan?.responseStages(severity: 2).isEmpty == true)
    #expect(plan?.objectives.rtoHours == 3)
    #expect(plan?.objectives.mtbfDays == 60)
  }

  @Test func theDefaultsArePlanAsSeverityOneClockAndDoubleForTwo() {
    let plan = Plan.builtIn
    #expect(plan.responseStages(severity: 1).map(\.untilMinutes) == [15, 30, 60, 240])
    #expect(plan.responseStages(severity: 2).map(\.untilMinutes) == [30, 60, 120, 480])
    #expect(plan.responseStages(severity: 3).isEmpty)
    #expect(plan.objectives == Plan.Objectives())
    #expect(plan.objectives.rtoHours == 4 && plan.objectives.rpoHours == 24)
    #expect(plan.objectives.mttrHours == 2 && plan.objectives.mtbfDays == 30)
  }

  @Test func outOfBoundsStagesAndObjectivesAreErrorsNamingTheField() {
    let yaml = """
      version: 1
      organisation:
        name: Feil AS
      stages:
        5: []
        1:
          - { id: detect, title: Oppdag, until_minutes: 30 }
          - { id: verify, title: Bekreft, until_minutes: 20 }
          - { id: Big, title: Stor, until_minutes: 99999999 }
          - { id: x, title: X, until_minutes: 40, done_when: sometime }
      objectives:
        rto_hours: -1
        rpo_hours: 1e308
        mtbf_days: .nan
      """
    let result = PlanFile.load(yaml: yaml)
    let messages = result.errors.map(\.message).joined(separator: "\n")
    #expect(messages.contains("\"5\" is not a severity"))
    #expect(messages.contains("stages.1[1].until_minutes must be later"))
    #expect(messages.contains("stages.1[2].id"))
    #expect(messages.contains("stages.1[3].done_when"))
    #expect(messages.contains("objectives.rto_hours"))
    #expect(messages.contains("objectives.rpo_hours"))
    #expect(messages.contains("objectives.mtbf_days"))
  }
}

@Suite struct ResponseStageTests {
  let start = Timestamp.parse("2026-05-04T08:00:00Z")!
  func at(_ minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

  @Test func stagesShowTargetElapsedAndDoneOrLate() {
    let stages = Plan.builtIn.responseStages(severity: 1)
    let marks = [
      "detect": ResponseStages.Mark(at: at(10), by: "Kari"), "verify": ResponseStages.Mark(at: at(35), by: "Ola"),
    ]
    let p = ResponseStages.progress(stages: stages, start: start, marks: marks, now: at(70))
    #expect(p.map(\.state) == [.done, .doneLate, .overdue, .running])
    #expect(p.map(\.due) == [at(15), at(30), at(60), at(240)])
    #expect(p[0].elapsed == 600)
    #expect(p[2].elapsed == 70 * 60)
  }

  @Test func recordingTheCustomersCommunicationCompletesTellCustomers() {
    let stages = Plan.builtIn.responseStages(severity: 1)
    let told = ResponseStages.Mark(at: at(45), by: "Kari")
    let p = ResponseStages.progress(stages: stages, start: start, marks: [:], customersToldAt: told, now: at(50))
    #expect(p[2].state == .done)
    #expect(p[2].done?.by == "Kari")
    #expect(p[3].state == .running, "its turn once the stage before it is done")
  }

  @Test func theServiceRestoredMarkHasAKeyOfItsOwn() {
    let stages = Plan.builtIn.responseStages(severity: 1)
    let p = ResponseStages.progress(
      stages: stages, start: start,
      marks: [ResponseStages.serviceRestoredKey: ResponseStages.Mark(at: at(300), by: "Ola")], now: at(400))
    #expect(p[3].state == .doneLate)
    #expect(p[3].elapsed == 300 * 60)
  }
}

@Suite struct ContinuityFiguresTests {
  static func t(_ s: String) -> Date { Timestamp.parse(s)! }
  let objectives = Plan.Objectives()

  /// A hand-computed history over January–April 2026 (Oslo):
  /// - INC-1 sev 1: 10 Jan 09:00Z → 11:00Z restored: 2 h (RTO met). Restored from
  ///   `db` whose newest good run before it is 10 Jan 02:00Z: 7 h lost (RPO met).
  /// - INC-2 sev 2: 20 Jan 12:00Z → 17:00Z: 5 h (RTO missed). No backup.
  /// - INC-3 sev 3: 5 Feb: not service-affecting; counted, not in MTTR/MTBF.
  /// - INC-4 sev 1: 29 Mar 2026 00:30Z (01:30 Oslo, before summer time starts at
  ///   02:00) → 01:30Z (03:30 Oslo): 1 h, not 2. Restored from `db`, newest good
  ///   run 26 Mar 02:00Z (2 days 22.5 h before): RPO missed.
  /// - INC-5 sev 1: 10 Apr 10:00Z, still open at now = 10 Apr 16:00Z: 6 h open, RTO missed already.
  /// MTTR = (2 + 5 + 1) / 3 = 8/3 h (missed against 2 h).
  /// MTBF = (10 Apr 10:00 − 10 Jan 09:00) / 3 = 90 d 1 h / 3 = 30 d 20 min (met against 30 d).
  var sources: [ContinuityFigures.Source] {
    [
      .init(
        number: "INC-2026-001", severity: 1, start: Self.t("2026-01-10T09:00:00Z"),
        restoredAt: Self.t("2026-01-10T11:00:00Z"), restoredFromJob: "db"),
      .init(
        number: "INC-2026-002", severity: 2, start: Self.t("2026-01-20T12:00:00Z"),
        restoredAt: Self.t("2026-01-20T17:00:00Z")),
      .init(
        number: "INC-2026-003", severity: 3, start: Self.t("2026-02-05T12:00:00Z"),
        restoredAt: Self.t("2026-02-06T12:00:00Z")),
      .init(
        number: "INC-2026-004", severity: 1, start: Self.t("2026-03-29T00:30:00Z"),
        restoredAt: Self.t("2026-03-29T01:30:00Z"), restoredFromJob: "db"),
      .init(number: "INC-2026-005", severity: 1, start: Self.t("2026-04-10T10:00:00Z"), restoredAt: nil),
      // Before the window: ignored.
      .init(
        number: "INC-2025-009", severity: 1, start: Self.t("2025-12-20T10:00:00Z"),
        restoredAt: Self.t("2025-12-20T20:00:00Z")),
    ]
  }
  var runs: [BackupRun] {
    [
      BackupRun(jobID: "db", status: .ok, finishedAt: Self.t("2026-01-10T02:00:00Z"), reportedBy: "cron"),
      BackupRun(jobID: "db", status: .failed, finishedAt: Self.t("2026-01-10T08:00:00Z"), reportedBy: "cron"),
      BackupRun(jobID: "db", status: .ok, finishedAt: Self.t("2026-03-26T02:00:00Z"), reportedBy: "cron"),
      BackupRun(jobID: "db", status: .ok, finishedAt: Self.t("2026-03-29T02:00:00Z"), reportedBy: "cron"),
    ]
  }

  var figures: ContinuityFigures {
    ContinuityFigures(
      sources: sources, runs: runs, objectives: objectives, from: Self.t("2025-12-31T23:00:00Z"),
      to: Self.t("2026-04-30T22:00:00Z"), now: Self.t("2026-04-10T16:00:00Z"))
  }

  @Test func restoreTimesAndDataLostPerIncident() {
    let f = figures.incidents
    #expect(f.map(\.number) == ["INC-2026-001", "INC-2026-002", "INC-2026-003", "INC-2026-004", "INC-2026-005"])
    #expect(f.map(\.restoreSeconds) == [7200, 18000, 86400, 3600, nil])
    #expect(f.map(\.rtoMet) == [true, false, nil, true, false])
    #expect(f[4].openSeconds == TimeInterval(6 * 3600))
    #expect(f[0].dataLostSeconds == TimeInterval(7 * 3600))
    #expect(f[0].rpoMet == true)
    // The run after the start (02:00Z on the 29th) does not count.
    #expect(f[3].lastGoodBackupAt == Self.t("2026-03-26T02:00:00Z"))
    #expect(f[3].dataLostSeconds == (2 * 24 + 22.5) * 3600)
    #expect(f[3].rpoMet == false)
  }

  @Test func theSummerTimeChangeNeitherAddsNorRemovesAnHour() {
    #expect(figures.incidents[3].restoreSeconds == 3600)
  }

  @Test func mttrAndMtbfOverTheWindowAgainstTheTargets() throws {
    let f = figures
    let mttr = try #require(f.mttrSeconds)
    #expect(abs(mttr - 8 * 3600 / 3) < 0.001)
    #expect(f.mttrMet == false)
    let mtbf = try #require(f.mtbfSeconds)
    #expect(abs(mtbf - (90 * 86400 + 3600) / 3) < 0.001)
    #expect(f.mtbfMet == true)
    #expect(
      f.counts
        == ContinuityFigures.Counts(
          incidents: 5, serviceAffecting: 4, restored: 4, notRestored: 1, rtoMet: 2, rtoMissed: 2,
          restoredFromBackup: 2, rpoMet: 1, rpoMissed: 1))
  }

  @Test func monthsAreOsloCalendarMonths() {
    let months = figures.months
    #expect(months.map(\.month) == [1, 2, 3, 4])
    #expect(months.map(\.incidents) == [2, 1, 1, 1])
    #expect(months.map(\.serviceAffecting) == [2, 0, 1, 1])
    #expect(months[0].meanRestoreSeconds == TimeInterval(3.5 * 3600))
    #expect(months[0].longestRestoreSeconds == TimeInterval(5 * 3600))
    #expect(months[1].meanRestoreSeconds == nil)
  }

  @Test func fewerThanTwoServiceIncidentsHaveNoMtbf() {
    let f = ContinuityFigures(
      sources: Array(sources.prefix(1)), runs: [], objectives: objectives, from: Self.t("2026-01-01T00:00:00Z"),
      to: Self.t("2026-02-01T00:00:00Z"), now: Self.t("2026-02-01T00:00:00Z"))
    #expect(f.mtbfSeconds == nil && f.mtbfMet == nil)
    // Restored from a job with no good run at all: the RPO is missed, the loss unknown.
    #expect(f.incidents[0].rpoMet == false && f.incidents[0].dataLostSeconds == nil)
  }

  @Test func theWindowIsReadAsOsloDatesAndBounded() throws {
    let now = Self.t("2026-11-25T10:00:00Z")
    let w = try ContinuityWindow.parse(from: "2026-03-01", to: "2026-03-31", now: now).get()
    #expect(w.from == Self.t("2026-02-28T23:00:00Z"))
    #expect(w.to == Self.t("2026-03-31T22:00:00Z"))
    let d = try ContinuityWindow.parse(from: nil, to: nil, now: now).get()
    #expect(d.from == Self.t("2025-11-30T23:00:00Z") && d.to == now)
    #expect(ContinuityWindow.parse(from: "2026-02-30", to: nil, now: now) == .failure(.notADate(field: "from")))
    #expect(ContinuityWindow.parse(from: nil, to: "i går", now: now) == .failure(.notADate(field: "to")))
    #expect(ContinuityWindow.parse(from: "2026-05-01", to: "2026-04-01", now: now) == .failure(.fromNotBeforeTo))
    #expect(ContinuityWindow.parse(from: "1990-01-01", to: "2026-04-01", now: now) == .failure(.tooLong))
  }
}
