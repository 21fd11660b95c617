"""The admin's "Import notifications" page: upload files or paste text, correct each draft, save them all.

Two steps, plain forms, no JavaScript: "Read" turns the files and the pasted
text into drafts, each shown with every field editable, what saving it would
do, and what to check; "Save all" saves every draft ticked in one transaction,
or none. Reading and comparing go through notifications.importer, as the
management command does.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from notifications import importer
from notifications.documents import UnreadableDocument, refuse_oversize
from notifications.parser import cite
from treaties.models import ActKind
from treaties.mtdsg import REFERENCE_IN_TEXT

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that takes several files at once."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        # An empty file is refused by the importer, by name, with the others still read.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files if file]


class UploadForm(forms.Form):
    files = MultipleFileField(required=False, help_text="Notifications as .txt or .pdf files; several at once.")
    pasted = forms.CharField(
        label="Or paste a notification's text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 100}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not cleaned.get("pasted", "").strip():
            raise forms.ValidationError("Choose one or more files, or paste a notification's text.")
        return cleaned


def _text_field(label, rows, **kwargs):
    return forms.CharField(
        label=label, required=False, strip=False, widget=forms.Textarea(attrs={"rows": rows, "cols": 100}), **kwargs
    )


def _date_field(label):
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class DraftForm(forms.Form):
    """Every part of one parsed notification, as the editor may correct it."""

    include = forms.BooleanField(label="Save this notification", required=False, initial=True)
    source = forms.CharField(widget=forms.HiddenInput)
    reference = forms.CharField(max_length=100)
    treaty_key = forms.CharField(label="Treaty (MTDSG number, e.g. XXVI.5)", required=False, max_length=30)
    treaty_title = _text_field("Treaty title as printed", 2)
    adoption_place = forms.CharField(label="Place of adoption", required=False)
    adoption_date = _date_field("Date of adoption")
    participant = forms.CharField(label="Participant (any of its names)", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind of act", required=False, choices=[("", "none: a notification about the treaty"), *ActKind.choices]
    )
    heading = forms.CharField(max_length=300)
    date_effected = _date_field("Action effected on")
    date_issued = _date_field("Issued on")
    original_language = forms.CharField(required=False, max_length=50)
    effect_date = _date_field("Takes effect on (as the depositary states)")
    effect_article = forms.CharField(label="Under article", required=False, max_length=50)
    effect_conditional = forms.BooleanField(label="Subject to a condition", required=False)
    effect_quoted = _text_field("The article, as quoted", 3)
    passages = _text_field("Quoted passages (reasons)", 8, help_text="One a paragraph, a blank line between two.")
    citations = _text_field("Citations", 3, help_text="One a line: the reference, then what the footnote says of it.")
    text = _text_field("Full text", 12)
    doubts = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_citations(self):
        lines = [line.strip() for line in _one_kind_of_line_end(self.cleaned_data["citations"]).split("\n")]
        for line in filter(None, lines):
            if not REFERENCE_IN_TEXT.match(line):
                raise forms.ValidationError(f"“{line}” does not start with a reference such as C.N.381.2003.")
        return "\n".join(filter(None, lines))

    def draft(self):
        """Return the Draft the editor's values describe."""
        data = self.cleaned_data
        citations = []
        for line in data["citations"].split("\n") if data["citations"] else []:
            match = REFERENCE_IN_TEXT.match(line)
            citations.append(cite(match.group(0), line[match.end() :].strip()))
        passages = _one_kind_of_line_end(data["passages"]).strip()
        return importer.Draft(
            source=data["source"],
            reference=data["reference"],
            treaty_key=data["treaty_key"].strip(),
            treaty_title=" ".join(data["treaty_title"].split()),
            adoption_place=data["adoption_place"],
            adoption_date=data["adoption_date"],
            participant=data["participant"].strip(),
            kind=data["kind"],
            heading=data["heading"],
            date_effected=data["date_effected"],
            date_issued=data["date_issued"],
            original_language=data["original_language"],
            text=_one_kind_of_line_end(data["text"]),
            passages=[passage.strip() for passage in _BLANK_LINE.split(passages)] if passages else [],
            citations=citations,
            effect_date=data["effect_date"],
            effect_article=data["effect_article"],
            effect_conditional=data["effect_conditional"],
            effect_quoted=_one_kind_of_line_end(data["effect_quoted"]).strip(),
            doubts=[doubt for doubt in data["doubts"].split("\n") if doubt],
        )


DraftFormSet = forms.formset_factory(DraftForm, extra=0)


def initial_of(draft):
    """Return a draft's parts as the form shows them."""
    return {
        "source": draft.source,
        "reference": draft.reference,
        "treaty_key": draft.treaty_key,
        "treaty_title": draft.treaty_title,
        "adoption_place": draft.adoption_place,
        "adoption_date": draft.adoption_date,
        "participant": draft.participant,
        "kind": draft.kind,
        "heading": draft.heading,
        "date_effected": draft.date_effected,
        "date_issued": draft.date_issued,
        "original_language": draft.original_language,
        "effect_date": draft.effect_date,
        "effect_article": draft.effect_article,
        "effect_conditional": draft.effect_conditional,
        "effect_quoted": draft.effect_quoted,
        "passages": "\n\n".join(draft.passages),
        "citations": "\n".join(f"{citation.reference} {citation.context}".strip() for citation in draft.citations),
        "text": draft.text,
        "doubts": "\n".join(draft.doubts),
    }


def import_view(model_admin, request):
    """Show the upload form; read what was sent into drafts; save the drafts."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method == "POST" and "save" in request.POST:
        return _save(model_admin, request)
    if request.method == "POST":
        return _read(model_admin, request)
    return _render(model_admin, request, upload=UploadForm())


def _read(model_admin, request):
    upload = UploadForm(request.POST, request.FILES)
    if not upload.is_valid():
        return _render(model_admin, request, upload=upload)
    drafts, refused = [], []
    sources = [(file.name, file) for file in upload.cleaned_data["files"]]
    if upload.cleaned_data["pasted"].strip():
        sources.append(("pasted text", upload.cleaned_data["pasted"]))
    for name, source in sources:
        try:
            drafts.append(_draft_of(name, source))
        except importer.Refused as error:
            refused.append(f"{name}: {error}")
    formset = DraftFormSet(initial=[initial_of(draft) for draft in drafts])
    return _render(
        model_admin, request, upload=UploadForm(), formset=formset, plans=importer.plan_all(drafts), refused=refused
    )


def _draft_of(name, source):
    """Return the draft in an uploaded file (refused by its size before it is read) or in pasted text."""
    if isinstance(source, str):
        return importer.read_source(name, text=source)
    try:
        refuse_oversize(source.size)
    except UnreadableDocument as error:
        raise importer.Refused(str(error)) from error
    return importer.read_source(name, data=source.read())


def _save(model_admin, request):
    formset = DraftFormSet(request.POST)
    if not formset.is_valid():
        return _render(model_admin, request, formset=formset, plans=[None] * len(formset.forms))
    chosen = [form for form in formset.forms if form.cleaned_data["include"]]
    plans = importer.plan_all([form.draft() for form in chosen])
    problems = [f"{plan.draft.reference}: {refusal}" for plan in plans for refusal in plan.refusals]
    if not problems:
        try:
            with transaction.atomic():
                for plan in plans:
                    if plan.status != importer.UNCHANGED:
                        importer.save(plan, reason=f"{importer.CHANGE_REASON} ({plan.draft.source}) in the admin")
        except importer.Refused as error:
            problems.append(str(error))
    if problems:
        shown = {id(form): plan for form, plan in zip(chosen, plans, strict=True)}
        return _render(
            model_admin,
            request,
            formset=formset,
            plans=[shown.get(id(form)) for form in formset.forms],
            problems=problems,
        )
    saved = [plan for plan in plans if plan.status != importer.UNCHANGED]
    messages.success(
        request,
        f"Saved {len(saved)} notification(s): {', '.join(plan.draft.reference for plan in saved) or 'none'}; "
        f"{len(plans) - len(saved)} already stored as given.",
    )
    return redirect("admin:notifications_depositarynotification_changelist")


def _render(model_admin, request, *, upload=None, formset=None, plans=(), refused=(), problems=()):
    opts = model_admin.model._meta
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "title": "Import notifications",
        "upload": upload,
        "formset": formset,
        "drafts": list(zip(formset.forms, plans, strict=False)) if formset is not None else [],
        "refused": refused,
        "problems": problems,
    }
    return TemplateResponse(request, "admin/notifications/import_notifications.html", context)


def _one_kind_of_line_end(text):
    """Return text with the CRLF line ends a browser sends turned into the LF stored everywhere."""
    return text.replace("\r\n", "\n")
