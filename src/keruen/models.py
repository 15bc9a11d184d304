"""Every mapped model, imported in one place so metadata (and Alembic) see all tables."""

from keruen.accounts.models import (  # noqa: F401
    Account,
    Consent,
    EventStaff,
    SignInLink,
    Throttle,
    WebSession,
)
from keruen.agendas.models import (  # noqa: F401
    Attendance,
    CalendarEntry,
    CalendarFeed,
    CheckIn,
)
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
from keruen.exhibition.models import (  # noqa: F401
    Exhibitor,
    ExhibitProduct,
    ProductInterest,
    ProductPhoto,
)
from keruen.investments.models import (  # noqa: F401
    Agreement,
    MeetingFollowUp,
    Project,
    ProjectFigure,
    ProjectOrigin,
    ProjectParty,
    ProjectStageChange,
    Site,
    SurveyInvitation,
)
from keruen.jobs.models import Job  # noqa: F401
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
