"""The write side of timeline: vocabulary, partial dates, and the Actor, Topic and Record aggregates.

Pure domain code: it imports nothing from the `timeline` application, the CLI or the read model.
"""

from events.actors import Actor, actor_id
from events.dates import PartialDate, Precision
from events.records import CORRECTABLE, EVENT_OF_KIND, KIND_OF_EVENT, Record, record_uuid
from events.text import normalise, slugify
from events.topics import Topic, topic_id
from events.vocabulary import ActorKind, Kind, Stance, change_grade

__all__ = [
    "CORRECTABLE", "EVENT_OF_KIND", "KIND_OF_EVENT", "Actor", "ActorKind", "Kind", "PartialDate",
    "Precision", "Record", "Stance", "Topic", "actor_id", "change_grade", "normalise", "record_uuid",
    "slugify", "topic_id",
]
