"""The date rules: what follows from a treaty's final clauses, and a participant's standing on a day.

Pure functions on plain dates, no Django: the models pass acts in and store or
show what comes out. Every date a researcher sees is computed here, so each
rule names the clause it follows. `treaties.daterules` gathers the names the
rest of the site uses; each module below holds one part:

- wording: dates, counts and ordinals written as treaty texts and citations write them
- periods: a length of time counted from an event (Period, Unit, Snap)
- acts: the kinds of act and their order on one day
- withdrawal: the withdrawal clause, when a withdrawal takes effect, and which
  revocation undid which notice
- entry: the entry-into-force clause, for the treaty and for a later participant
- status: a participant's standing on one day, from its acts replayed
- counts: a treaty's counts on one day, and its curve of parties
- spans: standing as consecutive spans, and a treaty's counts as steps

Glossary: one name a concept, in the rules, the models and the pages.

- date effected (`Act.date`, `ParticipationAct.date`): the day the depositary
  received the instrument, or the day of signature.
- recorded effect (`ParticipationAct.recorded_effect`, `Act.effective`): a date
  of effect on record, an editor's override before a date a source states.
- computed effect (`ParticipationAct.computed_effect()`): the date the
  treaty's article gives, with the article and a sentence saying why.
- effect date (`ParticipationAct.effect_date`): the one relied on, the
  recorded effect if any, else the computed one.
- entry into force: the treaty's own (`Treaty.entry_into_force`), or for one
  participant (`in_force_from`), from its consent and the later-joiner clause.
- standing (`Standing`): signatory, Contracting State (consent stands), party
  (in force for it), party with a withdrawal pending, withdrawn.
- span (`Span`, `StandingSpan`): days over which a participant's standing and
  the facts a page shows of it stay the same; a step (`CountStep`,
  `TreatyCount`): days over which a treaty's counts stay the same.
- horizon: the day a record is complete to; asked about a later day, a page
  reads the record on its horizon (`read_on`) and says so.
"""
