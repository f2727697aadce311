"""The outbox key made on first use is made once, however many requests need it at once."""

import threading

from config import sync_crypto


def test_concurrent_first_use_makes_one_key(tmp_path, settings, monkeypatch):
    monkeypatch.delenv("SAFEWARD_SYNC_PRIVATE_KEYS", raising=False)
    settings.SAFEWARD_SYNC_KEY_FILE = tmp_path / "var" / "sync-key.pem"
    sync_crypto.private_keys.cache_clear()
    kids, barrier = [], threading.Barrier(8)

    def first_use():
        barrier.wait()
        kids.append(next(iter(sync_crypto.private_keys())))
        sync_crypto.private_keys.cache_clear()  # as a second process would: read the file

    try:
        threads = [threading.Thread(target=first_use) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(kids) == 8
        assert len(set(kids)) == 1
        assert [p.name for p in (tmp_path / "var").iterdir()] == ["sync-key.pem"]
    finally:
        sync_crypto.private_keys.cache_clear()
