"""Puts the dashboard into the main window: the full page for team leads and
admins, "My figures" (their own row only) for a seat operator."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from .widget import DashboardWidget

LEAD_ROLES = ("team_lead", "admin")


def attach_dashboard(window, services, bridge=None) -> DashboardWidget | None:
    """Add the dashboard page to `window` (anything with add_page and show_queue) for the
    account of `services` (ui.services.Services); clicks open the queue filtered to the
    clicked figure. Stops refreshing before the application quits, so no snapshot is
    running when the profile closes."""
    actor = services.actor
    if actor.role not in LEAD_ROLES + ("operator",):
        return None
    widget = DashboardWidget(services.monitor, services.reports, window.show_queue,
                             bridge=bridge if bridge is not None else getattr(window, "bridge", None))
    widget.setObjectName("dashboardPage")
    title = (QCoreApplication.translate("DashboardWidget", "Dashboard") if actor.role in LEAD_ROLES
             else QCoreApplication.translate("DashboardWidget", "My figures"))
    window.add_page(widget, title, wide=True)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(widget.stop)
    if actor.role in LEAD_ROLES:
        attach_assessment_pages(window, services)
    return widget


def attach_assessment_pages(window, services) -> list:
    """Add the team lead's efficiency, instructions and early-warning pages (each reads its
    figures when first shown); their figures open the queue on the cases behind them."""
    from .efficiency_page import EfficiencyPage
    from .instructions_page import InstructionsPage
    from .warnings_page import WarningsPage
    pages = [(EfficiencyPage, QCoreApplication.translate("DashboardWidget", "Efficiency")),
             (InstructionsPage, QCoreApplication.translate("DashboardWidget", "Instructions")),
             (WarningsPage, QCoreApplication.translate("DashboardWidget", "Early warning"))]
    made = []
    app = QApplication.instance()
    for cls, title in pages:
        page = cls(services, window.show_queue)
        window.add_page(page, title, wide=True)
        if app is not None:
            app.aboutToQuit.connect(page.stop)
        made.append(page)
    return made
