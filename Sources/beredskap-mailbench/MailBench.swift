import BeredskapCore
import BeredskapStore
import Foundation
import Logging

/// Fills the outbox for the SMTP benchmark and the crash test: creates an
/// incident and enqueues N letters of about SIZE bytes to it, then prints
/// the incident's number. Usage:
/// `beredskap-mailbench --database URL --count N [--size 3000] [--domain example.invalid]`
@main
struct MailBench {
  static func main() async {
    var options: [String: String] = [:]
    var args = CommandLine.arguments.dropFirst()
    while let name = args.popFirst() {
      guard name.hasPrefix("--"), let value = args.popFirst() else {
        fail("usage: --database URL --count N [--size B]")
      }
      options[String(name.dropFirst(2))] = value
    }
    guard let url = options["database"], let count = options["count"].flatMap({ Int($0) }), count > 0 else {
      fail("usage: --database URL --count N [--size B]")
    }
    let size = options["size"].flatMap { Int($0) } ?? 3000
    let domain = options["domain"] ?? "example.invalid"
    do {
      let env = ProcessInfo.processInfo.environment
      let location = try DatabaseLocation.parse(url)
      let key = try DataKeySource.load(for: location, environment: env)
      var logger = Logger(label: "mailbench")
      logger.logLevel = .error
      let store = try StoreRuntime(location: location, logger: logger, dataKey: key)
      try await store.migrate()
      var draft = IncidentDraft()
      draft.title = "Benchmark: letters"
      draft.severity = "2"
      draft.discoveredAt = Timestamp.utc(Date())
      draft.discoveredBy = "mailbench"
      let now = Date()
      guard case .success(let valid) = draft.validate(now: now) else { fail("cannot make the incident") }
      let incident = try await IncidentRepository(db: store.db).create(
        valid, ownerID: nil, actor: Actor(id: "system:mailbench", name: "mailbench"), now: now)
      let from = try MailAddress("personvern@\(domain)", name: "Beredskap AS", field: "from")
      let line = "Vi skriver til deg fordi opplysninger om deg kan ha kommet på avveie. Les dette nøye.\n"
      let body = String(repeating: line, count: max(1, size / line.utf8.count))
      var start = 0
      while start < count {
        let end = min(start + 1000, count)
        let drafts = try (start..<end).map { i in
          OutboxDraft(
            kind: .letter, incidentID: incident.id, personID: UUID(),
            message: try MailMessage(
              from: from, to: MailAddress("person\(i)@\(domain)", name: "Person \(i)", field: "to"),
              subject: "Brudd på personopplysningssikkerheten (\(i))", body: body, date: now))
        }
        try await store.db.writeTransaction { tx in try await Outbox(db: tx).enqueue(drafts, now: now) }
        start = end
      }
      await store.shutdown()
      print(incident.number)
    } catch {
      fail("\(error)")
    }
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
  }
}
