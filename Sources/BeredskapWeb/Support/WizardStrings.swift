/// The assessment wizard's questions in plain language: what is asked, why,
/// and what each answer means. Bokmål first.
extension Strings {
  static let wizard: [String: (String, String)] = [
    "wiz.title": ("Vurder personvernbruddet", "Assess the personal data breach"),
    "wiz.progress": ("Spørsmål {n} av {total}", "Question {n} of {total}"),
    "wiz.unknown": ("Jeg vet ikke", "I don't know"),
    "wiz.unknown_hint": (
      "Da regner Beredskap med det verste, slik loven krever ved tvil.",
      "Beredskap then assumes the worst, as the law expects when in doubt."
    ),
    "wiz.back": ("Tilbake", "Back"),
    "wiz.next": ("Fortsett", "Continue"),
    "wiz.check": ("Sjekk svarene dine", "Check your answers"),
    "wiz.check_intro": (
      "Ingenting er lagret ennå. Se over svarene før Beredskap vurderer bruddet.",
      "Nothing is saved yet. Look over your answers before Beredskap assesses the breach."
    ),
    "wiz.change": ("Endre", "Change"),
    "wiz.submit": ("Vurder og lagre", "Assess and save"),
    "wiz.saved": (
      "Vurderingen er lagret. Fristene under gjelder nå.", "The assessment is saved. The deadlines below now apply."
    ),
    "wiz.start": ("Vurder personvernbrudd", "Assess as a personal data breach"),
    "wiz.reassess": ("Vurder på nytt", "Reassess"),
    "wiz.none_chosen": ("Ingen", "None"),
    "error.wiz.required": ("Velg et svar", "Choose an answer"),
    "error.wiz.number": (
      "Skriv et helt tall fra 0 til 10 000 000 000, eller kryss av for «Jeg vet ikke»",
      "Enter a whole number from 0 to 10,000,000,000, or tick «I don't know»"
    ),
    "error.wiz.hours": (
      "Skriv antall timer som et tall fra 0 til 87 660 (ti år), eller kryss av for «Jeg vet ikke»",
      "Enter the hours as a number from 0 to 87,660 (ten years), or tick «I don't know»"
    ),
    "error.wiz.choose_one": ("Velg minst ett svar", "Choose at least one answer"),

    "wiz.aware.title": ("Når ble dere klar over bruddet?", "When did you become aware of the breach?"),
    "wiz.f.became_aware_at": ("Dato og klokkeslett (norsk tid)", "Date and time (Oslo time)"),
    "wiz.f.became_aware_at.hint": (
      "Tidspunktet dere var rimelig sikre på at personopplysninger var rammet. Fristen på 72 timer til Datatilsynet regnes fra da, ikke fra da noe først så rart ut.",
      "When you were reasonably certain that personal data was affected. The 72 hours to the authority count from then, not from the first sign of trouble."
    ),
    "wiz.role.title": ("Hvem sine opplysninger er det?", "Whose data is it?"),
    "wiz.f.role": ("Rolle", "Role"),
    "wiz.f.role.hint": (
      "Vi spør fordi en databehandler skal varsle kunden, ikke Datatilsynet.",
      "We ask because a processor tells its customer, not the authority."
    ),
    "wiz.o.role.controller": ("Våre egne (vi er behandlingsansvarlig)", "Our own (we are the controller)"),
    "wiz.o.role.processor": (
      "En kundes (vi er databehandler for kunden)", "A customer's (we process it for the customer)"
    ),
    "wiz.nature.title": ("Hva har skjedd med opplysningene?", "What happened to the data?"),
    "wiz.f.nature": ("Velg alt som passer", "Choose all that apply"),
    "wiz.o.nature.confidentiality": (
      "Noen uvedkommende har sett, fått eller kan ha fått tilgang til dem",
      "Someone unauthorised saw, got or may have got them"
    ),
    "wiz.o.nature.integrity": ("De er endret eller ødelagt", "They were altered or corrupted"),
    "wiz.o.nature.availability": (
      "De er borte eller utilgjengelige, for en stund eller for godt",
      "They are lost or unavailable, for a while or for good"
    ),
    "wiz.categories.title": ("Hvilke opplysninger er berørt?", "Which data are affected?"),
    "wiz.f.data_categories": (
      "Velg alt som passer. Velg ingen hvis ingen personopplysninger er berørt.",
      "Choose all that apply. Choose none if no personal data is involved."
    ),
    "wiz.o.data_categories.technical": ("Tekniske opplysninger", "Technical data"),
    "wiz.o.data_categories.technical.hint": ("IP-adresser, logger, enhets-ID-er", "IP addresses, logs, device ids"),
    "wiz.o.data_categories.identity": ("Navn og identitet", "Name and identity"),
    "wiz.o.data_categories.identity.hint": (
      "Navn, fødselsdato, brukernavn, bilde", "Name, date of birth, username, photo"
    ),
    "wiz.o.data_categories.contact": ("Kontaktopplysninger", "Contact details"),
    "wiz.o.data_categories.contact.hint": ("E-post, telefon, adresse", "E-mail, phone, address"),
    "wiz.o.data_categories.national_id": ("Fødselsnummer eller ID-nummer", "National ID or ID number"),
    "wiz.o.data_categories.national_id.hint": (
      "Fødselsnummer, D-nummer, pass- eller ID-kortnummer", "National ID, D-number, passport or ID card number"
    ),
    "wiz.o.data_categories.credentials": ("Passord og innlogging", "Passwords and sign-in data"),
    "wiz.o.data_categories.credentials.hint": (
      "Passord, tokens, sikkerhetsspørsmål", "Passwords, tokens, security answers"
    ),
    "wiz.o.data_categories.financial": ("Økonomi", "Financial data"),
    "wiz.o.data_categories.financial.hint": (
      "Kontonummer, kortopplysninger, lønn, gjeld", "Bank account, card data, wages, debts"
    ),
    "wiz.o.data_categories.documents": ("Dokumenter", "Documents"),
    "wiz.o.data_categories.documents.hint": (
      "CV-er, attester, kontrakter, saksmapper", "CVs, certificates, contracts, case files"
    ),
    "wiz.o.data_categories.communications": ("Innhold i e-post eller meldinger", "Content of e-mail or messages"),
    "wiz.o.data_categories.communications.hint": ("", ""),
    "wiz.o.data_categories.location": ("Lokasjon", "Location"),
    "wiz.o.data_categories.location.hint": ("Posisjon, bevegelser", "Position, movements"),
    "wiz.o.data_categories.behavioural": ("Vaner og kjøp", "Habits and purchases"),
    "wiz.o.data_categories.behavioural.hint": ("Kjøp, nettbruk, preferanser", "Purchases, browsing, preferences"),
    "wiz.o.data_categories.special": ("Særlige kategorier", "Special categories"),
    "wiz.o.data_categories.special.hint": (
      "Helse, etnisitet, religion, politisk syn, fagforening, seksualitet, genetikk, biometri",
      "Health, ethnicity, religion, political opinion, union, sex life, genetic, biometric"
    ),
    "wiz.o.data_categories.criminal": ("Straffbare forhold", "Criminal offences"),
    "wiz.o.data_categories.criminal.hint": ("Dommer og lovbrudd", "Convictions and offences"),
    "wiz.f.categories_complete": (
      "Er dette alle opplysningene som kan være berørt?", "Are these all the data that may be affected?"
    ),
    "wiz.o.categories_complete.true": ("Ja, vi har oversikt", "Yes, we have an overview"),
    "wiz.o.categories_complete.false": ("Nei, det kan være flere", "No, there may be more"),
    "wiz.people.title": ("Hvem er berørt?", "Who is affected?"),
    "wiz.f.data_subjects": ("Omtrent hvor mange personer?", "About how many people?"),
    "wiz.f.data_subjects.hint": (
      "Et anslag er godt nok nå. Du kan endre det senere.", "An estimate is fine for now. You can change it later."
    ),
    "wiz.f.vulnerable_subjects": (
      "Er barn, pasienter eller andre særlig sårbare blant dem?",
      "Are children, patients or other especially vulnerable people among them?"
    ),
    "wiz.f.vulnerable_subjects.hint": (
      "Å være ansatt regnes ikke alene som sårbar.", "Being an employee alone does not count."
    ),
    "wiz.o.vulnerable_subjects.true": ("Ja", "Yes"),
    "wiz.o.vulnerable_subjects.false": ("Nei", "No"),
    "wiz.protection.title": ("Var opplysningene beskyttet?", "Were the data protected?"),
    "wiz.f.protection": ("Beskyttelse av kopien som kom på avveie", "Protection of the copy that went astray"),
    "wiz.o.protection.none": ("Nei, de var lesbare", "No, they were readable"),
    "wiz.o.protection.encrypted": (
      "Kryptert (for eksempel full diskkryptering)", "Encrypted (for example full-disk encryption)"
    ),
    "wiz.o.protection.hashed": (
      "Hashet med salt og en langsom algoritme (passord)", "Hashed with salt and a slow algorithm (passwords)"
    ),
    "wiz.o.protection.pseudonymised": (
      "Pseudonymisert (navn byttet ut med koder)", "Pseudonymised (names replaced by codes)"
    ),
    "wiz.f.key_compromised": (
      "Var beskyttelsen av god, moderne standard, og er nøkkelen trygg?",
      "Was the protection state of the art, and is the key safe?"
    ),
    "wiz.f.key_compromised.hint": (
      "En usaltet, rask hash av et fødselsnummer eller telefonnummer beskytter ingenting: alle verdier kan prøves på minutter. Vet du ikke, regnes opplysningene som lesbare.",
      "An unsalted fast hash of a national ID or phone number protects nothing: every value can be tried in minutes. If you do not know, the data count as readable."
    ),
    "wiz.o.key_compromised.true": (
      "Nei, beskyttelsen kan være svak, eller nøkkelen, passordet eller saltet kan være kjent",
      "No, the protection may be weak, or the key, password or salt may be known"
    ),
    "wiz.o.key_compromised.false": (
      "Ja, god, moderne kryptering eller hashing, og nøkkelen er trygg",
      "Yes, state-of-the-art encryption or hashing, and the key is safe"
    ),
    "wiz.f.protected_categories": ("Hvilke opplysninger dekket beskyttelsen?", "Which data did the protection cover?"),
    "wiz.f.protected_categories.hint": (
      "Kryss av bare det som var beskyttet. Var bare fødselsnummer-kolonnen hashet, er navn og CV-er fortsatt lesbare. Velger du ingen, regnes beskyttelsen å gjelde alt.",
      "Tick only what was protected. If only the national ID column was hashed, names and CVs were still readable. If you tick none, the protection counts for everything."
    ),
    "wiz.recipients.title": ("Hvem har fått, eller kan ha fått, opplysningene?", "Who got, or may have got, the data?"),
    "wiz.f.recipients": ("Mottaker", "Recipient"),
    "wiz.o.recipients.none": ("Ingen", "Nobody"),
    "wiz.o.recipients.trusted": (
      "En kjent mottaker med taushetsplikt som samarbeider", "A known recipient bound by confidentiality who cooperates"
    ),
    "wiz.o.recipients.known": (
      "Kjente personer uten slik plikt (for eksempel feil adressat)",
      "Known people without such a duty (for example a wrong addressee)"
    ),
    "wiz.o.recipients.unknown": (
      "Ukjente (for eksempel en angriper eller en tyv)", "Unknown parties (for example an attacker or a thief)"
    ),
    "wiz.o.recipients.public": (
      "Alle: opplysningene har vært offentlig tilgjengelige", "Anyone: the data were publicly accessible"
    ),
    "wiz.f.recipients_count": ("Hvor mange mottakere?", "How many recipients?"),
    "wiz.f.exfiltration": ("Har noen tatt en kopi?", "Has anyone taken a copy?"),
    "wiz.f.exfiltration.hint": (
      "Et stjålet utstyr eller en feilsendt e-post betyr ja. «Nei» krever bevis, for eksempel logger.",
      "A stolen device or a mis-sent e-mail means yes. «No» needs evidence, such as logs."
    ),
    "wiz.o.exfiltration.confirmed": ("Ja", "Yes"),
    "wiz.o.exfiltration.suspected": ("Trolig", "Probably"),
    "wiz.o.exfiltration.ruled_out": ("Nei, loggene viser det", "No, the logs show it"),
    "wiz.availability.title": ("Kan opplysningene gjenopprettes?", "Can the data be restored?"),
    "wiz.f.backup_available": ("Finnes en hel, brukbar sikkerhetskopi?", "Is there an intact, usable backup?"),
    "wiz.o.backup_available.true": ("Ja", "Yes"),
    "wiz.o.backup_available.false": ("Nei", "No"),
    "wiz.f.restore_hours": (
      "Hvor mange timer var, eller blir, opplysningene utilgjengelige?",
      "For how many hours were, or will, the data be unavailable?"
    ),
    "wiz.f.permanent_loss": ("Er noe tapt for godt?", "Is anything lost for good?"),
    "wiz.o.permanent_loss.true": ("Ja", "Yes"),
    "wiz.o.permanent_loss.false": ("Nei", "No"),
    "wiz.f.service_impact": ("Hva betyr det for de berørte?", "What does it mean for the people?"),
    "wiz.o.service_impact.none": ("Ingenting merkbart", "Nothing noticeable"),
    "wiz.o.service_impact.minor": ("Litt bry", "Minor inconvenience"),
    "wiz.o.service_impact.significant": ("Betydelige ulemper", "Significant disadvantages"),
    "wiz.o.service_impact.critical": ("Det rammer helse eller sikkerhet", "It affects health or safety"),
    "wiz.cause.title": ("Hvordan skjedde det?", "How did it happen?"),
    "wiz.f.cause": ("Årsak", "Cause"),
    "wiz.o.cause.accidental": ("Et uhell eller en feil", "An accident or mistake"),
    "wiz.o.cause.malicious": ("Med vilje (angrep, tyveri, innsider)", "On purpose (attack, theft, insider)"),
    "wiz.f.misuse_observed": ("Er opplysningene allerede misbrukt?", "Have the data already been misused?"),
    "wiz.f.misuse_observed.hint": (
      "Svindel, identitetstyveri, henvendelser eller publisering.", "Fraud, identity theft, approaches or publication."
    ),
    "wiz.o.misuse_observed.true": ("Ja", "Yes"),
    "wiz.o.misuse_observed.false": ("Nei, ikke så langt vi vet", "No, not as far as we know"),
    "wiz.measures.title": ("Hva er gjort?", "What has been done?"),
    "wiz.f.data_recovered": (
      "Er opplysningene hentet tilbake eller bekreftet slettet hos mottakeren?",
      "Were the data retrieved, or their deletion confirmed, by the recipient?"
    ),
    "wiz.o.data_recovered.true": ("Ja", "Yes"),
    "wiz.o.data_recovered.false": ("Nei", "No"),
    "wiz.f.mitigations": ("Tiltak som alt er satt inn", "Measures already taken"),
    "wiz.o.mitigations.credentials_reset": ("Passord og nøkler er byttet", "Passwords and keys were changed"),
    "wiz.o.mitigations.remote_wipe": ("Utstyret er fjernslettet", "The device was wiped remotely"),
    "wiz.o.mitigations.access_revoked": ("Tilgangen er stengt", "The access was closed"),
    "wiz.o.mitigations.data_recalled": ("E-posten eller brevet er kalt tilbake", "The e-mail or letter was recalled"),
    "wiz.o.mitigations.change_reverted": ("Endringen er rullet tilbake", "The change was reverted"),
    "wiz.o.mitigations.fraud_monitoring": ("Overvåking mot svindel er satt opp", "Fraud monitoring is in place"),
    "wiz.consequences.title": ("Kan bruddet skade de berørte?", "Could the breach harm the people?"),
    "wiz.f.risk_answers": (
      "Kan det føre til … (velg alt som kan skje)", "Could it lead to … (choose all that could happen)"
    ),
    "wiz.o.risk_answers.financial": ("Økonomisk tap", "Financial loss"),
    "wiz.o.risk_answers.discrimination": ("Diskriminering", "Discrimination"),
    "wiz.o.risk_answers.reputation": ("Skade på omdømme", "Damage to reputation"),
    "wiz.o.risk_answers.physical_safety": (
      "Fare for fysisk sikkerhet (forfølgelse, trusler)", "Danger to physical safety (stalking, threats)"
    ),
    "wiz.o.risk_answers.identity_theft": ("Identitetstyveri eller svindel", "Identity theft or fraud"),
    "wiz.o.risk_answers.loss_of_confidentiality_of_secrecy": (
      "Brudd på taushetsplikt (for eksempel hos lege eller advokat)",
      "Breach of professional secrecy (for example a doctor's or lawyer's)"
    ),
    "wiz.f.plan_risk_answers": (
      "Beredskapsplanens egne spørsmål: kan det føre til …", "Your plan's own questions: could it lead to …"
    ),
    "wiz.f.individual_notice_disproportionate": (
      "Vil det kreve uforholdsmessig mye å varsle hver enkelt?",
      "Would telling each person take disproportionate effort?"
    ),
    "wiz.f.individual_notice_disproportionate.hint": (
      "For eksempel når dere ikke har kontaktopplysninger. Da skal dere i stedet kunngjøre det offentlig.",
      "For example when you have no contact details. Then you make a public announcement instead."
    ),
    "wiz.o.individual_notice_disproportionate.true": ("Ja", "Yes"),
    "wiz.o.individual_notice_disproportionate.false": ("Nei", "No"),
  ]
}
