"""`manage.py generate_synthetic` writes a seeded, marked, consistent data set, and real data stays apart from it."""

from collections import Counter, defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from notifications import importer, synthetic
from notifications.models import DepositaryNotification, NotificationReference, QuotedPassage
from notifications.synthetic_data import FIRST_CN_NUMBER, FirstIds, Plan, Sizes
from notifications.synthetic_text import MAX_TEXT_BYTES
from tests.builders import make_participant, make_treaty
from treaties import daterules
from treaties.models import Participant, ParticipationAct, RevokedWithdrawal, StandingSpan, Treaty, TreatyCount
from treaties.participation import count_steps, counts_on

pytestmark = pytest.mark.django_db

REAL_NOTIFICATION = Path(__file__).resolve().parent.parent / "notifications/data/CN.362.2025.TREATIES-XXVI.5.txt"
SMALL = 120
# A notification's text: 2 KB at least, 10 KB at most.
MIN_TEXT_BYTES = 2_048


def generate(notifications=SMALL, seed=7, **options):
    out = StringIO()
    call_command("generate_synthetic", notifications=notifications, seed=seed, stdout=out, **options)
    return out.getvalue()


def snapshot():
    """Return every row the command writes, field by field, ids included (search documents aside)."""
    return {
        model.__name__: list(model.objects.order_by("pk").values(*fields))
        for model, fields in [
            (Treaty, [field.attname for field in Treaty._meta.concrete_fields]),
            (Participant, [field.attname for field in Participant._meta.concrete_fields]),
            (ParticipationAct, [field.attname for field in ParticipationAct._meta.concrete_fields]),
            (DepositaryNotification, ["pk", "reference", "treaty_id", "participant_id", "kind", "text"]),
            (QuotedPassage, ["pk", "notification_id", "order", "text"]),
            (NotificationReference, ["pk", "source_id", "reference", "target_id", "context"]),
            (StandingSpan, ["treaty_id", "participant_id", "standing", "start", "end"]),
        ]
    }


def table_sizes():
    models = [Treaty, Participant, ParticipationAct, DepositaryNotification, QuotedPassage, StandingSpan, TreatyCount]
    return {model.__name__: model.objects.count() for model in models}


# --- Determinism and size ------------------------------------------------------------------------


def test_the_same_seed_and_size_write_the_same_rows_and_another_seed_others():
    generate(seed=7)
    first = snapshot()

    generate(seed=7, replace=True)
    again = snapshot()
    generate(seed=8, replace=True)

    assert again == first
    assert snapshot()["DepositaryNotification"] != first["DepositaryNotification"]


def test_it_writes_the_notifications_asked_for_with_five_acts_each_and_says_so():
    output = generate()

    assert DepositaryNotification.objects.count() == SMALL
    assert 4.5 * SMALL <= ParticipationAct.objects.count() <= 5 * SMALL
    assert f"{SMALL:,} notifications" in output
    assert "total" in output and " s." in output


def test_each_text_is_2_to_10_kb_and_quotes_its_passages_and_cites_earlier_notifications():
    generate()

    notifications = {row.pk: row for row in DepositaryNotification.objects.all()}
    sizes = [len(notification.text.encode()) for notification in notifications.values()]
    assert MIN_TEXT_BYTES <= min(sizes) and max(sizes) <= MAX_TEXT_BYTES
    passages = list(QuotedPassage.objects.all())
    assert len({passage.notification_id for passage in passages}) >= SMALL * 0.3
    assert all(f"“{passage.text}”" in notifications[passage.notification_id].text for passage in passages)
    citations = list(NotificationReference.objects.all())
    assert len({citation.source_id for citation in citations}) >= SMALL * 0.3
    for citation in citations:
        cited = notifications[citation.target_id]
        assert citation.reference == cited.reference and citation.reference in notifications[citation.source_id].text
        assert cited.date_issued <= notifications[citation.source_id].date_issued


def test_at_a_million_notifications_the_proportions_are_the_planned_ones():
    sizes = Sizes.for_notifications(1_000_000)

    assert (sizes.treaties, sizes.participants, sizes.acts) == (4_000, 250, 5_000_000)


def test_some_treaties_have_200_participants_and_some_participants_most_treaties():
    plan = Plan(5_000, seed=1)  # 20 treaties, 250 participants; rows are planned, not written
    chunks = list(plan.chunks())
    pairs = {(act["treaty_id"], act["participant_id"]) for chunk in chunks for act in chunk.acts}

    per_treaty = Counter(treaty for treaty, _ in pairs)
    per_participant = Counter(participant for _, participant in pairs)
    assert max(per_treaty.values()) >= 200
    assert min(per_treaty.values()) < 100
    assert max(per_participant.values()) >= 0.75 * len(plan.treaties)


# --- Marked, and kept apart from real data -------------------------------------------------------


def test_every_record_is_marked_synthetic_with_references_and_slugs_no_real_record_uses():
    generate()

    for model in [Treaty, Participant, ParticipationAct, DepositaryNotification]:
        assert not model.objects.filter(synthetic=False).exists(), model.__name__
    assert not Treaty.objects.exclude(slug__startswith="synthetic-").exists()
    assert not Participant.objects.exclude(slug__startswith="synthetic-").exists()
    assert not ParticipationAct.objects.exclude(origin="synthetic").exists()
    assert not DepositaryNotification.objects.filter(cn_number__lt=FIRST_CN_NUMBER).exists()


def test_a_database_holding_real_data_is_refused_and_nothing_written():
    make_treaty()

    with pytest.raises(CommandError, match="holds real data .1 treaties.*--allow-real-data"):
        generate()

    assert not Treaty.objects.filter(synthetic=True).exists()
    assert DepositaryNotification.objects.count() == 0


def test_real_data_is_left_as_it_was_when_synthetic_data_is_allowed_beside_it():
    real = make_treaty()

    generate(allow_real_data=True)

    assert Treaty.objects.filter(synthetic=False).get() == real
    assert not real.acts.exists() and not real.spans.exists()
    assert DepositaryNotification.objects.count() == SMALL


def test_a_second_run_is_refused_unless_told_to_replace_the_first():
    generate()
    before = table_sizes()

    with pytest.raises(CommandError, match="already holds synthetic records: pass --replace"):
        generate(seed=8)

    assert table_sizes() == before


@pytest.mark.parametrize(
    "command, arguments",
    [
        ("load_reference_data", []),
        ("import_untc", []),
        ("import_notification", [str(REAL_NOTIFICATION)]),
    ],
)
def test_the_real_data_loaders_refuse_a_database_holding_synthetic_records(command, arguments):
    generate()
    before = snapshot()

    with pytest.raises(CommandError, match=f"{command} refused: this database holds synthetic records"):
        call_command(command, *arguments, stdout=StringIO(), stderr=StringIO())

    assert snapshot() == before


def test_an_imported_notification_is_refused_when_its_treaty_is_synthetic():
    make_treaty(synthetic=True)  # the Mine Ban Convention's key, XXVI.5, on a synthetic record
    make_participant(name="Lithuania")
    draft = importer.read_source(REAL_NOTIFICATION.name, data=REAL_NOTIFICATION.read_bytes())

    plan = importer.plan_all([draft])[0]

    assert plan.status == importer.REFUSED
    assert "XXVI.5 Mine Ban Convention is a synthetic record (made by generate_synthetic)" in plan.refusals[0]
    assert not DepositaryNotification.objects.exists() and not ParticipationAct.objects.exists()


# --- Derived data follows the rules --------------------------------------------------------------


def test_the_stored_standing_and_counts_of_a_synthetic_treaty_are_the_rules_own():
    generate(notifications=400)
    treaty = max(Treaty.objects.all(), key=lambda treaty: treaty.acts.count())
    by_participant = defaultdict(list)
    for act in treaty.acts.order_by("date", "pk"):
        by_participant[act.participant_id].append(daterules.Act(act.kind, act.date))

    for participant_id, acts in by_participant.items():
        stored = treaty.spans.filter(participant_id=participant_id).order_by("start")
        expected = daterules.standing_spans(acts, **treaty.rules())
        assert [(span.standing, span.start, span.end) for span in stored] == [
            (span.standing, span.start, span.end) for span in expected
        ]
    steps = count_steps(treaty)
    days = sorted({act.date for acts in by_participant.values() for act in acts})[::7]
    for day in days:
        assert counts_on(steps, day)[0] == daterules.counts_on(by_participant, day, **treaty.rules())
    assert len(by_participant) >= 10 and len(days) >= 10


# --- Pages over synthetic data -------------------------------------------------------------------


def test_the_pages_answer_over_synthetic_data(client):
    generate()
    treaty = Treaty.objects.order_by("pk").first()
    participant = Participant.objects.order_by("pk").first()
    notification = DepositaryNotification.objects.order_by("pk").first()
    word = notification.text.split()[-4]

    for url in [
        "/",
        "/treaties/",
        f"/treaties/{treaty.slug}/",
        "/participants/",
        f"/participants/{participant.slug}/",
        "/notifications/",
        f"/notifications/?q={word}",
        f"/notifications/{notification.reference}/",
        "/notifications/feed/",
        "/withdrawals/pending/",
        "/reasons/",
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.postgres
def test_every_synthetic_notification_is_found_by_the_search():
    generate()
    notification = DepositaryNotification.objects.order_by("pk")[5]
    rare_word = notification.text.split("The communication also refers to ")[1].split()[0].rstrip(".")

    assert not DepositaryNotification.objects.filter(search_vector__isnull=True).exists()
    assert notification in DepositaryNotification.objects.search(rare_word)


# --- Deriving in two processes -------------------------------------------------------------------


def derived_facts():
    """Return what a load derives from its rows: spans, counts, revoked withdrawals and search documents."""

    def without_ids(model):
        return [field.attname for field in model._meta.concrete_fields if field.attname != "id"]

    return {
        "spans": list(
            StandingSpan.objects.order_by("treaty", "participant", "start").values_list(*without_ids(StandingSpan))
        ),
        "counts": list(TreatyCount.objects.order_by("treaty", "start").values_list(*without_ids(TreatyCount))),
        "revoked": list(RevokedWithdrawal.objects.order_by("notice").values_list("notice", "revocation", "revoked_on")),
        "search": list(DepositaryNotification.objects.order_by("pk").values_list("pk", "search_vector")),
        "passages": list(QuotedPassage.objects.order_by("pk").values_list("pk", "search_vector")),
    }


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_two_processes_derive_what_one_process_derives():
    output = generate(notifications=300)
    in_two = derived_facts()

    # The same batches again, in this process.
    plan = Plan(300, 7, first_ids=FirstIds(), taken_names=set())
    for _ in plan.chunks():
        pass
    for task in synthetic.derivation_tasks(plan):
        synthetic.derive(task)

    assert f"standing and search ({synthetic.WORKERS} processes)" in output
    assert derived_facts() == in_two
    assert in_two["spans"] and in_two["counts"] and all(vector for _, vector in in_two["search"])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_batch_that_fails_in_a_worker_leaves_no_synthetic_record(monkeypatch):
    def fail_on_search(task):
        if task[0] == "search":
            raise RuntimeError("the server went away")
        return "done"

    monkeypatch.setattr(synthetic, "derive", fail_on_search)

    with pytest.raises(RuntimeError, match="the server went away"):
        generate(notifications=100)

    assert table_sizes() == dict.fromkeys(table_sizes(), 0)
