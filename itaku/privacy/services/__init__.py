"""Privacy services called by every app: the My Number guard, the blind name index, encrypted
attachments and export requests."""

from itaku.privacy.services.guards import MY_NUMBER_MESSAGE, my_number_refuse
from itaku.privacy.services.names import name_index_clear, name_index_set, name_search

__all__ = [
    "MY_NUMBER_MESSAGE",
    "my_number_refuse",
    "name_index_clear",
    "name_index_set",
    "name_search",
]
