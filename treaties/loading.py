"""What every loader of reference data shares: the report of what it stored, the digest of what it read.

The curated loader (treaties/curated.py, notifications/curated.py) and the UN
status tables' importer (treaties/untc_import.py) both report their work with
a LoadReport and skip files loaded before by their folder_digest. No Django
imports: this module is pure.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LoadReport:
    """The records a load created and updated, counted by kind."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def count(self, label, created=True, number=1):
        """Count `number` records of a kind as created or updated, leaving out kinds with none."""
        if number:
            (self.created if created else self.updated)[label] += number

    def lines(self):
        """Return one line per kind of record, for a command's output."""
        labels = sorted(set(self.created) | set(self.updated))
        return [f"{label}: {self.created[label]} created, {self.updated[label]} updated" for label in labels]


def folder_digest(*directories, also=()):
    """Return one SHA-256 over the files `also`, then every file in the directories, names included.

    A file's name counts as well as its bytes, so a renamed file loads again;
    `also` names code that decides what the files mean, so a fix to it does too.
    """
    digest = hashlib.sha256()
    paths = [*map(Path, also), *(path for folder in directories for path in sorted(Path(folder).rglob("*")))]
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
