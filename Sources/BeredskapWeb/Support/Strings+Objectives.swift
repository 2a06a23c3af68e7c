/// The response stages on the incident page and the continuity page, in
/// words people use: bokmål first.
extension Strings {
  static let objectives: [String: (String, String)] = [
    "nav.continuity": ("Kontinuitet", "Continuity"),

    "stage.title": ("Responsfaser", "Response stages"),
    "stage.lead": (
      "Tidene regnes fra da hendelsen startet (da den skjedde, ellers da den ble oppdaget):",
      "Times count from when the incident started (when it happened, else when it was discovered):"
    ),
    "stage.none": (
      "Planen har ingen responsfaser for denne alvorlighetsgraden.",
      "The plan has no response stages for this severity."
    ),
    "stage.target": ("Mål", "Target"),
    "stage.elapsed": ("Brukt", "Elapsed"),
    "stage.mark": ("Marker som gjort", "Mark as done"),
    "stage.state.upcoming": ("Ikke startet", "Not started"),
    "stage.state.running": ("Pågår", "In progress"),
    "stage.state.overdue": ("Over målet", "Past the target"),
    "stage.state.done": ("Gjort i tide", "Done in time"),
    "stage.state.done_late": ("Gjort for sent", "Done late"),
    "stage.done_at": ("Gjort {at} av {by}", "Done {at} by {by}"),
    "stage.late": ("for sent", "late"),
    "stage.auto.customers_told": (
      "Blir gjort når beskjeden til kundene er registrert under Hvem skal vite det.",
      "Done when the notice to the customers is recorded under Who must be told."
    ),
    "stage.auto.service_restored": (
      "Marker når tjenesten virker igjen. Settes også når status blir løst.",
      "Mark when the service works again. Also set when the status becomes resolved."
    ),
    "stage.saved": ("Fasen er markert som gjort.", "The stage is marked as done."),
    "stage.already_done": ("Fasen var allerede markert som gjort.", "The stage was already marked as done."),
    "stage.restore_title": ("Gjenoppretting", "Restore"),
    "stage.restored_at": ("Tjenesten ble gjenopprettet", "The service was restored"),
    "stage.restore_time": ("gjenopprettingstid", "restore time"),
    "stage.not_restored": (
      "Tjenesten er ikke registrert som gjenopprettet ennå.", "The service is not recorded as restored yet."
    ),
    "stage.restored_from": ("Data ble hentet tilbake fra sikkerhetskopien", "Data was restored from the backup"),
    "stage.job_label": ("Hentet dere data tilbake fra en sikkerhetskopi?", "Did you restore data from a backup?"),
    "stage.job_hint": (
      "Skriv navnet på sikkerhetskopijobben (for eksempel db-nightly). Da regner Beredskap ut hvor mye data som gikk tapt, fra den siste gode kopien før hendelsen.",
      "Write the name of the backup job (for example db-nightly). Beredskap then works out how much data was lost, from the last good copy before the incident."
    ),
    "stage.job_save": ("Lagre sikkerhetskopien", "Save the backup"),
    "stage.restore_saved": ("Sikkerhetskopien er registrert.", "The backup is recorded."),
    "error.stage.job": (
      "Sikkerhetskopijobben må ha et navn på 1–64 tegn: bokstaver a–z, tall, bindestrek, punktum eller understrek",
      "The backup job must have a name of 1–64 characters: letters a–z, digits, hyphen, full stop or underscore"
    ),
    "error.stage.job_already": (
      "Sikkerhetskopijobben er allerede registrert for denne hendelsen",
      "The backup job is already recorded for this incident"
    ),
    "timeline.stage": ("Responsfase gjort", "Response stage done"),
    "timeline.stage_by_status": (
      "Tjenesten regnes som gjenopprettet (status satt til løst)",
      "The service counts as restored (status set to resolved)"
    ),
    "timeline.backup_restore": ("Data hentet fra sikkerhetskopi", "Data restored from backup"),
    "audit.action.incident.stage": ("Markerte en responsfase som gjort", "Marked a response stage as done"),
    "audit.action.incident.backup_restore": (
      "Registrerte gjenoppretting fra sikkerhetskopi", "Recorded a restore from backup"
    ),
    "audit.field.stage": ("fase", "stage"),
    "audit.field.source": ("kilde", "source"),
    "audit.field.job": ("sikkerhetskopijobb", "backup job"),

    "cont.title": ("Kontinuitet: målene målt", "Continuity: the objectives measured"),
    "cont.lead": (
      "Hvor raskt tjenesten kom tilbake, hvor mye data som gikk tapt og hvor ofte det skjer, regnet ut fra hendelsene og målt mot målene i planen.",
      "How fast the service came back, how much data was lost and how often it happens, worked out from the incidents and measured against the plan's objectives."
    ),
    "cont.from": ("Fra dato", "From date"),
    "cont.to": ("Til og med dato", "To date"),
    "cont.show": ("Vis", "Show"),
    "cont.figures": ("Tallene", "The figures"),
    "cont.counts": (
      "Hendelser som startet i perioden: {incidents}. Av dem stoppet tjenesten (alvorlighetsgrad 1 eller 2): {service}. Ikke gjenopprettet ennå: {open}.",
      "Incidents started in the period: {incidents}. Of them, stopped the service (severity 1 or 2): {service}. Not restored yet: {open}."
    ),
    "cont.met": ("nådd", "met"),
    "cont.missed": ("ikke nådd", "not met"),
    "cont.no_data": ("ingen data ennå", "no data yet"),
    "cont.rto": ("Gjenopprettingstid (RTO)", "Restore time (RTO)"),
    "cont.rto_value": ("{met} av {all} innenfor målet", "{met} of {all} within the target"),
    "cont.rpo": ("Datatap (RPO)", "Data loss (RPO)"),
    "cont.rpo_value": ("{met} av {all} innenfor målet", "{met} of {all} within the target"),
    "cont.mttr": ("Snitt tid til gjenoppretting (MTTR)", "Mean time to restore (MTTR)"),
    "cont.mtbf": ("Snitt tid mellom driftsstans (MTBF)", "Mean time between outages (MTBF)"),
    "cont.target": ("Mål: høyst", "Target: at most"),
    "cont.target_at_least": ("Mål: minst", "Target: at least"),
    "cont.open_for": ("ikke gjenopprettet, {time} så langt", "not restored, {time} so far"),
    "cont.no_good_backup": ("ingen god kopi før hendelsen", "no good copy before the incident"),
    "cont.restore_chart": ("Gjenopprettingstid per måned", "Restore time per month"),
    "cont.restore_caption": (
      "Søylene viser snittet for hendelser som stoppet tjenesten, den stiplede linjen målet (RTO). Tallene står også i tabellen under.",
      "The bars show the mean for incidents that stopped the service, the dashed line the target (RTO). The figures are also in the table below."
    ),
    "cont.count_chart": ("Hendelser per måned", "Incidents per month"),
    "cont.count_caption": (
      "Alle hendelser, etter måneden de startet. Tallene står også i tabellen under.",
      "All incidents, by the month they started. The figures are also in the table below."
    ),
    "cont.table": ("Tallene per måned", "The figures per month"),
    "cont.month": ("Måned", "Month"),
    "cont.col_incidents": ("Hendelser", "Incidents"),
    "cont.col_service": ("Stoppet tjenesten", "Stopped the service"),
    "cont.col_mean": ("Snitt gjenopprettingstid", "Mean restore time"),
    "cont.col_longest": ("Lengste", "Longest"),
    "cont.per_incident": ("Per hendelse", "Per incident"),
    "cont.no_incidents": ("Ingen hendelser startet i perioden.", "No incidents started in the period."),
    "cont.col_number": ("Nummer", "Number"),
    "cont.col_severity": ("Alvorlighetsgrad", "Severity"),
    "cont.col_start": ("Startet", "Started"),
    "cont.col_restore": ("Gjenopprettingstid", "Restore time"),
    "cont.col_data_lost": ("Datatap", "Data lost"),
    "cont.how": ("Slik regnes tallene", "How the figures are worked out"),
    "cont.definitions": (
      "En hendelse starter da den skjedde, ellers da den ble oppdaget, og hører til perioden og måneden den startet i (norsk tid).\nGjenopprettingstid er tiden fra start til tjenesten ble registrert som gjenopprettet, eller til status først ble satt til løst. Overgang til og fra sommertid endrer ikke tiden.\nRTO, MTTR og MTBF teller bare hendelser som stoppet tjenesten: alvorlighetsgrad 1 eller 2.\nMTTR er snittet av gjenopprettingstidene. MTBF er snittet av tiden mellom starten på to slike hendelser etter hverandre, og trenger minst to.\nDatatap gjelder hendelser der data ble hentet fra en sikkerhetskopi: tiden fra start tilbake til den siste gode kjøringen av jobben før hendelsen.",
      "An incident starts when it happened, else when it was discovered, and belongs to the period and month it started in (Oslo time).\nRestore time is the time from the start until the service was recorded as restored, or until the status first became resolved. Changes to and from summer time do not change it.\nRTO, MTTR and MTBF count only incidents that stopped the service: severity 1 or 2.\nMTTR is the mean of the restore times. MTBF is the mean time between the starts of two such incidents in a row, and needs at least two.\nData lost applies to incidents where data was restored from a backup: the time from the start back to the job's last good run before the incident."
    ),
    "error.cont.from_date": (
      "Fra dato må være en dato, for eksempel 2026-03-01", "From date must be a date, for example 2026-03-01"
    ),
    "error.cont.to_date": (
      "Til og med dato må være en dato, for eksempel 2026-03-31", "To date must be a date, for example 2026-03-31"
    ),
    "error.cont.order": ("Fra dato må være før til og med dato", "From date must be before the to date"),
    "error.cont.too_long": (
      "Til og med dato kan være høyst ti år etter fra dato", "To date may be at most ten years after the from date"
    ),
  ]
}
