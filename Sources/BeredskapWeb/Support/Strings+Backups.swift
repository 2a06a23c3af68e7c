/// The backups page, its dashboard alert and its e-mail, bokmål first.
extension Strings {
  static let backups: [String: (String, String)] = [
    "nav.backups": ("Sikkerhetskopier", "Backups"),
    "backups.title": ("Sikkerhetskopier", "Backups"),
    "backups.intro": (
      "Jobbene i beredskapsplanen som tar sikkerhetskopi, og hva de selv har meldt om hver kjøring. En jobb er forsinket når den nyeste vellykkede kopien er eldre enn planen tillater, pluss en margin.",
      "The plan's backup jobs, and what each has reported about its runs. A job is overdue when its newest good copy is older than the plan allows, plus a margin."
    ),
    "backups.job": ("Jobb", "Job"),
    "backups.what": ("Hva", "What"),
    "backups.where": ("Hvor", "Where"),
    "backups.schedule": ("Hvor ofte", "How often"),
    "backups.last_good": ("Siste vellykkede", "Last good run"),
    "backups.state": ("Tilstand", "State"),
    "backups.retention": ("Tas vare på", "Kept for"),
    "backups.encrypted": ("Kryptert", "Encrypted"),
    "backups.restore_roles": ("Kan gjenopprette", "May restore"),
    "backups.owner": ("Varsles", "Alerted"),
    "backups.yes": ("Ja", "Yes"),
    "backups.no": ("Nei", "No"),
    "backups.none": ("–", "–"),
    "backups.every_hours": ("Hver {hours}. time", "Every {hours} hours"),
    "backups.daily_at": ("Hver dag kl. {at}", "Daily at {at}"),
    "backups.every_days_at": ("Hver {days}. dag kl. {at}", "Every {days} days at {at}"),
    "backups.days": ("{days} dager", "{days} days"),
    "backups.recent": ("Siste kjøringer", "Recent runs"),
    "backups.no_runs": ("Ingen kjøringer er meldt ennå.", "No runs reported yet."),
    "backups.finished": ("Ferdig", "Finished"),
    "backups.status": ("Resultat", "Result"),
    "backups.size": ("Størrelse", "Size"),
    "backups.reported_by": ("Meldt av", "Reported by"),
    "backups.run.ok": ("Vellykket", "Succeeded"),
    "backups.run.failed": ("Feilet", "Failed"),
    "backups.state.ok": ("I rute. Neste skal være ferdig innen {due}.", "On schedule. The next is due by {due}."),
    "backups.state.last_failed": (
      "Siste kjøring feilet. Neste må lykkes innen {due}.", "The last run failed. The next must succeed by {due}."
    ),
    "backups.state.overdue": (
      "Forsinket: neste kopi skulle vært ferdig {due}.", "Overdue: the next copy was due {due}."
    ),
    "backups.state.never": (
      "Ingen vellykket kopi er meldt ennå.", "No good copy has been reported yet."
    ),
    "backups.how": ("Slik melder en jobb en kjøring", "How a job reports a run"),
    "backups.how_text": (
      "Etter hver kjøring kjører jobben «beredskap backup record --job ID --status ok» (eller «failed»), eller sender POST /api/v1/backups/ID/runs med en API-nøkkel. Beredskaps egen kopi («beredskap backup create») melder seg selv.",
      "After each run the job runs «beredskap backup record --job ID --status ok» (or «failed»), or sends POST /api/v1/backups/ID/runs with an API token. Beredskap's own backup («beredskap backup create») reports itself."
    ),
    "backups.alert_title": ("Sikkerhetskopier som trenger tilsyn", "Backups that need attention"),
    "backups.alert.overdue": (
      "{job}: forsinket, siste vellykkede kopi {at}", "{job}: overdue, last good copy {at}"
    ),
    "audit.action.backup.run": ("Kjøring av sikkerhetskopi meldt", "Backup run reported"),
    "audit.action.backup.restore": ("Gjenopprettet fra sikkerhetskopi", "Restored from a backup"),
    "backups.alert.never": ("{job}: ingen vellykket kopi er meldt", "{job}: no good copy reported"),
  ]
}
