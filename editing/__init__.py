"""What editors need beyond Django's admin: edit history, recovery of deleted records, no lost edits."""
