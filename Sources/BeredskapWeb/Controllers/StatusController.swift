import BeredskapCore
import BeredskapStore
import Vapor

/// The public status page, `/status`, and its Atom feed, `/status.atom`: no
/// sign-in, no session, no cookie set. Built only from published status
/// updates and maintenance notices (`StatusPage`), so nothing internal to an
/// incident can appear. Bokmål unless `?lang=en` or the language cookie says otherwise.
enum StatusController {
  /// Shared caches and browsers may keep the page this long: fresh enough
  /// during an incident, and a burst of visitors costs one render per half minute.
  static let cacheControl = "public, max-age=30"

  static func register(_ app: Application) {
    app.get("status", use: page)
    app.get("status.atom", use: feed)
  }

  struct UpdateView: Encodable {
    var at: String
    var datetime: String
    var status: String
    var title: String
    var message: String
    var components: String
  }

  struct IncidentView: Encodable {
    var anchor: String
    var title: String
    var status: String
    var statusKey: String
    var components: String
    var updatedAt: String
    var updates: [UpdateView]
  }

  struct MaintenanceView: Encodable {
    var title: String
    var message: String
    var components: String
    var from: String
    var to: String
    var ongoing: Bool
  }

  struct Body: Encodable {
    var organisation: String
    var allWell: Bool
    var ongoing: [IncidentView]
    var recent: [IncidentView]
    var maintenance: [MaintenanceView]
    var checkedAt: String
    var feed: String
  }

  static func language(_ req: Request) -> Language {
    if let q = req.query[String.self, at: "lang"] { return Language(code: q) }
    if let c = req.cookies[BrowserSessionMiddleware.languageCookie]?.string { return Language(code: c) }
    return .nb
  }

  static func statusName(_ s: PublicStatus, _ language: Language) -> String {
    Strings.text("status_page.state.\(s.rawValue)", language)
  }

  @Sendable static func page(req: Request) async throws -> Response {
    req.language = language(req)
    let lang = req.language
    let status = try await StatusRepository(db: req.db).page(now: req.now)
    let incidents = status.incidents.map { i in
      IncidentView(
        anchor: "incident-" + i.id.uuidString.lowercased(), title: i.title, status: statusName(i.status, lang),
        statusKey: i.status.rawValue, components: i.components.joined(separator: ", "),
        updatedAt: Timestamp.oslo(i.updatedAt, language: lang),
        updates: i.updates.map { u in
          UpdateView(
            at: Timestamp.oslo(u.at, language: lang), datetime: Timestamp.utc(u.at), status: statusName(u.status, lang),
            title: u.title, message: u.message, components: u.components.joined(separator: ", "))
        })
    }
    let body = Body(
      organisation: req.plan.organisation.name, allWell: status.allWell(now: req.now),
      ongoing: incidents.filter { $0.statusKey != PublicStatus.resolved.rawValue },
      recent: incidents.filter { $0.statusKey == PublicStatus.resolved.rawValue },
      maintenance: status.maintenance.map { m in
        MaintenanceView(
          title: m.title, message: m.message, components: m.components.joined(separator: ", "),
          from: Timestamp.oslo(m.startsAt, language: lang), to: Timestamp.oslo(m.endsAt, language: lang),
          ongoing: m.startsAt <= req.now)
      },
      checkedAt: Timestamp.oslo(req.now, language: lang), feed: "/status.atom" + (lang == .en ? "?lang=en" : ""))
    let response = try await req.page(
      "status", title: req.t("status_page.title"), body, startSession: false)
    response.headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
    response.headers.replaceOrAdd(name: .vary, value: "Cookie")
    return response
  }

  @Sendable static func feed(req: Request) async throws -> Response {
    let lang = language(req)
    let status = try await StatusRepository(db: req.db).page(now: req.now)
    let t = { (key: String) in Strings.text(key, lang) }
    let labels = StatusFeed.Labels(
      feedTitle: t("status_page.title") + " – " + req.plan.organisation.name,
      status: Dictionary(PublicStatus.allCases.map { ($0, statusName($0, lang)) }) { a, _ in a },
      components: t("status_page.components"), maintenance: t("status_page.maintenance"),
      from: t("status_page.from"), to: t("status_page.to"))
    var base = req.application.services.config.baseURL
    while base.hasSuffix("/") { base.removeLast() }
    let suffix = lang == .en ? "?lang=en" : ""
    let xml = StatusFeed.atom(
      status, organisation: req.plan.organisation.name, pageURL: base + "/status" + suffix,
      selfURL: base + "/status.atom" + suffix, labels: labels, language: lang, now: req.now)
    var headers = HTTPHeaders()
    headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
    headers.replaceOrAdd(name: .cacheControl, value: cacheControl)
    headers.replaceOrAdd(name: .vary, value: "Cookie")
    return Response(status: .ok, headers: headers, body: .init(string: xml))
  }
}
