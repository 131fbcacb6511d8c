"""Records for the incident tests, made through the services (SO-7)."""

from __future__ import annotations

import struct
import zlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from itaku.support_office.incidents import services
from itaku.support_office.incidents.models import Consultation, Incident

JST = ZoneInfo("Asia/Tokyo")
SECRET = "区民太郎が窓口で怒鳴った"


def png(width: int = 4, height: int = 4) -> bytes:
    """A small generated PNG (a grey square), standing in for a phone photo."""
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


PNG = png()


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=JST)


def incident(world: Any, *, department: Any = None, **kwargs: Any) -> Incident:
    values: dict[str, Any] = {
        "department": department or world.contract.department,
        "started_at": at(12, 10),
        "ended_at": at(12, 11, 30),
        "channel": Incident.Channel.IN_PERSON,
        "behaviours": ["mental", "restraining"],
        "verbatim": SECRET,
    }
    values.update(kwargs)
    return services.incident_record(
        actor=world.manager, access=world.access(world.manager), **values
    )


def consultation(world: Any, **kwargs: Any) -> Consultation:
    values: dict[str, Any] = {
        "consulted_at": at(12, 9),
        "department": world.contract.department,
        "consultant": "企画課 試験職員",
        "subject": SECRET,
        "advice_kinds": ["recording"],
    }
    values.update(kwargs)
    return services.consultation_record(
        actor=world.manager, access=world.access(world.manager), **values
    )
