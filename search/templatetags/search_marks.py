from django import template

from notifications.search import marked

register = template.Library()


@register.filter
def mark(value, query):
    """Return a name as HTML, the query's text in <mark> wherever the name contains it."""
    return marked(value or "", [query.strip()] if query.strip() else [])
