import Foundation

/// The letter to one affected person (GDPR Art. 34(2)): in plain words, the
/// source plan's sections, and only that person's own data.
public struct SubjectLetter: Equatable, Sendable {
  public var language: Language
  public var subject: String
  /// Plain text with blank lines between paragraphs; headings are lines of
  /// their own (no Markdown marks: e-mail clients show it as it is).
  public var body: String
}

/// What the responder writes once for the whole batch; every letter shares it.
public struct LetterTexts: Equatable, Sendable {
  /// What happened, for the people affected: no internal details.
  public var whatHappened: String
  /// What we did and will do about it.
  public var whatWeDid: String
  /// More advice than the categories give, if any.
  public var moreAdvice: String
  public init(whatHappened: String, whatWeDid: String, moreAdvice: String = "") {
    self.whatHappened = whatHappened
    self.whatWeDid = whatWeDid
    self.moreAdvice = moreAdvice
  }

  /// The texts a batch starts with: the incident's description and the measures
  /// on its timeline. The responder reads and edits them before approving.
  public static func draft(incident: Incident, measures: [ReportInput.Measure], language: Language) -> LetterTexts {
    let nb = language == .nb
    let summary = incident.summary.trimmingCharacters(in: .whitespacesAndNewlines)
    let what = summary.isEmpty ? incident.title : summary
    let done = measures.filter { !$0.planned }.sorted { $0.at < $1.at }.map { "- " + $0.text }
    let planned = measures.filter(\.planned).sorted { $0.at < $1.at }.map { "- " + $0.text }
    var did: [String] = []
    if !done.isEmpty {
      did.append((nb ? "Dette har vi gjort:\n" : "What we have done:\n") + done.joined(separator: "\n"))
    }
    if !planned.isEmpty {
      did.append((nb ? "Dette skal vi gjøre:\n" : "What we will do:\n") + planned.joined(separator: "\n"))
    }
    return LetterTexts(whatHappened: what, whatWeDid: did.joined(separator: "\n\n"))
  }
}

/// A person as the letter needs them: no contact data, which the letter does not show.
public struct LetterRecipient: Equatable, Sendable {
  public var name: String
  public var categories: Set<DataCategory>
  public var language: Language
  public init(name: String, categories: Set<DataCategory>, language: Language) {
    self.name = name
    self.categories = categories
    self.language = language
  }
}

public enum LetterComposer {
  /// One person's letter. `incidentCategories` stands in when the list gave
  /// the person no categories of their own: the letter then says the data
  /// "may" concern them instead of claiming which.
  public static func compose(
    to person: LetterRecipient, texts: LetterTexts, incident: Incident, facts: BreachFacts?, plan: Plan
  ) -> SubjectLetter {
    compose(to: person, texts: texts, incident: incident, facts: facts, plan: plan, toThePublic: false)
  }

  /// `toThePublic`: no greeting, an opening for everyone the breach may
  /// concern, and a subject of its own (Art. 34(3)(c)).
  static func compose(
    to person: LetterRecipient, texts: LetterTexts, incident: Incident, facts: BreachFacts?, plan: Plan,
    toThePublic: Bool
  ) -> SubjectLetter {
    let language = person.language
    let w = AuthorityReportDrafter.Words(language: language)
    let org = plan.organisation.name
    let template = plan.letterTemplate(language)
    let name = person.name.trimmingCharacters(in: .whitespacesAndNewlines)
    func fill(_ s: String) -> String {
      s.replacingOccurrences(of: "{name}", with: name).replacingOccurrences(of: "{navn}", with: name)
        .replacingOccurrences(of: "{organisation}", with: org).replacingOccurrences(of: "{organisasjon}", with: org)
    }
    let own = !person.categories.isEmpty
    let categories = own ? person.categories : (facts?.dataCategories ?? [])
    var p: [String] = []
    if toThePublic {
      p.append(
        w.pick(
          "Det har skjedd et brudd på sikkerheten hos \(org) som kan gjelde opplysninger om deg, hvis du er eller har vært registrert hos oss. Vi beklager det som har skjedd.",
          "A security breach at \(org) may concern information about you, if you are or were registered with us. We are sorry that this happened."
        ))
    } else {
      p.append(name.isEmpty ? w.pick("Hei,", "Hello,") : fill(template.greeting))
      p.append(
        w.pick(
          "Vi skriver til deg fordi det har skjedd et brudd på sikkerheten hos \(org) som gjelder opplysninger om deg. Vi beklager det som har skjedd.",
          "We are writing to you because a security breach at \(org) concerns information about you. We are sorry that this happened."
        ))
    }

    p.append(w.pick("Hva som skjedde", "What happened"))
    var happened = texts.whatHappened.trimmingCharacters(in: .whitespacesAndNewlines)
    if let occurred = facts?.occurredAt ?? incident.occurredAt {
      happened += (happened.isEmpty ? "" : "\n") + w.pick("Det skjedde ", "It happened on ") + w.time(occurred) + "."
    }
    happened +=
      (happened.isEmpty ? "" : "\n") + w.pick("Vi oppdaget det ", "We discovered it on ")
      + w.time(incident.discoveredAt)
      + "."
    p.append(happened)

    p.append(w.pick("Hvilke opplysninger om deg det gjelder", "Which information about you is affected"))
    if categories.isEmpty {
      p.append(
        w.pick(
          "Vi vet ennå ikke nøyaktig hvilke opplysninger om deg som er rammet. Vi gir deg beskjed når vi vet mer.",
          "We do not yet know exactly which information about you is affected. We will tell you when we know more."))
    } else {
      let intro =
        own
        ? w.pick("Bruddet gjelder disse opplysningene om deg:", "The breach concerns this information about you:")
        : w.pick(
          "Bruddet gjelder disse typene opplysninger, og kan gjelde deg:",
          "The breach concerns these kinds of information and may concern you:")
      p.append(([intro] + categories.sorted().map { "- " + $0.name(language) }).joined(separator: "\n"))
    }

    p.append(w.pick("Hva det kan bety for deg", "What it may mean for you"))
    let risks = categories.sorted().compactMap { risk($0, w) }
    p.append(
      risks.isEmpty
        ? w.pick(
          "Vi vurderer at bruddet kan få følger for deg, og vil at du skal vite om det.",
          "We consider that the breach may affect you, and want you to know about it.")
        : risks.map { "- " + $0 }.joined(separator: "\n"))

    p.append(w.pick("Hva vi har gjort", "What we have done"))
    let did = texts.whatWeDid.trimmingCharacters(in: .whitespacesAndNewlines)
    p.append(
      did.isEmpty
        ? w.pick(
          "Vi har stanset bruddet og arbeider med å hindre at det skjer igjen.",
          "We have stopped the breach and are working to prevent it from happening again.")
        : did)

    p.append(w.pick("Hva du bør gjøre", "What you should do"))
    var advice = categories.sorted().compactMap { self.advice($0, w) }
    advice.append(
      w.pick(
        "Vi ber deg aldri om passord eller kortopplysninger på e-post, SMS eller telefon.",
        "We will never ask you for passwords or card details by e-mail, text message or phone."))
    var adviceText = advice.map { "- " + $0 }.joined(separator: "\n")
    let more = texts.moreAdvice.trimmingCharacters(in: .whitespacesAndNewlines)
    if !more.isEmpty { adviceText += "\n\n" + more }
    p.append(adviceText)

    p.append(w.pick("Dine rettigheter", "Your rights"))
    p.append(
      w.pick(
        "Du har rett til å få vite hvilke opplysninger vi har om deg, og til å få dem rettet eller slettet. Hvis du mener vi ikke har behandlet opplysningene dine riktig, kan du klage til Datatilsynet: www.datatilsynet.no, telefon 22 39 69 00.",
        "You have the right to know which information we hold about you, and to have it corrected or erased. If you think we have not handled your information properly, you can complain to the Norwegian Data Protection Authority (Datatilsynet): www.datatilsynet.no/en, phone +47 22 39 69 00."
      ))

    p.append(w.pick("Kontakt oss", "Contact us"))
    var contact: [String] = []
    for person in [plan.organisation.dpo, plan.organisation.contact].compactMap({ $0 }) {
      var parts = [person.name]
      if let e = person.email, !e.isEmpty { parts.append(e) }
      if let t = person.phone, !t.isEmpty { parts.append(t) }
      let line = parts.joined(separator: ", ")
      if !contact.contains(line) { contact.append(line) }
    }
    p.append(
      w.pick("Har du spørsmål, kan du svare på denne e-posten", "If you have questions, reply to this e-mail")
        + (contact.isEmpty ? "." : w.pick(" eller kontakte:\n", " or contact:\n") + contact.joined(separator: "\n")))
    p.append(fill(template.closing))
    let subject =
      toThePublic
      ? w.pick("Brudd på personopplysningssikkerheten hos \(org)", "Personal data breach at \(org)")
      : fill(template.subject)
    return SubjectLetter(language: language, subject: subject, body: p.joined(separator: "\n\n") + "\n")
  }

  static func risk(_ c: DataCategory, _ w: AuthorityReportDrafter.Words) -> String? {
    switch c {
    case .technical: return nil
    case .identity:
      return w.pick(
        "Navnet ditt kan brukes sammen med andre opplysninger i forsøk på svindel.",
        "Your name may be used with other information in attempts at fraud.")
    case .contact:
      return w.pick(
        "Du kan få falske e-poster, SMS-er eller telefoner som later som de kommer fra oss eller fra andre du stoler på.",
        "You may receive fake e-mails, text messages or calls pretending to come from us or from others you trust.")
    case .nationalID:
      return w.pick(
        "Noen kan prøve å utgi seg for å være deg, for eksempel for å ta opp lån eller bestille varer i ditt navn.",
        "Someone may try to pretend to be you, for example to take out a loan or order goods in your name.")
    case .credentials:
      return w.pick("Noen kan prøve å logge inn som deg.", "Someone may try to log in as you.")
    case .financial:
      return w.pick(
        "Noen kan prøve å bruke betalingsopplysningene dine eller lure deg for penger.",
        "Someone may try to use your payment details or trick you out of money.")
    case .documents:
      return w.pick(
        "Innholdet i dokumentene dine (for eksempel CV eller attester) kan bli kjent for andre.",
        "The content of your documents (for example a CV or certificates) may become known to others.")
    case .communications:
      return w.pick(
        "Andre kan ha lest innholdet i meldingene dine.", "Others may have read the content of your messages.")
    case .location:
      return w.pick(
        "Andre kan finne ut hvor du bor eller oppholder deg.", "Others may find out where you live or where you are.")
    case .behavioural:
      return w.pick(
        "Opplysninger om kjøp og vaner kan brukes til svindel som virker troverdig.",
        "Information about purchases and habits may be used for fraud that seems believable.")
    case .special, .criminal:
      return w.pick(
        "Følsomme opplysninger om deg kan bli kjent for andre, og det kan være belastende.",
        "Sensitive information about you may become known to others, which can be distressing.")
    }
  }

  static func advice(_ c: DataCategory, _ w: AuthorityReportDrafter.Words) -> String? {
    switch c {
    case .credentials:
      return w.pick(
        "Bytt passordet ditt hos oss, og alle andre steder der du har brukt det samme passordet. Slå på innlogging med to trinn der du kan.",
        "Change your password with us, and everywhere else you used the same password. Turn on two-step log-in where you can."
      )
    case .financial:
      return w.pick(
        "Følg med på kontoutskrifter og kortbruk, og kontakt banken din med en gang hvis du ser noe du ikke kjenner igjen.",
        "Watch your bank statements and card use, and contact your bank at once if you see anything you do not recognise."
      )
    case .nationalID:
      return w.pick(
        "Vurder å sperre for kredittvurdering av deg (kredittsperre). Det er gratis og gjøres hos ett av kredittopplysningsbyråene.",
        "Consider blocking credit checks on you (a credit freeze). In Norway it is free, at any credit reference agency."
      )
    case .contact, .identity, .behavioural:
      return w.pick(
        "Vær skeptisk til meldinger og telefoner som ber deg klikke på lenker, logge inn eller oppgi opplysninger.",
        "Be wary of messages and calls asking you to click links, log in or give out information.")
    case .location:
      return w.pick(
        "Hvis du føler deg utrygg, kan du kontakte politiet på 02800 (eller 112 i en nødsituasjon).",
        "If you feel unsafe, contact the police on 02800 (or 112 in an emergency).")
    case .technical, .documents, .communications, .special, .criminal:
      return nil
    }
  }
}

extension Plan {
  /// The fixed parts of the letters; an organisation's plan may change them.
  public struct LetterTemplate: Equatable, Sendable {
    public var subject: String
    public var greeting: String
    public var closing: String
    public init(subject: String, greeting: String, closing: String) {
      self.subject = subject
      self.greeting = greeting
      self.closing = closing
    }

    public static let nb = LetterTemplate(
      subject: "Viktig informasjon om dine personopplysninger hos {organisation}", greeting: "Hei {name},",
      closing: "Med vennlig hilsen\n{organisation}")
    public static let en = LetterTemplate(
      subject: "Important information about your personal data at {organisation}", greeting: "Dear {name},",
      closing: "Kind regards\n{organisation}")
  }

  public func letterTemplate(_ language: Language) -> LetterTemplate {
    letterTemplates[language] ?? (language == .nb ? .nb : .en)
  }
}

/// The public communication that replaces the letters where telling each
/// person would take disproportionate effort (Art. 34(3)(c)): the same
/// sections, for everyone the breach may concern.
public enum PublicNotice {
  public static func compose(
    texts: LetterTexts, incident: Incident, facts: BreachFacts?, plan: Plan, language: Language
  ) -> SubjectLetter {
    LetterComposer.compose(
      to: LetterRecipient(name: "", categories: [], language: language), texts: texts, incident: incident,
      facts: facts, plan: plan, toThePublic: true)
  }
}
