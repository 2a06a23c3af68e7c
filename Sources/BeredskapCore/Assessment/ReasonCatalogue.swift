/// The sentences behind each reason code, in bokmål and English. Placeholders
/// in braces are filled from the facts; no personal data ever goes in.
enum ReasonCatalogue {
  struct Entry {
    let article: String
    let nb: String
    let en: String
  }

  static func reason(_ code: String, _ language: Language, _ values: [String: String] = [:]) -> Reason {
    let entry = entries[code]!
    var text = language == .nb ? entry.nb : entry.en
    for (key, value) in values { text = text.replacingOccurrences(of: "{\(key)}", with: value) }
    return Reason(code: code, article: entry.article, text: text)
  }

  static let entries: [String: Entry] = [
    "not_personal_data": Entry(
      article: "GDPR Art. 4(12)",
      nb: "Ingen personopplysninger er berørt. Dette er en driftshendelse, ikke et personvernbrudd.",
      en: "No personal data is involved. This is an operational incident, not a personal data breach."),
    "personal_data_breach": Entry(
      article: "GDPR Art. 4(12)",
      nb: "Personopplysninger har mistet {nature}. Det er et personvernbrudd.",
      en: "Personal data has lost {nature}. This is a personal data breach."),
    "record_internally": Entry(
      article: "GDPR Art. 33(5)",
      nb: "Alle personvernbrudd skal dokumenteres internt, også de som ikke meldes.",
      en: "Every personal data breach must be documented internally, also those not notified."),
    "confidentiality_unintelligible": Entry(
      article: "GDPR Art. 34(3)(a); EDPB Guidelines 9/2022 para. 76",
      nb: "Opplysningene var beskyttet ({protection}) og nøkkelen er trygg, så de er uleselige for den som har dem.",
      en:
        "The data were protected ({protection}) and the key is safe, so they are unintelligible to whoever holds them."),
    "key_compromised": Entry(
      article: "EDPB Guidelines 9/2022 para. 76; EDPB Guidelines 01/2021 case 6",
      nb:
        "Beskyttelsen ({protection}) hjelper ikke: nøkkelen, passordet eller saltet er kjent eller svakt. En usaltet, rask hash av et fødselsnummer kan reverseres ved å prøve alle verdier.",
      en:
        "The protection ({protection}) does not help: the key, password or salt is known or weak. An unsalted fast hash of a national ID number is reversed by trying every value."
    ),
    "no_exposure_evidence": Entry(
      article: "EDPB Guidelines 9/2022; ENISA 2013 (CB)",
      nb: "Loggene viser at ingen har hentet ut opplysningene.",
      en: "Logs show that nobody copied the data."),
    "trusted_recipient": Entry(
      article: "EDPB Guidelines 9/2022 para. 84; EDPB Guidelines 01/2021 case 9",
      nb: "Mottakeren er kjent, har taushetsplikt og samarbeider; det er lite sannsynlig at opplysningene misbrukes.",
      en: "The recipient is known, bound by confidentiality and cooperating; misuse is unlikely."),
    "single_known_recipient_recovered": Entry(
      article: "EDPB Guidelines 01/2021 case 13",
      nb:
        "Én identifisert mottaker fikk vanlige opplysninger om færre enn 10 personer, og opplysningene er hentet tilbake eller slettet.",
      en:
        "One identified recipient received ordinary data about fewer than 10 people, and the data have been retrieved or deleted."
    ),
    "known_recipients": Entry(
      article: "ENISA 2013 (CB); EDPB Guidelines 9/2022",
      nb:
        "Opplysningene kom til {recipients} kjent(e) mottaker(e) uten taushetsplikt; det er en risiko selv om de lover å slette dem.",
      en:
        "The data reached {recipients} known recipient(s) without a duty of confidentiality; that is a risk even if they promise to delete them."
    ),
    "unknown_recipients": Entry(
      article: "ENISA 2013 (CB); EDPB Guidelines 9/2022",
      nb: "Opplysningene er, eller kan være, hos ukjente.",
      en: "The data are, or may be, in unknown hands."),
    "public_recipients": Entry(
      article: "ENISA 2013 (CB); EDPB Guidelines 9/2022",
      nb: "Opplysningene har vært offentlig tilgjengelige{exposure}.",
      en: "The data were publicly accessible{exposure}."),
    "availability_restored": Entry(
      article: "EDPB Guidelines 01/2021 case 1",
      nb: "Opplysningene kan gjenopprettes fra sikkerhetskopi uten nevneverdige følger for de berørte.",
      en: "The data can be restored from backup without notable consequences for the people."),
    "availability_lost": Entry(
      article: "EDPB Guidelines 01/2021 case 2",
      nb: "Opplysningene er utilgjengelige{restore}; det kan ramme de berørte.",
      en: "The data are unavailable{restore}; that may affect the people."),
    "permanent_loss": Entry(
      article: "ENISA 2013 (CB); GDPR Art. 4(12)",
      nb: "Opplysningene er tapt for godt og kan ikke gjenopprettes.",
      en: "The data are lost for good and cannot be restored."),
    "integrity_restored": Entry(
      article: "ENISA 2013 (CB)",
      nb: "Endringen er rullet tilbake, og riktige opplysninger er på plass.",
      en: "The change was reverted and the correct data are back."),
    "integrity_lost": Entry(
      article: "ENISA 2013 (CB)",
      nb: "Opplysningene kan være endret uten at riktige verdier er gjenopprettet.",
      en: "The data may have been altered without the correct values being restored."),
    "technical_only": Entry(
      article: "EDPB Guidelines 9/2022 para. 74",
      nb: "Bare tekniske opplysninger uten direkte identitet er berørt.",
      en: "Only technical data with no direct identity are affected."),
    "unlikely_risk": Entry(
      article: "GDPR Art. 33(1)",
      nb:
        "Bruddet vil trolig ikke medføre en risiko for de berørtes rettigheter og friheter. Det skal ikke meldes til Datatilsynet, men dokumenteres internt.",
      en:
        "The breach is unlikely to result in a risk to the people's rights and freedoms. It need not be notified to the authority, but must be documented."
    ),
    "notify_authority": Entry(
      article: "GDPR Art. 33(1)",
      nb:
        "Bruddet kan medføre en risiko for de berørte. Meld det til Datatilsynet innen 72 timer etter at dere ble klar over det.",
      en:
        "The breach may result in a risk to the people. Notify the supervisory authority within 72 hours of becoming aware of it."
    ),
    "enisa_score": Entry(
      article: "ENISA 2013",
      nb: "Alvorlighetsgrad etter ENISA: {score} (DPC {dpc} × EI {ei} + CB {cb}).",
      en: "ENISA severity: {score} (DPC {dpc} × EI {ei} + CB {cb})."),
    "malicious": Entry(
      article: "ENISA 2013 (CB)",
      nb: "Bruddet skyldes en ondsinnet handling; det øker sannsynligheten for misbruk.",
      en: "The breach was malicious; that makes misuse more likely."),
    "special_categories": Entry(
      article: "GDPR Art. 9, Art. 10; EDPB Guidelines 9/2022 para. 98",
      nb:
        "Særlige kategorier (helse, tro, legning o.l.) eller opplysninger om straffbare forhold er berørt; det gir høy risiko for diskriminering og belastning.",
      en:
        "Special-category or criminal-offence data are affected; that brings a high risk of discrimination and distress."
    ),
    "national_id": Entry(
      article: "GDPR Recital 75, Art. 87; EDPB Guidelines 01/2021 case 14",
      nb: "Fødselsnummer eller annet ID-nummer er berørt; det kan brukes til identitetstyveri og svindel.",
      en: "National ID numbers are affected; they can be used for identity theft and fraud."),
    "credentials": Entry(
      article: "EDPB Guidelines 01/2021 case 7",
      nb: "Passord eller andre påloggingsopplysninger er berørt; kontoene kan overtas.",
      en: "Passwords or other credentials are affected; accounts can be taken over."),
    "financial": Entry(
      article: "GDPR Recital 75; EDPB Guidelines 01/2021 cases 7 and 18",
      nb: "Økonomiske opplysninger er hos ukjente; det gir fare for svindel og økonomisk tap.",
      en: "Financial data are in unknown hands; that brings a risk of fraud and financial loss."),
    "documents": Entry(
      article: "EDPB Guidelines 01/2021 case 5",
      nb: "CV-er, attester eller andre dokumenter er hos ukjente; de gir et detaljert bilde av personene.",
      en: "CVs, certificates or other documents are in unknown hands; they give a detailed picture of the people."),
    "communications": Entry(
      article: "EDPB Guidelines 01/2021 case 18",
      nb: "Innholdet i e-post eller meldinger er hos ukjente; det kan avsløre nesten hva som helst.",
      en: "The content of e-mail or messages is in unknown hands; it may reveal almost anything."),
    "location": Entry(
      article: "GDPR Recital 75",
      nb: "Lokasjonsdata er hos ukjente; det kan true den fysiske sikkerheten (forfølgelse).",
      en: "Location data are in unknown hands; that may threaten physical safety (stalking)."),
    "vulnerable": Entry(
      article: "GDPR Recital 75; EDPB Guidelines 9/2022 para. 99",
      nb: "Barn, pasienter eller andre særlig sårbare er berørt.",
      en: "Children, patients or other especially vulnerable people are affected."),
    "large_scale": Entry(
      article: "EDPB Guidelines 9/2022 para. 99; EDPB Guidelines 01/2021 case 11",
      nb:
        "Mange er berørt ({subjects}), og opplysningene er hos ukjente; faren for målrettet svindel og phishing er stor.",
      en:
        "Many people are affected ({subjects}) and the data are in unknown hands; the risk of targeted fraud and phishing is high."
    ),
    "misuse_observed": Entry(
      article: "EDPB Guidelines 9/2022 para. 99; EDPB Guidelines 01/2021 case 17",
      nb: "Opplysningene er allerede misbrukt.",
      en: "The data have already been misused."),
    "risk_question": Entry(
      article: "GDPR Recital 75, Recital 85",
      nb: "Dere har svart ja på at bruddet kan føre til: {answers}.",
      en: "You answered yes that the breach could lead to: {answers}."),
    "service_critical": Entry(
      article: "EDPB Guidelines 01/2021 case 3",
      nb: "Bortfallet rammer helse eller sikkerhet (for eksempel avlyste behandlinger).",
      en: "The loss affects health or safety (for example cancelled treatment)."),
    "special_lost": Entry(
      article: "GDPR Art. 9; ENISA 2013",
      nb: "Særlige kategorier er endret eller tapt for godt.",
      en: "Special-category data were altered or lost for good."),
    "categories_incomplete": Entry(
      article: "EDPB Guidelines 9/2022 para. 103",
      nb: "Flere kategorier kan være berørt enn dem som er oppgitt; ved tvil skal bruddet meldes.",
      en: "More categories than those listed may be affected; when in doubt, notify."),
    "plan_rule": Entry(
      article: "the plan",
      nb: "Planen setter risikoen til minst «{level}» for slike brudd (linje {line}).",
      en: "The plan sets the risk to at least \"{level}\" for such breaches (line {line})."),
    "plan_question": Entry(
      article: "the plan",
      nb: "Dere har svart ja på planens spørsmål «{question}».",
      en: "You answered yes to the plan's question \"{question}\"."),
    "notify_subjects": Entry(
      article: "GDPR Art. 34(1)",
      nb: "Bruddet medfører trolig høy risiko. Varsle de berørte uten ugrunnet opphold, på et klart og enkelt språk.",
      en:
        "The breach is likely to result in a high risk. Tell the people affected without undue delay, in clear and plain language."
    ),
    "subjects_not_required": Entry(
      article: "GDPR Art. 34(1)",
      nb: "Risikoen er ikke høy, så det er ikke plikt å varsle de berørte. Dere kan likevel gjøre det.",
      en: "The risk is not high, so telling the people is not required. You may still do so."),
    "exemption_34_3_b": Entry(
      article: "GDPR Art. 34(3)(b)",
      nb:
        "Tiltakene dere har satt inn ({mitigations}) gjør at den høye risikoen ikke lenger er sannsynlig; varsling av de berørte er ikke påkrevd.",
      en:
        "The measures taken ({mitigations}) mean the high risk is no longer likely to materialise; telling the people is not required."
    ),
    "exemption_34_3_c": Entry(
      article: "GDPR Art. 34(3)(c)",
      nb:
        "Å varsle hver enkelt ville kreve uforholdsmessig stor innsats. Gi i stedet en offentlig kunngjøring som når de berørte like godt.",
      en:
        "Telling each person would involve disproportionate effort. Make a public communication instead that informs them equally effectively."
    ),
    "processor": Entry(
      article: "GDPR Art. 33(2)",
      nb:
        "Dere er databehandler. Varsle den behandlingsansvarlige (kunden) uten ugrunnet opphold, senest innen {hours} timer etter avtalen; kunden avgjør melding til Datatilsynet.",
      en:
        "You are a processor. Tell the controller (your customer) without undue delay, within {hours} hours under the contract; the controller decides on notifying the authority."
    ),
    "when_in_doubt": Entry(
      article: "EDPB Guidelines 9/2022 para. 103",
      nb: "Antall berørte er ukjent; ved tvil er det tryggest å melde.",
      en: "The number of people affected is unknown; when in doubt, notify."),
  ]
}
