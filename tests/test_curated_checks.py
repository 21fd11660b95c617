"""A broken curated file stops the load before anything is written, and says where it is broken."""

import shutil

import pytest
from django.core.management import CommandError, call_command

from notifications.curated import NOTIFICATIONS_DIR
from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage, Theme
from tests.builders import make_participant
from treaties import curated_checks
from treaties.curated import CURATED_DIR, CuratedDataError, load_curated
from treaties.models import (
    DataLoad,
    Participant,
    ParticipantName,
    ParticipationAct,
    StandingSpan,
    Treaty,
)

TABLE = "mine-ban-participants.csv"
WRITTEN = (
    Treaty,
    Participant,
    ParticipantName,
    ParticipationAct,
    StandingSpan,
    DataLoad,
    DepositaryNotification,
    QuotedPassage,
    NotificationReference,
    Theme,
)


@pytest.fixture
def broken(tmp_path):
    """Return a copy of the shipped curated files, to break."""
    directory = tmp_path / "curated"
    shutil.copytree(CURATED_DIR, directory)
    return directory


def counts():
    return {model.__name__: model.objects.count() for model in WRITTEN}


def line_of(text, start):
    """Return the number of the first line that starts with this text."""
    return next(number for number, line in enumerate(text.splitlines(), start=1) if line.startswith(start))


def edit(path, old, new, count=1):
    """Replace text in a file, failing if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def refused_load(directory):
    """Load the directory, expect it refused, check nothing was written and return the message."""
    before = counts()
    with pytest.raises(CuratedDataError) as refused:
        load_curated(directory)
    assert counts() == before
    return str(refused.value)


def table_text(directory):
    return (directory / TABLE).read_text(encoding="utf-8")


def refused_table_edit(directory, row, old, new):
    """Break the table, expect the load refused; return the broken row's line and the message."""
    line = line_of(table_text(directory), row)
    edit(directory / TABLE, old, new)
    return line, refused_load(directory)


def refused_acts_edit(directory, old, new):
    """Break acts.toml, expect the load refused; return the broken line's number and the message."""
    edit(directory / "acts.toml", old, new)
    line = line_of((directory / "acts.toml").read_text(encoding="utf-8"), new.splitlines()[0])
    return line, refused_load(directory)


@pytest.mark.django_db
def test_an_unterminated_quote_names_the_line_and_writes_nothing(broken):
    line, message = refused_table_edit(
        broken, "Afghanistan,", ",UN status page as scraped c.2013", ',"UN status page as scraped c.2013'
    )

    assert f"{TABLE}:{line}:" in message


@pytest.mark.django_db
def test_a_short_row_names_the_line_and_writes_nothing(broken):
    text = table_text(broken)
    line = line_of(text, "Andorra,")
    andorra = text.splitlines()[line - 1]
    edit(broken / TABLE, andorra, andorra.rsplit(",", 1)[0])

    message = refused_load(broken)

    assert f"{TABLE}:{line}: the row has 12 fields; the header has 13" in message


@pytest.mark.django_db
def test_a_long_row_names_the_line_and_writes_nothing(broken):
    text = table_text(broken)
    line = line_of(text, "Andorra,")
    andorra = text.splitlines()[line - 1]
    edit(broken / TABLE, andorra, andorra + ",one field too many")

    message = refused_load(broken)

    assert f"{TABLE}:{line}: the row has 14 fields; the header has 13" in message


@pytest.mark.django_db
def test_a_renamed_header_names_the_column_and_writes_nothing(broken):
    edit(broken / TABLE, ",consent_date,", ",consent_day,")

    message = refused_load(broken)

    assert f"{TABLE}:1:5: unknown column 'consent_day'" in message
    assert f"{TABLE}:1: column 'consent_date' is missing" in message


@pytest.mark.django_db
def test_a_bad_byte_names_the_line_and_column_and_writes_nothing(broken):
    table = broken / TABLE
    line = line_of(table_text(broken), "Poland,")
    table.write_bytes(table.read_bytes().replace(b"Poland,", b"Pol\xffand,"))

    message = refused_load(broken)

    assert f"{TABLE}:{line}:4: byte 0xff is not UTF-8" in message


@pytest.mark.django_db
def test_a_misspelt_participant_is_refused_with_a_suggestion_and_writes_nothing(broken):
    line, message = refused_acts_edit(broken, 'participant = "Burundi"', 'participant = "Burundii"')

    assert f"acts.toml:{line}: [[act]] 3, participant: no participant named 'Burundii'" in message
    assert "did you mean 'Burundi'?" in message


@pytest.mark.django_db
def test_a_misspelt_participant_in_the_table_names_its_line_and_column(broken):
    line, message = refused_table_edit(broken, "Poland,", "\nPoland,", "\nPolnad,")

    assert f"{TABLE}:{line}:1: no participant named 'Polnad'; did you mean 'Poland'?" in message


@pytest.mark.django_db
def test_a_row_that_says_it_creates_a_participant_creates_it(broken):
    edit(broken / "acts.toml", 'participant = "Burundi"', 'participant = "Burundii"\nnew_participant = true')

    load_curated(broken)

    assert Participant.objects.filter(name="Burundii").exists()


@pytest.mark.django_db
def test_a_participants_other_name_finds_that_participant(broken):
    burundi = make_participant(name="Burundi")
    ParticipantName.objects.create(participant=burundi, name="Burundi (Republic of)")
    edit(broken / "acts.toml", 'participant = "Burundi"', 'participant = "Burundi (Republic of)"')

    load_curated(broken)

    assert not Participant.objects.filter(name="Burundi (Republic of)").exists()
    assert ParticipationAct.objects.filter(participant=burundi, treaty__chapter="XVIII", treaty__number="10").exists()


@pytest.mark.django_db
def test_a_withdrawal_before_consent_names_the_line_and_writes_nothing(broken):
    line, message = refused_table_edit(broken, "Poland,", "2012-12-27,P,2025-08-20", "2012-12-27,P,2011-08-20")

    assert f"{TABLE}:{line}:7: withdrawal is dated before consent" in message


@pytest.mark.django_db
def test_an_effect_before_receipt_names_the_line_and_writes_nothing(broken):
    line, message = refused_table_edit(broken, "Poland,", "2025-08-20,S,2026-02-20", "2025-08-20,S,2025-02-20")

    assert f"{TABLE}:{line}:9: withdrawal takes effect before it was received" in message


@pytest.mark.django_db
def test_an_effect_before_the_act_in_acts_toml_names_the_entry_and_writes_nothing(broken):
    line, message = refused_acts_edit(broken, "effective_date = 2017-10-19", "effective_date = 2015-10-19")

    assert f"acts.toml:{line}: [[act]] 1, effective_date: the act takes effect before it was effected" in message


@pytest.mark.django_db
def test_a_bad_date_names_the_line_and_column_and_writes_nothing(broken):
    line, message = refused_table_edit(broken, "Afghanistan,", "accession,2002-09-11,", "accession,2002-09-31,")

    assert f"{TABLE}:{line}:5: consent_date '2002-09-31' is not a date (YYYY-MM-DD)" in message


@pytest.mark.django_db
def test_a_toml_syntax_error_names_the_line_and_column_and_writes_nothing(broken):
    line, message = refused_acts_edit(broken, 'kind = "withdrawal"\n', 'kind = "withdrawal\n')

    assert f"acts.toml:{line}:{len('kind = "withdrawal') + 1}: Illegal character" in message


@pytest.mark.django_db
def test_every_fault_is_reported_not_just_the_first(broken):
    edit(broken / TABLE, "accession,2002-09-11,", "accession,2002-09-31,")
    edit(broken / "acts.toml", 'participant = "Burundi"', 'participant = "Burundii"')
    edit(broken / "treaties.toml", "adoption_date = ", 'adoption_date = "someday" #')

    message = refused_load(broken)

    assert "mine-ban-participants.csv:" in message
    assert "acts.toml:" in message
    assert "treaties.toml:" in message


@pytest.mark.django_db
def test_a_broken_notification_file_stops_the_command_before_anything_is_written(tmp_path, monkeypatch):
    directory = tmp_path / "notifications"
    shutil.copytree(NOTIFICATIONS_DIR, directory)
    edit(directory / "notifications.toml", 'participant = "Lithuania"', 'participant = "Lithunia"')
    monkeypatch.setattr("notifications.management.commands.load_reference_data.NOTIFICATIONS_DIR", directory)
    before = counts()

    with pytest.raises(CommandError) as refused:
        call_command("load_reference_data", curated_only=True)

    assert "notifications.toml:" in str(refused.value)
    assert "no participant named 'Lithunia'; did you mean 'Lithuania'?" in str(refused.value)
    assert counts() == before


def test_the_shipped_files_have_no_faults():
    faults, treaty_keys = curated_checks.check_treaties(CURATED_DIR / "treaties.toml")
    faults += curated_checks.check_mine_ban_table(CURATED_DIR / TABLE)[0]
    faults += curated_checks.check_acts(CURATED_DIR / "acts.toml", treaty_keys)[0]
    faults += curated_checks.check_entry_into_force(CURATED_DIR / "entry-into-force.toml")
    faults += curated_checks.check_notifications(NOTIFICATIONS_DIR)[0]

    assert [str(fault) for fault in faults] == []


def write_table(tmp_path, *rows):
    path = tmp_path / TABLE
    path.write_text("\n".join([",".join(curated_checks.MINE_BAN_COLUMNS), *rows]) + "\n", encoding="utf-8")
    return path


def test_a_quoted_line_break_is_a_fault_on_the_line_the_row_starts():
    fields = ["Chad", "", "", "accession", "1999-05-06", "P", "", "", "", "", "", "", ""]
    header = list(curated_checks.MINE_BAN_COLUMNS)

    faults = curated_checks.check_row_shape([*fields[:-1], "first\nsecond"], header, TABLE, 7)

    assert [str(fault) for fault in faults] == [f"{TABLE}:7:13: note holds a line break: is a quote left open?"]


def test_a_quote_that_swallows_the_following_rows_is_a_fault_on_its_first_line(tmp_path):
    path = write_table(
        tmp_path,
        'Chad,,,accession,1999-05-06,P,,,,,,,"opens a quote',
        "Mali,,,accession,1998-06-02,P,,,,,,,",
        'Niger,,,accession,1999-03-23,P,,,,,,,closes it",',
    )

    faults, names = curated_checks.check_mine_ban_table(path)

    assert [str(fault) for fault in faults] == [
        f"{TABLE}:2:13: note holds a line break: is a quote left open?",
        f"{TABLE}:2: the row has 14 fields; the header has 13",
    ]
    assert names == []


def test_a_comma_outside_the_free_text_columns_is_a_fault(tmp_path):
    path = write_table(tmp_path, 'Chad,,,"accession,ratification",1999-05-06,P,,,,,,,')

    faults, _ = curated_checks.check_mine_ban_table(path)

    assert [str(fault) for fault in faults] == [f"{TABLE}:2:4: consent_kind holds a comma: is a quote misplaced?"]


def test_a_suspiciously_long_field_is_a_fault(tmp_path):
    path = write_table(tmp_path, "Chad,,,accession,1999-05-06,P,,,,,,," + "x" * 2001)

    faults, _ = curated_checks.check_mine_ban_table(path)

    assert [str(fault) for fault in faults] == [f"{TABLE}:2:13: note is 2001 characters long (at most 2000)"]


def test_consent_before_signature_is_a_fault(tmp_path):
    path = write_table(tmp_path, "Chad,1999-05-07,P,ratification,1999-05-06,P,,,,,,,")

    faults, _ = curated_checks.check_mine_ban_table(path)

    assert [str(fault) for fault in faults] == [
        f"{TABLE}:2:5: consent is dated before signature (consent_date 1999-05-06 < signature_date 1999-05-07)"
    ]


def test_the_new_participant_column_marks_the_names_a_row_creates(tmp_path):
    path = tmp_path / TABLE
    header = ",".join([*curated_checks.MINE_BAN_COLUMNS, "new_participant"])
    path.write_text(f"{header}\nNew State,,,accession,1999-05-06,P,,,,,,,,true\n", encoding="utf-8")

    faults, names = curated_checks.check_mine_ban_table(path)

    assert faults == []
    assert [(named.name, named.creates, named.where.line) for named in names] == [("New State", True, 2)]


def test_a_toml_record_fault_names_the_entry_and_the_line_of_its_key():
    text = '[[act]]\nkind = "x"\n\n[[act]]\nkind = "y"\ndate = "soon"\n'

    assert curated_checks.record_line(text, "act", 2, "date") == 6
    assert curated_checks.record_line(text, "act", 2) == 4
    assert curated_checks.record_line(text, "act", 1, "date") == 1


def test_a_notification_passage_with_an_unknown_theme_names_the_notification(tmp_path):
    shutil.copytree(NOTIFICATIONS_DIR, tmp_path / "notifications")
    edit(tmp_path / "notifications" / "notifications.toml", '"security", "aggression"', '"security", "agression"')

    faults, _ = curated_checks.check_notifications(tmp_path / "notifications")

    assert [str(fault) for fault in faults] == [
        "notifications.toml:41: [[notification]] 1: passage 1: unknown themes ['agression']"
    ]


def test_a_blank_line_is_no_row_and_the_lines_after_it_keep_their_numbers(tmp_path):
    path = write_table(tmp_path, "", "Chad,,,accession,1999-05-06,P,,,,,,,", "")

    faults, names = curated_checks.check_mine_ban_table(path)

    assert faults == []
    assert [(named.name, named.where.line) for named in names] == [("Chad", 3)]
