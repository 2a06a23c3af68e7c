/// Runbooks, post-mortems, action items and tests of the continuity plan. Bokmål first.
extension Strings {
  static let continuity: [String: (String, String)] = [
    "nav.exercises": ("Tester", "Tests"),
    "nav.actions": ("Tiltak", "Action items"),

    "runbook.title": ("Prosedyrer", "Runbooks"),
    "runbook.none": (
      "Ingen prosedyre er tatt i bruk. Velg den som passer, så får du stegene som sjekkliste.",
      "No runbook is in use. Choose the one that fits and its steps become a checklist."
    ),
    "runbook.done_at": ("Utført {at} av {by}", "Done {at} by {by}"),
    "runbook.progress": ("{done} av {total} steg utført", "{done} of {total} steps done"),
    "runbook.elapsed_of": ("brukt {elapsed} av anslått {estimate}", "{elapsed} used of an estimated {estimate}"),
    "runbook.elapsed": ("brukt {elapsed}", "{elapsed} used"),
    "runbook.estimate": ("anslått {estimate}", "estimated {estimate}"),
    "runbook.estimate_short": ("Anslått", "Estimate"),
    "runbook.due_by": ("ferdig innen", "done by"),
    "runbook.late": ("forsinket", "late"),
    "runbook.tick": ("Utført", "Done"),
    "runbook.untick": ("Angre", "Undo"),
    "runbook.choose": ("Ta i bruk en prosedyre", "Use a runbook"),
    "runbook.choose_placeholder": ("Velg prosedyre …", "Choose a runbook …"),
    "runbook.attach": ("Ta i bruk", "Use it"),
    "runbook.attached": ("Prosedyren er tatt i bruk.", "The runbook is in use."),
    "runbook.already": ("Prosedyren er allerede tatt i bruk.", "That runbook is already in use."),
    "runbook.saved": ("Lagret.", "Saved."),
    "error.runbook.choose": ("Velg en prosedyre fra listen.", "Choose a runbook from the list."),

    "timeline.runbook": ("Prosedyre", "Runbook"),
    "timeline.runbook.attach": ("Prosedyre tatt i bruk", "Runbook in use"),
    "timeline.runbook.tick": ("Steg {step} utført", "Step {step} done"),
    "timeline.runbook.untick": ("Steg {step} angret", "Step {step} undone"),
    "timeline.post_mortem": ("Etterarbeid", "Post-mortem"),
    "timeline.post_mortem.save": ("Etterarbeidet er oppdatert", "Post-mortem updated"),
    "timeline.post_mortem.complete": ("Etterarbeidet er ferdig", "Post-mortem completed"),
    "timeline.post_mortem.action_item": ("Tiltak lagt til", "Action item added"),
    "timeline.post_mortem.action_done": ("Tiltak utført", "Action item done"),

    "pm.title": ("Etterarbeid", "Post-mortem"),
    "pm.lead": (
      "Hva skjedde, hvorfor, hva gikk bra og dårlig, og hva gjør vi så det ikke skjer igjen. Tidslinjen hentes fra hendelsen.",
      "What happened, why, what went well and badly, and what we do so it does not happen again. The timeline comes from the incident."
    ),
    "pm.completed_at": ("Etterarbeidet ble ferdig {at}.", "The post-mortem was completed {at}."),
    "pm.not_owed": (
      "Ikke påkrevd for denne hendelsen (bare alvorlighet 1–2 og meldte brudd). Du kan likevel skrive det.",
      "Not required for this incident (only severity 1–2 and notified breaches). You may still write one."
    ),
    "pm.overdue": ("Etterarbeidet er forfalt: fristen var {due}.", "The post-mortem is overdue: it was due {due}."),
    "pm.due": ("Etterarbeidet skal være ferdig innen {due}.", "The post-mortem is due by {due}."),
    "pm.open": ("Åpne etterarbeidet", "Open the post-mortem"),
    "pm.start": ("Skriv etterarbeidet", "Write the post-mortem"),
    "pm.download": ("Last ned (Markdown)", "Download (Markdown)"),
    "pm.customer_link": ("Versjon for kundene", "Version for customers"),
    "pm.missing": ("Ikke skrevet ennå", "Not written yet"),
    "pm.about": ("Hva skjedde", "What happened"),
    "pm.root_cause": ("Rotårsak", "Root cause"),
    "pm.root_cause_lead": (
      "Hvordan skjedde det, hvorfor ble det ikke oppdaget tidligere, og hva løste det?",
      "How did it happen, why was it not found earlier, and what solved it?"
    ),
    "pm.lessons": ("Lærdom", "Lessons"),
    "pm.customers": ("Til kundene", "For customers"),
    "pm.customers_lead": (
      "Bare disse to tekstene, hendelsens nummer og tidspunktene står i versjonen for kundene. Skriv uten interne detaljer og uten personopplysninger.",
      "Only these two texts, the incident's number and its times are in the version for customers. Write without internal details and without personal data."
    ),
    "pm.save": ("Lagre", "Save"),
    "pm.complete": ("Lagre og merk som ferdig", "Save and mark as completed"),
    "pm.saved": ("Etterarbeidet er lagret.", "The post-mortem was saved."),
    "pm.completed": ("Etterarbeidet er ferdig.", "The post-mortem is completed."),
    "pm.customer_title": ("Hendelsesrapport til kundene", "Incident report for customers"),
    "pm.customer_lead": (
      "Dette er alt kundene får se. Les gjennom før du sender det.",
      "This is all the customers see. Read it through before you send it."
    ),
    "pm.customer_missing": (
      "Tekstene til kundene er ikke skrevet ennå. Skriv dem i etterarbeidet først.",
      "The texts for customers are not written yet. Write them in the post-mortem first."
    ),
    "pm.hint.summary": ("Kort: hva skjedde, og når.", "Briefly: what happened, and when."),
    "pm.hint.impact": (
      "Hvem ble rammet, hvor lenge, og hva kunne de ikke gjøre?",
      "Who was affected, for how long, and what could they not do?"
    ),
    "pm.hint.technical_cause": ("Hva gikk galt teknisk?", "What went wrong technically?"),
    "pm.hint.human_error": (
      "Gjorde noen noe som bidro? Beskriv handlingen, ikke personen.",
      "Did someone do something that contributed? Describe the action, not the person."
    ),
    "pm.hint.systemic_weakness": (
      "Hva i rutiner, verktøy eller organisering gjorde feilen mulig, og hvorfor ble den ikke oppdaget før?",
      "What in routines, tools or organisation made it possible, and why was it not found earlier?"
    ),
    "pm.hint.solution": ("Hva løste det, og hva gjør vi nå?", "What solved it, and what do we do now?"),
    "pm.hint.went_well": ("Hva fungerte under håndteringen?", "What worked during the response?"),
    "pm.hint.went_badly": ("Hva fungerte dårlig eller tok for lang tid?", "What worked badly or took too long?"),
    "pm.hint.customer_summary": (
      "Det kundene skal vite om hva som skjedde og hvordan det rammet dem.",
      "What customers should know about what happened and how it affected them."
    ),
    "pm.hint.customer_prevention": (
      "Det vi gjør så det ikke skjer igjen, sagt så kundene forstår det.",
      "What we do so it does not happen again, in words customers understand."
    ),
    "error.pm.too_long": (
      "Teksten er for lang (høyst 20 000 tegn).", "The text is too long (at most 20,000 characters)."
    ),
    "error.pm.missing": (
      "Skriv dette før etterarbeidet kan merkes som ferdig.", "Write this before the post-mortem can be completed."
    ),

    "action.title": ("Tiltak", "Action items"),
    "action.lead": (
      "Det som skal gjøres så det ikke skjer igjen, med én ansvarlig og en frist. Følges opp til det er utført.",
      "What is to be done so it does not happen again, with one owner and a due date. Followed up until done."
    ),
    "action.page_lead": (
      "Tiltak fra etterarbeid og tester, med ansvarlig og frist.",
      "Action items from post-mortems and tests, with owner and due date."
    ),
    "action.none": ("Ingen tiltak ennå.", "No action items yet."),
    "action.none_open": ("Ingen åpne tiltak.", "No open action items."),
    "action.open_count": ("åpne:", "open:"),
    "action.done_title": ("Utført", "Done"),
    "action.add": ("Legg til tiltak", "Add an action item"),
    "action.text": ("Tiltak", "Action item"),
    "action.owner": ("Ansvarlig", "Owner"),
    "action.due": ("Frist", "Due"),
    "action.state": ("Status", "State"),
    "action.done_at": ("Utført {at} av {by}", "Done {at} by {by}"),
    "action.overdue": ("Forfalt", "Overdue"),
    "action.open": ("Åpent", "Open"),
    "action.from_pm": ("Etterarbeid {number}", "Post-mortem {number}"),
    "action.from_exercise": ("Test", "Test"),
    "action.added": ("Tiltaket er lagt til.", "The action item was added."),
    "action.marked_done": ("Tiltaket er merket som utført.", "The action item was marked done."),
    "action.mark_done": ("Merk som utført", "Mark as done"),
    "action.overdue_notice": ("Noen tiltak har passert fristen", "Some action items are past their due date"),
    "error.action.text": (
      "Skriv hva som skal gjøres (høyst 2 000 tegn).", "Write what is to be done (at most 2,000 characters)."
    ),
    "error.action.owner": ("Skriv hvem som er ansvarlig (ett navn).", "Write who owns it (one name)."),
    "error.action.due": ("Velg en frist (en dato).", "Choose a due date."),

    "exercise.title": ("Tester og øvelser", "Tests and exercises"),
    "exercise.lead": (
      "Gjenopprettingstester, tester av reserveløsninger og skrivebordsøvelser, med det som ble målt og funnet. Dette kan dere vise en kundes revisor.",
      "Restore tests, failover tests and table-top exercises, with what was measured and found. This is what you show a customer's auditor."
    ),
    "exercise.kind.restore_test": ("Gjenopprettingstest", "Restore test"),
    "exercise.kind.failover_test": ("Test av reserveløsning", "Failover test"),
    "exercise.kind.tabletop": ("Skrivebordsøvelse", "Table-top exercise"),
    "exercise.every": ("hver {months}. måned", "every {months} months"),
    "exercise.never": ("aldri", "never"),
    "exercise.due_now": ("nå", "now"),
    "exercise.schedule": ("Plan for testene", "Test schedule"),
    "exercise.kind": ("Type test", "Kind of test"),
    "exercise.every_col": ("Hyppighet", "Every"),
    "exercise.last": ("Sist", "Last"),
    "exercise.next": ("Neste frist", "Next due"),
    "exercise.overdue": ("Forfalt", "Overdue"),
    "exercise.held": ("Gjennomførte tester", "Tests held"),
    "exercise.none": ("Ingen tester er registrert ennå.", "No tests recorded yet."),
    "exercise.participants": ("Deltakere", "Participants"),
    "exercise.restore": ("gjenopprettingstid", "restore time"),
    "exercise.data_loss": ("datatap", "data loss"),
    "exercise.recorded_by": ("registrert av", "recorded by"),
    "exercise.findings": ("Funn", "Findings"),
    "exercise.findings_hint": (
      "Hva virket ikke som planen sier? Må fylles ut når testen ikke ble bestått.",
      "What did not work as the plan says? Required when the test did not pass."
    ),
    "exercise.record": ("Registrer en test", "Record a test"),
    "exercise.held_at": ("Når ble testen holdt?", "When was the test held?"),
    "exercise.scenario": ("Scenario", "Scenario"),
    "exercise.scenario_hint": (
      "Hva ble testet, for eksempel «gjenopprett gårsdagens kopi i testmiljøet».",
      "What was tested, for example «restore yesterday's copy to staging»."
    ),
    "exercise.restore_minutes": ("Målt gjenopprettingstid (minutter)", "Measured restore time (minutes)"),
    "exercise.restore_hint": (
      "Fra start til tjenesten eller kopien virket. La stå tomt for en skrivebordsøvelse.",
      "From start until the service or the copy worked. Leave empty for a table-top exercise."
    ),
    "exercise.data_loss_minutes": ("Målt datatap (minutter)", "Measured data loss (minutes)"),
    "exercise.outcome": ("Utfall", "Outcome"),
    "exercise.action_legend": ("Tiltak testen førte til (valgfritt)", "An action item from the test (optional)"),
    "exercise.save": ("Lagre testen", "Save the test"),
    "exercise.saved": ("Testen er registrert.", "The test was recorded."),
    "exercise.report_title": ("Testrapport", "Test report"),
    "exercise.report_lead": (
      "Alle tester i perioden, med målinger, funn og tiltak, og om planen for testene er fulgt.",
      "Every test in the period, with measurements, findings and action items, and whether the schedule was kept."
    ),
    "exercise.download_md": ("Last ned (Markdown)", "Download (Markdown)"),
    "exercise.download_csv": ("Last ned (CSV)", "Download (CSV)"),
    "exercise.from": ("Fra", "From"),
    "exercise.to": ("Til", "To"),
    "exercise.show": ("Vis", "Show"),
    "exercise.generated": ("laget", "generated"),
    "exercise.none_period": ("Ingen tester i perioden.", "No tests in the period."),
    "exercise.date": ("Dato", "Date"),
    "exercise.restore_col": ("Gjenopprettingstid", "Restore time"),
    "exercise.data_loss_col": ("Datatap", "Data loss"),
    "error.exercise.kind": ("Velg hvilken type test det var.", "Choose the kind of test."),
    "error.exercise.outcome": ("Velg utfallet.", "Choose the outcome."),
    "error.exercise.scenario": (
      "Beskriv hva som ble testet (høyst 5 000 tegn).", "Describe what was tested (at most 5,000 characters)."
    ),
    "error.exercise.participants": ("Skriv hvem som deltok.", "Write who took part."),
    "error.exercise.minutes": (
      "Skriv et helt antall minutter fra 0 til 43 200 (30 dager).",
      "Enter a whole number of minutes from 0 to 43,200 (30 days)."
    ),
    "error.exercise.findings": (
      "Skriv hva som ikke virket når testen ikke ble bestått.", "Write what did not work when the test did not pass."
    ),
    "error.held_at.required": ("Skriv når testen ble holdt.", "Enter when the test was held."),

    "dash.warn_title": ("Må følges opp", "Needs follow-up"),
    "dash.warn_exercise": ("{kind} er forfalt (frist {due}).", "{kind} is overdue (due {due})."),
    "dash.warn_exercise_never": ("{kind} er aldri registrert.", "{kind} has never been recorded."),
    "dash.warn_actions": ("{count} tiltak har passert fristen.", "{count} action items are past their due date."),
    "dash.warn_pm": (
      "Etterarbeidet for {number} er forfalt (frist {due}).", "The post-mortem of {number} is overdue (due {due})."
    ),

    "audit.action.runbook.attach": ("Tok i bruk en prosedyre", "Used a runbook"),
    "audit.action.runbook.tick": ("Merket et steg i en prosedyre som utført", "Ticked off a runbook step"),
    "audit.action.runbook.untick": ("Angret et steg i en prosedyre", "Undid a runbook step"),
    "audit.action.post_mortem.save": ("Skrev i etterarbeidet", "Wrote in the post-mortem"),
    "audit.action.post_mortem.complete": ("Merket etterarbeidet som ferdig", "Completed the post-mortem"),
    "audit.action.action_item.add": ("La til et tiltak", "Added an action item"),
    "audit.action.action_item.done": ("Merket et tiltak som utført", "Marked an action item done"),
    "audit.action.exercise.record": ("Registrerte en test", "Recorded a test"),
  ]
}
