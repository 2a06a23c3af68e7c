import BeredskapCore
import BeredskapStore
import Foundation
import Logging
import NIOPosix
import Vapor

/// Runs the web app until SIGTERM or SIGINT. Migrates first; while no admin
/// exists, prints a one-time setup link. Called by `beredskap serve`.
public func runServer(config: ServerConfig, plan: Plan, printLine: @escaping @Sendable (String) -> Void) async throws {
  var env = Environment(name: config.production ? "production" : "development", arguments: ["beredskap"])
  try RedactingLogHandler.bootstrap(&env)
  let app = try await Application.make(env)
  app.threadPool = NIOThreadPool(numberOfThreads: max(4, System.coreCount * 2))
  do {
    try await configure(app, config: config, plan: plan)
    printLine("Beredskap: \(config.database)")
    if let link = try await SetupController.issueLinkIfNeeded(app) {
      printLine("")
      printLine("Ingen administrator finnes ennå. Åpne denne lenken for å opprette den første (virker én gang):")
      printLine("No administrator exists yet. Open this one-time link to create the first one:")
      printLine("  \(link)")
      printLine("")
    }
    printLine("Beredskap kjører på \(config.baseURL)  (Ctrl+C for å stoppe)")
    try await app.execute()
  } catch {
    try? await app.asyncShutdown()
    throw error
  }
  try await app.asyncShutdown()
}
