"""Back and forward through reading positions, as a browser does, capped at 100 entries."""

from __future__ import annotations

from lupus_reader.history import MAX_ENTRIES, History, Location

A, B, C, D = (Location(f"p/ch/{name}", 0.0) for name in "abcd")


def test_new_history_can_go_nowhere():
    history = History()

    assert not history.can_go_back() and not history.can_go_forward()
    assert history.go_back(A) is None
    assert history.go_forward(A) is None
    assert history.back == [] and history.forward == []


def test_back_and_forward_retrace_the_visits():
    history = History()
    history.visit(A)  # leaving A for B
    history.visit(B)  # leaving B for C

    assert history.go_back(C) == B
    assert history.go_back(B) == A
    assert not history.can_go_back()
    assert history.go_forward(A) == B
    assert history.go_forward(B) == C
    assert not history.can_go_forward()
    assert history.back == [A, B]


def test_visiting_somewhere_new_clears_forward():
    history = History()
    history.visit(A)
    history.visit(B)
    history.go_back(C)  # now at B, C is ahead

    assert history.can_go_forward()
    history.visit(B)  # leaving B for D
    assert not history.can_go_forward()
    assert history.go_back(D) == B


def test_positions_keep_their_offset():
    history = History()
    history.visit(Location("p/ch/a", 0.42))

    assert history.go_back(B) == Location("p/ch/a", 0.42)


def test_leaving_the_same_place_twice_is_recorded_once():
    history = History()
    history.visit(A)
    history.visit(A)

    assert history.back == [A]


def test_visit_without_a_current_place_records_nothing():
    history = History(forward=[C])
    history.visit(None)

    assert history.back == []
    assert history.forward == []


def test_going_back_without_a_current_place_keeps_forward_unchanged():
    history = History(back=[A, B])

    assert history.go_back(None) == B
    assert history.forward == []
    assert history.go_forward(None) is None


def test_history_keeps_the_newest_hundred_visits():
    history = History()
    places = [Location(f"p/ch/{n}", 0.0) for n in range(150)]
    for place in places:
        history.visit(place)

    assert len(history.back) == MAX_ENTRIES == 100
    assert history.back[0] == places[50]
    assert history.back[-1] == places[-1]


def test_restored_history_is_capped():
    many = [Location(f"p/ch/{n}", 0.0) for n in range(150)]
    history = History(back=many, forward=many)

    assert history.back == many[-100:]
    assert history.forward == many[-100:]


def test_back_and_forward_never_grow_past_the_cap():
    # A full restored history in both directions: walking forward must not pile up past 100.
    back = [Location(f"p/back/{n}", 0.0) for n in range(MAX_ENTRIES)]
    forward = [Location(f"p/fwd/{n}", 0.0) for n in range(MAX_ENTRIES)]
    history = History(back=back, forward=forward)
    here = Location("p/here/now", 0.0)
    while history.can_go_forward():
        here = history.go_forward(here)
        assert len(history.back) <= MAX_ENTRIES
    while history.can_go_back():
        here = history.go_back(here)
        assert len(history.forward) <= MAX_ENTRIES


def test_history_is_a_copy_of_what_it_was_given():
    back = [A]
    history = History(back=back)
    history.visit(B)

    assert back == [A]
