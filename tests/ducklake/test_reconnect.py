"""A lost catalog connection (PostgreSQL restarted, an idle connection cut by a firewall) is opened
again (the postgres extension's pool replaces a broken connection): reads and writes go on."""

from __future__ import annotations

from datetime import date

from analytics.store import Store
from connectors.base import ImportContext, SourceFile
from connectors.loader import import_file
from tests.ducklake.test_lake_store import META_POSTS


def cut_connections(postgres, url: str) -> int:
    database = url.rsplit("/", 1)[1]
    return int(postgres.psql(f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                             f"WHERE datname = '{database}' AND pid <> pg_backend_pid()"))


def test_reads_and_writes_go_on_after_the_connection_was_cut(postgres, lake):
    with Store(lake["url"]) as store:
        import_file(store, SourceFile(META_POSTS.name, META_POSTS.read_bytes(), date(2025, 10, 2)),
                    ImportContext(municipality="05334004"))
        posts = store.query_value("SELECT count(*) FROM mart.posts")
        assert posts > 0
        assert cut_connections(postgres, lake["url"]) >= 1
        assert store.query_value("SELECT count(*) FROM mart.posts") == posts  # read again on a new connection
        assert cut_connections(postgres, lake["url"]) >= 1
        store.write(lambda cur: cur.execute("INSERT INTO core.settings VALUES ('a', 'b')"))
        assert store.get_setting("a") == "b"
