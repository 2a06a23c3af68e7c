import BeredskapCore
import BeredskapMail
import BeredskapStore
import Fluent
import Leaf
import LeafKit
import NIOPosix
import Vapor

/// Sets up an application: database, migrations, templates, middleware, routes.
public func configure(
  _ app: Application, config: ServerConfig, plan: Plan = .builtIn, now: @escaping @Sendable () -> Date = { Date() },
  keepDatabase: Bool = false
) async throws {
  app.services = AppServices(config: config, plan: plan, now: now)
  app.http.server.configuration.hostname = config.host
  app.http.server.configuration.port = config.port
  app.http.server.configuration.serverName = nil
  app.routes.defaultMaxBodySize = "1mb"

  if !keepDatabase {
    app.databases.use(
      try config.database.configuration(maxConnectionsPerEventLoop: 8), as: .init(string: "main"), isDefault: true)
  }
  var migrationLogger = app.logger
  migrationLogger.logLevel = .notice
  let dataKey =
    try config.dataKey
    ?? DataKeySource.load(for: config.database, environment: ProcessInfo.processInfo.environment)
  DataKeyring.install(dataKey)
  try await StoreRuntime.migrate(
    databases: app.databases, db: app.db, logger: migrationLogger, on: app.eventLoopGroup.any(), dataKey: dataKey)
  // From the data key, never stored in the database: who can read the database cannot forge it.
  app.services.formKey = dataKey.subkey(.formCookies).withUnsafeBytes { Hex.encode($0) }

  let resources = try resourceDirectory()
  app.views.use(.leaf)
  app.leaf.configuration.rootDirectory = resources + "Views/"
  app.leaf.sources = .singleSource(
    NIOLeafFiles(
      fileio: app.fileio, limits: [.toSandbox, .onlyLeafExtensions], sandboxDirectory: resources,
      viewDirectory: resources + "Views/"))
  app.leaf.cache.isEnabled = app.environment.isRelease || config.production

  app.middleware = .init()
  app.middleware.use(SecurityHeadersMiddleware())
  app.middleware.use(ErrorPageMiddleware())
  app.middleware.use(StaticFilesMiddleware(publicDirectory: resources + "Public/"))
  try routes(app)
  if config.schedulerSeconds > 0 {
    var notifiers: [any Notifier] = [LogNotifier()]
    // Reminders by e-mail once mail is set up and a sender is known.
    let env = ProcessInfo.processInfo.environment
    if let mail = try? MailSettings.from(environment: env),
      let from = try? MailSettings.sender(environment: env, plan: plan)
    {
      notifiers.append(EmailNotifier(mail: mail, from: from))
    }
    app.lifecycle.use(ReminderScheduler(interval: config.schedulerSeconds, notifiers: notifiers))
  }
}

/// Templates and static files ship inside the package's resource bundle, so
/// the binary finds them from any working directory.
func resourceDirectory() throws -> String {
  var path = Bundle.module.bundleURL.appendingPathComponent("web").path
  if !path.hasSuffix("/") { path += "/" }
  return path
}

func routes(_ app: Application) throws {
  HealthController.register(app)
  OpenAPIController.register(app)

  let pages = app.grouped(BrowserSessionMiddleware())
  pages.get("lang", ":code", use: LanguageController.change)
  let forms = pages.grouped(CSRFMiddleware())
  SetupController.register(pages: pages, forms: forms)
  AuthController.register(pages: pages, forms: forms)

  let viewer = pages.grouped(RoleMiddleware(minimum: .viewer, api: false))
  let viewerForms = viewer.grouped(CSRFMiddleware())
  let responder = pages.grouped(RoleMiddleware(minimum: .responder, api: false))
  let responderForms = responder.grouped(CSRFMiddleware())
  let admin = pages.grouped(RoleMiddleware(minimum: .admin, api: false))
  let adminForms = admin.grouped(CSRFMiddleware())
  DashboardController.register(viewer: viewer)
  IncidentPagesController.register(viewer: viewer, responder: responder, responderForms: responderForms)
  SubjectsController.register(uploadForms: responder.grouped(CSRFMiddleware(maxBody: SubjectsController.maxUpload)))
  WizardController.register(responder: responder, responderForms: responderForms)
  CommunicationController.register(responderForms: responderForms)
  StagesController.register(responderForms: responderForms)
  LettersController.register(viewer: viewer, responderForms: responderForms)
  RunbookController.register(responderForms: responderForms)
  PostMortemController.register(viewer: viewer, responderForms: responderForms)
  ExerciseController.register(viewer: viewer, responderForms: responderForms)
  AccountController.register(viewer: viewer, viewerForms: viewerForms)
  AdminController.register(admin: admin, adminForms: adminForms)
  StatusController.register(app)

  let api = app.grouped("api", "v1").grouped(BearerAuthMiddleware())
  StatusUpdateController.register(
    responder: responder, responderForms: responderForms,
    apiResponder: api.grouped(RoleMiddleware(minimum: .responder, api: true)))
  IncidentAPIController.register(
    viewer: api.grouped(RoleMiddleware(minimum: .viewer, api: true)),
    responder: api.grouped(RoleMiddleware(minimum: .responder, api: true)))
  AssessmentAPIController.register(
    viewer: api.grouped(RoleMiddleware(minimum: .viewer, api: true)),
    responder: api.grouped(RoleMiddleware(minimum: .responder, api: true)))
  ReportController.register(
    viewer: viewer, responderForms: responderForms, api: api.grouped(RoleMiddleware(minimum: .viewer, api: true)))
  BackupsController.register(viewer: viewer, apiResponder: api.grouped(RoleMiddleware(minimum: .responder, api: true)))
  UserAPIController.register(
    viewer: api.grouped(RoleMiddleware(minimum: .viewer, api: true)),
    admin: api.grouped(RoleMiddleware(minimum: .admin, api: true)))
  ContinuityController.register(viewer: viewer, api: api.grouped(RoleMiddleware(minimum: .viewer, api: true)))
  StagesAPIController.register(
    viewer: api.grouped(RoleMiddleware(minimum: .viewer, api: true)),
    responder: api.grouped(RoleMiddleware(minimum: .responder, api: true)))
}
