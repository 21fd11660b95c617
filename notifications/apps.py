from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"

    def ready(self):
        # The treaty and participant pages show reservations without treaties importing this app.
        from notifications.page_sections import participant_section, treaty_section
        from treaties import sections

        sections.TREATY_PAGE.append(sections.Section("notifications/_reservations_section.html", treaty_section))
        sections.PARTICIPANT_PAGE.append(
            sections.Section("notifications/_reservations_section.html", participant_section)
        )
