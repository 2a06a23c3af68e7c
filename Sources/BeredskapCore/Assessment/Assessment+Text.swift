import Foundation

extension Assessment {
  /// What a responder reads: the decision first, then the deadlines in Oslo
  /// time, then the reasons.
  public func text() -> String {
    let nb = language == .nb
    var lines: [String] = []
    func yesNo(_ b: Bool) -> String { nb ? (b ? "JA" : "nei") : (b ? "YES" : "no") }
    if !personalDataBreach {
      lines.append(
        nb ? "Ikke et personvernbrudd: en driftshendelse." : "Not a personal data breach: an operational incident.")
    } else {
      lines.append((nb ? "Risiko for de berørte: " : "Risk to the people: ") + riskName(risk, language))
      if notifyController {
        lines.append(
          (nb ? "Varsle den behandlingsansvarlige (kunden): " : "Tell the controller (your customer): ") + yesNo(true))
      } else {
        lines.append((nb ? "Meld til Datatilsynet: " : "Notify the supervisory authority: ") + yesNo(notifyAuthority))
        lines.append((nb ? "Varsle de berørte: " : "Tell the people affected: ") + yesNo(notifySubjects))
        if publicCommunication { lines.append(nb ? "Offentlig kunngjøring: JA" : "Public communication: YES") }
      }
      lines.append((nb ? "Dokumenter internt: " : "Record internally: ") + yesNo(recordInternally))
    }
    if !deadlines.isEmpty {
      lines.append("")
      lines.append(nb ? "Frister (norsk tid):" : "Deadlines (Oslo time):")
      for d in deadlines.sorted(by: { $0.due < $1.due }) {
        lines.append("  \(Timestamp.oslo(d.due, language: language))  \(d.basis)")
      }
    }
    lines.append("")
    lines.append(nb ? "Begrunnelse:" : "Reasons:")
    for r in reasons { lines.append("  - \(r.text) [\(r.article)]") }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The risk level's name for people.
public func riskName(_ risk: RiskLevel, _ language: Language) -> String {
  switch (risk, language) {
  case (.none, .nb): "ingen"
  case (.low, .nb): "lav (trolig ingen risiko)"
  case (.medium, .nb): "middels (en risiko)"
  case (.high, .nb): "høy"
  case (.critical, .nb): "kritisk"
  case (.none, .en): "none"
  case (.low, .en): "low (unlikely to result in a risk)"
  case (.medium, .en): "medium (a risk)"
  case (.high, .en): "high"
  case (.critical, .en): "critical"
  }
}
