import Foundation

extension Plan {
  /// A customer of the organisation (Plan A: a SaaS with customers whose data
  /// it processes). Incidents name the customers they affect.
  public struct Customer: Equatable, Sendable {
    public var id: String
    public var name: String
    /// The customer's contact person.
    public var email: String?
    /// The customer's security team, told of security incidents.
    public var securityEmail: String?
    public init(id: String, name: String, email: String? = nil, securityEmail: String? = nil) {
      self.id = id
      self.name = name
      self.email = email
      self.securityEmail = securityEmail
    }
  }

  /// One row of the stakeholder matrix: who is told, when and how.
  public struct Stakeholder: Equatable, Sendable {
    public enum Audience: String, CaseIterable, Sendable {
      /// The affected customers' contact persons.
      case customers
      /// The affected customers' security teams.
      case customerSecurity = "customer_security"
      case subprocessors, authority, `internal`, `public`
    }

    /// What starts the communication.
    public enum Trigger: String, CaseIterable, Sendable {
      /// The incident is registered (response starts).
      case start
      /// The incident is resolved.
      case resolution
      /// The assessment finds a personal-data breach.
      case breach
    }

    public enum Channel: String, CaseIterable, Sendable {
      case email, webhook
      case statusPage = "status_page"
      /// A step a person does: a phone call, the authority's web form.
      case manual
    }

    public var id: String
    public var title: String
    public var audience: Audience
    public var triggers: [Trigger]
    /// Severities it applies to; empty means all.
    public var severities: Set<Int>
    /// Within how many hours of the trigger.
    public var withinHours: Double
    public var channel: Channel
    /// The plan role that does it (and gets the reminders).
    public var owner: String?
    /// How, in words, e.g. «ring i tillegg» or «bare hvis deres tjeneste er årsaken».
    public var note: String?
    /// For `webhook`: where to post, and what (Slack's `{"text"}` or the signed JSON document).
    public var webhookURL: String?
    public var webhookFormat: Webhook.Format = .json

    public init(
      id: String, title: String, audience: Audience, triggers: [Trigger], severities: Set<Int> = [],
      withinHours: Double, channel: Channel, owner: String? = nil, note: String? = nil, webhookURL: String? = nil
    ) {
      self.id = id
      self.title = title
      self.audience = audience
      self.triggers = triggers
      self.severities = severities
      self.withinHours = withinHours
      self.channel = channel
      self.owner = owner
      self.note = note
      self.webhookURL = webhookURL
    }
  }

  /// Plan A's matrix. The authority's row is the 72-hour duty (the report page).
  public static let defaultStakeholders = [
    Stakeholder(
      id: "customers", title: "Kundens kontaktperson", audience: .customers, triggers: [.start, .resolution],
      severities: [1, 2], withinHours: 1, channel: .email, owner: "incident_lead"),
    Stakeholder(
      id: "customer_security", title: "Kundens sikkerhetsteam", audience: .customerSecurity, triggers: [.breach],
      withinHours: 24, channel: .email, owner: "incident_lead", note: "Ring i tillegg."),
    Stakeholder(
      id: "authority", title: "Datatilsynet", audience: .authority, triggers: [.breach], withinHours: 72,
      channel: .manual, owner: "incident_lead", note: "Datatilsynets skjema for avviksmelding."),
    Stakeholder(
      id: "subprocessors", title: "Underleverandører", audience: .subprocessors, triggers: [.start],
      severities: [1, 2], withinHours: 4, channel: .manual, owner: "incident_lead",
      note: "Bare hvis deres tjeneste er årsaken."),
  ]
}

/// One communication due on an incident, from the stakeholder matrix.
public struct Communication: Equatable, Sendable {
  /// `stakeholder:trigger`, stable: it names the record of what was done.
  public var key: String
  public var stakeholder: Plan.Stakeholder
  public var trigger: Plan.Stakeholder.Trigger
  public var startsAt: Date
  public var due: Date
  /// The customers it goes to (for customer audiences).
  public var customers: [Plan.Customer]
  /// E-mail addresses it goes to, when the channel is e-mail.
  public var addresses: [String]
}

/// Which communications an incident needs, and their drafts.
public enum StakeholderMatrix {
  /// What is known about the incident that decides the matrix.
  public struct Situation: Sendable {
    public var incident: Incident
    /// When the incident was marked resolved, if it was.
    public var resolvedAt: Date?
    /// When the organisation became aware of a personal-data breach, if the
    /// newest assessment found one.
    public var breachAwareAt: Date?
    /// The customers the incident affects (ids from the plan).
    public var customerIDs: [String]
    public init(incident: Incident, resolvedAt: Date?, breachAwareAt: Date?, customerIDs: [String]) {
      self.incident = incident
      self.resolvedAt = resolvedAt
      self.breachAwareAt = breachAwareAt
      self.customerIDs = customerIDs
    }
  }

  public static func due(_ s: Situation, plan: Plan) -> [Communication] {
    let customers = plan.customers.filter { s.customerIDs.contains($0.id) }
    var out: [Communication] = []
    for row in plan.stakeholders {
      if !row.severities.isEmpty, !row.severities.contains(s.incident.severity) { continue }
      for trigger in row.triggers {
        let start: Date?
        switch trigger {
        case .start: start = s.incident.discoveredAt
        case .resolution: start = s.resolvedAt
        case .breach: start = s.breachAwareAt
        }
        guard let start else { continue }
        var hours = row.withinHours.isFinite ? min(max(row.withinHours, 0), 87_660) : 0
        // The law's limits hold whatever the plan says.
        if trigger == .breach, row.audience == .authority { hours = min(hours, plan.authority.notifyHours) }
        if trigger == .breach, row.audience == .customerSecurity || row.audience == .customers {
          hours = min(hours, plan.processorNoticeHours)
        }
        let addresses: [String]
        switch row.audience {
        case .customers: addresses = customers.compactMap(\.email)
        case .customerSecurity: addresses = customers.compactMap { $0.securityEmail ?? $0.email }
        default: addresses = []
        }
        let isCustomer = row.audience == .customers || row.audience == .customerSecurity
        out.append(
          Communication(
            key: "\(row.id):\(trigger.rawValue)", stakeholder: row, trigger: trigger, startsAt: start,
            due: start.addingTimeInterval(hours * 3600), customers: isCustomer ? customers : [], addresses: addresses))
      }
    }
    return out.sorted { ($0.due, $0.key) < ($1.due, $1.key) }
  }

  /// The message a communication starts from; the responder reads it first.
  /// Only the incident's title and number leave the organisation: the
  /// internal description may hold details for internal eyes only.
  public static func draft(
    _ c: Communication, incident: Incident, plan: Plan, language: Language
  ) -> (subject: String, body: String) {
    let nb = language == .nb
    let org = plan.organisation.name
    let ref = "\(incident.number)"
    let contact = [plan.organisation.contact, plan.organisation.dpo].compactMap { $0 }.first.map { p in
      ([p.name] + [p.email, p.phone].compactMap { $0 }).joined(separator: ", ")
    }
    let signoff = (nb ? "Med vennlig hilsen\n" : "Kind regards\n") + org + (contact.map { "\n" + $0 } ?? "")
    switch c.trigger {
    case .start:
      return (
        nb ? "Driftshendelse hos \(org) (\(ref))" : "Incident at \(org) (\(ref))",
        (nb
          ? "Hei,\n\nVi har en pågående hendelse som påvirker tjenesten vår: \(incident.title).\n\nVi arbeider med saken og gir ny beskjed når den er løst, eller før om noe endrer seg.\n\n"
          : "Hello,\n\nWe have an ongoing incident affecting our service: \(incident.title).\n\nWe are working on it and will write again when it is resolved, or sooner if anything changes.\n\n")
          + signoff
      )
    case .resolution:
      return (
        nb ? "Løst: driftshendelse hos \(org) (\(ref))" : "Resolved: incident at \(org) (\(ref))",
        (nb
          ? "Hei,\n\nHendelsen «\(incident.title)» er løst, og tjenesten virker som normalt igjen.\n\nVi sender en oppsummering med årsak og tiltak når gjennomgangen er ferdig.\n\n"
          : "Hello,\n\nThe incident «\(incident.title)» is resolved, and the service works normally again.\n\nWe will send a summary with the cause and measures when the review is done.\n\n")
          + signoff
      )
    case .breach:
      return (
        nb
          ? "Varsel om brudd på personopplysningssikkerheten (\(ref))"
          : "Notice of a personal data breach (\(ref))",
        (nb
          ? "Hei,\n\nSom databehandler for dere varsler vi om et brudd på personopplysningssikkerheten som kan gjelde personopplysninger vi behandler på deres vegne (personvernforordningen artikkel 33 nr. 2): \(incident.title).\n\nDere er behandlingsansvarlig og vurderer selv om bruddet skal meldes til Datatilsynet innen 72 timer etter at dere ble kjent med det. Vi sender det vi vet om bruddet, konsekvensene og tiltakene i vedlagt utkast, og mer så snart vi vet det.\n\n"
          : "Hello,\n\nAs your processor we notify you of a personal data breach that may concern personal data we process on your behalf (GDPR Art. 33(2)): \(incident.title).\n\nYou are the controller and decide whether to notify the supervisory authority within 72 hours of becoming aware of it. What we know of the breach, its consequences and the measures follows, and more as soon as we know it.\n\n")
          + signoff
      )
    }
  }
}
