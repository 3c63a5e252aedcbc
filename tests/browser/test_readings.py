"""The sentences that read the reader's map (```reading) and the order to commit (```order),
in Debian's Chromium on the specimen page.

Readings on the page: 0 grounding (every paper), 1 the consistency model against the SDE paper,
2 superposition against two others (an author's fallback), 3 two papers named with markup.
Papers are placed with the keyboard on the map view, or through the store's own API (the one
every view writes to), so these tests read the readings, not the chart's controls."""
from __future__ import annotations

from pathlib import Path

from conftest import horizontal_overflow, open_context, switch_to_dark
from playwright.sync_api import Page, expect
from test_spectrum import GAN, MAP, ready
from test_spectrum_argument import place_with_keys

MODULE = "assets/js/spectrum/index.js"
ARTEFACTS = Path("/work/artefacts/readings")
GAN_ID, SDE_ID, CONSISTENCY_ID = "1406.2661", "2011.13456", "2303.01469"


def reading(page: Page, index: int):
    return page.locator("p.reading").nth(index)


def read(page: Page, index: int):
    """A reading once the script has read the map (and, near the viewport, the author's)."""
    element = reading(page, index)
    element.scroll_into_view_if_needed()
    expect(element).to_have_attribute("data-reading-state", "compared", timeout=15_000)
    return element


def store_call(page: Page, site_url: str, method: str, *args):
    """Change the reader's map through the store every view shares (its public API)."""
    return page.evaluate(
        "async ([url, method, args]) => { const { store } = await (await import(url)).readerMap(); return store[method](...args); }",
        [site_url + MODULE, method, list(args)])


def test_the_grounding_reading_follows_places_and_marks_and_two_sets_of_marks_read_differently(watched, site_url):
    page, _ = watched
    page.goto(site_url)
    fig = ready(page, MAP)
    first = read(page, 0)
    expect(first).to_have_attribute("aria-live", "polite")
    expect(first).to_contain_text("You have placed no paper on the structural half yet.")

    fig.scroll_into_view_if_needed()
    place_with_keys(page, fig, GAN, ["Shift+ArrowLeft"] * 2)   # x = -0.5: the structural half
    expect(first).to_have_text(
        "You placed one structural paper and have marked none yet: mark what each rests on. "
        "I placed six structural papers, one as laws of math, two as laws of code and three unmarked.")

    assert store_call(page, site_url, "mark", GAN_ID, "laws-of-math")
    expect(first).to_have_text(
        "You placed one structural paper and marked one as laws of math. "
        "You marked none as resting on laws of code; I marked two "
        "(I placed six structural papers, one as laws of math, two as laws of code and three unmarked).")
    with_math = first.text_content()

    assert store_call(page, site_url, "mark", GAN_ID, "laws-of-code")
    expect(first).to_have_text(
        "You placed one structural paper and marked one as laws of code. "
        "You marked none as resting on laws of math; I marked one "
        "(I placed six structural papers, one as laws of math, two as laws of code and three unmarked).")
    assert first.text_content() != with_math

    # After Material's instant navigation away and back, the reading reads the same map.
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="the specimen toy").click()
    expect(page.get_by_role("heading", level=1, name="Specimen: a scaling law")).to_be_visible()
    page.go_back()
    assert page.evaluate("window.__sameDocument === true"), "instant navigation, not a reload"
    expect(read(page, 0)).to_contain_text("You placed one structural paper and marked one as laws of code.")


def test_the_pair_reading_says_which_side_and_how_far_from_the_authors_region(watched, site_url):
    page, _ = watched
    page.goto(site_url)
    pair = read(page, 1)
    expect(pair).to_have_text("You have not placed the consistency model and the SDE paper yet: "
                              "place them on the spectrum above to see where you put them and where I did.")
    store_call(page, site_url, "place", CONSISTENCY_ID, -0.2, 0.5)
    expect(pair).to_contain_text("You put the consistency model at −0.20 on structural ↔ developmental; place the SDE paper too")
    store_call(page, site_url, "place", SDE_ID, -0.8, 0.1)
    expect(pair).to_have_text("You put the consistency model on the developmental side of the SDE paper, and higher on how "
                              "exploratory. I put it the same way round, and your spot for it is 0.32 from my region, "
                              "on its developmental side.")
    store_call(page, site_url, "place", CONSISTENCY_ID, -0.95, 0.1)
    expect(pair).to_have_text("You put the consistency model on the structural side of the SDE paper. "
                              "I put it on the developmental side of the SDE paper, and your spot for it is 0.05 from my "
                              "region, on its structural side.")
    # The author's own fallback shows until the map is read; the markup in names stays text.
    expect(read(page, 2)).to_contain_text("You have not placed Toy Models of Superposition")
    hostile = read(page, 3)
    expect(hostile).to_contain_text("You have not placed <script>alert('names')</script> and <b>ResNet</b> yet")
    assert hostile.evaluate("p => p.children.length") == 0


def order_items(page: Page):
    return page.locator("figure.order-quiz ol.order-quiz__yours > li")


def texts(page: Page) -> list[str]:
    return [text.strip() for text in order_items(page).locator(".order-item__text").all_text_contents()]


AUTHOR_ORDER = ["Explore how models behave", "Pose a structure", "Develop it", "See new behaviour"]


def test_the_order_is_made_by_mouse_and_the_answer_appears_only_after_the_commit(watched, site_url):
    page, _ = watched
    page.goto(site_url)
    quiz = page.locator("figure.order-quiz")
    quiz.scroll_into_view_if_needed()
    commit = quiz.get_by_role("button", name="Commit my order")
    expect(commit).to_be_visible()
    shown = texts(page)
    assert sorted(shown) == sorted(AUTHOR_ORDER) and shown != AUTHOR_ORDER
    # Before the commit the author's order is nowhere a reader or a screen reader can reach.
    expect(quiz.locator(".order-quiz__answer")).to_have_count(0)
    assert "My order" not in (quiz.evaluate("f => f.innerText"))
    assert "My order" not in quiz.aria_snapshot()

    # Move "Explore how models behave" to the top by mouse, then "See new behaviour" to the bottom.
    while texts(page)[0] != AUTHOR_ORDER[0]:
        quiz.get_by_role("button", name=f"Move “{AUTHOR_ORDER[0]}” up").click()
    expect(quiz.locator(".order-quiz__status")).to_contain_text(f"“{AUTHOR_ORDER[0]}” is now")
    expect(quiz.get_by_role("button", name=f"Move “{AUTHOR_ORDER[0]}” up")).to_be_disabled()
    while texts(page)[-1] != AUTHOR_ORDER[-1]:
        quiz.get_by_role("button", name=f"Move “{AUTHOR_ORDER[-1]}” down").click()
    reader_order = texts(page)
    commit.click()
    expect(quiz).to_have_attribute("data-committed", "true")
    answer = quiz.locator(".order-quiz__answer")
    expect(answer).to_be_visible()
    assert [t.strip() for t in answer.locator("li").all_text_contents()] == AUTHOR_ORDER
    sentence = quiz.locator(".order-quiz__sentence")
    expect(sentence).to_be_focused()
    if reader_order == AUTHOR_ORDER:
        expect(sentence).to_have_text("Your order is mine: “Explore how models behave”, “Pose a structure”, "
                                      "“Develop it” and “See new behaviour”, in that order.")
    else:
        expect(sentence).to_contain_text("of the four")
    expect(quiz.get_by_role("button", name="Commit my order")).to_have_count(0)


def test_an_item_is_dragged_by_its_grip_to_a_new_place(watched, site_url):
    page, _ = watched
    page.goto(site_url)
    quiz = page.locator("figure.order-quiz")
    quiz.scroll_into_view_if_needed()
    expect(quiz.get_by_role("button", name="Commit my order")).to_be_visible()
    before = texts(page)
    grip = order_items(page).nth(3).locator(".order-item__grip")
    grip.hover()  # measured and pointed at in one step: content above may still settle on a busy machine
    page.mouse.down()
    box, top = grip.bounding_box(), order_items(page).nth(0).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, top["y"] + 2, steps=12)
    page.mouse.up()
    assert texts(page) == [before[3]] + before[:3]
    expect(quiz.locator(".order-quiz__status")).to_have_text(f"“{before[3]}” is now 1 of 4.")
    expect(quiz.get_by_role("button", name=f"Move “{before[3]}” up")).to_be_disabled()


def test_the_order_is_made_and_committed_by_keyboard_alone(watched, site_url):
    page, _ = watched
    page.goto(site_url)
    quiz = page.locator("figure.order-quiz")
    quiz.scroll_into_view_if_needed()
    expect(quiz.get_by_role("button", name="Commit my order")).to_be_visible()
    # The same cycle started elsewhere: "Develop it", "See new behaviour", "Explore…", "Pose a structure".
    target = AUTHOR_ORDER[2:] + AUTHOR_ORDER[:2]
    for position, name in enumerate(target):
        button = quiz.get_by_role("button", name=f"Move “{name}” up")
        while texts(page).index(name) > position:
            button.focus()
            page.keyboard.press("Enter")
            # The focus stays with the moved item (on its other button once it reaches the top).
            assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith(f"Move “{name}”")
    assert texts(page) == target
    quiz.get_by_role("button", name="Commit my order").focus()
    page.keyboard.press("Space")
    sentence = quiz.locator(".order-quiz__sentence")
    expect(sentence).to_be_focused()
    expect(sentence).to_have_text("Your order is mine, started from “Develop it”: the list is a cycle, "
                                  "so where it starts does not matter.")


def test_without_javascript_the_readings_show_their_sentences_and_the_order_its_answer(browser, site_url):
    context, _watch = open_context(browser, site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    expect(reading(page, 0)).to_have_text("Place papers on the spectrum above and mark what each structural paper rests "
                                          "on (laws of math or laws of code); this sentence then reads your marks against mine.")
    expect(reading(page, 2)).to_have_text("Place the superposition paper against the sparse autoencoder and DDIM papers.")
    answer = page.locator("figure.order-quiz .order-quiz__answer")
    expect(answer).to_be_visible()
    assert [t.strip() for t in answer.locator("li").all_text_contents()] == AUTHOR_ORDER
    context.close()


def test_readings_and_the_order_fit_a_phone_and_read_in_both_palettes(browser, site_url):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 900), (375, 800)):
        context, watch = open_context(browser, site_url, viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(site_url)
        store_call(page, site_url, "place", CONSISTENCY_ID, -0.2, 0.5)
        store_call(page, site_url, "place", SDE_ID, -0.8, 0.1)
        store_call(page, site_url, "mark", SDE_ID, "laws-of-code")
        read(page, 0)
        expect(read(page, 1)).to_contain_text("I put it the same way round")
        assert horizontal_overflow(page) <= 0
        heading = page.locator("h2", has_text="Readings of the reader's map")
        heading.scroll_into_view_if_needed()
        page.screenshot(path=ARTEFACTS / f"readings-{width}.png")
        quiz = page.locator("figure.order-quiz")
        quiz.scroll_into_view_if_needed()
        quiz.screenshot(path=ARTEFACTS / f"order-before-{width}.png")
        buttons = quiz.locator(".order-item__move")
        assert all(box["height"] >= 44 and box["width"] >= 44 for box in (b.bounding_box() for b in buttons.all()))
        quiz.get_by_role("button", name="Commit my order").click()
        expect(quiz).to_have_attribute("data-committed", "true")
        assert horizontal_overflow(page) <= 0
        quiz.screenshot(path=ARTEFACTS / f"order-after-{width}.png")
        if width == 375:
            switch_to_dark(page)
            quiz.screenshot(path=ARTEFACTS / f"order-after-{width}-dark.png")
        context.close()
        assert not watch.console_errors, watch.console_errors
        assert not watch.foreign_requests, watch.foreign_requests
