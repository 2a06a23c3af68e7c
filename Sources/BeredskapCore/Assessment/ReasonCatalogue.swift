/// The sentences behind each reason code, in bokmål and English, with the
/// rule each rests on. Placeholders in braces are filled from the facts; no
/// personal data ever goes in.
enum ReasonCatalogue {
  struct Entry {
    let article: String
    let nb: String
    let en: String
  }

  static let guidelines = "EDPB Guidelines 9/2022"
  static let examples = "EDPB Guidelines 01/2021"

  static func entry(_ code: ReasonCode) -> Entry {
    switch code {
    case .notPersonalData, .personalDataBreach, .recordInternally: basics(code)
    case .contradictionNoRecipients, .contradictionTrustedMalicious, .confidentialityUnintelligible,
      .partiallyProtected, .keyCompromised:
      reading(code)
    case .noRecipients, .trustedRecipient, .knownRecipients, .unknownRecipients, .publicRecipients, .malicious,
      .deliberateViewing, .exfiltrationRuledOut, .dataRetrieved, .dataRetrievedAfterReading, .misuseObserved:
      likelihood(code)
    case .specialCategories, .nationalID, .credentials, .financial, .documents, .communications, .location,
      .ordinaryData, .incidentalSpecial, .vulnerable, .largeScale, .categoriesIncomplete:
      dataSeverity(code)
    case .availabilityRestored, .availabilityImpact, .availabilityLost, .permanentLoss, .serviceCritical,
      .integrityRestored, .integrityLost, .integrityDependent:
      lossSeverity(code)
    case .harmViewing, .harmMisuse, .harmAvailability, .harmIntegrity, .enisaScore: harms(code)
    case .riskQuestion, .planRule, .planQuestion, .whenInDoubt, .unlikelyRisk, .notifyAuthority, .notifySubjects,
      .subjectsNotRequired, .exemption34_3_b, .exemption34_3_c, .processor:
      decision(code)
    }
  }

  static func basics(_ code: ReasonCode) -> Entry {
    switch code {
    case .notPersonalData:
      Entry(
        article: "GDPR Art. 4(12)",
        nb: "Ingen personopplysninger er berørt. Dette er en driftshendelse, ikke et personvernbrudd.",
        en: "No personal data is involved. This is an operational incident, not a personal data breach.")
    case .personalDataBreach:
      Entry(
        article: "GDPR Art. 4(12)",
        nb: "Personopplysninger har mistet {nature}. Det er et personvernbrudd.",
        en: "Personal data has lost {nature}. This is a personal data breach.")
    default:
      Entry(
        article: "GDPR Art. 33(5)",
        nb: "Alle personvernbrudd skal dokumenteres internt, også de som ikke meldes.",
        en: "Every personal data breach must be documented internally, also those not notified.")
    }
  }

  static func reading(_ code: ReasonCode) -> Entry {
    switch code {
    case .contradictionNoRecipients:
      Entry(
        article: "\(guidelines) (when in doubt, notify)",
        nb:
          "Dere har svart at ingen har fått opplysningene, men ingen logger utelukker en kopi, eller en kopi eller misbruk er kjent. Svarene spriker, så vurderingen bruker det verste: at ukjente kan ha dem.",
        en:
          "You answered that nobody got the data, but no logs rule out a copy, or a copy or misuse is known. The answers disagree, so the assessment takes the worse reading: unknown people may have them."
      )
    case .contradictionTrustedMalicious:
      Entry(
        article: "\(examples) case 8",
        nb:
          "En mottaker som handler med vilje eller misbruker opplysningene, er ikke betrodd. Vurderingen regner vedkommende som en kjent mottaker uten taushetsplikt.",
        en:
          "A recipient who acts on purpose or misuses the data is not trusted. The assessment counts that person as a known recipient without a duty of confidentiality."
      )
    case .confidentialityUnintelligible:
      Entry(
        article: "GDPR Art. 34(3)(a); \(examples) cases 6 and 10",
        nb: "Opplysningene var beskyttet ({protection}) og nøkkelen er trygg, så de er uleselige for den som har dem.",
        en:
          "The data were protected ({protection}) and the key is safe, so they are unintelligible to whoever holds them."
      )
    case .partiallyProtected:
      Entry(
        article: "GDPR Art. 34(3)(a)",
        nb: "Bare dette var beskyttet ({protection}): {covered}. Dette var lesbart og vurderes fullt ut: {readable}.",
        en: "Only this was protected ({protection}): {covered}. This was readable and is assessed in full: {readable}.")
    default:
      Entry(
        article: "\(guidelines); \(examples) case 6",
        nb:
          "Beskyttelsen ({protection}) hjelper ikke: nøkkelen, passordet eller saltet er kjent eller svakt. En usaltet, rask hash av et fødselsnummer kan reverseres ved å prøve alle verdier.",
        en:
          "The protection ({protection}) does not help: the key, password or salt is known or weak. An unsalted fast hash of a national ID number is reversed by trying every value."
      )
    }
  }

  static func likelihood(_ code: ReasonCode) -> Entry {
    switch code {
    case .noRecipients:
      Entry(
        article: guidelines,
        nb: "Ingen uvedkommende har fått eller sett opplysningene.",
        en: "No unauthorised person received or saw the data.")
    case .trustedRecipient:
      Entry(
        article: "\(examples) case 9",
        nb:
          "Mottakeren er kjent, har taushetsplikt og samarbeider. Det gjør misbruk lite sannsynlig, men det vedkommende har sett, er sett.",
        en:
          "The recipient is known, bound by confidentiality and cooperating. That makes misuse unlikely, but what that person has seen stays seen."
      )
    case .knownRecipients:
      Entry(
        article: "ENISA 2013 (CB); \(examples) cases 13-16",
        nb: "Opplysningene kom til {recipients} identifisert(e) mottaker(e).",
        en: "The data reached {recipients} identified recipient(s).")
    case .unknownRecipients:
      Entry(
        article: "ENISA 2013 (CB); \(examples) cases 5 and 11",
        nb: "Opplysningene er, eller kan være, hos ukjente. Da er misbruk sannsynlig.",
        en: "The data are, or may be, in unknown hands. Then misuse is likely.")
    case .publicRecipients:
      Entry(
        article: "ENISA 2013 (CB); \(guidelines)",
        nb: "Opplysningene har vært offentlig tilgjengelige{exposure}; hvem som helst kan ha dem.",
        en: "The data were publicly accessible{exposure}; anyone may have them.")
    case .malicious:
      Entry(
        article: "ENISA 2013 (CB)",
        nb: "Bruddet skyldes en ondsinnet handling; det gjør misbruk mer sannsynlig.",
        en: "The breach was malicious; that makes misuse more likely.")
    case .deliberateViewing:
      Entry(
        article: "GDPR Art. 4(12); \(guidelines)",
        nb:
          "Noen har med vilje sett på opplysninger de ikke hadde behov for. Innsynet er i seg selv skaden, også uten kopi.",
        en: "Someone deliberately looked at data they had no need to see. The viewing is the harm, even without a copy."
      )
    case .exfiltrationRuledOut:
      Entry(
        article: guidelines,
        nb:
          "Loggene viser at ingen kopi ble tatt. Det senker faren for misbruk, men den som hadde tilgang, kan ha lest opplysningene.",
        en:
          "Logs show that no copy was taken. That lowers the likelihood of misuse, but whoever had access may have read the data."
      )
    case .dataRetrieved:
      Entry(
        article: "GDPR Art. 34(3)(b); \(examples) case 13",
        nb:
          "Opplysningene er hentet tilbake eller slettet før misbruk. Det senker faren for misbruk, men det som alt er lest, er lest.",
        en:
          "The data were retrieved or deleted before misuse. That lowers the likelihood of misuse, but what was already read stays read."
      )
    case .dataRetrievedAfterReading:
      Entry(
        article: "GDPR Art. 34(3)(b); \(guidelines)",
        nb:
          "Opplysningene er hentet tilbake eller slettet, men noen hadde dem først. Det som er lest eller kopiert, kan brukes likevel, så faren for misbruk er den samme.",
        en:
          "The data were retrieved or deleted, but someone had them first. What was read or copied can still be used, so the likelihood of misuse stays."
      )
    default:
      Entry(
        article: "\(guidelines); \(examples) case 17",
        nb: "Opplysningene er allerede misbrukt; følgene har nådd de berørte.",
        en: "The data have already been misused; the consequences have reached the people.")
    }
  }

  static func dataSeverity(_ code: ReasonCode) -> Entry {
    switch code {
    case .specialCategories:
      Entry(
        article: "GDPR Art. 9, Art. 10; \(guidelines)",
        nb:
          "Særlige kategorier (helse, tro, legning o.l.) eller opplysninger om straffbare forhold er berørt; det kan gi diskriminering og stor belastning.",
        en: "Special-category or criminal-offence data are affected; that can lead to discrimination and distress.")
    case .nationalID:
      Entry(
        article: "GDPR Recital 75, Art. 87; \(examples) case 14",
        nb: "Fødselsnummer eller annet ID-nummer er berørt; det kan brukes til identitetstyveri og svindel.",
        en: "National ID numbers are affected; they can be used for identity theft and fraud.")
    case .credentials:
      Entry(
        article: "\(examples) case 7",
        nb: "Passord eller andre påloggingsopplysninger er berørt; kontoene kan overtas.",
        en: "Passwords or other credentials are affected; accounts can be taken over.")
    case .financial:
      Entry(
        article: "GDPR Recital 75; \(examples) cases 7, 16 and 18",
        nb: "Økonomiske opplysninger er berørt; det gir fare for svindel og økonomisk tap.",
        en: "Financial data are affected; that brings a risk of fraud and financial loss.")
    case .documents:
      Entry(
        article: "\(examples) case 5",
        nb: "CV-er, attester eller andre dokumenter er berørt; de gir et detaljert bilde av personene.",
        en: "CVs, certificates or other documents are affected; they give a detailed picture of the people.")
    case .communications:
      Entry(
        article: "\(examples) case 18",
        nb: "Innholdet i e-post eller meldinger er berørt; det kan avsløre nesten hva som helst.",
        en: "The content of e-mail or messages is affected; it may reveal almost anything.")
    case .location:
      Entry(
        article: "GDPR Recital 75",
        nb: "Lokasjonsdata er berørt; det kan true den fysiske sikkerheten (forfølgelse).",
        en: "Location data are affected; that may threaten physical safety (stalking).")
    case .ordinaryData:
      Entry(
        article: "ENISA 2013 (DPC)",
        nb: "De lesbare opplysningene ({categories}) gir her liten skade om de kommer på avveie.",
        en: "The readable data ({categories}) do little harm here if they go astray.")
    case .incidentalSpecial:
      Entry(
        article: "ENISA 2013 (DPC, sensitive data −2); \(examples) case 15",
        nb:
          "Særlige kategorier gjelder bare {count} av {subjects} personer, som enkeltopplysninger i en ellers vanlig liste; de veier mindre.",
        en:
          "Special-category data concern only {count} of {subjects} people, as stray notes in an otherwise ordinary list; they weigh less."
      )
    case .vulnerable:
      Entry(
        article: "GDPR Recital 75; ENISA 2013 (DPC +1)",
        nb: "Barn, pasienter eller andre særlig sårbare er berørt; det gjør følgene alvorligere.",
        en: "Children, patients or other especially vulnerable people are affected; that makes the consequences graver."
      )
    case .largeScale:
      Entry(
        article: "\(guidelines); \(examples) case 11",
        nb: "{subjects} personer er berørt; jo flere som rammes, jo større er følgene samlet.",
        en: "{subjects} people are affected; the more people, the greater the consequences as a whole.")
    default:
      Entry(
        article: guidelines,
        nb: "Flere kategorier kan være berørt enn dem som er oppgitt; vurderingen regner med det verste.",
        en: "More categories than those listed may be affected; the assessment assumes the worse.")
    }
  }

  static func lossSeverity(_ code: ReasonCode) -> Entry {
    switch code {
    case .availabilityRestored:
      Entry(
        article: "\(examples) case 1",
        nb: "Opplysningene kan gjenopprettes i tide uten nevneverdige følger for de berørte.",
        en: "The data can be restored in good time without notable consequences for the people.")
    case .availabilityImpact:
      Entry(
        article: "\(examples) case 3",
        nb: "Opplysningene var utilgjengelige ({hours} t), med merkbare følger for de berørte.",
        en: "The data were unavailable ({hours} h), with notable consequences for the people.")
    case .availabilityLost:
      Entry(
        article: "\(examples) case 2",
        nb:
          "Opplysningene er utilgjengelige lenge ({hours} t) eller uten kjent gjenoppretting; det kan ramme de berørte.",
        en: "The data are unavailable for long ({hours} h) or with no known restore; that may affect the people.")
    case .permanentLoss:
      Entry(
        article: "ENISA 2013 (CB); \(examples) case 12",
        nb: "Opplysningene er tapt for godt; de berørte mister sine egne opplysninger.",
        en: "The data are lost for good; the people lose their own records.")
    case .serviceCritical:
      Entry(
        article: "\(examples) case 3",
        nb: "Bortfallet rammer helse eller sikkerhet (for eksempel avlyste behandlinger).",
        en: "The loss affects health or safety (for example cancelled treatment).")
    case .integrityRestored:
      Entry(
        article: "ENISA 2013 (CB)",
        nb: "Endringen er rullet tilbake, og riktige opplysninger er på plass.",
        en: "The change was reverted and the correct data are back.")
    case .integrityLost:
      Entry(
        article: "ENISA 2013 (CB)",
        nb: "Opplysningene kan være endret uten at riktige verdier er gjenopprettet.",
        en: "The data may have been altered without the correct values being restored.")
    default:
      Entry(
        article: "GDPR Recital 75",
        nb: "De berørtes økonomi, kreditt, ytelser eller helsehjelp kan bygge på de endrede opplysningene.",
        en: "The people's finances, credit, benefits or care may rest on the altered data.")
    }
  }

  static func harms(_ code: ReasonCode) -> Entry {
    let article = "\(guidelines) (likelihood × severity); GDPR Recital 76"
    let nb = "sannsynlighet {likelihood}, alvorlighet {severity}: {risk} risiko."
    let en = "likelihood {likelihood}, severity {severity}: {risk} risk."
    switch code {
    case .harmViewing:
      return Entry(article: article, nb: "At uvedkommende ser opplysningene: " + nb, en: "Being seen by others: " + en)
    case .harmMisuse:
      return Entry(article: article, nb: "At opplysningene misbrukes: " + nb, en: "Being misused: " + en)
    case .harmAvailability:
      return Entry(article: article, nb: "At opplysningene mangler: " + nb, en: "Losing the data: " + en)
    case .harmIntegrity:
      return Entry(article: article, nb: "At opplysningene er feil: " + nb, en: "Wrong data: " + en)
    default:
      return Entry(
        article: "ENISA 2013",
        nb: "Alvorlighetsgrad etter ENISA: {score} (DPC {dpc} × EI {ei} + CB {cb}).",
        en: "ENISA severity: {score} (DPC {dpc} × EI {ei} + CB {cb}).")
    }
  }

  static func decision(_ code: ReasonCode) -> Entry {
    switch code {
    case .riskQuestion:
      Entry(
        article: "GDPR Recital 75, Recital 85",
        nb: "Dere har svart ja på at bruddet kan føre til: {answers}.",
        en: "You answered yes that the breach could lead to: {answers}.")
    case .planRule:
      Entry(
        article: "the plan",
        nb: "Planen setter risikoen til minst «{level}» for slike brudd (linje {line}).",
        en: "The plan sets the risk to at least \"{level}\" for such breaches (line {line}).")
    case .planQuestion:
      Entry(
        article: "the plan",
        nb: "Dere har svart ja på planens spørsmål «{question}».",
        en: "You answered yes to the plan's question \"{question}\".")
    case .whenInDoubt:
      Entry(
        article: guidelines,
        nb: "Antall berørte er ukjent; ved tvil er det tryggest å melde.",
        en: "The number of people affected is unknown; when in doubt, notify.")
    case .unlikelyRisk:
      Entry(
        article: "GDPR Art. 33(1)",
        nb:
          "Bruddet vil trolig ikke medføre en risiko for de berørtes rettigheter og friheter. Det skal ikke meldes til Datatilsynet, men dokumenteres internt.",
        en:
          "The breach is unlikely to result in a risk to the people's rights and freedoms. It need not be notified to the authority, but must be documented."
      )
    case .notifyAuthority:
      Entry(
        article: "GDPR Art. 33(1)",
        nb:
          "Bruddet kan medføre en risiko for de berørte. Meld det til Datatilsynet innen {hours} timer etter at dere ble klar over det.",
        en:
          "The breach may result in a risk to the people. Notify the supervisory authority within {hours} hours of becoming aware of it."
      )
    case .notifySubjects:
      Entry(
        article: "GDPR Art. 34(1)",
        nb: "Bruddet medfører trolig høy risiko. Varsle de berørte uten ugrunnet opphold, på et klart og enkelt språk.",
        en:
          "The breach is likely to result in a high risk. Tell the people affected without undue delay, in clear and plain language."
      )
    case .subjectsNotRequired:
      Entry(
        article: "GDPR Art. 34(1)",
        nb: "Risikoen er ikke høy, så det er ikke plikt å varsle de berørte. Dere kan likevel gjøre det.",
        en: "The risk is not high, so telling the people is not required. You may still do so.")
    case .exemption34_3_b:
      Entry(
        article: "GDPR Art. 34(3)(b)",
        nb:
          "Tiltakene dere har satt inn ({mitigations}) gjør at den høye risikoen ikke lenger er sannsynlig; varsling av de berørte er ikke påkrevd.",
        en:
          "The measures taken ({mitigations}) mean the high risk is no longer likely to materialise; telling the people is not required."
      )
    case .exemption34_3_c:
      Entry(
        article: "GDPR Art. 34(3)(c)",
        nb:
          "Å varsle hver enkelt ville kreve uforholdsmessig stor innsats. Gi i stedet en offentlig kunngjøring som når de berørte like godt.",
        en:
          "Telling each person would involve disproportionate effort. Make a public communication instead that informs them equally effectively."
      )
    default:
      Entry(
        article: "GDPR Art. 33(2)",
        nb:
          "Dere er databehandler. Varsle den behandlingsansvarlige (kunden) uten ugrunnet opphold, senest innen {hours} timer etter avtalen; kunden avgjør melding til Datatilsynet.",
        en:
          "You are a processor. Tell the controller (your customer) without undue delay, within {hours} hours under the contract; the controller decides on notifying the authority."
      )
    }
  }
}
