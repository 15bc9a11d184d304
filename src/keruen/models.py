"""Every mapped model, imported in one place so metadata (and Alembic) see all tables."""

from keruen.events.models import (  # noqa: F401
    Event,
    EventSession,
    EventSide,
    Hall,
    MeetingTable,
    Participation,
    SessionPause,
    Unavailability,
)
from keruen.meetings.models import (  # noqa: F401
    EventMeetingRules,
    MatchRule,
    MeetingRequest,
    Schedule,
    ScheduledMeeting,
    ScheduledSeat,
)
from keruen.organizations.models import (  # noqa: F401
    CooperationProfile,
    Delegate,
    Organization,
    OrganizationActivity,
    OrganizationProduct,
)
from keruen.reference.models import Region  # noqa: F401
