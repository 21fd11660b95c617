from django.contrib import admin

from editing.admin import EditedModelAdmin
from research.codes import CODE_NAMES
from research.models import ParticipantCodes

CODE_FIELDS = [name for code in CODE_NAMES for name in (code, f"{code}_reason")]


@admin.register(ParticipantCodes)
class ParticipantCodesAdmin(EditedModelAdmin):
    list_display = ["participant", "kind", "iso3", "m49", "cow_number", "cow_abbreviation"]
    list_filter = ["kind"]
    list_select_related = ["participant"]
    search_fields = ["participant__name", "iso3", "cow_abbreviation"]
    fields = ["participant", "kind_by_editor", "kind", *CODE_FIELDS]
    readonly_fields = ["participant", "kind", *CODE_FIELDS]

    def has_add_permission(self, request):
        return False  # every participant gets its codes when it is saved

    def save_model(self, request, obj, form, change):
        obj.refill()
        super().save_model(request, obj, form, change)
