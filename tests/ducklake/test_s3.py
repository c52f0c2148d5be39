"""DuckLake with its Parquet files on an S3-compatible store (`BUERGERNAH_DATA_PATH=s3://…`): moto's
standalone server, a real HTTP server speaking the S3 API on a loopback port, checks the signature
of every request against an IAM user's key, as MinIO or Ceph would. Migrations, the demo, an import,
a follower entry and an undo through the CLI give the same `mart` totals as on the embedded file,
the Parquet files land in the bucket (and nowhere else), and a wrong secret, bucket or endpoint is
one German sentence naming the data path."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
import requests

from analytics.store import Store, latest_schema_version
from connectors import demo
from tests.conftest import DEMO_TODAY
from tests.ducklake.conftest import PROJECT, cli_env
from tests.ducklake.test_lake_store import ALSDORF, META_POSTS, _copies_match_views

REGION = "eu-central-1"
VIEWS = ["accounts", "posts", "account_daily", "audience", "imports", "post_topics",
         "social_media_reporting__rollup_report"]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server with signature checks on: an IAM user `buergernah` whose key may do s3:*,
    and `nur-lesen`, whose key may list and read but not write."""
    from moto import settings
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request on stderr
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    before = settings.INITIAL_NO_AUTH_ACTION_COUNT
    try:
        iam = boto3.client("iam", endpoint_url=endpoint, region_name=REGION,
                           aws_access_key_id="setup", aws_secret_access_key="setup")
        keys = {}
        for user, actions in (("buergernah", "s3:*"), ("nur-lesen", ["s3:ListBucket", "s3:GetObject"])):
            iam.create_user(UserName=user)
            iam.put_user_policy(UserName=user, PolicyName="lake", PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]}))
            keys[user] = iam.create_access_key(UserName=user)["AccessKey"]
        # from here on every request must be signed with a known key (moto's default: no checks)
        requests.post(f"{endpoint}/moto-api/reset-auth", data=b"0", timeout=10).raise_for_status()
        yield {"endpoint": endpoint, "key": keys["buergernah"]["AccessKeyId"],
               "secret": keys["buergernah"]["SecretAccessKey"], "read_only": keys["nur-lesen"]}
    finally:
        settings.INITIAL_NO_AUTH_ACTION_COUNT = before
        server.stop()


def _client(s3_server: dict):
    return boto3.client("s3", endpoint_url=s3_server["endpoint"], region_name=REGION,
                        aws_access_key_id=s3_server["key"], aws_secret_access_key=s3_server["secret"])


@pytest.fixture
def s3_lake(postgres, s3_server, tmp_path, monkeypatch) -> dict:
    """A fresh DuckLake whose data path is `s3://<a new bucket>/lake/`; the variables are set."""
    url = postgres.new_database()
    bucket = url.rsplit("/", 1)[1].replace("_", "-")
    _client(s3_server).create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    s3_env = {"AWS_ENDPOINT_URL": s3_server["endpoint"], "AWS_ACCESS_KEY_ID": s3_server["key"],
              "AWS_SECRET_ACCESS_KEY": s3_server["secret"], "AWS_REGION": REGION}
    for name in ("AWS_DEFAULT_REGION", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in s3_env.items():
        monkeypatch.setenv(name, value)
    data_path = f"s3://{bucket}/lake/"
    monkeypatch.setenv("BUERGERNAH_DB", url)
    monkeypatch.setenv("BUERGERNAH_DATA_PATH", data_path)
    monkeypatch.chdir(tmp_path)  # a data path taken for a directory would show up here
    return {"url": url, "data_path": data_path, "bucket": bucket, "env": s3_env,
            "secrets": str(tmp_path / "no-secrets.toml")}


def _cli(lake: dict, *args: str, **env) -> subprocess.CompletedProcess:
    """`python -m connectors …` on `lake` (or, with `--db FILE`, on that file)."""
    env = cli_env(lake, **{**lake["env"], "BUERGERNAH_SECRETS": lake["secrets"], **env})
    return subprocess.run([sys.executable, "-m", "connectors", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=300)


def _objects(s3_lake: dict, s3_server: dict) -> list[str]:
    pages = _client(s3_server).get_paginator("list_objects_v2").paginate(Bucket=s3_lake["bucket"])
    return [item["Key"] for page in pages for item in page.get("Contents", [])]


def _totals(store: Store) -> dict:
    """Per `mart` view: its rows, the sum of every numeric column, and the imports' statuses."""
    totals = {}
    for view in VIEWS:
        frame = store.query_df(f"SELECT * FROM mart.{view}")
        totals[view] = {"rows": len(frame), **{column: round(float(frame[column].sum()), 6)
                                               for column in frame.select_dtypes("number").columns}}
    totals["status"] = store.query_df("SELECT status, count(*) AS n FROM mart.imports GROUP BY status "
                                      "ORDER BY status").to_dict("records")
    return totals


def test_the_lake_on_s3_works_like_the_embedded_file(s3_lake, s3_server, demo_db_file, tmp_path):
    # migrations and the demo, in the process (as the app does on its first start)
    with Store() as store:
        assert store.lake and store.data_path == s3_lake["data_path"]
        assert store.schema_version() == latest_schema_version()
        assert store.query_value("SELECT count(*) FROM mart.municipalities") == 10773
        migrated = _objects(s3_lake, s3_server)
        demo.load(store, today=DEMO_TODAY, out_dir=tmp_path / "demo-exports")
        accounts = set(store.query_df("SELECT account_key FROM mart.accounts")["account_key"])
    after_demo = _objects(s3_lake, s3_server)
    assert len(after_demo) > len(migrated) > 0  # reference data, then the demo's figures
    assert all(key.startswith("lake/") for key in after_demo)
    assert any(key.endswith(".parquet") for key in after_demo)
    assert not Path("s3:").exists() and not (PROJECT / "s3:").exists()  # not taken for a directory

    # an import, a follower entry and an undo through the CLI, on the lake and on the embedded demo
    embedded = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_file, embedded)
    for target in ([], ["--db", str(embedded)]):
        done = _cli(s3_lake, "import", *target, "--municipality", ALSDORF, str(META_POSTS))
        assert done.returncode == 0, done.stdout + done.stderr
    with Store() as store:
        imported = store.query_value("SELECT max(import_id) FROM mart.imports")
        (key,) = set(store.query_df("SELECT account_key FROM mart.accounts")["account_key"]) - accounts
    for target in ([], ["--db", str(embedded)]):
        done = _cli(s3_lake, "followers", *target, "--account", key, "--date", "2025-09-30", "--count", "4321")
        assert done.returncode == 0, done.stdout + done.stderr
        done = _cli(s3_lake, "undo", *target, str(imported))
        assert done.returncode == 0, done.stdout + done.stderr

    with Store() as lake, Store(embedded) as file:
        assert lake.query_value("SELECT followers FROM mart.account_daily WHERE account_key = ? "
                                "AND day = DATE '2025-09-30'", [key]) == 4321
        assert lake.query_df("SELECT import_id, format, status FROM mart.imports WHERE import_id > ? "
                             "ORDER BY import_id", [imported - 1]).values.tolist() == \
            [[imported, "meta_posts", "undone"], [imported + 1, "follower_entry", "imported"]]
        assert _totals(lake) == _totals(file)
        assert _totals(lake)["posts"]["rows"] > 0
        _copies_match_views(lake)
        # every data file the catalog knows is an object in the bucket
        tables = lake.query_df("SELECT table_name FROM information_schema.tables WHERE table_catalog = 'lake' "
                               "AND table_schema = 'core' AND table_type = 'BASE TABLE'")["table_name"]
        files = {name for table in tables for name in lake.query_df(
            f"SELECT data_file FROM ducklake_list_files('lake', '{table}', schema => 'core')")["data_file"]}
    assert files and files <= {f"s3://{s3_lake['bucket']}/{key}" for key in _objects(s3_lake, s3_server)}


@pytest.mark.parametrize("wrong, problem", [
    ({"AWS_SECRET_ACCESS_KEY": "falsch-geheim"}, "AWS_SECRET_ACCESS_KEY"),
    ({"AWS_ACCESS_KEY_ID": "AKIAUNBEKANNT"}, "AWS_ACCESS_KEY_ID"),
    ({"BUERGERNAH_DATA_PATH": "s3://gibt-es-nicht/lake/"}, "Bucket"),
], ids=["secret", "key", "bucket"])
def test_wrong_credentials_or_bucket_are_one_sentence(s3_lake, wrong, problem):
    for command in (["migrate"], ["history"]):  # on a new lake, and on one that exists
        done = _cli(s3_lake, *command, **wrong)
        assert done.returncode == 2, done.stdout + done.stderr
        message = done.stderr.strip()
        data_path = wrong.get("BUERGERNAH_DATA_PATH", s3_lake["data_path"])
        assert f"Der Datenpfad {data_path} (BUERGERNAH_DATA_PATH) ist nicht erreichbar" in message, message
        assert problem in message, message
        assert "Traceback" not in message and "\n" not in message, message
        assert s3_lake["env"]["AWS_SECRET_ACCESS_KEY"] not in message and "falsch-geheim" not in message
        if command == ["migrate"]:
            assert _cli(s3_lake, "migrate").returncode == 0  # with the right settings it works


def test_an_endpoint_that_does_not_answer_is_one_sentence(s3_lake):
    from conftest import free_port

    done = _cli(s3_lake, "migrate", AWS_ENDPOINT_URL=f"http://127.0.0.1:{free_port()}")
    assert done.returncode == 2, done.stdout + done.stderr
    message = done.stderr.strip()
    assert s3_lake["data_path"] in message and "AWS_ENDPOINT_URL" in message, message
    assert "Traceback" not in message and "\n" not in message, message


def test_a_key_that_may_not_write_is_one_sentence(s3_lake, s3_server):
    """Listing works, so the store opens; the first write (the migrations) is refused by the server."""
    key = s3_server["read_only"]
    done = _cli(s3_lake, "migrate", AWS_ACCESS_KEY_ID=key["AccessKeyId"], AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"])
    assert done.returncode == 2, done.stdout + done.stderr
    message = done.stderr.strip()
    assert s3_lake["data_path"] in message and "Zugriff verweigert" in message, message
    assert "Traceback" not in message and "\n" not in message, message


def test_the_variables_make_one_secret(monkeypatch):
    """The endpoint applies with or without a key (a public bucket), a session token goes along."""
    import duckdb

    from analytics.store import _s3_secret, extension_file

    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://minio.kreis.example:9000/")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "de-west-1")
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION"):
        monkeypatch.delenv(name, raising=False)

    def secret() -> str:
        with duckdb.connect(config={"autoload_known_extensions": False}) as conn:
            conn.execute(f"LOAD '{extension_file('httpfs')}'")
            _s3_secret(conn)
            return conn.execute("SELECT secret_string FROM duckdb_secrets()").fetchone()[0]

    unsigned = secret()
    assert "endpoint=minio.kreis.example:9000" in unsigned and "use_ssl=false" in unsigned
    assert "url_style=path" in unsigned and "region=de-west-1" in unsigned and "key_id" not in unsigned
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIAKREIS")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "geheim")
    monkeypatch.setenv("AWS_SESSION_TOKEN", "token")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "https://s3.kreis.example")
    signed = secret()
    assert "key_id=AKIAKREIS" in signed and "session_token=redacted" in signed and "use_ssl=true" in signed
    assert "geheim" not in signed
