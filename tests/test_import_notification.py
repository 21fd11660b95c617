"""`manage.py import_notification` turns notification files into records, once, whole or not at all."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage
from tests.builders import make_act, make_notification, make_participant, make_treaty
from tests.notification_layouts import (
    ARTICLE_17_2,
    accession_notice,
    pdf_of,
    ratification_notice,
    revocation_notice,
    scanned_pdf,
    seed_text,
    with_crlf,
)
from treaties.models import ActKind, Participant, ParticipationAct, StandingSpan

pytestmark = pytest.mark.django_db

REFERENCE = "C.N.362.2025.TREATIES-XXVI.5"
CITED = "C.N.381.2003.TREATIES-XXVI.5"
ARMED_CONFLICT = (
    "If, however, on the expiry of that six-month period, the withdrawing State Party is engaged in an armed "
    "conflict, the withdrawal shall not take effect before the end of the armed conflict."
)


def run(*paths, dry_run=False):
    """Run the command; return (stdout, stderr, the CommandError or None)."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_notification", *map(str, paths), dry_run=dry_run, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def write(folder, name, content):
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.fixture
def mine_ban():
    """The Mine Ban Convention with its articles on dates, and the participants the tests' notifications name."""
    treaty = make_treaty(
        withdrawal_article="art. 20(3)",
        withdrawal_period_count=6,
        withdrawal_period_unit="months",
        withdrawal_condition=ARMED_CONFLICT,
        withdrawal_text=f"3. Such withdrawal shall only take effect six months after the receipt of the instrument "
        f"of withdrawal by the Depositary. {ARMED_CONFLICT}",
        entry_into_force_article="art. 17(2)",
        entry_into_force_text=ARTICLE_17_2,
        entry_into_force_period_count=6,
        entry_into_force_period_unit="months",
        entry_into_force_snap="month_start",
    )
    for name in ["Lithuania", "Marshall Islands", "Tuvalu"]:
        make_participant(name=name)
    return treaty


# --- The seed notification gives what the curated loader gives -------------------------


def LITHUANIAS_WITHDRAWAL():  # noqa: N802 - read as the name of the record
    return ParticipationAct.objects.filter(
        treaty__chapter="XXVI", treaty__number="5", participant__name="Lithuania", kind=ActKind.WITHDRAWAL
    )


def snapshot():
    """Return every record the seed notification stands for, field by field, as pages read them."""
    notification = DepositaryNotification.objects.get(reference=REFERENCE)
    act = LITHUANIAS_WITHDRAWAL().get()
    effect = act.computed_effect()
    spans = StandingSpan.objects.filter(participant=act.participant, treaty=act.treaty)
    return {
        "notification": {
            name: getattr(notification, name)
            for name in [
                "reference",
                "cn_number",
                "cn_year",
                "reference_chapter",
                "reference_treaty_number",
                "treaty_id",
                "participant_id",
                "kind",
                "heading",
                "date_effected",
                "date_issued",
                "original_language",
                "text",
                "source_url",
                "note",
            ]
        },
        "passages": list(notification.passages.values_list("order", "text")),
        "citations": list(notification.outgoing_references.values_list("reference", "normalised", "context", "target")),
        "acts": list(notification.acts.values_list("pk", flat=True)) == [act.pk],
        "act": {
            name: getattr(act, name)
            for name in [
                "treaty_id",
                "participant_id",
                "kind",
                "date",
                "date_precision",
                "strength",
                "effective_date",
                "effective_strength",
                "reference",
                "reference_strength",
                "took_effect",
                "date_specified",
                "condition_state",
                "override_date",
                "checked_on",
            ]
        },
        "computed effect": (effect.date, effect.article, effect.conditional),
        "standing": list(spans.values_list("standing", "start", "end", "withdrawal_due", "withdrawal_conditional")),
    }


def forget_the_seed_notification():
    """Delete what the seed notification reports: the notification and Lithuania's withdrawal."""
    DepositaryNotification.objects.filter(reference=REFERENCE).delete()
    LITHUANIAS_WITHDRAWAL().delete()


@pytest.fixture
def curated():
    """Load the curated data; return what the curated loader made of the seed notification."""
    call_command("load_reference_data", curated_only=True, stdout=StringIO())
    return snapshot()


def test_importing_the_seed_notification_gives_the_records_the_curated_loader_gives(curated, tmp_path):
    # Left out, as no notification says them: the themes an editor gave each
    # reason, and the curated act's sources, note and origin.
    forget_the_seed_notification()

    out, err, refused = run(write(tmp_path, "CN.362.2025.txt", seed_text()))

    assert refused is None, err
    imported = snapshot()
    assert imported == curated
    assert imported["computed effect"] == (date(2025, 12, 27), "art. 20(3)", True)
    assert imported["citations"] == [
        (CITED, CITED, "of 12 May 2003 (Ratification: Lithuania)", None)
    ]
    assert "1 created, 0 changed, 0 unchanged, 0 refused." in out


def test_a_pdf_of_the_seed_notification_imports_the_same_records(curated, tmp_path):
    forget_the_seed_notification()

    out, err, refused = run(write(tmp_path, "CN.362.2025.pdf", pdf_of(seed_text())))

    assert refused is None, err
    imported = snapshot()
    # The text is what the PDF's text layer reads, not the Markdown file's.
    assert imported["notification"].pop("text").startswith("Reference: C.N.362.2025.TREATIES-XXVI.5")
    curated["notification"].pop("text")
    assert imported == curated


def test_the_seed_notification_is_linked_to_the_act_already_stored(curated, tmp_path):
    DepositaryNotification.objects.filter(reference=REFERENCE).delete()

    out, err, refused = run(write(tmp_path, "seed.txt", seed_text()))

    assert refused is None, err
    assert "link the stored act: withdrawal or denunciation of 27 June 2025" in out
    assert snapshot() == curated


# --- Once, and whole ----------------------------------------------------------------------


def test_importing_the_same_notification_twice_creates_nothing_the_second_time(mine_ban, tmp_path):
    path = write(tmp_path, "seed.txt", seed_text())
    run(path)
    counts = [model.objects.count() for model in (DepositaryNotification, QuotedPassage, ParticipationAct)]

    out, err, refused = run(path)

    assert refused is None
    assert f"{REFERENCE} is already stored as this file gives it; nothing written." in out
    assert "0 created, 0 changed, 1 unchanged, 0 refused." in out
    assert [model.objects.count() for model in (DepositaryNotification, QuotedPassage, ParticipationAct)] == counts


def test_a_reference_stored_with_other_spacing_is_the_same_notification(mine_ban, tmp_path):
    lithuania = Participant.objects.get(name="Lithuania")
    make_notification(treaty=mine_ban, participant=lithuania, reference="C.N. 362.2025.TREATIES-XXVI.5", text="")

    out, err, refused = run(write(tmp_path, "seed.txt", seed_text()))

    assert refused is None, err
    assert DepositaryNotification.objects.get().reference == "C.N. 362.2025.TREATIES-XXVI.5"
    assert "fill in full text" in out
    assert QuotedPassage.objects.count() == 6


@pytest.mark.parametrize("spelling", [f"{REFERENCE} ", "C.N. 362.2025.TREATIES-XXVI.5", REFERENCE.lower()])
def test_the_database_refuses_a_second_notification_with_the_same_reference_in_any_case_or_spacing(mine_ban, spelling):
    make_notification(treaty=mine_ban, reference=REFERENCE)

    with pytest.raises(IntegrityError):
        DepositaryNotification.objects.bulk_create([DepositaryNotification(treaty=mine_ban, reference=spelling)])


def test_a_conflict_with_the_stored_notification_is_reported_field_by_field_and_nothing_written(mine_ban, tmp_path):
    make_notification(treaty=mine_ban, heading="LITHUANIA: DENUNCIATION", date_issued=date(2025, 7, 4), text="")

    out, err, refused = run(write(tmp_path, "seed.txt", seed_text()))

    assert refused is not None
    assert "heading: “LITHUANIA: DENUNCIATION” in the database, “LITHUANIA: NOTIFICATION OF WITHDRAWAL” in the" in err
    assert "date of issue: 4 July 2025 in the database, 3 July 2025 in the notification" in err
    stored = DepositaryNotification.objects.get()
    assert (stored.text, stored.participant, QuotedPassage.objects.count(), ParticipationAct.objects.count()) == (
        "",
        None,
        0,
        0,
    )


def test_a_stored_act_with_another_date_of_effect_is_a_conflict(mine_ban, tmp_path):
    lithuania = Participant.objects.get(name="Lithuania")
    make_act(
        treaty=mine_ban,
        participant=lithuania,
        kind=ActKind.WITHDRAWAL,
        date=date(2025, 6, 27),
        effective_date=date(2026, 1, 1),
        effective_strength="S",
    )

    out, err, refused = run(write(tmp_path, "seed.txt", seed_text()))

    assert refused is not None
    assert "date it takes effect is 1 January 2026 in the database and 27 December 2025 in the notification" in err
    assert DepositaryNotification.objects.count() == 0


def test_the_act_its_passages_and_citations_are_written_together_or_not_at_all(mine_ban, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(NotificationReference, "save", refuse)

    out, err, refused = run(write(tmp_path, "seed.txt", seed_text()))

    assert "the database refused it (the disk is full)" in err
    written = [model.objects.count() for model in (DepositaryNotification, QuotedPassage, ParticipationAct)]
    assert written == [0, 0, 0]
    assert not StandingSpan.objects.filter(withdrawal_notified__isnull=False).exists()


def test_a_dry_run_says_what_would_be_created_and_writes_nothing(mine_ban, tmp_path):
    out, err, refused = run(write(tmp_path, "seed.txt", seed_text()), dry_run=True)

    assert refused is None
    assert f"would create {REFERENCE}" in out
    assert "quoted passage 6: Lithuania remains highly supportive" in out
    assert f"cites {CITED} (of 12 May 2003 (Ratification: Lithuania)): ratification of 12 May 2003" in out
    assert "create the act: withdrawal or denunciation of 27 June 2025, taking effect on 27 December 2025" in out
    assert "check: the depositary's date of effect, 27 December 2025 under art. 20(3), agrees with the site's" in out
    assert "Dry run, nothing written: 1 would create" in out
    assert DepositaryNotification.objects.count() == ParticipationAct.objects.count() == 0


# --- Notifications of other kinds, built from the layout ---------------------------------


def test_a_ratification_is_stored_with_its_stated_entry_into_force_and_the_site_agrees(mine_ban, tmp_path):
    out, err, refused = run(write(tmp_path, "ratification.txt", ratification_notice()))

    assert refused is None, err
    act = ParticipationAct.objects.get(participant__name="Marshall Islands")
    assert (act.kind, act.date, act.effective_date, act.effective_strength) == (
        ActKind.RATIFICATION,
        date(2025, 3, 12),
        date(2025, 9, 1),
        "P",
    )
    assert "agrees with the site's: The first day of the sixth month after the deposit (art. 17(2))." in out
    assert "doubt" not in out


def test_a_stated_date_the_site_does_not_compute_is_shown_in_the_dry_run(mine_ban, tmp_path):
    out, err, refused = run(write(tmp_path, "r.txt", ratification_notice(stated="1 August 2025")), dry_run=True)

    assert (
        "doubt: line 15: DISAGREEMENT: the depositary states 1 August 2025 under art. 17(2); the site computes "
        "1 September 2025 under art. 17(2)"
    ) in out
    assert ParticipationAct.objects.count() == 0


def test_an_accession_in_another_layout_is_imported(mine_ban, tmp_path):
    out, err, refused = run(write(tmp_path, "accession.txt", with_crlf(accession_notice())))

    assert refused is None, err
    notification = DepositaryNotification.objects.get()
    assert (notification.participant.name, notification.kind, notification.date_issued) == (
        "Tuvalu",
        ActKind.ACCESSION,
        date(2011, 9, 20),
    )
    assert notification.acts.get().effective_date == date(2012, 3, 1)


def test_a_withdrawal_of_a_withdrawal_ends_the_pending_withdrawal_in_the_same_transaction(tmp_path):
    rome = make_treaty(
        chapter="XVIII",
        number="10",
        title="Rome Statute of the International Criminal Court",
        adoption_place="Rome",
        adoption_date=date(1998, 7, 17),
        entry_into_force=date(2002, 7, 1),
        withdrawal_article="art. 127(1)",
        withdrawal_period_count=1,
        withdrawal_period_unit="years",
    )
    gambia = make_participant(name="Gambia")
    make_act(treaty=rome, participant=gambia, kind=ActKind.RATIFICATION, date=date(2002, 6, 28))
    make_act(treaty=rome, participant=gambia, kind=ActKind.WITHDRAWAL, date=date(2016, 11, 10))
    latest = StandingSpan.objects.filter(participant=gambia, end__isnull=True)
    assert (latest.get().start, latest.get().standing) == (date(2017, 11, 10), "withdrawn")

    out, err, refused = run(write(tmp_path, "revocation.txt", revocation_notice()))

    assert refused is None, err
    notification = DepositaryNotification.objects.get()
    assert notification.acts.get().kind == ActKind.WITHDRAWAL_REVOCATION
    assert list(notification.outgoing_references.values_list("reference", "context")) == [
        ("C.N.862.2016.TREATIES-XVIII.10", "of 11 November 2016 (Withdrawal: Gambia)")
    ]
    assert (latest.get().start, latest.get().standing, latest.get().withdrawal_notified) == (
        date(2017, 2, 10),
        "contracting_state",
        None,
    )


# --- Bad input: each refused with its file and line; the rest of the batch imported ----------


def test_each_bad_file_is_refused_by_name_and_the_rest_of_the_batch_imported(mine_ban, tmp_path):
    seed = seed_text()
    write(tmp_path, "a-good.txt", seed)
    write(tmp_path, "no-reference.txt", seed.replace("Reference: C.N.362.2025.TREATIES-XXVI.5", "Reference:"))
    write(tmp_path, "unknown-treaty.txt", seed.replace("TREATIES-XXVI.5 (Depositary", "TREATIES-XXVI.9 (Depositary"))
    write(tmp_path, "unknown-participant.txt", ratification_notice().replace("MARSHALL ISLANDS:", "ATLANTIS:"))
    write(tmp_path, "bad-date.txt", accession_notice().replace("13 September 2011", "31 September 2011"))
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "binary.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "scan.pdf", scanned_pdf())
    write(tmp_path, "latin1.txt", accession_notice().replace("TUVALU", "TUVALÜ").encode("latin-1"))
    with (tmp_path / "huge.pdf").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # 50 MB, refused by its size: never read

    out, err, refused = run(tmp_path)

    assert str(refused) == "9 file(s) refused; nothing of them was written."
    assert f"{tmp_path / 'a-good.txt'}: created {REFERENCE}" in out
    expected = {
        "no-reference.txt": "refused: line 3: no reference",
        "unknown-treaty.txt": "line 3: no treaty XXVI.9 is stored; add the treaty first",
        "unknown-participant.txt": "line 7: no participant is named “ATLANTIS”, nor has it as another name",
        "bad-date.txt": "refused: line 11: “31 September 2011” is not a date",
        "empty.txt": "refused: the file is empty",
        "binary.pdf": "refused: the file is binary, not text",
        "scan.pdf": "refused: the PDF has no text layer",
        "latin1.txt": "refused: line 7: byte 0xdc is not UTF-8: the file is in another encoding",
        "huge.pdf": "refused: the file is 50.0 MB",
    }
    for name, message in expected.items():
        assert f"{tmp_path / name}: " in err and message in err, (name, err)
    assert DepositaryNotification.objects.get().reference == REFERENCE
    assert ParticipationAct.objects.count() == 1
