"""Bad records are refused: by the database, and with a plain message by validation."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from notifications.models import NotificationReference, QuotedPassage
from tests.builders import make_act, make_notification, make_participant, make_treaty
from treaties.models import ActKind, Participant, ParticipationAct, Strength

pytestmark = pytest.mark.django_db


@pytest.fixture
def treaty():
    return make_treaty()


@pytest.fixture
def lithuania():
    return make_participant(name="Lithuania")


def test_the_database_refuses_an_act_that_takes_effect_before_it_was_effected(treaty, lithuania):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_act(
            treaty=treaty,
            participant=lithuania,
            kind=ActKind.WITHDRAWAL,
            date=date(2025, 6, 27),
            effective_date=date(2025, 6, 26),
            effective_strength=Strength.COMPUTED,
        )
    assert not ParticipationAct.objects.exists()


def test_validation_explains_an_effect_date_before_the_date_effected(treaty, lithuania):
    act = ParticipationAct(
        treaty=treaty,
        participant=lithuania,
        kind=ActKind.WITHDRAWAL,
        date=date(2025, 6, 27),
        effective_date=date(2025, 1, 1),
        effective_strength=Strength.COMPUTED,
    )
    with pytest.raises(ValidationError) as error:
        act.full_clean()
    assert error.value.message_dict["effective_date"] == ["An act cannot take effect before the date it was effected."]


def test_the_database_refuses_the_same_act_twice(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.RATIFICATION, date=date(2003, 5, 12))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_act(treaty=treaty, participant=lithuania, kind=ActKind.RATIFICATION, date=date(2003, 5, 12))
    assert ParticipationAct.objects.count() == 1


def test_validation_names_a_duplicate_act(treaty, lithuania):
    make_act(treaty=treaty, participant=lithuania, kind=ActKind.RATIFICATION, date=date(2003, 5, 12))
    duplicate = ParticipationAct(
        treaty=treaty, participant=lithuania, kind=ActKind.RATIFICATION, date=date(2003, 5, 12), strength="P"
    )
    with pytest.raises(ValidationError, match="already exists"):
        duplicate.full_clean()


def test_an_effect_date_must_say_how_sure_it_is(treaty, lithuania):
    act = ParticipationAct(
        treaty=treaty,
        participant=lithuania,
        kind=ActKind.WITHDRAWAL,
        date=date(2025, 6, 27),
        effective_date=date(2025, 12, 27),
    )
    with pytest.raises(ValidationError) as error:
        act.full_clean()
    assert "effective_strength" in error.value.message_dict


def test_a_date_known_only_to_the_month_is_stored_as_its_first_day(treaty, lithuania):
    act = ParticipationAct(
        treaty=treaty,
        participant=lithuania,
        kind=ActKind.WITHDRAWAL_REVOCATION,
        date=date(2017, 3, 7),
        date_precision="month",
        strength="S",
    )
    with pytest.raises(ValidationError, match="first day of that month"):
        act.full_clean()
    act.date = date(2017, 3, 1)
    act.full_clean()
    assert act.date_display == "March 2017"


def test_the_database_refuses_a_second_notification_with_the_same_reference(treaty):
    make_notification(treaty=treaty)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_notification(treaty=treaty)


def test_the_database_refuses_a_notification_issued_before_the_act_was_effected(treaty):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_notification(treaty=treaty, date_effected=date(2025, 7, 3), date_issued=date(2025, 6, 27))


def test_a_notification_reads_the_parts_of_its_reference(treaty):
    notification = make_notification(treaty=treaty, reference=" C.N.362.2025.TREATIES-XXVI.5 ")

    assert notification.reference == "C.N.362.2025.TREATIES-XXVI.5"
    assert (notification.cn_number, notification.cn_year) == (362, 2025)
    assert (notification.reference_chapter, notification.reference_treaty_number) == ("XXVI", "5")


def test_validation_refuses_a_notification_filed_under_another_treaty():
    cluster = make_treaty(chapter="XXVI", number="6", slug="cluster-munitions")
    notification = make_notification(treaty=cluster)
    with pytest.raises(ValidationError) as error:
        notification.full_clean()
    assert error.value.message_dict["treaty"] == [
        "The reference names treaty XXVI.5, but this notification is filed under XXVI.6."
    ]


def test_a_quoted_passage_must_appear_word_for_word_in_its_notification(treaty):
    notification = make_notification(treaty=treaty, text="Lithuania has reconsidered its position.")
    misquoted = QuotedPassage(notification=notification, text="Lithuania reconsidered its position.")
    with pytest.raises(ValidationError, match="word for word"):
        misquoted.full_clean()
    QuotedPassage(notification=notification, text="reconsidered its position").full_clean()


def test_the_database_refuses_a_passage_with_neither_notification_nor_act():
    with pytest.raises(IntegrityError), transaction.atomic():
        QuotedPassage.objects.create(text="Orphan words.")


def test_a_citation_links_to_the_cited_notification_whenever_it_is_stored(treaty):
    withdrawal = make_notification(treaty=treaty)
    citation = NotificationReference.objects.create(source=withdrawal, reference="C.N.381.2003.TREATIES-XXVI.5")
    assert citation.target is None

    ratification = make_notification(
        treaty=treaty,
        reference="C.N.381.2003.TREATIES-XXVI.5",
        date_effected=date(2003, 5, 12),
        date_issued=date(2003, 5, 12),
    )

    citation.refresh_from_db()
    assert citation.target == ratification
    assert list(ratification.incoming_references.all()) == [citation]


def test_a_participant_gets_its_iso_code_from_the_iso_list():
    assert make_participant(name="Türkiye", slug="turkiye").iso3 == "TUR"
    assert make_participant(name="European Union", slug="european-union").iso3 == ""


def test_validation_refuses_a_code_that_is_not_iso_3166():
    participant = Participant(name="Atlantis", slug="atlantis", iso3="ATL")
    with pytest.raises(ValidationError) as error:
        participant.full_clean()
    assert error.value.message_dict["iso3"] == ["ATL is not an ISO 3166-1 alpha-3 code."]


def test_a_treaty_without_a_withdrawal_clause_cannot_have_a_notice_period():
    treaty = make_treaty(chapter="IV", number="4", slug="iccpr")
    treaty.has_withdrawal_clause = False
    treaty.withdrawal_period_count = 3
    treaty.withdrawal_period_unit = "months"
    with pytest.raises(ValidationError, match="without a withdrawal clause"):
        treaty.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        treaty.save()


def test_treaties_are_ordered_as_in_the_mtdsg():
    for chapter, number in [("XXVII", "7.d"), ("IV", "11"), ("IV", "4"), ("XXVI", "5"), ("XVIII", "10")]:
        make_treaty(chapter=chapter, number=number)
    from treaties.models import Treaty

    assert [t.key for t in Treaty.objects.all()] == ["IV.4", "IV.11", "XVIII.10", "XXVI.5", "XXVII.7.d"]


def test_the_models_and_the_date_rules_know_the_same_kinds_of_act():
    from treaties import daterules

    assert set(ActKind.values) == daterules.ACT_KINDS
