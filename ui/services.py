"""What the window's widgets are given: the profile's services and reference data,
built once (widgets never open sessions themselves)."""
from __future__ import annotations

from dataclasses import dataclass

from console import refdata
from console.drafts import DraftService
from console.dto import Actor
from console.profile import Profile
from console.queue import QueueService

from .queue_model import RefNames


@dataclass
class Services:
    profile: Profile
    actor: Actor
    queue: QueueService
    drafts: DraftService
    names: RefNames
    categories: list
    districts: list
    departments: list

    @property
    def cases(self):
        return self.profile.cases

    @property
    def intake(self):
        return self.profile.intake

    @property
    def db(self):
        return self.profile.db


def build_services(profile: Profile, actor: Actor) -> Services:
    cats, dists, depts = refdata.categories(profile.db), refdata.districts(profile.db), refdata.departments(profile.db)
    names = RefNames({c.code: c.name for c in cats}, {d.code: d.name for d in dists}, {d.code: d.name for d in depts})
    return Services(profile, actor, QueueService(profile.db, actor.operator_id, clock=lambda: profile.cases.clock()),
                    DraftService(profile.db), names, cats, dists, depts)
