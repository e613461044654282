"""The panel's agreed ratings on the page: one per supplier and criterion, the supplier matched by the names rule."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def page() -> None:
    """A settings file agreed a rating for "ACME  ltd"; the page then keeps one for the sheet's "Acme Ltd"."""
    import streamlit as st

    from scorecard.config import parse_config
    from scorecard.ui import moderation
    from tests.panel.data import config_data

    data = config_data(
        {
            "moderation": [
                {"supplier": "ACME  ltd", "criterion": "innovation", "rating": 2, "reason": "file"},
            ]
        }
    )
    moderation.seed_from(parse_config(data, "saved.yaml"))
    st.session_state["moderation.x.rating"] = 3.5
    st.session_state["moderation.x.reason"] = "agreed in the meeting"
    moderation.keep_rating("Acme Ltd", "innovation", "moderation.x")
    kept = moderation.recorded() or ()
    st.write(f"{len(kept)}|{kept[0].supplier}|{kept[0].rating:g}|{kept[0].reason}")


def reloaded_page() -> None:
    """The page kept a rating for "Acme Ltd"; then a settings file with one for "ACME  ltd" is loaded."""
    import streamlit as st

    from scorecard.config import parse_config
    from scorecard.ui import moderation
    from tests.panel.data import config_data

    st.session_state["moderation.x.rating"] = 3.5
    st.session_state["moderation.x.reason"] = "agreed in the meeting"
    moderation.keep_rating("Acme Ltd", "innovation", "moderation.x")
    data = config_data(
        {"moderation": [{"supplier": "ACME  ltd", "criterion": "innovation", "rating": 2, "reason": "file"}]}
    )
    moderation.seed_from(parse_config(data, "saved.yaml"))
    kept = moderation.recorded() or ()
    st.write(f"{len(kept)}|{kept[0].supplier}|{kept[0].rating:g}|{kept[0].reason}")


def test_a_loaded_settings_file_replaces_the_pages_rating_for_the_same_supplier_spelt_otherwise() -> None:
    app = AppTest.from_function(reloaded_page).run(timeout=60)
    assert not app.exception
    assert [m.value for m in app.markdown] == ["1|ACME  ltd|2|file"]


def test_keeping_a_rating_replaces_the_files_rating_for_the_same_supplier_spelt_otherwise() -> None:
    app = AppTest.from_function(page).run(timeout=60)
    assert not app.exception
    assert [m.value for m in app.markdown] == ["1|Acme Ltd|3.5|agreed in the meeting"]
