import BeredskapCore
import BeredskapStore
import Foundation
import Vapor

/// Where reminders go: the log and the dashboard always; e-mail to the
/// clock's owner when mail is set up.
public protocol Notifier: Sendable {
  func deliver(_ reminder: ReminderRepository.Due, app: Application) async
  /// A backup job is overdue (once per spell); ignored unless implemented.
  func deliverBackupAlert(_ alert: BackupAlert, app: Application) async
}

/// Writes each reminder to the log: the incident number and the clock, never
/// the title or anything else that may hold personal data.
struct LogNotifier: Notifier {
  func deliver(_ r: ReminderRepository.Due, app: Application) async {
    let logger = app.logger
    let when = r.offsetHours == 0 ? "deadline missed" : "\(Deadline.hoursText(r.offsetHours)) h left"
    logger.notice(
      "reminder: \(r.incidentNumber) \(r.dutyKind): \(when), due \(Timestamp.utc(r.due))\(r.caughtUp ? " (caught up)" : "")"
    )
  }
}

/// Raises reminders before each deadline (the plan's hours, default 48, 24, 6
/// and 1) and when one is missed. Several instances may run it: the database
/// decides who raises each one. A restarted server catches up. Each round also
/// deletes expired sessions and login attempts no limit needs any more.
final class ReminderScheduler: LifecycleHandler, @unchecked Sendable {
  let interval: Double
  let notifiers: [any Notifier]
  let instance: String
  private var task: Task<Void, Never>?

  init(interval seconds: Double, notifiers: [any Notifier]) {
    self.interval = seconds
    self.notifiers = notifiers
    self.instance = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
  }

  func didBootAsync(_ app: Application) async throws {
    let interval = self.interval
    task = Task { [weak app] in
      while !Task.isCancelled {
        guard let app else { return }
        await self.tick(app)
        try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
      }
    }
  }

  func shutdownAsync(_ app: Application) async {
    task?.cancel()
    _ = await task?.value
  }

  /// One round: claim what is due and deliver it; tidy sessions and login attempts.
  func tick(_ app: Application) async {
    do {
      let now = app.services.now()
      try await SessionRepository(db: app.db).purgeExpired(now: now)
      try await LoginThrottle(db: app.db).purge(now: now)
    } catch {
      app.logger.warning("session purge failed: \(String(reflecting: type(of: error)))")
    }
    do {
      // Issue 8 item 7: the affected persons go some days after the incident is closed.
      try await AffectedPeopleRepository(db: app.db).purgeClosed(plan: app.services.plan, now: app.services.now())
    } catch {
      app.logger.warning("retention purge failed: \(String(reflecting: type(of: error)))")
    }
    do {
      let due = try await ReminderRepository(db: app.db).claimDue(
        offsets: app.services.plan.reminderHours, now: app.services.now(), instance: instance)
      // Response stages past their target (issue 9 point 1), through the same notifiers.
      let stages = try await StageRepository(db: app.db).claimDue(
        plan: app.services.plan, now: app.services.now(), instance: instance)
      for reminder in due + stages {
        for notifier in notifiers { await notifier.deliver(reminder, app: app) }
      }
    } catch {
      app.logger.warning("reminder round failed: \(String(reflecting: type(of: error)))")
    }
    do {
      // Issue 9 point 4: a backup job whose newest good run is too old, once per spell.
      try await BackupAlerts.round(app, instance: instance, notifiers: notifiers)
    } catch {
      app.logger.warning("backup alert round failed: \(String(reflecting: type(of: error)))")
    }
  }
}
