import BeredskapCore
import FluentKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// An open database outside the web server: for the CLI and the tests.
public final class StoreRuntime: @unchecked Sendable {
  public let databases: Databases
  public let location: DatabaseLocation
  let threadPool: NIOThreadPool
  let group: MultiThreadedEventLoopGroup
  let logger: Logger
  /// The data key; installed process-wide (`DataKeyring`) when given.
  public let dataKey: DataKey?

  public init(
    location: DatabaseLocation, maxConnectionsPerEventLoop: Int = 4, searchPath: [String]? = nil, logger: Logger? = nil,
    dataKey: DataKey? = nil
  ) throws {
    self.location = location
    self.dataKey = dataKey
    if let dataKey { DataKeyring.install(dataKey) }
    self.logger = logger ?? Logger(label: "beredskap.store")
    threadPool = NIOThreadPool(numberOfThreads: 4)
    threadPool.start()
    group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    databases = Databases(threadPool: threadPool, on: group)
    databases.use(
      try location.configuration(maxConnectionsPerEventLoop: maxConnectionsPerEventLoop, searchPath: searchPath),
      as: DatabaseID(string: "main"), isDefault: true)
  }

  public var db: Database { databases.database(logger: logger, on: group.any())! }

  /// Runs pending migrations (idempotent) and prepares the database.
  public func migrate() async throws {
    try await Self.migrate(databases: databases, db: db, logger: logger, on: group.any(), dataKey: dataKey)
  }

  /// Migrates, then, with the data key, checks it is the right one and seals
  /// what older versions stored unsealed (`DataUpgrade`).
  public static func migrate(
    databases: Databases, db: Database, logger: Logger, on loop: any EventLoop, dataKey: DataKey? = nil
  ) async throws {
    let migrations = FluentKit.Migrations()
    migrations.add(BeredskapStore.Migrations.all)
    let migrator = Migrator(databases: databases, migrations: migrations, logger: logger, on: loop)
    try await migrator.setupIfNeeded().get()
    try await migrator.prepareBatch().get()
    if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
      // Readers never wait for the writer.
      try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    if let dataKey { try await DataUpgrade.run(on: db, key: dataKey) }
  }

  public func shutdown() async {
    await databases.shutdownAsync()
    try? await threadPool.shutdownGracefully()
    try? await group.shutdownGracefully()
  }
}
