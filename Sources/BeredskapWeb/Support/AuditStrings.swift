/// The audit page in words a data protection officer or an auditor reads:
/// what was done, by whom, to what. Bokmål first.
extension Strings {
  static let auditPage: [String: (String, String)] = [
    "audit.intro2": (
      "Alt som er gjort i Beredskap, nyeste først. Hver oppføring er lenket til den forrige og forseglet med en nøkkel som ikke ligger i databasen, så en endring i ettertid oppdages.",
      "Everything done in Beredskap, newest first. Each entry is linked to the one before and sealed with a key that is not in the database, so a later change is detected."
    ),
    "audit.last_check": ("Siste kontroll {at}: {verdict}", "Last check {at}: {verdict}"),
    "audit.never_checked": ("Loggen er ikke kontrollert ennå.", "The trail has not been checked yet."),
    "audit.check_now": ("Kontroller hele loggen nå", "Check the whole trail now"),
    "audit.checked": ("Kontrollen er ferdig.", "The check is finished."),
    "audit.filter": ("Filtrer", "Filter"),
    "audit.person": ("Person", "Person"),
    "audit.everyone": ("Alle", "Everyone"),
    "audit.incident": ("Hendelse (nummer)", "Incident (number)"),
    "audit.from": ("Fra dato", "From date"),
    "audit.to": ("Til og med dato", "To date"),
    "audit.older": ("Eldre oppføringer", "Older entries"),
    "audit.newest": ("Til de nyeste", "Back to the newest"),
    "audit.none": ("Ingen oppføringer passer filteret.", "No entries match the filter."),
    "audit.export": ("Last ned rådata", "Download raw data"),
    "audit.what": ("Hva", "What"),
    "audit.details": ("Detaljer", "Details"),
    "audit.changed_checksum": ("endret (kontrollsum lagret)", "changed (checksum kept)"),
    "audit.set": ("satt", "set"),
    "audit.changed": ("endret", "changed"),
    "audit.failed_count": (
      "{count} mislykkede forsøk i løpet av 15 minutter", "{count} failed attempts within 15 minutes"
    ),
    "audit.unknown_user": ("ukjent e-postadresse", "unknown e-mail address"),
    "audit.not_signed_in": ("Ikke innlogget", "Not signed in"),
    "audit.system": ("Beredskap (automatisk)", "Beredskap (automatic)"),
    "audit.cli": ("Kommandolinjen (driftsansvarlig)", "Command line (operator)"),
    "audit.token_of": ("API-nøkkel «{label}» til {owner}", "API token «{label}» of {owner}"),
    "audit.deleted_user": ("slettet bruker", "deleted user"),
    "audit.bad_date": ("Dato må skrives som åååå-mm-dd", "Dates are written yyyy-mm-dd"),
    "audit.bad_incident": ("Hendelsesnummer skrives som INC-2026-001", "Incident numbers look like INC-2026-001"),

    "audit.action.login.succeeded": ("Logget inn", "Signed in"),
    "audit.action.login.failed": ("Mislykket innlogging", "Failed sign-in"),
    "audit.action.logout": ("Logget ut", "Signed out"),
    "audit.action.user.create": ("Opprettet bruker", "Created a user"),
    "audit.action.user.role_change": ("Endret rolle", "Changed a role"),
    "audit.action.user.disable": ("Sperret bruker", "Disabled a user"),
    "audit.action.user.enable": ("Åpnet bruker igjen", "Re-enabled a user"),
    "audit.action.user.password_change": ("Byttet passord", "Changed the password"),
    "audit.action.user.totp_start": ("Begynte å slå på tofaktor", "Started turning on two-factor"),
    "audit.action.user.totp_enable": ("Slo på tofaktor", "Turned on two-factor"),
    "audit.action.user.totp_disable": ("Slo av tofaktor", "Turned off two-factor"),
    "audit.action.user.recovery_code_used": ("Brukte en reservekode", "Used a recovery code"),
    "audit.action.token.create": ("Laget API-nøkkel", "Created an API token"),
    "audit.action.token.revoke": ("Trakk tilbake API-nøkkel", "Revoked an API token"),
    "audit.action.token.revoke_all": (
      "Trakk tilbake alle API-nøklene til en bruker", "Revoked all of a user's API tokens"
    ),
    "audit.action.settings.update": ("Endret innstilling", "Changed a setting"),
    "audit.action.incident.create": ("Registrerte hendelse", "Registered an incident"),
    "audit.action.incident.update": ("Endret hendelse", "Changed an incident"),
    "audit.action.incident.note": ("Skrev notat", "Wrote a note"),
    "audit.action.incident.measure": ("Førte opp et tiltak", "Recorded a measure"),
    "audit.action.incident.communication": ("Førte opp en varsling", "Recorded a communication"),
    "audit.action.incident.customers": ("Endret berørte kunder", "Changed the customers affected"),
    "audit.action.incident.enquiry": (
      "Førte opp en henvendelse fra en berørt", "Logged an enquiry from a person affected"
    ),
    "audit.action.letters.told": (
      "Førte opp at en berørt er varslet på annen måte", "Recorded a person told another way"
    ),
    "audit.action.letters.texts": ("Endret teksten i brevene til de berørte", "Edited the text of the letters"),
    "audit.action.letters.approve": ("Godkjente brev til de berørte", "Approved letters to the people affected"),
    "audit.action.letters.public": (
      "Førte opp offentlig informasjon i stedet for brev", "Recorded a public communication instead of letters"
    ),
    "audit.action.report.section_edit": (
      "Endret en del av meldingen til Datatilsynet", "Edited a section of the report to Datatilsynet"
    ),
    "audit.action.report.section_reset": (
      "Satte en del av meldingen tilbake til utkastet", "Reset a section of the report to the draft"
    ),
    "audit.action.incident.assess": ("Vurderte personvernbrudd", "Assessed a personal data breach"),
    "audit.action.incident.duty_done": ("Markerte frist som oppfylt", "Marked a deadline as met"),
    "audit.action.incident.notification": ("Meldte til Datatilsynet", "Notified the supervisory authority"),
    "audit.action.incident.subjects_import": (
      "Importerte liste over berørte personer", "Imported a list of affected persons"
    ),
    "audit.action.incident.subjects_purge": (
      "Slettet de berørte personene etter lagringstiden", "Deleted the affected persons after the retention period"
    ),

    "audit.field.role": ("rolle", "role"),
    "audit.field.name": ("navn", "name"),
    "audit.field.email": ("e-postadresse", "e-mail address"),
    "audit.field.password": ("passord", "password"),
    "audit.field.totp": ("tofaktor", "two-factor"),
    "audit.field.title": ("tittel", "title"),
    "audit.field.summary": ("beskrivelse", "description"),
    "audit.field.severity": ("alvorlighetsgrad", "severity"),
    "audit.field.status": ("status", "status"),
    "audit.field.note": ("notat", "note"),
    "audit.field.owner": ("ansvarlig", "owner"),
    "audit.field.user": ("bruker", "user"),
    "audit.field.discovered_at": ("oppdaget", "discovered"),
    "audit.field.discovered_by": ("oppdaget av", "discovered by"),
    "audit.field.occurred_at": ("skjedde", "occurred"),
    "audit.field.require_two_factor": ("krev tofaktor for alle", "require two-factor for everyone"),
    "audit.field.risk": ("risiko", "risk"),
    "audit.field.notify_authority": ("meldes til Datatilsynet", "notify the authority"),
    "audit.field.notify_subjects": ("varsle de berørte", "tell the people affected"),
    "audit.field.duty": ("frist", "deadline"),
    "audit.field.done_at": ("utført", "done at"),
    "audit.field.late": ("for sent", "late"),
    "audit.field.complete": ("fullstendig", "complete"),
    "audit.field.content": ("innhold", "content"),
    "audit.field.window_minutes": ("tidsvindu (minutter)", "window (minutes)"),
    "audit.field.recovery_codes_left": ("reservekoder igjen", "recovery codes left"),
    "audit.field.rows": ("rader", "rows"),
    "audit.field.skipped_rows": ("rader hoppet over", "rows skipped"),
    "audit.field.people_added": ("nye personer", "people added"),
    "audit.field.people_merged": ("personer slått sammen", "people merged"),
    "audit.field.people_total": ("personer i alt", "people in all"),
    "audit.field.people_deleted": ("personer slettet", "people deleted"),
    "audit.field.retention_days": ("lagringstid (dager)", "retention (days)"),
  ]
}
