/// The public status page, the status form on the incident page and the
/// maintenance page. Bokmål first.
extension Strings {
  static let statusPage: [String: (String, String)] = [
    "status_page.title": ("Driftsstatus", "Service status"),
    "status_page.lead": (
      "Her forteller {org} om feil og planlagt vedlikehold som påvirker tjenesten.",
      "Here {org} tells about faults and planned maintenance that affect the service."
    ),
    "status_page.all_well": ("Alle tjenester fungerer normalt.", "All services are operating normally."),
    "status_page.ongoing": ("Pågående hendelser", "Ongoing incidents"),
    "status_page.recent": ("Nylig løste hendelser", "Recently resolved incidents"),
    "status_page.recent_hint": (
      "Løste hendelser vises i 14 dager etter siste oppdatering.",
      "Resolved incidents are shown for 14 days after their last update."
    ),
    "status_page.maintenance": ("Planlagt vedlikehold", "Planned maintenance"),
    "status_page.maintenance_ongoing": ("Pågår nå", "Under way now"),
    "status_page.components": ("Berørte deler av tjenesten", "Affected parts of the service"),
    "status_page.updates": ("Oppdateringer, nyeste først", "Updates, newest first"),
    "status_page.updated": ("Sist oppdatert", "Last updated"),
    "status_page.from": ("Fra", "From"),
    "status_page.to": ("Til", "To"),
    "status_page.checked": (
      "Siden viser status per {at} (norsk tid).", "The page shows the status as of {at} (Norwegian time)."
    ),
    "status_page.feed": ("Følg med i nyhetsleser (Atom)", "Follow in a feed reader (Atom)"),
    "status_page.state.investigating": ("Undersøker", "Investigating"),
    "status_page.state.identified": ("Årsak funnet", "Identified"),
    "status_page.state.monitoring": ("Overvåker", "Monitoring"),
    "status_page.state.resolved": ("Løst", "Resolved"),
    "status_page.hint.investigating": (
      "Noe er galt, og vi leter etter årsaken.", "Something is wrong; we are looking for the cause."
    ),
    "status_page.hint.identified": (
      "Vi vet årsaken og arbeider med å rette den.", "We know the cause and are fixing it."
    ),
    "status_page.hint.monitoring": (
      "Feilen er rettet, og vi følger med på at det holder.", "A fix is in place; we are watching that it holds."
    ),
    "status_page.hint.resolved": ("Hendelsen er over.", "The incident is over."),
    "status_page.section": ("Offentlig driftsstatus", "Public status page"),
    "status_page.section_lead": (
      "Det du publiserer her, vises for alle på /status og i nyhetsstrømmen. Hendelsens egen tittel, beskrivelse og notater vises aldri der.",
      "What you publish here is shown to everyone on /status and in the feed. The incident's own title, summary and notes are never shown there."
    ),
    "status_page.not_published": (
      "Ingenting er publisert om denne hendelsen.", "Nothing has been published about this incident."
    ),
    "status_page.warning": (
      "Ikke skriv personopplysninger: ingen navn, e-postadresser, telefonnumre eller kundenavn. Teksten er offentlig.",
      "Do not write personal data: no names, e-mail addresses, phone numbers or customer names. The text is public."
    ),
    "status_page.public_title": ("Offentlig tittel", "Public title"),
    "status_page.public_title_hint": (
      "Kort og uten detaljer, for eksempel «Innlogging feiler».", "Short and without details, e.g. “Sign-in fails”."
    ),
    "status_page.message": ("Melding", "Message"),
    "status_page.message_hint": (
      "Hva merker brukerne, og hva gjør dere?", "What do users notice, and what are you doing?"
    ),
    "status_page.status": ("Status", "Status"),
    "status_page.components_hint": (
      "Skill med komma, for eksempel «API, SMS».", "Separate with commas, e.g. “API, SMS”."
    ),
    "status_page.publish": ("Publiser oppdatering", "Publish update"),
    "status_page.published": (
      "Oppdateringen er publisert på driftsstatussiden.", "The update is published on the status page."
    ),
    "status_page.view": ("Se den offentlige siden", "See the public page"),
    "timeline.status_update": ("Publisert på driftsstatussiden", "Published on the status page"),
    "maintenance.title": ("Planlagt vedlikehold", "Planned maintenance"),
    "maintenance.lead": (
      "Vedlikehold du legger inn her, vises på den offentlige driftsstatussiden til det er over.",
      "Maintenance you add here is shown on the public status page until it is over."
    ),
    "maintenance.none": ("Ingen planlagt vedlikehold.", "No planned maintenance."),
    "maintenance.new": ("Legg inn vedlikehold", "Add maintenance"),
    "maintenance.starts_at": ("Starter", "Starts"),
    "maintenance.ends_at": ("Slutter", "Ends"),
    "maintenance.time_hint": ("Norsk tid, for eksempel 2026-12-01 22:00.", "Norwegian time, e.g. 2026-12-01 22:00."),
    "maintenance.save": ("Legg inn", "Add"),
    "maintenance.saved": (
      "Vedlikeholdet vises nå på driftsstatussiden.", "The maintenance is now shown on the status page."
    ),
    "nav.maintenance": ("Vedlikehold", "Maintenance"),
    "nav.status": ("Driftsstatus", "Status page"),
    "error.status.title": (
      "Offentlig tittel må fylles ut, på én linje og høyst 200 tegn",
      "Public title must be filled in, on one line and at most 200 characters"
    ),
    "error.status.message": (
      "Melding må fylles ut og være høyst 5000 tegn", "Message must be filled in and at most 5000 characters"
    ),
    "error.status.status": (
      "Status må være undersøker, årsak funnet, overvåker eller løst",
      "Status must be investigating, identified, monitoring or resolved"
    ),
    "error.status.component_unknown": (
      "Berørte deler av tjenesten må være blant dem planen nevner",
      "Components must be among those the plan lists"
    ),
    "error.status.component_long": (
      "Berørte deler av tjenesten: hvert navn må være på én linje og høyst 80 tegn",
      "Components: each name must be on one line and at most 80 characters"
    ),
    "error.status.components_many": ("Berørte deler av tjenesten: høyst 20", "Components: at most 20"),
    "error.maintenance.ends_before_start": ("Slutter må være etter starter", "Ends must be after starts"),
    "error.maintenance.over": ("Slutter må være fram i tid", "Ends must be in the future"),
    "error.maintenance.time_required": ("Tidspunktet må fylles ut", "The time must be filled in"),
    "audit.action.status.update_publish": (
      "Publiserte en oppdatering på driftsstatussiden", "Published an update on the status page"
    ),
    "audit.action.status.maintenance_create": (
      "La inn planlagt vedlikehold på driftsstatussiden", "Added planned maintenance to the status page"
    ),
    "audit.field.components": ("berørte deler", "components"),
    "audit.field.message": ("melding", "message"),
    "audit.field.starts_at": ("starter", "starts"),
    "audit.field.ends_at": ("slutter", "ends"),
  ]
}
