import BeredskapCore
import BeredskapStore
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import BeredskapWeb

/// contracts.md: viewer reads, responder also writes incidents, admin also
/// manages users and settings; anything else 403, no identity 401 (the API)
/// or the sign-in page (the web). Every registered route must be listed here,
/// so a new route cannot ship unclassified.
@Suite(.serialized) struct RoleMatrixTests {
  /// nil: public.
  static let minimum: [String: Role?] = [
    "GET /health": nil,
    "GET /api/openapi.yaml": nil,
    "GET /lang/:code": nil,
    "GET /setup/:token": nil,
    "POST /setup/:token": nil,
    "GET /login": nil,
    "POST /login": nil,
    "GET /login/2fa": nil,
    "POST /login/2fa": nil,
    "POST /logout": nil,
    "GET /": .viewer,
    "GET /incidents": .viewer,
    "GET /incidents/:number": .viewer,
    "GET /incidents/:number/print": .viewer,
    "GET /incidents/:number/report": .viewer,
    "GET /incidents/:number/report/print": .viewer,
    "GET /incidents/:number/report/markdown": .viewer,
    "POST /incidents/:number/report/sections/:section": .responder,
    "POST /incidents/:number/report/send": .responder,
    "POST /incidents/:number/communications/:key/done": .responder,
    "POST /incidents/:number/customers": .responder,
    "POST /incidents/:number/communications/:key/send": .responder,
    "POST /incidents/:number/stages/:stage/done": .responder,
    "POST /incidents/:number/backup-restore": .responder,
    "GET /continuity": .viewer,
    "GET /api/v1/continuity": .viewer,
    "GET /api/v1/incidents/:number/stages": .viewer,
    "POST /api/v1/incidents/:number/stages/:stage/done": .responder,
    "GET /incidents/:number/letters": .viewer,
    "POST /incidents/:number/letters/texts": .responder,
    "POST /incidents/:number/letters/public": .responder,
    "POST /incidents/:number/letters/told/:person": .responder,
    "POST /incidents/:number/runbooks": .responder,
    "POST /incidents/:number/runbooks/:runbook/steps/:step": .responder,
    "GET /incidents/:number/post-mortem": .viewer,
    "GET /incidents/:number/post-mortem/markdown": .viewer,
    "GET /incidents/:number/post-mortem/customer": .viewer,
    "POST /incidents/:number/post-mortem": .responder,
    "POST /incidents/:number/post-mortem/actions": .responder,
    "GET /actions": .viewer,
    "POST /actions/:id/done": .responder,
    "GET /exercises": .viewer,
    "GET /exercises/report": .viewer,
    "POST /exercises": .responder,
    "POST /incidents/:number/letters/approve": .responder,
    "POST /incidents/:number/letters/send": .responder,
    "GET /account": .viewer,
    "POST /account/password": .viewer,
    "POST /account/2fa/start": .viewer,
    "POST /account/2fa/enable": .viewer,
    "POST /account/tokens": .viewer,
    "POST /account/tokens/:id/revoke": .viewer,
    "GET /incidents/new": .responder,
    "POST /incidents": .responder,
    "GET /incidents/:number/edit": .responder,
    "POST /incidents/:number": .responder,
    "POST /incidents/:number/notes": .responder,
    "POST /incidents/:number/subjects": .responder,
    "POST /incidents/:number/clocks/:kind/done": .responder,
    "GET /incidents/:number/assess": .responder,
    "POST /incidents/:number/assess": .responder,
    "GET /admin/users": .admin,
    "POST /admin/users": .admin,
    "POST /admin/users/:id/role": .admin,
    "POST /admin/users/:id/disable": .admin,
    "GET /admin/settings": .admin,
    "POST /admin/settings": .admin,
    "GET /admin/audit": .admin,
    "GET /admin/audit/export": .admin,
    "POST /admin/audit/verify": .admin,
    "GET /admin/tokens": .admin,
    "POST /admin/tokens/:id/revoke": .admin,
    "GET /api/v1/incidents": .viewer,
    "POST /api/v1/incidents": .responder,
    "GET /api/v1/incidents/:number": .viewer,
    "PATCH /api/v1/incidents/:number": .responder,
    "GET /api/v1/incidents/:number/timeline": .viewer,
    "POST /api/v1/incidents/:number/notes": .responder,
    "POST /api/v1/incidents/:number/assessments": .responder,
    "GET /api/v1/incidents/:number/assessments": .viewer,
    "GET /api/v1/incidents/:number/clocks": .viewer,
    "POST /api/v1/incidents/:number/clocks/:kind/done": .responder,
    "GET /api/v1/reminders": .viewer,
    "GET /api/v1/incidents/:number/notifications": .viewer,
    "GET /api/v1/incidents/:number/report": .viewer,
    "GET /api/v1/me": .viewer,
    "GET /api/v1/users": .admin,
    "GET /backups": .viewer,
    "POST /api/v1/backups/:job/runs": .responder,
    "GET /status": nil,
    "GET /status.atom": nil,
    "POST /incidents/:number/status-updates": .responder,
    "GET /maintenance": .responder,
    "POST /maintenance": .responder,
    "POST /api/v1/incidents/:number/status-updates": .responder,
    "POST /api/v1/maintenance": .responder,
  ]

  static func key(_ route: Route) -> String {
    "\(route.method.rawValue) /" + route.path.map { "\($0)" }.joined(separator: "/")
  }

  @Test func everyRouteIsClassifiedAndEnforced() async throws {
    try await withWeb { h in
      let incident = try await IncidentRepository(db: h.db).create(
        draft(), ownerID: nil, actor: .system, now: h.now)
      let registered = Set(h.app.routes.all.map(Self.key))
      #expect(
        registered == Set(Self.minimum.keys), "unclassified: \(registered.symmetricDifference(Self.minimum.keys))")

      for route in h.app.routes.all {
        let key = Self.key(route)
        guard let entry = Self.minimum[key] else { continue }
        let path =
          "/"
          + route.path.map { c -> String in
            switch "\(c)" {
            case ":number": return incident.number.description
            case ":id": return UUID().uuidString
            case ":token": return "not-a-token"
            case ":code": return "en"
            case ":kind": return "authority"
            default: return "\(c)"
            }
          }.joined(separator: "/")
        let api = path.hasPrefix("/api/v1")
        for caller in [Role?.none, .viewer, .responder, .admin] {
          var headers = HTTPHeaders()
          var body = ByteBuffer()
          if let caller {
            // A fresh session for every request: some routes (logout, password) end it.
            let p = h.people[caller]!
            if api {
              headers.bearerAuthorization = .init(token: p.token)
            } else {
              let (cookie, session) = try await SessionRepository(db: h.db).start(
                userID: p.id, pendingSecondFactor: false, now: h.now)
              headers.replaceOrAdd(name: .cookie, value: "\(BrowserSessionMiddleware.cookie)=\(cookie)")
              if route.method == .POST {
                headers.contentType = .urlEncodedForm
                body = ByteBuffer(string: "_csrf=\(session.csrfToken)")
              }
            }
          }
          if api, route.method != .GET {
            headers.contentType = .json
            body = ByteBuffer(string: "{}")
          }
          let res = try await h.app.testing().sendRequest(route.method, path, headers: headers, body: body)
          let label = "\(key) as \(caller?.rawValue ?? "anonymous")"
          let allowed: Bool
          if let minimum = entry {
            allowed = caller.map { $0 >= minimum } ?? false
          } else {
            allowed = true
          }
          #expect(res.status.code < 500, "\(label): \(res.status)")
          if entry == nil {
            continue  // public: what it answers depends on the form, not the role
          } else if allowed {
            #expect(res.status != .unauthorized && res.status != .forbidden, "\(label): \(res.status)")
            #expect(res.headers.first(name: .location)?.hasPrefix("/login?") != true, "\(label) was sent to sign in")
          } else if caller == nil {
            if api {
              #expect(res.status == .unauthorized, "\(label): \(res.status)")
            } else {
              #expect(
                res.status == .seeOther && res.headers.first(name: .location)?.hasPrefix("/login") == true,
                "\(label): \(res.status)")
            }
          } else {
            #expect(res.status == .forbidden, "\(label): \(res.status)")
          }
        }
      }
    }
  }
}

func draft(_ title: String = "Serveren svarer ikke") -> IncidentDraft.Valid {
  var d = IncidentDraft()
  d.title = title
  d.severity = "2"
  d.discoveredAt = "2026-11-23T09:00:00Z"
  d.discoveredBy = "monitoring"
  return try! d.validate(now: fixedNow).get()
}
