import ArgumentParser
import BeredskapCore
import BeredskapStore
import Foundation

/// `beredskap backup create|restore|record`: Beredskap's own encrypted backups,
/// and runs of the organisation's backup jobs reported by the jobs themselves.
struct BackupCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "backup", abstract: "Beredskap's own backups, and runs of the plan's backup jobs.",
    subcommands: [Create.self, Restore.self, Record.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Write an encrypted backup of the database (safe while the server runs); prints the file and its size. Only the same data key can read it."
    )
    @Option(help: "The folder for backups (default: backups/ in the data folder).") var out: String?
    @Option(help: "Delete this command's backups older than this many days (default 7).") var keep: Int =
      OwnBackup.defaultKeepDays
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      guard (1...3650).contains(keep) else { throw Failure(message: "--keep: must be a number of days from 1 to 3650") }
      let env = ProcessInfo.processInfo.environment
      let store = try await openStore(db)
      let folder =
        out.map { URL(fileURLWithPath: $0) }
        ?? DataKeySource.dataFolder(for: store.location, environment: env).appendingPathComponent("backups")
      do {
        guard let key = store.dataKey else { throw Failure(message: "no data key") }
        let created = try await OwnBackup.create(
          store: store, key: key, folder: folder, keepDays: keep, now: Date(), environment: env)
        await store.shutdown()
        print("\(created.path)")
        print(
          "size: \(created.size) bytes (\(ByteCountFormatter.string(fromByteCount: created.size, countStyle: .file)))")
        print("sha256: \(created.sha256)")
        for path in created.removed { print("removed (older than \(keep) days): \(path)") }
      } catch {
        // A failed backup is a run too: the Backups page shows it.
        let failed = BackupRun(
          jobID: BackupJob.ownID, status: .failed, finishedAt: Date(), reportedBy: "beredskap backup create")
        _ = try? await BackupRunRepository(db: store.db).report(failed, actor: .cli, now: Date())
        await store.shutdown()
        switch error {
        case let failure as OwnBackup.Failure:
          throw Failure(message: "backup create: \(failure)", code: failure.code)
        case let failure as Failure: throw failure
        case let folder as DataKeySource.Failure: throw Failure(message: "backup create: --out: \(folder)")
        default: throw Failure(message: "backup create failed: \(error)", code: 1)
        }
      }
    }
  }

  struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Check a backup file end to end, then restore it into an empty database and check the audit trail. Needs the data key the backup was made with."
    )
    @Argument(help: "The backup file (beredskap-….bkp).") var file: String
    @OptionGroup var db: DatabaseOption

    func run() async throws {
      let env = ProcessInfo.processInfo.environment
      let location: DatabaseLocation
      do {
        location = try DatabaseLocation.resolve(flag: db.database, environment: env)
      } catch {
        throw Failure(message: "\(error)")
      }
      guard FileManager.default.isReadableFile(atPath: file) else {
        throw Failure(message: "\(file): cannot read the file")
      }
      let key = try restoreKey(location: location, environment: env)
      do {
        let restored = try await OwnBackup.restore(
          file: file, location: location, key: key, now: Date(), environment: env)
        print("restored \(file) into \(location)")
        if let finding = restored.audit.finding {
          print("audit verify: FAILED: \(finding)")
          throw ExitCode(1)
        }
        print("audit verify: ok: \(restored.audit.count) entries")
      } catch let failure as OwnBackup.Failure {
        throw Failure(message: "backup restore: \(failure)", code: failure.code)
      }
    }

    /// The key the backup was made with: `BEREDSKAP_DATA_KEY`, or the key file
    /// already in the target's data folder. A new key is never made here: it
    /// could not open the file.
    func restoreKey(location: DatabaseLocation, environment: [String: String]) throws -> DataKey {
      if let text = environment[DataKeySource.environmentVariable], !text.isEmpty {
        do { return try DataKey.parse(text) } catch {
          throw Failure(message: "\(DataKeySource.environmentVariable): \(error)")
        }
      }
      let folder = DataKeySource.dataFolder(for: location, environment: environment)
      let keyFile = folder.appendingPathComponent(DataKeySource.fileName).path
      guard FileManager.default.fileExists(atPath: keyFile) else {
        throw Failure(
          message:
            "backup restore: no data key. Copy the key file \(DataKeySource.fileName) the backup was made with into \(folder.path) (mode 0600), or set \(DataKeySource.environmentVariable)"
        )
      }
      do { return try DataKeySource.loadOrCreateFile(in: folder) } catch { throw Failure(message: "\(error)") }
    }
  }

  struct Record: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record a run of a backup job of the plan (for cron and CI): ok or failed, with size and checksum.")
    @Option(help: "The job's id in the plan's backups.") var job: String
    @Option(help: "ok or failed") var status: String
    @Option(help: "The backup's size in bytes.") var size: Int64?
    @Option(help: "The backup file's SHA-256 (64 hexadecimal digits).") var sha256: String?
    @Option(help: "A plan file (YAML); default: $BEREDSKAP_PLAN, else the built-in plan.") var plan: String?
    @OptionGroup var db: DatabaseOption

    static let flags = ["job": "--job", "status": "--status", "size_bytes": "--size", "sha256": "--sha256"]

    func run() async throws {
      let env = ProcessInfo.processInfo.environment
      let planPath = plan ?? env["BEREDSKAP_PLAN"].flatMap { $0.isEmpty ? nil : $0 }
      let loaded = try planPath.map(loadPlan) ?? .builtIn
      let report = BackupReport(job: job, status: status, sizeBytes: size, sha256: sha256)
      let run: BackupRun
      switch report.validate(plan: loaded, reportedBy: "beredskap backup record", now: Date()) {
      case .success(let r): run = r
      case .failure(let problems):
        throw Failure(
          message: problems.items.map { "\(Self.flags[$0.field] ?? $0.field): \($0.message)" }.joined(separator: "\n"))
      }
      let store = try await openStore(db)
      do {
        try await BackupRunRepository(db: store.db).report(run, actor: .cli, now: Date())
        await store.shutdown()
      } catch {
        await store.shutdown()
        throw Failure(message: "cannot record the run: \(error)", code: 1)
      }
      print("recorded \(run.status.rawValue) run of \(run.jobID) at \(Timestamp.utc(run.finishedAt))")
    }
  }
}
