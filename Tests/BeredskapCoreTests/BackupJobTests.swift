import BeredskapCore
import Foundation
import Testing

@Suite struct BackupJobTests {
  static let yaml = """
    version: 1
    organisation:
      name: Eksempel AS
    roles:
      - id: ops
        title: Drift
        people:
          - name: Ola Drift
            email: ola@example.no
    backups:
      - id: app-db
        what: Kundedatabasen
        where: Objektlager i Oslo
        every_hours: 24
        at: "03:00"
        retention_days: 30
        encrypted: true
        restore_roles: [ops]
        owner: ops
      - id: files
        what: Opplastede filer
        where: NAS
        every_hours: 6
    """

  static func at(_ s: String) -> Date { Timestamp.parse(s)! }

  @Test func thePlansJobsAreReadAndBeredskapsOwnIsAlwaysThere() throws {
    let result = PlanFile.load(yaml: Self.yaml)
    #expect(result.issues.isEmpty, "\(result.issues)")
    let jobs = try #require(result.plan?.backupJobs)
    #expect(jobs.map(\.id) == ["beredskap", "app-db", "files"])
    #expect(jobs[1].atMinute == 180 && jobs[1].retentionDays == 30 && jobs[1].encrypted)
    #expect(jobs[1].restoreRoles == ["ops"] && jobs[1].owner == "ops")
    #expect(jobs[2].everyHours == 6 && jobs[2].atMinute == nil && !jobs[2].encrypted)
    #expect(Plan.builtIn.backupJobs.map(\.id) == ["beredskap"])
  }

  @Test func mistakesNameTheLineAndTheField() {
    let yaml = """
      version: 1
      organisation:
        name: Eksempel AS
      roles:
        - id: ops
          title: Drift
          people: [{name: Ola, email: ola@example.no}]
      backups:
        - id: app-db
          what: Kundedatabasen
          where: S3
          every_hours: 24
          at: "25:00"
          restore_roles: [drift]
        - id: app-db
          what: Igjen
          where: S3
          every_hours: 12
          at: "03:00"
          owner: sjef
      """
    let result = PlanFile.load(yaml: yaml)
    #expect(result.plan == nil)
    let lines = result.errors.map(\.line)
    #expect(lines == [13, 14, 15, 19, 20], "\(result.errors)")
    #expect(result.errors[1].message.contains("\"drift\" is not one of the plan's roles (roles: ops)"))
    #expect(result.errors[2].message.contains("used twice"))
    #expect(result.errors[3].message.contains("whole days"))
    #expect(result.errors[4].message.contains("owner \"sjef\""))
  }

  @Test func aJobIsOverdueOnlyAfterItsSlotAndGrace() {
    let job = BackupJob(
      id: "db", what: "db", location: "s3", everyHours: 24, atMinute: 180, graceHours: 2, retentionDays: 7,
      encrypted: true)
    // Oslo is UTC+1 in November: 03:00 Oslo is 02:00Z.
    let good = BackupRun(jobID: "db", status: .ok, finishedAt: Self.at("2026-11-23T02:10:00Z"), reportedBy: "cron")
    #expect(job.due(after: good.finishedAt) == Self.at("2026-11-24T02:00:00Z"))
    #expect(BackupStatus(job: job, runs: [good], now: Self.at("2026-11-24T03:59:00Z")).state == .ok)
    let late = BackupStatus(job: job, runs: [good], now: Self.at("2026-11-24T04:01:00Z"))
    #expect(late.state == .overdue && late.needsAction)
    // A failed run does not end the spell; the next good one does.
    let failed = BackupRun(
      jobID: "db", status: .failed, finishedAt: Self.at("2026-11-24T02:05:00Z"), reportedBy: "cron")
    #expect(BackupStatus(job: job, runs: [good, failed], now: Self.at("2026-11-24T03:00:00Z")).state == .lastFailed)
    let spell = BackupStatus(job: job, runs: [good, failed], now: Self.at("2026-11-24T05:00:00Z"))
    #expect(spell.state == .overdue && spell.spell == late.spell)
    let next = BackupRun(jobID: "db", status: .ok, finishedAt: Self.at("2026-11-24T06:00:00Z"), reportedBy: "cron")
    let after = BackupStatus(job: job, runs: [good, failed, next], now: Self.at("2026-11-24T07:00:00Z"))
    #expect(after.state == .ok && after.spell != late.spell)
    // Another job's runs do not count; no run at all is "never".
    #expect(BackupStatus(job: BackupJob.beredskap, runs: [good], now: Self.at("2026-11-24T07:00:00Z")).state == .never)
  }

  @Test func anIntervalWithoutTimeOfDayCountsFromTheLastGoodRun() {
    let job = BackupJob(id: "f", what: "f", location: "nas", everyHours: 6, retentionDays: 7, encrypted: false)
    let good = BackupRun(jobID: "f", status: .ok, finishedAt: Self.at("2026-11-24T00:00:00Z"), reportedBy: "cron")
    #expect(BackupStatus(job: job, runs: [good], now: Self.at("2026-11-24T07:59:00Z")).state == .ok)
    #expect(BackupStatus(job: job, runs: [good], now: Self.at("2026-11-24T08:01:00Z")).state == .overdue)
  }
}

@Suite struct BackupFileTests {
  static let key = try! DataKey.parse(String(repeating: "17", count: 32))

  static func seal(_ plain: [UInt8], chunk: Int = 100) throws -> [UInt8] {
    var input = plain[...]
    var out: [UInt8] = []
    _ = try BackupFile.encrypt(
      kind: .sqlite, key: key, chunkSize: chunk,
      next: {
        let piece = Array(input.prefix(37))
        input = input.dropFirst(piece.count)
        return piece
      }, write: { out += $0 })
    return out
  }

  static func open(_ file: [UInt8], key: DataKey = key) throws -> [UInt8] {
    var rest = file[...]
    var out: [UInt8] = []
    try BackupFile.decrypt(
      key: key,
      read: { n in
        let piece = Array(rest.prefix(n))
        rest = rest.dropFirst(piece.count)
        return piece
      }, write: { out += $0 })
    return out
  }

  @Test(arguments: [0, 1, 99, 100, 101, 1000])
  func whatGoesInComesOut(_ size: Int) throws {
    let plain = (0..<size).map { UInt8($0 % 251) }
    let file = try Self.seal(plain)
    #expect(try Self.open(file) == plain)
    // No plain run of the input is in the file.
    if size >= 16 { #expect(!Data(file).contains(Data(plain[0..<16]))) }
  }

  @Test func truncationReorderingAlterationAndTheWrongKeyAreCaught() throws {
    let plain = (0..<350).map { UInt8($0 % 251) }
    let file = try Self.seal(plain)
    // Chunks: header 30 bytes, then 4 chunks of 4 + 12 + 100 + 16 (the last 50 + 32).
    let chunk = 4 + 12 + 100 + 16
    let h = 30
    // Cut after the third chunk: the end is missing.
    #expect(throws: BackupFile.Invalid.self) { try Self.open(Array(file[0..<(h + 3 * chunk)])) }
    // Swap chunks 1 and 2.
    var swapped = Array(file[0..<(h + chunk)])
    swapped += file[(h + 2 * chunk)..<(h + 3 * chunk)]
    swapped += file[(h + chunk)..<(h + 2 * chunk)]
    swapped += file[(h + 3 * chunk)...]
    #expect(throws: BackupFile.Invalid.self) { try Self.open(swapped) }
    // One bit flipped.
    var flipped = file
    flipped[h + chunk + 40] ^= 1
    #expect(throws: BackupFile.Invalid.self) { try Self.open(flipped) }
    // A chunk from another file of the same key.
    let other = try Self.seal(plain)
    var spliced = file
    spliced.replaceSubrange((h + chunk)..<(h + 2 * chunk), with: other[(h + chunk)..<(h + 2 * chunk)])
    #expect(throws: BackupFile.Invalid.self) { try Self.open(spliced) }
    // Extra bytes after the end.
    #expect(throws: BackupFile.Invalid.self) { try Self.open(file + [0]) }
    let wrong = try DataKey.parse(String(repeating: "18", count: 32))
    #expect {
      try Self.open(file, key: wrong)
    } throws: { ($0 as? BackupFile.Invalid)?.description.contains("another data key") == true }
    #expect(throws: BackupFile.Invalid.self) { try Self.open(Array("not a backup at all, really".utf8)) }
  }
}
