import ArgumentParser
import BeredskapCore
import BeredskapStore
import BeredskapWeb
import Foundation
import Logging

func openStore(_ option: DatabaseOption) async throws -> StoreRuntime {
  let location: DatabaseLocation
  do {
    location = try DatabaseLocation.resolve(flag: option.database, environment: ProcessInfo.processInfo.environment)
  } catch {
    throw Failure(message: "\(error)")
  }
  var logger = Logger(label: "beredskap")
  logger.logLevel = .critical  // failures are reported below, in words, without driver noise
  let key: DataKey
  do {
    key = try DataKeySource.load(for: location, environment: ProcessInfo.processInfo.environment)
  } catch {
    throw Failure(message: "\(error)")
  }
  let store: StoreRuntime
  do {
    store = try StoreRuntime(location: location, maxConnectionsPerEventLoop: 2, logger: logger, dataKey: key)
  } catch {
    throw Failure(message: "cannot open the database (\(location)): \(error)", code: 2)
  }
  do {
    try await store.migrate()
    return store
  } catch let wrongKey as DataUpgrade.WrongKey {
    await store.shutdown()
    throw Failure(message: "\(wrongKey)")
  } catch {
    await store.shutdown()
    let hint =
      location.isSQLite
      ? "check that the folder is writable" : "check the address, that the server runs, and the user and password"
    throw Failure(message: "cannot open the database (\(location)): \(hint)", code: 2)
  }
}

func readStdinPassword() -> String {
  var text = ""
  while let line = readLine(strippingNewline: true) { text += text.isEmpty ? line : "\n" + line }
  return text
}

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the web app and the API (migrates the database first).")

  @Option(help: "Address to listen on.") var host: String?
  @Option(help: "Port to listen on.") var port: Int?
  @Option(help: "A plan file (YAML); default: $BEREDSKAP_PLAN, else the built-in plan.") var plan: String?
  @OptionGroup var db: DatabaseOption

  func run() async throws {
    let env = ProcessInfo.processInfo.environment
    let location: DatabaseLocation
    do {
      location = try DatabaseLocation.resolve(flag: db.database, environment: env)
    } catch {
      throw Failure(message: "\(error)")
    }
    var config = ServerConfig.from(environment: env, database: location)
    if let host { config.host = host }
    if let port { config.port = port }
    let planPath = plan ?? config.planPath
    let loaded = try planPath.map(loadPlan) ?? .builtIn
    try await runServer(config: config, plan: loaded) { line in
      FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
  }
}

func loadPlan(_ path: String) throws -> Plan {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    throw Failure(message: "\(path): cannot read the plan file")
  }
  let result = PlanFile.load(yaml: text)
  for warning in result.warnings {
    FileHandle.standardError.write(Data("\(path):\(warning.line): warning: \(warning.message)\n".utf8))
  }
  guard let plan = result.plan else {
    let lines = result.errors.map { "\(path):\($0.line): error: \($0.message)" }
    throw Failure(message: lines.joined(separator: "\n"))
  }
  return plan
}

struct UserCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: "Manage users.", subcommands: [Add.self])

  struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a user; the password is read from stdin.")
    @Option var email: String
    @Option var name: String
    @Option(help: "admin, responder or viewer") var role: String
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      guard passwordStdin else {
        throw Failure(message: "--password-stdin is required (the password is read from stdin)")
      }
      let password = readStdinPassword()
      let store = try await openStore(db)
      do {
        try await Accounts.addUser(store: store, email: email, name: name, role: role, password: password, now: Date())
        await store.shutdown()
      } catch {
        await store.shutdown()
        throw Failure(message: "\(error)")
      }
      print("created \(role) \(UserRepository.normalise(email: email))")
    }
  }
}

struct TokenCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a new API token for a user on stdout.")
    @Option var email: String
    @Option(help: "A label for the token.") var name: String = "cli"
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      let store = try await openStore(db)
      do {
        let token = try await Accounts.createToken(store: store, email: email, name: name, now: Date())
        await store.shutdown()
        print(token)
      } catch {
        await store.shutdown()
        throw Failure(message: "\(error)")
      }
    }
  }
}

struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "The tamper-evident audit trail.", subcommands: [Verify.self, Head.self])

  struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the audit trail end to end; exit 1 naming the first bad entry.")
    @Option(help: "A head printed earlier by `audit head`: also check the trail still contains it.") var head: String?
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      let kept: KeptHead?
      do {
        kept = try head.map { path in
          guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "--head: cannot read \(path)")
          }
          return try KeptHead.parse(data)
        }
      } catch let error as KeptHead.Invalid {
        throw Failure(message: "--head: \(error)")
      }
      let store = try await openStore(db)
      let result: AuditLog.Verification
      var keptFinding: AuditChain.Finding?
      do {
        if let kept { keptFinding = try await AuditLog.check(kept: kept, on: store.db) }
        result = try await AuditLog.verify(on: store.db)
        await store.shutdown()
      } catch let error as AuditLog.HeadNotIssued {
        await store.shutdown()
        throw Failure(message: "--head: \(error)", code: 1)
      } catch {
        await store.shutdown()
        throw Failure(message: "cannot read the audit trail: \(error)")
      }
      // The first bad entry in the trail comes first; a missing kept head after it.
      let findings = [result.finding, keptFinding].compactMap { $0 }.sorted { $0.seq < $1.seq }
      if let finding = findings.first {
        print("FAILED: \(finding)")
        throw ExitCode(1)
      }
      print("ok: \(result.count) entries" + (kept.map { ", extends the kept head \($0.seq)" } ?? ""))
    }
  }

  struct Head: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the current head of the audit trail with its MAC, to keep outside the database.")
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      let store = try await openStore(db)
      do {
        let head = try await AuditLog.keptHead(on: store.db, now: Date())
        await store.shutdown()
        print(head.json, terminator: "")
      } catch {
        await store.shutdown()
        throw Failure(message: "cannot read the audit trail: \(error)")
      }
    }
  }
}

struct PlanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan", abstract: "The organisation's plan.", subcommands: [Check.self])

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Validate a plan file; errors and warnings name the line. Exit 1 on errors.")
    @Argument(help: "The plan file (YAML).") var file: String
    @Flag(help: "Also fail (exit 1) on warnings.") var strict = false

    func run() async throws {
      guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw Failure(message: "\(file): cannot read the file")
      }
      let result = PlanFile.load(yaml: text)
      for issue in result.issues { print("\(file):\(issue.line): \(issue.kind.rawValue): \(issue.message)") }
      if !result.errors.isEmpty || (strict && !result.warnings.isEmpty) { throw ExitCode(1) }
      print("ok: \(file) (\(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s"))")
    }
  }
}

struct Assess: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Assess a personal-data breach from its facts (beredskap.breach-facts/1).")
  @Option(help: "The facts file, or - for standard input.") var facts: String
  @Option(help: "json or text") var format: String = "json"
  @Option(help: "nb or en") var lang: String = "nb"
  @Option(help: "A plan file (YAML) that may be stricter than the law.") var plan: String?

  func run() async throws {
    guard format == "json" || format == "text" else { throw Failure(message: "--format: must be json or text") }
    guard let language = Language(rawValue: lang) else { throw Failure(message: "--lang: must be nb or en") }
    let data: Data
    if facts == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      guard let d = FileManager.default.contents(atPath: facts) else {
        throw Failure(message: "--facts: cannot read \(facts)")
      }
      data = d
    }
    let loadedPlan = try plan.map(loadPlan) ?? .builtIn
    let parsed: BreachFacts
    do {
      parsed = try BreachFacts.parse(json: data, receivedAt: Date())
      try parsed.check(against: loadedPlan)
    } catch {
      throw Failure(message: error.description)
    }
    let assessment = AssessmentEngine.assess(parsed, plan: loadedPlan, language: language)
    if format == "json" {
      FileHandle.standardOutput.write(assessment.json())
      print()
    } else {
      print(assessment.text(), terminator: "")
    }
  }
}
