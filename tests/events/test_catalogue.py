"""The participants' catalogue (directory rows narrowed by a search text in any script and a
language) and an organization's public profile (no person's contact in it)."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from keruen.core.errors import NotFound
from keruen.demo.loader import load_demo
from keruen.events import directory
from keruen.events.directory import DirectoryFilter

pytestmark = pytest.mark.integration


def test_search_text_in_any_script_and_language(session: Session) -> None:
    slug = load_demo(session).event_slug
    everyone = directory.catalogue(session, DirectoryFilter(event=slug), "en")
    by_latin = directory.catalogue(session, DirectoryFilter(event=slug), "en", text="Korla")
    by_hanzi = directory.catalogue(session, DirectoryFilter(event=slug), "en", text="库尔勒")
    assert by_latin and by_hanzi and len(by_latin) < len(everyone)
    assert {r.ref for r in by_hanzi} & {r.ref for r in by_latin}
    chinese = directory.catalogue(session, DirectoryFilter(event=slug), "en", language="zh")
    assert chinese and len(chinese) < len(everyone)
    narrowed = directory.catalogue(
        session, DirectoryFilter(event=slug, side="KZ"), "en", language="zh"
    )
    assert all(r.side == "KZ" for r in narrowed)
    assert not directory.catalogue(session, DirectoryFilter(event=slug), "en", text="zzzqqq")


def test_public_profile_has_representatives_and_no_contacts(session: Session) -> None:
    slug = load_demo(session).event_slug
    from keruen.events import service as event_service

    event = event_service.get_event(session, slug)
    card = directory.public_profile(session, event.id, "cn-spinning-korla", "ru")
    assert card.key == "cn-spinning-korla" and card.side == "CN"
    assert card.hs_needs == ["520100"]
    assert len(card.representatives) == 2
    assert "@" not in repr(card) and "+86" not in repr(card)
    by_id = directory.public_profile(session, event.id, str(card.id), "ru")
    assert by_id.key == card.key
    for key in ("no-such-org", "0", "9" * 30):
        with pytest.raises(NotFound):
            directory.public_profile(session, event.id, key, "ru")
