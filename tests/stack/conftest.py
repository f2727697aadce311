"""A production-like stack on loopback: two gunicorn processes with production settings on
one PostgreSQL database, one Redis database and one S3-compatible bucket (moto's server).

Everything is made fresh for the module and removed afterwards: a database named
``safeward_stack_<random>``, Redis database 14 (flushed), a bucket in a moto server.
"""

import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import redis
import requests
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.browser.server import free_port

ROOT = Path(__file__).resolve().parents[2]
PG = os.environ.get("SAFEWARD_STACK_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("SAFEWARD_STACK_REDIS", "redis://127.0.0.1:6379/14")
BIN = Path(sys.executable).parent


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.stack)


def wait_for(url: str, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            requests.get(url, timeout=10, allow_redirects=False)
            return
        except (requests.ConnectionError, requests.Timeout):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@dataclass
class Stack:
    env: dict
    urls: list[str]
    bucket: str
    s3_url: str
    database_url: str

    def manage(self, *args: str, settings: str = "config.settings.production") -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, "DJANGO_SETTINGS_MODULE": settings},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def sql(self, query: str, *params):
        with psycopg.connect(self.database_url) as conn:
            return conn.execute(query, params).fetchall()


@pytest.fixture(scope="module")
def stack():
    name = f"safeward_stack_{secrets.token_hex(4)}"
    skip_hint = "(PYTEST_ARGS='-m \"not stack\"' leaves these tests out)"
    try:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        pytest.fail(f"The stack test needs PostgreSQL at {PG} {skip_hint}: {error}")
    cache = redis.Redis.from_url(REDIS_URL)
    try:
        cache.flushdb()
    except redis.ConnectionError as error:
        pytest.fail(f"The stack test needs Redis at {REDIS_URL} {skip_hint}: {error}")
    work = Path(tempfile.mkdtemp(prefix="safeward-stack-"))
    processes = []
    try:
        s3_port = free_port()
        s3_url = f"http://127.0.0.1:{s3_port}"
        processes.append(
            subprocess.Popen(
                [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(s3_url)
        import boto3

        bucket = "safeward-media"
        boto3.client(
            "s3",
            endpoint_url=s3_url,
            aws_access_key_id="stack",
            aws_secret_access_key="stack",  # noqa: S106
            region_name="us-east-1",
        ).create_bucket(Bucket=bucket)

        private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        database_url = f"{PG}/{name}"
        env = {
            **os.environ,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS_URL,
            "SAFEWARD_HTTPS": "false",
            "SAFEWARD_SYNC_PRIVATE_KEYS": private_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ).decode(),
            "SAFEWARD_FIELD_KEYS": Fernet.generate_key().decode(),
            "SAFEWARD_S3_BUCKET": bucket,
            "SAFEWARD_S3_ENDPOINT_URL": s3_url,
            "SAFEWARD_S3_REGION": "us-east-1",
            "SAFEWARD_S3_ACCESS_KEY": "stack",
            "SAFEWARD_S3_SECRET_KEY": "stack",
            "SAFEWARD_MEDIA_ORIGIN": s3_url,
            "STATIC_ROOT": str(work / "static"),
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        urls = []
        stack = Stack(env=env, urls=urls, bucket=bucket, s3_url=s3_url, database_url=database_url)
        stack.manage("collectstatic", "--noinput", "-v", "0")
        stack.manage("migrate", "--noinput", "-v", "0")
        stack.manage("load_demo", settings="tests.stack.settings")
        for _ in range(2):
            port = free_port()
            processes.append(
                subprocess.Popen(
                    [
                        str(BIN / "gunicorn"),
                        "config.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--no-control-socket",
                        "--env",
                        "DJANGO_SETTINGS_MODULE=config.settings.production",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=open(work / f"gunicorn-{port}.log", "w"),  # noqa: SIM115
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_for(url + "/")
        yield stack
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        cache.flushdb()
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
