"""Unit tests on ``core``: any numpy warning (overflow, invalid value) is a failure."""

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.filterwarnings("error"))


@pytest.fixture(params=["en", "zh"])
def lang(request) -> str:
    return request.param


# ----------------------------------------------------------------- the class store's databases


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for this worker (xdist runs one per worker), in a folder
    of its own under /tmp, on a free port; stopped and deleted at the end. A machine
    without PostgreSQL fails here with the command that installs it (never a skip)."""
    from tests.pg_server import running_server

    yield from running_server()


class EmptyStore:
    """An empty database for the class store: ``engine()`` opens a new engine on it (each
    engine stands for one replica of the app)."""

    def __init__(self, url: str, connect_args: dict):
        self.url, self.connect_args = url, connect_args
        self.engines = []

    def engine(self):
        from sqlalchemy import create_engine

        engine = create_engine(self.url, connect_args=self.connect_args)
        self.engines.append(engine)
        return engine

    def dispose(self):
        for engine in self.engines:
            engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_store(request, tmp_path):
    """An empty class store: a SQLite file, or a schema of its own on the worker's
    PostgreSQL server (so tests never see each other's classes or server-wide counters)."""
    import uuid

    from sqlalchemy import create_engine, text

    if request.param == "sqlite":
        store = EmptyStore(f"sqlite:///{tmp_path / 'class.sqlite3'}", {})
        yield store
        store.dispose()
        return
    server = request.getfixturevalue("postgres_server")
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    store = EmptyStore(server.url, {"options": f"-csearch_path={name}"})
    yield store
    store.dispose()
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()


@pytest.fixture
def store_engine(empty_store):
    """An engine on a class store whose schema is in place."""
    from core.classroom.schema import ensure_schema

    engine = empty_store.engine()
    ensure_schema(engine)
    return engine


@pytest.fixture
def clock(monkeypatch):
    """The class store's clock, frozen at a window's start; ``clock.move(seconds)`` moves it."""
    from core.classroom import limits

    class Clock:
        at = 1_800_000_000.0 - 1_800_000_000.0 % 3600

        def move(self, seconds: float) -> None:
            self.at += seconds

    frozen = Clock()
    monkeypatch.setattr(limits, "now", lambda: frozen.at)
    return frozen
