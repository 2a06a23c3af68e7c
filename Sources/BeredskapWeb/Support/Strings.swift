import BeredskapCore

/// The one catalogue of UI text, bokmål first. Templates receive the strings
/// of the person's language as `t`; code looks them up with `Strings.text`.
public enum Strings {
  public static func text(_ key: String, _ language: Language) -> String {
    let pair =
      catalogue[key] ?? wizard[key] ?? auditPage[key] ?? continuity[key] ?? backups[key] ?? statusPage[key]
      ?? objectives[key]
    guard let pair else { return key }
    return language == .nb ? pair.0 : pair.1
  }

  /// Every string of a language, keys with `_` for `.` so templates can reach them; built once.
  public static func all(_ language: Language) -> [String: String] { language == .nb ? allNB : allEN }

  static let allNB = build(.nb)
  static let allEN = build(.en)

  static func build(_ language: Language) -> [String: String] {
    let merged = catalogue.merging(wizard) { a, _ in a }.merging(auditPage) { a, _ in a }
      .merging(continuity) { a, _ in a }.merging(backups) { a, _ in a }.merging(statusPage) { a, _ in a }
      .merging(objectives) { a, _ in a }
    return merged.reduce(into: [:]) { out, item in
      out[item.key.replacingOccurrences(of: ".", with: "_")] = language == .nb ? item.value.0 : item.value.1
    }
  }

  static let catalogue: [String: (String, String)] = [
    "app.name": ("Beredskap", "Beredskap"),
    "app.tagline": ("Hendelser og personvernbrudd", "Incidents and personal data breaches"),
    "nav.dashboard": ("Oversikt", "Overview"),
    "nav.incidents": ("Hendelser", "Incidents"),
    "nav.new_incident": ("Registrer hendelse", "Register incident"),
    "nav.users": ("Brukere", "Users"),
    "nav.settings": ("Innstillinger", "Settings"),
    "nav.audit": ("Revisjonslogg", "Audit trail"),
    "nav.account": ("Min konto", "My account"),
    "nav.logout": ("Logg ut", "Sign out"),
    "nav.skip": ("Gå til hovedinnhold", "Skip to main content"),
    "nav.language_switch": ("English", "Norsk"),
    "nav.main": ("Hovedmeny", "Main menu"),
    "common.save": ("Lagre", "Save"),
    "common.cancel": ("Avbryt", "Cancel"),
    "common.continue": ("Fortsett", "Continue"),
    "common.yes": ("Ja", "Yes"),
    "common.no": ("Nei", "No"),
    "common.optional": ("(valgfritt)", "(optional)"),
    "common.error_summary": ("Det er noe som må rettes", "There is a problem"),
    "common.none": ("Ingen", "None"),
    "common.next_page": ("Eldre hendelser", "Older incidents"),
    "common.print": ("Utskrift", "Print view"),
    "common.back": ("Tilbake", "Back"),
    "login.title": ("Logg inn", "Sign in"),
    "login.email": ("E-postadresse", "E-mail address"),
    "login.password": ("Passord", "Password"),
    "login.submit": ("Logg inn", "Sign in"),
    "login.failed": ("E-postadressen eller passordet er feil.", "The e-mail address or password is wrong."),
    "login.throttled": (
      "For mange feilforsøk. Vent {seconds} sekunder og prøv igjen.",
      "Too many failed attempts. Wait {seconds} seconds and try again."
    ),
    "login.second_factor": ("Kode fra autentiseringsappen", "Code from your authenticator app"),
    "login.second_factor_hint": (
      "Skriv de seks sifrene appen viser nå, eller en av gjenopprettingskodene dine.",
      "Enter the six digits your app shows now, or one of your recovery codes."
    ),
    "login.second_factor_title": ("Bekreft at det er deg", "Confirm it is you"),
    "login.code_wrong": (
      "Koden stemmer ikke. Prøv den neste koden appen viser.", "The code is wrong. Try the next code your app shows."
    ),
    "login.no_admin_title": ("Ingen administrator ennå", "No administrator yet"),
    "login.no_admin": (
      "Beredskap er nytt og har ingen administrator. Den som startet serveren, finner en engangslenke i serverens konsoll (vinduet eller loggen der Beredskap ble startet). Åpne lenken for å opprette den første administratoren.",
      "Beredskap is new and has no administrator. Whoever started the server finds a one-time link in the server's console (the window or log where Beredskap was started). Open the link to create the first administrator."
    ),
    "login.no_admin_expired": (
      "Lenken virker i 24 timer. Er den utløpt, start serveren på nytt, så skrives en ny lenke ut.",
      "The link works for 24 hours. If it has expired, restart the server and a new link is printed."
    ),
    "setup.title": ("Opprett den første administratoren", "Create the first administrator"),
    "setup.intro": (
      "Denne lenken virker bare én gang. Du blir administrator og kan senere invitere resten av teamet.",
      "This link works only once. You become the administrator and can add the rest of the team later."
    ),
    "setup.name": ("Navnet ditt", "Your name"),
    "setup.password_confirm": ("Gjenta passordet", "Repeat the password"),
    "setup.submit": ("Opprett administrator", "Create administrator"),
    "setup.invalid": (
      "Lenken er brukt eller utløpt. Start serveren på nytt for å få en ny lenke, eller be en administrator om en konto.",
      "The link has been used or has expired. Restart the server for a new link, or ask an administrator for an account."
    ),
    "dashboard.title": ("Åpne hendelser", "Open incidents"),
    "dashboard.empty": (
      "Ingen åpne hendelser. Når noe skjer: registrer hendelsen med en gang, så holder Beredskap styr på fristene.",
      "No open incidents. When something happens, register it at once and Beredskap keeps track of the deadlines."
    ),
    "dashboard.open_count": ("åpne", "open"),
    "dashboard.all": ("Se alle hendelser", "See all incidents"),
    "incident.number": ("Nummer", "Number"),
    "incident.title": ("Tittel", "Title"),
    "incident.title_hint": (
      "Kort og konkret, for eksempel «Bærbar PC med deltakerliste stjålet».",
      "Short and concrete, e.g. \"Laptop with participant list stolen\"."
    ),
    "incident.summary": ("Beskrivelse", "Description"),
    "incident.summary_hint": (
      "Hva har skjedd, og hva vet dere nå? Unngå navn og fødselsnummer her.",
      "What happened, and what do you know now? Avoid names and ID numbers here."
    ),
    "incident.severity": ("Alvorlighetsgrad", "Severity"),
    "incident.severity_hint": (
      "Velg det som passer best nå. Du kan endre det senere.", "Choose what fits best now. You can change it later."
    ),
    "incident.status": ("Status", "Status"),
    "incident.discovered_at": ("Oppdaget", "Discovered"),
    "incident.discovered_at_hint": ("Dato og klokkeslett, norsk tid.", "Date and time, Oslo time."),
    "incident.discovered_by": ("Oppdaget av", "Discovered by"),
    "incident.discovered_by_hint": (
      "Navnet på personen, eller «overvåking» hvis et varsel fant det.",
      "The person's name, or \"monitoring\" if an alert found it."
    ),
    "incident.occurred_at": ("Skjedde", "Occurred"),
    "incident.occurred_at_hint": (
      "Når selve hendelsen skjedde, hvis dere vet det.", "When the incident itself happened, if known."
    ),
    "incident.systems": ("Berørte systemer", "Systems affected"),
    "incident.systems_hint": (
      "Skill med komma, for eksempel «database, e-post».", "Separate with commas, e.g. \"database, e-mail\"."
    ),
    "incident.attack_vector": ("Angrepsvei", "Attack vector"),
    "incident.attack_vector_hint": (
      "Hvordan det skjedde, hvis kjent: lekket API-nøkkel, phishing, feilsendt e-post …",
      "How it happened, if known: leaked API key, phishing, mis-sent e-mail …"
    ),
    "incident.owner": ("Ansvarlig", "Owner"),
    "incident.age": ("Alder", "Age"),
    "incident.create": ("Registrer hendelsen", "Register the incident"),
    "incident.new_title": ("Registrer en hendelse", "Register an incident"),
    "incident.edit": ("Endre", "Edit"),
    "incident.edit_title": ("Endre hendelsen", "Edit the incident"),
    "incident.timeline": ("Tidslinje", "Timeline"),
    "incident.add_note": ("Legg til notat", "Add note"),
    "incident.note": ("Notat", "Note"),
    "incident.note_hint": (
      "Hva ble gjort eller bestemt? Tid og navn føres automatisk.",
      "What was done or decided? Time and name are added automatically."
    ),
    "incident.created": ("Hendelsen er registrert som {number}.", "The incident is registered as {number}."),
    "incident.saved": ("Endringene er lagret.", "Your changes are saved."),
    "incident.note_saved": ("Notatet er lagt til.", "The note was added."),
    "subjects.title": ("Berørte personer", "Affected persons"),
    "subjects.none": (
      "Ingen liste over berørte personer er lastet opp ennå.", "No list of affected persons has been uploaded yet."
    ),
    "subjects.people": ("Personer (like personer slått sammen)", "People (duplicates merged)"),
    "subjects.without_contact": ("Uten e-post og telefon", "Without e-mail and phone"),
    "subjects.without_email": ("Uten e-post", "Without e-mail"),
    "subjects.file": ("Liste over berørte personer (CSV)", "List of affected persons (CSV)"),
    "subjects.file_hint": (
      "En CSV-fil i UTF-8 med overskrifter som navn, e-post, telefon, fødselsnummer, kategorier og språk. Vi sjekker hele filen først: er én rad feil, lagres ingenting. Større filer enn 32 MB importeres med kommandolinjen.",
      "A UTF-8 CSV file with headers such as name, email, phone, national_id, categories and language. The whole file is checked first: if one row is wrong, nothing is stored. Files over 32 MB are imported on the command line."
    ),
    "subjects.upload": ("Last opp listen", "Upload the list"),
    "subjects.stored": ("Listen er lagret:", "The list is stored:"),
    "subjects.rows": ("rader", "rows"),
    "subjects.added": ("nye personer", "new people"),
    "subjects.merged": ("rader hørte til personer som var lagret fra før", "rows belonged to people already stored"),
    "subjects.more_errors": ("Flere feil:", "More errors:"),
    "error.subjects_file.required": (
      "Velg en CSV-fil med de berørte personene", "Choose a CSV file with the affected persons"
    ),
    "error.subjects_file.unreadable": (
      "Listen kan ikke leses, og ingenting er lagret", "The list cannot be read, and nothing was stored"
    ),
    "error.subjects_file.rows": (
      "Listen har rader med feil, og ingenting er lagret. Rett radene og last opp igjen",
      "The list has rows with errors, and nothing was stored. Correct the rows and upload again"
    ),
    "incident.not_found": ("Fant ingen hendelse med det nummeret.", "No incident with that number."),
    "incident.all_title": ("Alle hendelser", "All incidents"),
    "incident.printed": ("Skrevet ut", "Printed"),
    "timeline.created": ("Hendelsen ble registrert", "The incident was registered"),
    "timeline.status": ("Status endret", "Status changed"),
    "timeline.edit": ("Opplysninger endret", "Details changed"),
    "timeline.note": ("Notat", "Note"),
    "timeline.measure": ("Tiltak", "Measure"),
    "timeline.communication": ("Varslet", "Told"),
    "timeline.customers": ("Berørte kunder", "Customers affected"),
    "timeline.letters": ("Brev til de berørte", "Letters to the people affected"),
    "timeline.enquiry": ("Henvendelse fra en berørt", "Enquiry from a person affected"),
    "language.nb": ("bokmål", "Norwegian (bokmål)"),
    "language.en": ("engelsk", "English"),
    "incident.letters_link": ("Brev til de berørte", "Letters to the people affected"),
    "letters.title": ("Brev til de berørte", "Letters to the people affected"),
    "letters.lead": (
      "Hver berørt person får sitt eget brev med bare sine egne opplysninger. Skriv det som er felles for alle brevene, se på noen av brevene, og godkjenn før noe sendes.",
      "Each person affected gets a letter of their own with only their own data. Write what all letters share, look at some of them, and approve before anything is sent."
    ),
    "letters.must_tell": (
      "Vurderingen sier at de berørte skal varsles uten ugrunnet opphold (artikkel 34).",
      "The assessment says the people affected must be told without undue delay (Art. 34)."
    ),
    "letters.no_people": (
      "Ingen berørte personer er lastet opp ennå. Last opp listen på hendelsessiden.",
      "No people affected are uploaded yet. Upload the list on the incident page."
    ),
    "letters.people": ("Personer på listen", "People on the list"),
    "letters.without_email": ("uten e-postadresse", "without an e-mail address"),
    "letters.pending": ("ikke med i en godkjent utsending ennå", "not yet in an approved batch"),
    "letters.texts_title": ("Det som er felles for alle brevene", "What all letters share"),
    "letters.texts_hint": (
      "Utkastet er laget av hendelsens beskrivelse og tiltak. Les det nøye: beskrivelsen kan inneholde interne detaljer.",
      "The draft is made from the incident's description and measures. Read it carefully: the description may hold internal details."
    ),
    "letters.what_happened": ("Hva som skjedde", "What happened"),
    "letters.what_we_did": ("Hva vi har gjort", "What we have done"),
    "letters.more_advice": ("Flere råd (valgfritt)", "More advice (optional)"),
    "letters.save_texts": ("Lagre teksten", "Save the text"),
    "letters.texts_saved": ("Teksten er lagret.", "The text is saved."),
    "letters.preview_title": ("Slik blir brevet", "The letter as it will be"),
    "letters.preview_of": ("Brev {index} av {count}", "Letter {index} of {count}"),
    "letters.previous": ("Forrige", "Previous"),
    "letters.next": ("Neste", "Next"),
    "letters.no_name": ("(uten navn)", "(no name)"),
    "letters.batches_title": ("Godkjente utsendinger", "Approved batches"),
    "letters.batch_line": (
      "{at}, godkjent av {by}: {letters} brev på e-post, {other} uten e-post",
      "{at}, approved by {by}: {letters} letters by e-mail, {other} without e-mail"
    ),
    "letters.status": ("Utsending", "Sending"),
    "letters.sent": ("sendt", "sent"),
    "letters.queued": ("venter", "waiting"),
    "letters.failed": ("feilet", "failed"),
    "letters.other_title": ("Varsles på annen måte", "To be told another way"),
    "letters.other_hint": (
      "Disse har ingen e-postadresse. Send brevet i posten eller ring, og før opp når det er gjort.",
      "These have no e-mail address. Send the letter by post or call, and record when it is done."
    ),
    "letters.mark_told": ("Varslet", "Told"),
    "letters.told_at": ("Varslet {at} av {by}", "Told {at} by {by}"),
    "letters.told_saved": ("Det er ført opp at personen er varslet.", "The person is recorded as told."),
    "letters.public_title": ("Offentlig informasjon i stedet for brev", "A public communication instead of letters"),
    "letters.public_hint": (
      "Bare når det ville kreve uforholdsmessig stor innsats å varsle hver enkelt (artikkel 34 nr. 3 bokstav c), for eksempel når dere ikke har kontaktopplysninger. Publiser teksten, og før opp hvor og hvorfor.",
      "Only when telling each person would involve disproportionate effort (Art. 34(3)(c)), for example without contact details. Publish the text, then record where and why."
    ),
    "letters.public_suggested": (
      "Vurderingen sier at offentlig informasjon kan brukes i stedet for brev.",
      "The assessment says a public communication may replace the letters."
    ),
    "letters.public_channel": ("Hvor det er publisert", "Where it was published"),
    "letters.public_channel_hint": (
      "For eksempel nettsiden med adresse, en annonse i en avis, eller en melding i appen.",
      "For example the web page with its address, an advertisement in a newspaper, or a message in the app."
    ),
    "letters.public_justification": ("Hvorfor dere ikke kan varsle hver enkelt", "Why you cannot tell each person"),
    "letters.published_at": ("Publisert (dato og klokkeslett, norsk tid)", "Published (date and time, Oslo time)"),
    "letters.public_save": ("Før opp den offentlige informasjonen", "Record the public communication"),
    "letters.public_saved": ("Den offentlige informasjonen er ført opp.", "The public communication is recorded."),
    "letters.public_done": ("Publisert {at}: {channel}", "Published {at}: {channel}"),
    "letters.approve": ("Godkjenn brevene", "Approve the letters"),
    "letters.approve_hint": (
      "Les teksten og noen av brevene først. Godkjente brev legges i utsendingskøen; ingenting sendes før du trykker «Send».",
      "Read the text and some of the letters first. Approved letters go into the outbox; nothing is sent until you press «Send»."
    ),
    "letters.approved": (
      "{letters} brev er godkjent og ligger klare til sending. {other} personer uten e-post skal varsles på annen måte.",
      "{letters} letters are approved and ready to send. {other} people without e-mail must be told another way."
    ),
    "letters.nothing_to_approve": (
      "Ingen nye personer å skrive til: last opp listen, eller alle er med i en godkjent utsending.",
      "No new people to write to: upload the list, or everyone is in an approved batch already."
    ),
    "letters.no_sender": (
      "Beredskap vet ikke hvilken avsenderadresse brevene skal ha. Sett BEREDSKAP_MAIL_FROM, eller gi personvernombudet eller kontaktpersonen i beredskapsplanen en e-postadresse.",
      "Beredskap does not know which sender address the letters should have. Set BEREDSKAP_MAIL_FROM, or give the plan's DPO or contact person an e-mail address."
    ),
    "letters.send": ("Send brevene", "Send the letters"),
    "letters.sending": (
      "Brevene sendes nå. Last siden på nytt for å se hvor langt det har kommet.",
      "The letters are being sent. Reload the page to see how far it has come."
    ),
    "letters.no_smtp": (
      "E-post er ikke satt opp: be den som drifter Beredskap om å sette BEREDSKAP_SMTP_URL. Brevene ligger trygt i køen til da.",
      "E-mail is not set up: ask whoever runs Beredskap to set BEREDSKAP_SMTP_URL. The letters wait safely in the outbox until then."
    ),
    "error.letters.required": ("Må fylles ut", "Required"),
    "error.letters.too_long": ("Teksten er for lang", "The text is too long"),
    "incident.entry_enquiry": ("Henvendelse fra en berørt", "Enquiry from a person affected"),
    "incident.enquiry_saved": ("Henvendelsen er ført opp.", "The enquiry was logged."),
    "comm.title": ("Hvem skal varsles", "Who must be told"),
    "comm.lead": (
      "Fra interessentmatrisen i beredskapsplanen: hvem som skal ha beskjed, når og hvordan. Les utkastet, send det, og før opp at det er gjort.",
      "From the plan's stakeholder matrix: who must be told, when and how. Read the draft, send it, and record that it is done."
    ),
    "comm.none": (
      "Ingen varsling er påkrevd ennå for denne hendelsen.", "No communication is due yet for this incident."
    ),
    "comm.trigger.start": ("ved start", "at start"),
    "comm.trigger.resolution": ("når hendelsen er løst", "at resolution"),
    "comm.trigger.breach": ("ved personvernbrudd", "on a personal-data breach"),
    "comm.channel.email": ("E-post", "E-mail"),
    "comm.channel.webhook": ("Webhook", "Webhook"),
    "comm.channel.status_page": ("Statussiden", "The status page"),
    "comm.channel.manual": ("Gjøres manuelt", "Done by hand"),
    "comm.channel": ("Kanal", "Channel"),
    "comm.recipients": ("Til", "To"),
    "comm.no_customers": (
      "ingen kunder valgt – velg de berørte kundene nedenfor",
      "no customers chosen – choose the customers affected below"
    ),
    "comm.draft": ("Utkast", "Draft"),
    "comm.subject": ("Emne", "Subject"),
    "comm.body": ("Tekst", "Text"),
    "comm.draft_send": ("Les utkastet og send e-post", "Read the draft and send by e-mail"),
    "comm.send": ("Send e-posten", "Send the e-mail"),
    "comm.sent_note": ("E-post sendt til {names} ({count} e-post).", "E-mail sent to {names} ({count} e-mail)."),
    "comm.sending": (
      "E-posten er lagt i utsendingskøen og sendes nå. Varslingen er ført opp som gjort.",
      "The e-mail is in the outbox and being sent. The communication is recorded as done."
    ),
    "comm.queued_no_smtp": (
      "E-posten ligger i utsendingskøen, men e-post er ikke satt opp (BEREDSKAP_SMTP_URL). Den sendes med «beredskap letters send» når det er gjort.",
      "The e-mail is in the outbox, but e-mail is not set up (BEREDSKAP_SMTP_URL). It is sent by «beredskap letters send» once that is done."
    ),
    "comm.nothing_to_send": ("Det er ingenting å sende her.", "There is nothing to send here."),
    "comm.webhook_note": ("Sendt til webhooken i beredskapsplanen.", "Posted to the plan's webhook."),
    "comm.webhook_sending": (
      "Meldingen er lagt i utsendingskøen og sendes til webhooken nå. Varslingen er ført opp som gjort.",
      "The message is in the outbox and being posted to the webhook. The communication is recorded as done."
    ),
    "comm.webhook_send": ("Send til webhooken", "Post to the webhook"),
    "error.comm.subject": ("Skriv et emne på én linje", "Write a subject on one line"),
    "error.comm.body": ("Skriv en tekst", "Write a text"),
    "comm.mark_done": ("Før opp at det er gjort", "Record that it is done"),
    "comm.done_at_label": ("Når (dato og klokkeslett, norsk tid)", "When (date and time, Oslo time)"),
    "comm.note": ("Hvordan (for eksempel hvem du snakket med)", "How (for example whom you spoke to)"),
    "comm.outcome_done": ("Gjort", "Done"),
    "comm.outcome_not_needed": ("Ikke nødvendig her (skriv hvorfor)", "Not needed here (say why)"),
    "comm.save": ("Lagre", "Save"),
    "comm.saved": ("Varslingen er ført opp.", "The communication is recorded."),
    "comm.done_at": ("Gjort {at} av {by}", "Done {at} by {by}"),
    "comm.not_needed_at": ("Ikke nødvendig (ført opp {at} av {by})", "Not needed (recorded {at} by {by})"),
    "comm.not_needed": ("ikke nødvendig", "not needed"),
    "comm.authority_link": ("Skriv meldingen til Datatilsynet", "Write the report to Datatilsynet"),
    "comm.customers": ("Berørte kunder", "Customers affected"),
    "comm.customers_hint": (
      "Kundene fra beredskapsplanen som hendelsen rammer. De får varslene til kunder.",
      "The plan's customers this incident affects. They receive the communications to customers."
    ),
    "comm.customers_save": ("Lagre kundene", "Save the customers"),
    "comm.customers_saved": ("De berørte kundene er lagret.", "The customers affected are saved."),
    "error.comm.reason_required": (
      "Skriv hvorfor varslingen ikke er nødvendig", "Say why the communication is not needed"
    ),
    "incident.entry_kind": ("Hva er det?", "What is it?"),
    "incident.entry_note": ("Notat", "Note"),
    "incident.entry_measure": ("Tiltak som er gjort", "Measure taken"),
    "incident.entry_planned": ("Tiltak vi planlegger", "Measure planned"),
    "incident.entry_hint": (
      "Tiltak kommer med i meldingen til Datatilsynet og i brevene til de berørte. Svar og spørsmål fra berørte personer føres som henvendelser.",
      "Measures are listed in the report to Datatilsynet and in the letters to the people affected. Replies and questions from people affected are logged as enquiries."
    ),
    "incident.measure_saved": ("Tiltaket er ført opp.", "The measure was recorded."),
    "incident.planned": ("planlagt", "planned"),
    "incident.report_link": ("Melding til Datatilsynet", "Report to Datatilsynet"),
    "report.title": ("Melding til Datatilsynet", "Report to Datatilsynet"),
    "report.doc_title": ("Melding om brudd på personopplysningssikkerheten", "Notification of a personal data breach"),
    "report.lead": (
      "Utkastet er laget av det som står i hendelsen og den siste vurderingen. Les hver del, endre der det trengs, og kopier delene inn i Datatilsynets skjema for avviksmelding.",
      "The draft is made from what the incident and its newest assessment say. Read each section, edit where needed, and copy the sections into Datatilsynet's notification form."
    ),
    "report.download": ("Last ned (Markdown)", "Download (Markdown)"),
    "report.not_required": (
      "Vurderingen sier at bruddet ikke må meldes til Datatilsynet. Utkastet kan likevel brukes hvis dere vil melde.",
      "The assessment says this breach need not be reported to Datatilsynet. You can still use the draft if you choose to report."
    ),
    "report.due": ("Fristen for å melde er", "The deadline to report is"),
    "report.late": ("Fristen for å melde gikk ut", "The deadline to report passed"),
    "report.missing_title": ("Dette mangler før meldingen sendes", "Missing before the report is sent"),
    "report.missing": ("Mangler", "Missing"),
    "report.edited_by": ("Skrevet om av", "Rewritten by"),
    "report.copy": ("Kopier teksten", "Copy the text"),
    "report.edit": ("Endre denne delen", "Edit this section"),
    "report.edit_hint": (
      "Teksten erstatter utkastet for denne delen. Tøm feltet og lagre for å gå tilbake til utkastet.",
      "The text replaces the draft for this section. Empty the field and save to go back to the draft."
    ),
    "report.save": ("Lagre", "Save"),
    "report.reset": ("Tilbake til utkastet", "Back to the draft"),
    "report.section_saved": ("Delen er lagret.", "The section is saved."),
    "report.section_reset": ("Delen følger utkastet igjen.", "The section follows the draft again."),
    "report.send_title": ("Når meldingen er sendt", "When the report is sent"),
    "report.send_hint": (
      "Send meldingen i Datatilsynets skjema, og registrer den her. Teksten slik den står nå blir lagret som det som ble sendt, og fristen stoppes.",
      "Send the report through Datatilsynet's form, then record it here. The text as it stands is kept as what was sent, and the deadline stops."
    ),
    "report.sent_at": ("Sendt (dato og klokkeslett, norsk tid)", "Sent (date and time, Oslo time)"),
    "report.reference": ("Datatilsynets referanse", "Datatilsynet's reference"),
    "report.reference_hint": (
      "Står i kvitteringen fra Datatilsynet, hvis dere har fått den.", "On Datatilsynet's receipt, if you have it."
    ),
    "report.delay_reason": ("Hvorfor meldingen kommer etter fristen", "Why the report is late"),
    "report.delay_reason_hint": (
      "Loven krever en begrunnelse når meldingen kommer senere enn 72 timer (artikkel 33 nr. 1). Den kommer med i meldingen.",
      "The law requires a reason when the report is later than 72 hours (Art. 33(1)). It is included in the report."
    ),
    "report.incomplete": ("Meldingen er foreløpig: mer følger", "This report is preliminary: more follows"),
    "report.incomplete_hint": (
      "Kryss av hvis dere ikke vet alt ennå. Da starter en ny frist for å sende resten (artikkel 33 nr. 4).",
      "Tick if you do not know everything yet. A new deadline then starts for sending the rest (Art. 33(4))."
    ),
    "report.send": ("Registrer at meldingen er sendt", "Record that the report was sent"),
    "report.sent_saved": (
      "Meldingen er registrert som sendt, og teksten er lagret.",
      "The report is recorded as sent, and its text is kept."
    ),
    "report.nothing_due": (
      "Ingen melding til Datatilsynet venter på denne hendelsen.", "No report to Datatilsynet is due for this incident."
    ),
    "report.sent_title": ("Sendte meldinger", "Reports sent"),
    "report.phase": ("Melding", "Report"),
    "report.complete": ("fullstendig", "complete"),
    "report.partial": ("foreløpig", "preliminary"),
    "error.report.section_empty": (
      "Skriv en tekst, eller velg «Tilbake til utkastet»", "Write a text, or choose «Back to the draft»"
    ),
    "error.report.section_too_long": (
      "Teksten er for lang (høyst 20 000 tegn)", "The text is too long (20,000 characters at most)"
    ),
    "status.ongoing": ("Pågår", "Ongoing"),
    "status.contained": ("Under kontroll", "Contained"),
    "status.resolved": ("Løst", "Resolved"),
    "status.closed": ("Lukket", "Closed"),
    "field.title": ("Tittel", "Title"),
    "field.rows": ("Rader", "Rows"),
    "field.skipped_rows": ("Rader hoppet over", "Rows skipped"),
    "field.people_added": ("Nye personer", "People added"),
    "field.people_merged": ("Rader som hørte til lagrede personer", "Rows that matched stored people"),
    "field.people_total": ("Personer i alt", "People in all"),
    "field.summary": ("Beskrivelse", "Description"),
    "field.severity": ("Alvorlighetsgrad", "Severity"),
    "field.status": ("Status", "Status"),
    "field.discovered_at": ("Oppdaget", "Discovered"),
    "field.discovered_by": ("Oppdaget av", "Discovered by"),
    "field.occurred_at": ("Skjedde", "Occurred"),
    "field.systems_affected": ("Berørte systemer", "Systems affected"),
    "field.attack_vector": ("Angrepsvei", "Attack vector"),
    "field.owner": ("Ansvarlig", "Owner"),
    "error.title.required": ("Tittel må fylles ut", "Title is required"),
    "error.title.too_long": ("Tittel kan ha høyst 200 tegn", "Title can have at most 200 characters"),
    "error.summary.too_long": (
      "Beskrivelse kan ha høyst 20 000 tegn", "Description can have at most 20,000 characters"
    ),
    "error.severity.required": ("Alvorlighetsgrad må velges", "Choose a severity"),
    "error.severity.range": (
      "Alvorlighetsgrad må være et helt tall fra 1 til 4", "Severity must be a whole number from 1 to 4"
    ),
    "error.status.invalid": (
      "Status må være pågår, under kontroll, løst eller lukket", "Status must be ongoing, contained, resolved or closed"
    ),
    "error.discovered_at.required": (
      "Oppdaget må fylles ut med dato og klokkeslett", "Discovered needs a date and time"
    ),
    "error.occurred_at.required": ("Skjedde må fylles ut", "Occurred is required"),
    "error.occurred_at.after_discovery": (
      "Skjedde kan ikke være etter at hendelsen ble oppdaget", "Occurred cannot be after the incident was discovered"
    ),
    "error.time.invalid": (
      "Tidspunktet må være en gyldig dato og et klokkeslett", "The time must be a valid date and time"
    ),
    "error.time.too_old": ("Tidspunktet må være etter år 2000", "The time must be after the year 2000"),
    "error.time.future": ("Tidspunktet kan ikke være fram i tid", "The time cannot be in the future"),
    "error.discovered_by.required": ("Oppdaget av må fylles ut", "Discovered by is required"),
    "error.text.too_long": ("Teksten kan ha høyst 200 tegn", "The text can have at most 200 characters"),
    "error.systems.too_many": ("Berørte systemer kan ha høyst 50 oppføringer", "Systems affected can list at most 50"),
    "error.note.required": ("Notat må fylles ut", "The note is empty"),
    "error.owner.unknown": ("Ansvarlig må være en av brukerne", "Owner must be one of the users"),
    "error.email.invalid": ("E-postadressen må inneholde @ og et domene", "The e-mail address needs an @ and a domain"),
    "error.email.taken": (
      "Det finnes allerede en bruker med den e-postadressen", "A user with that e-mail address exists already"
    ),
    "error.name.required": ("Navn må fylles ut", "Name is required"),
    "error.password.short": ("Passordet må ha minst 12 tegn", "The password needs at least 12 characters"),
    "error.password.mismatch": ("Passordene er ikke like", "The passwords do not match"),
    "error.password.wrong": ("Passordet er feil", "The password is wrong"),
    "error.password.throttled": (
      "Passordet er skrevet feil for mange ganger. Vent noen minutter og prøv igjen",
      "The password was wrong too many times. Wait a few minutes and try again"
    ),
    "error.role.invalid": (
      "Rolle må være administrator, responder eller leser", "Role must be admin, responder or viewer"
    ),
    "error.csrf": (
      "Skjemaet var utløpt. Last inn siden på nytt og prøv igjen.",
      "The form had expired. Reload the page and try again."
    ),
    "error.forbidden": ("Du har ikke tilgang til dette.", "You do not have access to this."),
    "error.not_found": ("Siden finnes ikke.", "The page does not exist."),
    "error.server": (
      "Noe gikk galt hos oss. Det du skrev er ikke lagret. Prøv igjen om litt.",
      "Something went wrong on our side. What you entered was not saved. Try again shortly."
    ),
    "error.title": ("Noe gikk galt", "Something went wrong"),
    "users.title": ("Brukere", "Users"),
    "users.add": ("Legg til bruker", "Add user"),
    "users.role": ("Rolle", "Role"),
    "users.two_factor": ("Tofaktor", "Two-factor"),
    "users.added": (
      "Brukeren er lagt til. Gi personen passordet på en trygg måte.",
      "The user was added. Give them the password safely."
    ),
    "users.disabled": ("Deaktivert", "Disabled"),
    "users.disable": ("Deaktiver", "Disable"),
    "users.enable": ("Aktiver", "Enable"),
    "role.admin": ("Administrator", "Administrator"),
    "role.responder": ("Responder", "Responder"),
    "role.viewer": ("Leser", "Viewer"),
    "role.admin_hint": ("Alt, også brukere og innstillinger.", "Everything, including users and settings."),
    "role.responder_hint": ("Registrerer og følger opp hendelser.", "Registers and follows up incidents."),
    "role.viewer_hint": ("Kan lese, ikke endre.", "Can read, not change."),
    "account.title": ("Min konto", "My account"),
    "account.password_title": ("Bytt passord", "Change password"),
    "account.current_password": ("Nåværende passord", "Current password"),
    "account.new_password": ("Nytt passord", "New password"),
    "account.password_changed": (
      "Passordet er byttet. Andre innlogginger er logget ut.", "Password changed. Other sessions were signed out."
    ),
    "account.two_factor_title": ("Tofaktorinnlogging", "Two-factor sign-in"),
    "account.two_factor_on": ("Tofaktor er slått på.", "Two-factor is on."),
    "account.two_factor_off": (
      "Tofaktor er av. Med tofaktor trengs både passordet og en kode fra telefonen for å logge inn.",
      "Two-factor is off. With two-factor you need both your password and a code from your phone to sign in."
    ),
    "account.two_factor_required": (
      "Administratoren krever tofaktor for alle. Slå det på før du fortsetter.",
      "Your administrator requires two-factor for everyone. Turn it on to continue."
    ),
    "account.two_factor_setup": (
      "Legg til denne nøkkelen i autentiseringsappen (for eksempel Microsoft Authenticator eller Google Authenticator), og skriv koden appen viser.",
      "Add this key to your authenticator app (for example Microsoft Authenticator or Google Authenticator) and enter the code it shows."
    ),
    "account.two_factor_key": ("Nøkkel", "Key"),
    "account.two_factor_enable": ("Slå på tofaktor", "Turn on two-factor"),
    "account.recovery_title": ("Gjenopprettingskoder", "Recovery codes"),
    "account.recovery_intro": (
      "Skriv ut eller lagre disse kodene et trygt sted. Hver kode virker én gang hvis du mister telefonen. De vises bare nå.",
      "Print or store these codes somewhere safe. Each works once if you lose your phone. They are shown only now."
    ),
    "account.tokens_title": ("API-nøkler", "API tokens"),
    "account.tokens_intro": (
      "For skript og integrasjoner. Nøkkelen vises bare én gang.",
      "For scripts and integrations. The token is shown only once."
    ),
    "account.token_name": ("Navn på nøkkelen", "Token name"),
    "account.token_create": ("Lag ny nøkkel", "Create token"),
    "account.token_created": (
      "Ny nøkkel (kopier den nå, den vises ikke igjen):", "New token (copy it now, it is not shown again):"
    ),
    "account.token_revoke": ("Trekk tilbake", "Revoke"),
    "account.token_made": ("laget", "made"),
    "account.token_expires": ("virker til", "valid until"),
    "account.token_last_used": ("sist brukt", "last used"),
    "account.token_never_used": ("ikke brukt ennå", "not used yet"),
    "account.token_lifetime": (
      "En nøkkel virker i {days} dager. Den slutter også å virke når du bytter passord eller slår på tofaktor.",
      "A token works for {days} days. It also stops working when you change your password or turn on two-factor."
    ),
    "account.token_needs_two_factor": (
      "Organisasjonen krever tofaktor. Slå på tofaktor før du lager API-nøkler; nøkler du har fra før, virker ikke før det.",
      "Your organisation requires two-factor. Turn on two-factor before you create API tokens; tokens you already have do not work until then."
    ),
    "account.confirm_password": ("Passordet ditt", "Your password"),
    "account.confirm_password_hint": (
      "Vi spør om passordet igjen for å være sikre på at det er deg.",
      "We ask for your password again to be sure it is you."
    ),
    "tokens.title": ("API-nøkler", "API tokens"),
    "tokens.intro": (
      "Alle API-nøkler som virker nå. Trekk tilbake en nøkkel som ikke lenger trengs, eller som kan ha kommet på avveie.",
      "Every API token that works now. Revoke a token that is no longer needed or may have gone astray."
    ),
    "tokens.owner": ("Eier", "Owner"),
    "tokens.name": ("Navn", "Name"),
    "tokens.created": ("Laget", "Made"),
    "tokens.expires": ("Virker til", "Valid until"),
    "tokens.last_used": ("Sist brukt", "Last used"),
    "tokens.none": ("Ingen API-nøkler virker nå.", "No API tokens work now."),
    "tokens.revoked": ("Nøkkelen er trukket tilbake.", "The token has been revoked."),
    "users.tokens_link": ("Se og trekk tilbake API-nøkler", "See and revoke API tokens"),
    "settings.title": ("Innstillinger", "Settings"),
    "settings.require_two_factor": ("Krev tofaktor for alle brukere", "Require two-factor for every user"),
    "settings.require_two_factor_hint": (
      "Brukere uten tofaktor må slå det på neste gang de logger inn.",
      "Users without two-factor must turn it on the next time they sign in."
    ),
    "settings.saved": ("Innstillingene er lagret.", "Settings saved."),
    "clock.title": ("Frister", "Deadlines"),
    "clock.plan_article": ("beredskapsplanen", "the plan"),
    "clock.none": (
      "Ingen frister løper. Når hendelsen er vurdert som et personvernbrudd, viser Beredskap fristene her.",
      "No deadlines are running. Once the incident is assessed as a personal data breach, its deadlines show here."
    ),
    "clock.left": ("{time} igjen", "{time} left"),
    "clock.overdue": ("{time} over fristen", "{time} overdue"),
    "clock.due": ("Frist", "Due"),
    "clock.done": ("Utført {at} av {by}", "Done {at} by {by}"),
    "clock.not_required": ("Ikke lenger påkrevd etter ny vurdering", "No longer required after reassessment"),
    "clock.mark_done": ("Marker som utført", "Mark as done"),
    "clock.done_at": ("Når ble det gjort?", "When was it done?"),
    "clock.reference": ("Referanse", "Reference"),
    "clock.reference_hint": (
      "For eksempel Datatilsynets saksnummer, eller hvem som ble varslet.",
      "For example the authority's case number, or who was told."
    ),
    "clock.delay_reason": ("Hvorfor ble det sent?", "Why was it late?"),
    "clock.delay_reason_hint": (
      "Kreves når meldingen til Datatilsynet kommer mer enn 72 timer etter at dere ble klar over bruddet (personvernforordningen art. 33 nr. 1).",
      "Required when the notification reaches the authority more than 72 hours after you became aware (GDPR Art. 33(1))."
    ),
    "clock.incomplete": (
      "Meldingen er foreløpig: flere opplysninger kommer",
      "The notification is initial: more information will follow"
    ),
    "clock.incomplete_hint": (
      "Dere kan melde i flere omganger når ikke alt er kjent innen 72 timer (personvernforordningen art. 33 nr. 4). Beredskap starter da en frist for å sende resten.",
      "You may notify in phases when not everything is known within 72 hours (GDPR Art. 33(4)). Beredskap then starts a deadline for the rest."
    ),
    "clock.content": ("Hva ble meldt?", "What was reported?"),
    "clock.content_hint": (
      "Kort, uten navn eller fødselsnummer: for eksempel hvilke opplysninger meldingen inneholdt.",
      "Briefly, without names or ID numbers: for example what the notification contained."
    ),
    "timeline.notification": ("Melding sendt", "Notification sent"),
    "field.notification_complete": ("Fullstendig", "Complete"),
    "clock.saved": ("Fristen er markert som utført.", "The deadline is marked as done."),
    "clock.next": ("Neste frist", "Next deadline"),
    "error.delay_reason.required": (
      "Hvorfor ble det sent må fylles ut: meldingen kom etter fristen på 72 timer",
      "Why was it late is required: the notification came after the 72-hour deadline"
    ),
    "error.done_at.future": ("Når ble det gjort kan ikke være fram i tid", "When was it done cannot be in the future"),
    "error.clock.already_done": ("Fristen er allerede markert som utført", "The deadline is already marked as done"),
    "assessment.title": ("Vurdering av personvernbrudd", "Personal data breach assessment"),
    "assessment.none": (
      "Hendelsen er ikke vurdert ennå. Er personopplysninger berørt, må det vurderes om bruddet skal meldes.",
      "The incident has not been assessed. If personal data is involved, it must be assessed whether to notify."
    ),
    "assessment.risk": ("Risiko for de berørte", "Risk to the people"),
    "assessment.authority": ("Meld til Datatilsynet", "Notify the supervisory authority"),
    "assessment.subjects": ("Varsle de berørte", "Tell the people affected"),
    "assessment.controller": ("Varsle den behandlingsansvarlige", "Tell the controller"),
    "assessment.reasons": ("Begrunnelse", "Reasons"),
    "error.done_at.before_discovery": (
      "Tidspunktet kan ikke være før hendelsen ble oppdaget", "The time cannot be before the incident was discovered"
    ),
    "duty.authority": ("meldingen til Datatilsynet", "the notification to the authority"),
    "duty.authority_followup": (
      "resten av meldingen til Datatilsynet", "the rest of the notification to the authority"
    ),
    "duty.controller": ("varselet til den behandlingsansvarlige", "telling the controller"),
    "duty.subjects": ("varselet til de berørte", "telling the people affected"),
    "incident.close_reason": (
      "Hvorfor lukkes hendelsen før pliktene er oppfylt?", "Why close before the duties are met?"
    ),
    "incident.close_reason_hint": (
      "Trengs bare når du lukker en hendelse der en lovpålagt plikt ikke er oppfylt. Begrunnelsen lagres i tidslinjen.",
      "Needed only when you close an incident with a legal duty unmet. The reason is kept on the timeline."
    ),
    "error.close_reason.required": (
      "Skriv hvorfor hendelsen lukkes før pliktene er oppfylt",
      "Write why the incident is closed before the duties are met"
    ),
    "assessment.aware": ("Ble klar over bruddet", "Became aware"),
    "assessment.aware_before_discovery": (
      "Tidspunktet dere ble klar over bruddet, er før hendelsen ble oppdaget ({discovered}). Sjekk tidene: fristen på 72 timer regnes fra da dere ble klar over det.",
      "The time you became aware is before the incident was discovered ({discovered}). Check the times: the 72 hours count from when you became aware."
    ),
    "assessment.unreadable": (
      "Opplysningene bak denne vurderingen kan ikke leses lenger, så bare beslutningen vises. Vurder bruddet på nytt for å få begrunnelsen.",
      "The facts behind this assessment can no longer be read, so only the decision is shown. Reassess the breach to get the reasons."
    ),
    "assessment.at": ("Vurdert {at} av {by}", "Assessed {at} by {by}"),
    "timeline.assessment": ("Vurdert på nytt", "Assessed"),
    "timeline.duty_done": ("Frist utført", "Deadline met"),
    "timeline.subjects": ("Berørte personer importert", "Affected persons imported"),
    "field.risk": ("Risiko", "Risk"),
    "field.notify_authority": ("Melding til Datatilsynet", "Notify the authority"),
    "field.notify_subjects": ("Varsling av de berørte", "Tell the people"),
    "field.notify_controller": ("Varsling av behandlingsansvarlig", "Tell the controller"),
    "field.facts": ("Endrede opplysninger", "Changed facts"),
    "field.duty": ("Frist", "Deadline"),
    "field.late": ("For sent", "Late"),
    "reminder.title": ("Påminnelser", "Reminders"),
    "reminder.before_one": ("1 time igjen: {title} (frist {due})", "1 hour left: {title} (due {due})"),
    "reminder.before": ("{hours} timer igjen: {title} (frist {due})", "{hours} hours left: {title} (due {due})"),
    "reminder.missed": ("Fristen er passert: {title} (frist {due})", "Deadline missed: {title} (due {due})"),
    "audit.title": ("Revisjonslogg", "Audit trail"),
    "audit.intro": (
      "Hver endring føres her og lenkes sammen med SHA-256, slik at en endret, slettet eller flyttet oppføring oppdages.",
      "Every change is recorded here and chained with SHA-256, so an altered, removed or moved entry is detected."
    ),
    "audit.verify_ok": (
      "Kontrollert: {count} oppføringer, kjeden er hel.", "Verified: {count} entries, the chain is intact."
    ),
    "audit.verify_failed": ("Kjeden er brutt: {finding}", "The chain is broken: {finding}"),
    "audit.at": ("Tid", "Time"),
    "audit.actor": ("Hvem", "Who"),
    "audit.action": ("Handling", "Action"),
    "audit.subject": ("Gjelder", "Subject"),
    "audit.fields": ("Felter", "Fields"),
  ]
}
