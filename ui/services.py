"""What the window's widgets are given: the profile's services and reference data,
built once. Widgets never hold the `Database` handle, open sessions or build a
sync store themselves: each thing they read or write has a method or a service here."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from console import early_warning, efficiency, figure_cases, refdata
from console.calls import CallService
from console.case_attachments import AttachmentService
from console.cases import CaseService
from console.drafts import DraftService
from console.dto import Actor
from console.intake import IntakeService
from console.knowledge import KnowledgeService
from console.monitor import MonitorService
from console.operator_settings import OperatorSettings, load_settings, save_settings
from console.profile import Profile
from console.queue import QueueService
from console.refdata import DepartmentView
from console.report import instructions
from console.routing import Routing, Suggestion, route
from console.station_kind import default_channel
from models.db import Database

from .queue_model import RefNames
from .report.export import MonthlyReports


@dataclass
class Services:
    actor: Actor
    queue: QueueService
    drafts: DraftService
    cases: CaseService
    intake: IntakeService
    knowledge: KnowledgeService
    monitor: MonitorService
    reports: MonthlyReports
    names: RefNames
    categories: list
    districts: list
    departments: list
    calls: CallService
    default_channel: str  # the channel a new call starts with at this PC (console/station_kind.py)
    _db: Database = field(repr=False)
    attachments: AttachmentService | None = None  # a case's files (console/case_attachments.py)

    def load_settings(self) -> OperatorSettings:
        """The signed-in operator's window settings."""
        return load_settings(self._db, self.actor.login)

    def save_settings(self, settings: OperatorSettings) -> None:
        save_settings(self._db, self.actor.login, settings)

    def suggest_departments(self, category_code: str | None, district: str | None) -> list[Suggestion]:
        """The first suggested units for the category in the district, each with its why (console.refdata)."""
        return refdata.suggest_departments(self._db, category_code, district)

    def route(self, category_code: str | None, district: str | None, address: str = "") -> Routing:
        """The ranked lead and assisting units for a case (console.routing over the profile's units)."""
        return route(self.departments, category_code, district, address)

    def unit(self, code: str | None) -> DepartmentView | None:
        """A unit of the reference data by code (its 24-hour contact, its level)."""
        return next((u for u in self.departments if u.code == code), None) if code else None

    def operator_names(self) -> dict[str, str]:
        """login -> name of the profile's operators (for the timeline's sentences)."""
        return {o.login: o.name for o in refdata.operators(self._db) if o.name}

    # -- the team lead's assessment pages (ui/dashboard/*_page.py); each read opens its own session,
    # so these run on a worker thread
    def efficiency(self, month: str, by: str, now: datetime, level: str | None = None) -> list[efficiency.Assessment]:
        """Every unit's (by="department"; of one level if given) or district's month, ranked
        (console.efficiency.assess)."""
        return efficiency.assess(self._db, month, by, now=now, level=level)

    def efficiency_weights(self) -> dict[str, efficiency.Weight]:
        return efficiency.load_weights()

    def efficiency_cases(self, month: str, by: str, key: str, indicator: str, part: str, now: datetime) -> list[str]:
        """The numbers of the cases behind one efficiency figure (console.figure_cases)."""
        return figure_cases.efficiency_cases(self._db, month, by, key, indicator, part, now)

    def instructions(self, month: str, now: datetime) -> instructions.InstructionsReport:
        """Leaders' instructions of the month per level and unit, the overdue ones listed."""
        return instructions.build(self._db, month, now)

    def instruction_cases(self, month: str, kind: str, key: str, column: str, now: datetime) -> list[str]:
        return instructions.cases(self._db, month, kind, key, column, now)

    def warnings(self, first: date, last: date) -> tuple[list[early_warning.Alert], list[early_warning.Hotspot]]:
        """The early-warning alerts of the days first..last and the hotspots of the days up to last."""
        return early_warning.alerts(self._db, first, last), early_warning.hotspots(self._db, last)

    def alert_cases(self, alert: early_warning.Alert) -> list[str]:
        return figure_cases.alert_cases(self._db, alert)

    def local_sync_counts(self) -> tuple[int, int, int]:
        """(pending, rejected, unresolved conflicts) of this profile's sync outbox."""
        from sync.store import LocalSyncStore
        return LocalSyncStore(self._db).counts()


def build_services(profile: Profile, actor: Actor) -> Services:
    db = profile.db
    cats, dists, depts = refdata.categories(db), refdata.districts(db), refdata.departments(db)
    names = RefNames({c.code: c.name for c in cats}, {d.code: d.name for d in dists}, {d.code: d.name for d in depts})
    return Services(actor, QueueService(db, actor.operator_id, clock=lambda: profile.cases.clock()),
                    DraftService(db), profile.cases, profile.intake, KnowledgeService(db), MonitorService(db, actor),
                    MonthlyReports(db, actor.login), names, cats, dists, depts, CallService(db, actor.login),
                    default_channel(db), db, attachments=AttachmentService(db, profile.cases))
