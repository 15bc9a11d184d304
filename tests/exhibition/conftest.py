"""The demo forum and its exhibition in a database of this module, loaded once; each test
works in a transaction rolled back at the end, with photos in a folder of its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keruen import boundary
from keruen.config import Settings
from keruen.demo.exhibition import load_exhibition
from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.models import Event, Participation
from keruen.exhibition.models import ExhibitProduct
from keruen.exhibition.storage import DiskStorage
from keruen.organizations.models import Delegate
from tests.conftest import own_database

DEMO = "turkestan-bayingol-2027"


@pytest.fixture(scope="module")
def exhibition_settings(
    tmp_path_factory: pytest.TempPathFactory, database_url: str
) -> Iterator[Settings]:
    with own_database(tmp_path_factory.mktemp("exh"), database_url, "exh") as settings:
        with boundary.unit_of_work(settings) as session:
            load_demo(session)
            load_exhibition(session, DEMO, storage=DiskStorage(settings.data_dir / "media"))
        yield settings


@pytest.fixture
def db(exhibition_settings: Settings) -> Iterator[Session]:
    engine: Engine = boundary.engine_for(exhibition_settings)
    connection = engine.connect()
    outer = connection.begin()
    session = Session(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def storage(tmp_path) -> DiskStorage:
    return DiskStorage(tmp_path / "media")


@dataclass
class Demo:
    session: Session
    event: Event

    def product(self, hs_code: str) -> ExhibitProduct:
        found = self.session.scalar(select(ExhibitProduct).where(ExhibitProduct.hs_code == hs_code))
        assert found is not None, hs_code
        return found

    def person(self, ref: str) -> Participation:
        found = self.session.scalar(
            select(Participation)
            .join(Delegate, Participation.delegate_id == Delegate.id)
            .where(Delegate.ref == ref, Participation.event_id == self.event.id)
        )
        assert found is not None, ref
        return found


@pytest.fixture
def demo(db: Session) -> Demo:
    return Demo(db, event_service.get_event(db, DEMO))
