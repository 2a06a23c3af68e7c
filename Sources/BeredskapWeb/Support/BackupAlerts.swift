import BeredskapCore
import BeredskapMail
import BeredskapStore
import Foundation
import Vapor

/// An overdue backup job, claimed once per spell across all instances.
public struct BackupAlert: Sendable, Equatable {
  public var status: BackupStatus
}

extension Notifier {
  public func deliverBackupAlert(_ alert: BackupAlert, app: Application) async {}
}

enum BackupAlerts {
  /// Outbox rows of backup alerts carry this id where an incident's would be.
  static let outboxID = UUID(uuidString: "00000000-0000-0000-0000-0000000b4c0b")!

  /// One round: every overdue job whose spell nobody has claimed yet goes to
  /// the notifiers. A job without any good run is shown on the dashboard but
  /// not mailed: a job just added to the plan has not had its first chance.
  static func round(_ app: Application, instance: String, notifiers: [any Notifier]) async throws {
    let now = app.services.now()
    let repo = BackupRunRepository(db: app.db)
    for status in try await repo.statuses(plan: app.services.plan, now: now) where status.state == .overdue {
      guard try await repo.claimAlert(job: status.job.id, spell: status.spell, now: now, instance: instance) else {
        continue
      }
      for notifier in notifiers { await notifier.deliverBackupAlert(BackupAlert(status: status), app: app) }
    }
  }

  /// The alert in bokmål: which job, since when, what to do.
  static func text(_ alert: BackupAlert, plan: Plan) -> (String, String) {
    let s = alert.status
    let last = s.lastGood.map { Timestamp.oslo($0.finishedAt, language: .nb) }
    let subject = "Sikkerhetskopi forsinket: \(s.job.what)"
    let state =
      s.state == .never
      ? "Det er ikke meldt noen vellykket kopi fra denne jobben."
      : "Siste vellykkede kopi er fra \(last ?? "–"). Neste skulle vært ferdig \(s.due.map { Timestamp.oslo($0, language: .nb) } ?? "–")."
    let body = """
      Hei,

      Sikkerhetskopien «\(s.job.what)» (\(s.job.id)) er forsinket.
      \(state)

      Sjekk at jobben går, og at den melder hver kjøring til Beredskap (beredskap backup record --job \(s.job.id) --status ok). Du får ikke flere varsler om denne forsinkelsen; siden Sikkerhetskopier i Beredskap viser tilstanden.

      Dette varselet er sendt fra Beredskap til den som eier jobben i beredskapsplanen (\(plan.organisation.name)).
      """
    return (subject.replacingOccurrences(of: "\n", with: " "), body)
  }
}

extension LogNotifier {
  /// The job id and state only.
  func deliverBackupAlert(_ alert: BackupAlert, app: Application) async {
    let last = alert.status.lastGood.map { Timestamp.utc($0.finishedAt) } ?? "none"
    app.logger.warning("backup overdue: \(alert.status.job.id) (\(alert.status.state.rawValue)), last good run \(last)")
  }
}

extension EmailNotifier {
  /// To the people of the job's owner role, through the outbox.
  func deliverBackupAlert(_ alert: BackupAlert, app: Application) async {
    let plan = app.services.plan
    guard let owner = alert.status.job.owner else { return }
    let people = plan.roles.first { $0.id == owner }?.people ?? []
    let addresses = people.compactMap(\.email)
    guard !addresses.isEmpty else { return }
    let (subject, body) = BackupAlerts.text(alert, plan: plan)
    do {
      try await send(
        to: addresses, subject: subject, body: body, kind: .backupAlert, incidentID: BackupAlerts.outboxID, app: app)
    } catch {
      app.logger.warning("backup alert e-mail failed: \(String(reflecting: type(of: error)))")
    }
  }
}
