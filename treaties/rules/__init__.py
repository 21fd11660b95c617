"""The date rules: what follows from a treaty's final clauses, and a participant's standing on a day.

Pure functions on plain dates, no Django: the models pass acts in and store or
show what comes out. Every date a researcher sees is computed here, so each
rule names the clause it follows. `treaties.daterules` gathers the names the
rest of the site uses; each module below holds one part:

- wording: dates, counts and ordinals written as treaty texts and citations write them
- periods: a length of time counted from an event (Period, Unit, Snap)
- acts: the kinds of act and their order on one day
- withdrawal: the withdrawal clause and when a withdrawal takes effect
- entry: the entry-into-force clause, for the treaty and for a later participant
- status: a participant's standing on one day, from its acts replayed
- counts: a treaty's counts on one day, and its curve of parties
- spans: standing as consecutive spans, and a treaty's counts as steps
"""
