"""Row ids."""
import time
import uuid

from models.base import new_id


def test_new_ids_are_plain_time_ordered_uuids():
    """Row ids are UUIDv7 (milliseconds first), so new rows append to the primary-key B-trees."""
    first = new_id()
    time.sleep(0.002)
    later = [new_id() for _ in range(100)]
    assert type(first) is uuid.UUID and first.version == 7
    assert all(first < u for u in later) and len(set(later)) == 100
