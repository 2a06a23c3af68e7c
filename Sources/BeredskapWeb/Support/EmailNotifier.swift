import BeredskapCore
import BeredskapMail
import BeredskapStore
import Foundation
import Vapor

/// Sends each reminder by e-mail to the clock's owner: the plan role that owns
/// a plan clock, and for the legal deadlines the incident's owner and the
/// plan's `incident_lead` people. Through the outbox, so a reminder is queued
/// once (the instance that claimed it) and sent once across instances.
struct EmailNotifier: Notifier {
  let mail: MailSettings
  let from: MailAddress

  func deliver(_ r: ReminderRepository.Due, app: Application) async {
    let plan = app.services.plan
    do {
      guard let incident = try await IncidentRepository(db: app.db).find(r.incidentNumber) else { return }
      var addresses: [String] = []
      let role = plan.clocks.first { $0.id == r.dutyKind }?.owner ?? "incident_lead"
      for person in plan.roles.first(where: { $0.id == role })?.people ?? [] {
        if let e = person.email { addresses.append(e) }
      }
      if Deadline.Kind(r.dutyKind).legalRank != nil, let owner = incident.ownerID,
        let user = try await UserRepository(db: app.db).find(id: owner)
      {
        addresses.append(user.email)
      }
      let (subject, body) = Self.text(r, plan: plan)
      try await send(
        to: addresses, subject: subject, body: body, kind: .reminder, incidentID: incident.id, app: app)
    } catch {
      // The type only: an SMTP reply may quote an address.
      app.logger.warning("reminder e-mail failed: \(String(reflecting: type(of: error)))")
    }
  }

  /// Queues one e-mail per distinct address (case-folded) in the outbox and
  /// sends what is queued of that kind for that incident.
  func send(
    to addresses: [String], subject: String, body: String, kind: OutboxKind, incidentID: UUID, app: Application
  ) async throws {
    var seen: Set<String> = []
    let unique = addresses.filter { seen.insert($0.lowercased()).inserted }
    guard !unique.isEmpty else { return }
    let drafts = unique.compactMap { address -> OutboxDraft? in
      guard let to = try? MailAddress(address, field: "to"),
        let message = try? MailMessage(from: from, to: to, subject: subject, body: body, date: app.services.now())
      else { return nil }
      return OutboxDraft(kind: kind, incidentID: incidentID, message: message)
    }
    try await Outbox(db: app.db).enqueue(drafts, now: app.services.now())
    let dispatcher = Dispatcher(
      db: app.db, settings: mail.smtp, trustRoots: mail.trustRoots, group: app.eventLoopGroup)
    _ = try await dispatcher.run(incidentID: incidentID, kinds: [kind])
  }

  /// The reminder in bokmål: the clock, the incident's number and title, the time left.
  static func text(_ r: ReminderRepository.Due, plan: Plan) -> (String, String) {
    let due = Timestamp.oslo(r.due, language: .nb)
    let when =
      r.offsetHours == 0
      ? "Fristen gikk ut \(due)."
      : "Fristen er \(due), om \(Deadline.hoursText(r.offsetHours)) timer."
    let subject =
      (r.offsetHours == 0 ? "Frist passert: " : "Påminnelse: ") + r.dutyTitle + " (\(r.incidentNumber))"
    let body = """
      Hei,

      \(r.dutyTitle)
      Hendelse: \(r.incidentNumber) \(r.incidentTitle)
      \(when)

      Åpne hendelsen i Beredskap for å se hva som gjenstår, og merk fristen som oppfylt når det er gjort.

      Denne påminnelsen er sendt fra Beredskap til den som eier fristen i beredskapsplanen (\(plan.organisation.name)).
      """
    return (subject.replacingOccurrences(of: "\n", with: " "), body)
  }
}
