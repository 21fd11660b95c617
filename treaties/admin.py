from django.contrib import admin

from editing.admin import EditedModelAdmin, EditFormMixin
from editing.bounded import ChosenRecordFilter, PagedTabularInline, YearRangeFilter
from editing.paging import CappedCountPaginator, IndexedSortChangeList
from treaties import daterules
from treaties.admin_search import filter_by_names
from treaties.models import DataLoad, Participant, ParticipantName, ParticipationAct, StandingSpan, Treaty


class ActInline(EditFormMixin, PagedTabularInline):
    """One page of a treaty's or a participant's acts: the other side of each act is shown, not edited."""

    model = ParticipationAct
    fields = ["kind", "date", "date_precision", "strength", "effective_date", "effective_strength", "reference"]

    def get_queryset(self, request):
        # Each row's title names its participant and treaty.
        return super().get_queryset(request).select_related("participant", "treaty")


class TreatyActInline(ActInline):
    fields = ["participant", *ActInline.fields]
    readonly_fields = ["participant"]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("participant__name", "date", "pk")


class ParticipantActInline(ActInline):
    fields = ["treaty", *ActInline.fields]
    readonly_fields = ["treaty"]

    def get_queryset(self, request):
        return super().get_queryset(request).order_by("treaty__sort_key", "date", "pk")


class ParticipantNameInline(EditFormMixin, admin.TabularInline):
    model = ParticipantName
    extra = 1


@admin.register(Treaty)
class TreatyAdmin(EditedModelAdmin):
    list_display = [
        "key",
        "short_title",
        "chapter_subject",
        "adoption_date",
        "entry_into_force",
        "has_withdrawal_clause",
    ]
    list_display_links = ["key", "short_title"]
    list_filter = ["in_force", "coverage", "has_withdrawal_clause", "chapter_subject", "strength"]
    search_fields = ["title", "short_title", "other_names", "chapter", "number", "slug"]
    prepopulated_fields = {"slug": ["short_title"]}
    date_hierarchy = "adoption_date"
    inlines = [TreatyActInline]
    fieldsets = [
        (None, {"fields": ["title", "short_title", "other_names", "slug", ("chapter", "number"), "chapter_subject"]}),
        (
            "Dates",
            {
                "fields": [
                    ("adoption_place", "adoption_date"),
                    "opened_for_signature",
                    ("in_force", "entry_into_force", "entry_into_force_strength"),
                    "entry_into_force_sources",
                    "entry_into_force_note",
                    "entry_into_force_required",
                    "depositary",
                ]
            },
        ),
        (
            "Withdrawal clause",
            {
                "fields": [
                    "has_withdrawal_clause",
                    "withdrawal_article",
                    "withdrawal_text",
                    "withdrawal_text_note",
                    ("withdrawal_period_count", "withdrawal_period_unit"),
                    "withdrawal_later_date_allowed",
                    "withdrawal_condition",
                ]
            },
        ),
        (
            "Entry into force for later participants",
            {
                "fields": [
                    "entry_into_force_article",
                    "entry_into_force_text",
                    "entry_into_force_text_note",
                    ("entry_into_force_period_count", "entry_into_force_period_unit"),
                    "entry_into_force_snap",
                    "entry_into_force_treaty_text",
                    ("entry_into_force_rule_strength", "entry_into_force_rule_sources"),
                ]
            },
        ),
        (
            "How far the participation table reaches",
            {
                "fields": ["coverage", "horizon", "horizon_note"],
                "description": "Pages asked about a later day show the standing on the horizon, and say so.",
            },
        ),
        ("Sources", {"fields": ["strength", "sources", "note"]}),
    ]

    @admin.display(description="MTDSG", ordering="sort_key")
    def key(self, treaty):
        return treaty.key


@admin.register(Participant)
class ParticipantAdmin(EditedModelAdmin):
    list_display = ["name", "iso3", "other_names_list"]
    search_fields = ["name", "other_names__name", "iso3"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ParticipantNameInline, ParticipantActInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("other_names")

    @admin.display(description="other names")
    def other_names_list(self, participant):
        return ", ".join(name.name for name in participant.other_names.all())


@admin.register(ParticipationAct)
class ParticipationActAdmin(EditedModelAdmin):
    list_display = ["participant", "treaty_key", "kind", "date", "effective_date", "strength", "reference"]
    list_filter = [
        "kind",
        "strength",
        "effective_strength",
        "date_precision",
        ("date", YearRangeFilter),
        ("treaty", ChosenRecordFilter),
        ("participant", ChosenRecordFilter),
    ]
    list_select_related = ["participant", "treaty"]
    # Only the date has an index to sort half a million acts by.
    sortable_by = ["date"]
    # Searched by names and reference (get_search_results); the names here only turn the search bar on.
    search_fields = ["participant__name", "treaty__short_title", "reference"]
    search_help_text = (
        "Each word names the participant or the treaty (any of its names, or its key: XXVI.5), "
        "or begins the notification reference (C.N.10004.2024)."
    )
    autocomplete_fields = ["treaty", "participant"]
    readonly_fields = ["computed_effect_display"]
    fieldsets = [
        (None, {"fields": ["treaty", "participant", "kind"]}),
        (
            "Date of effect under the treaty",
            {
                "fields": [
                    "computed_effect_display",
                    "date_specified",
                    "condition_state",
                    ("override_date", "override_reason"),
                ],
                "description": "The computed date follows from the treaty's article. An override "
                "is shown beside it, never instead of it, with its reason.",
            },
        ),
        (
            "Dates",
            {
                "fields": [
                    ("date", "date_precision", "strength"),
                    ("effective_date", "effective_strength"),
                    "took_effect",
                    "checked_on",
                ]
            },
        ),
        ("Sources", {"fields": [("reference", "reference_strength"), "sources", "note"]}),
    ]

    def get_queryset(self, request):
        # Each act's name (autocomplete widgets, change page) is made of its participant's and treaty's.
        return super().get_queryset(request).select_related("participant", "treaty")

    def get_search_results(self, request, queryset, search_term):
        # Substring matches over joins read every act; names are found in the small tables first.
        return filter_by_names(queryset, search_term, with_reference=True), False

    @admin.display(description="treaty", ordering="treaty__sort_key")
    def treaty_key(self, act):
        return act.treaty.key

    @admin.display(description="computed date of effect")
    def computed_effect_display(self, act):
        if act.pk is None:
            return "Computed once the act is saved."
        effect = act.computed_effect()
        if effect is None:
            return "None: only withdrawals and consents dated to the day have one."
        when = daterules.spell_date(effect.date) if effect.date else "no date"
        return f"{when} — {effect.article or 'article not recorded'}. {effect.explanation}"


@admin.register(StandingSpan)
class StandingSpanAdmin(admin.ModelAdmin):
    """Read-only: the standing computed from the acts, for an editor to check an edit's effect."""

    list_display = ["participant", "treaty", "standing", "start", "end", "in_force_unknown", "strength", "horizon"]
    list_filter = ["standing", "in_force_unknown", "strength"]
    list_select_related = ["participant", "treaty"]
    search_fields = ["participant__name", "treaty__short_title", "treaty__title"]
    search_help_text = "Each word names the participant or the treaty (any of its names, or its key: XXVI.5)."
    show_full_result_count = False
    paginator = CappedCountPaginator
    # The spans' order (treaty, participant, start) has an index; no other column has one.
    sortable_by = []

    def get_changelist(self, request, **kwargs):
        return IndexedSortChangeList

    def get_search_results(self, request, queryset, search_term):
        return filter_by_names(queryset, search_term, with_reference=False), False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DataLoad)
class DataLoadAdmin(admin.ModelAdmin):
    """Read-only: which shipped data sets were loaded, and when."""

    list_display = ["name", "digest", "loaded_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
