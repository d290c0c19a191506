"""A browser-side guard for components that report state to the server.

Streamlit's fast reruns (Community Cloud forces them on) let a rerun request that arrives
before the previous one has started replace it. A component that reports state (and so
asks for a rerun) just after the learner clicked a button could therefore drop the click:
Play on the training page (a click that scrolled a section off screen) and "Start a class"
(the browser's keys reported right after the page opened) were lost that way on a busy
server. ``AFTER_INPUT_JS`` defines ``window.__afterInput(send)``, which calls ``send`` once
0.6 s have passed since the learner's last click or key and no run is going on, so the
click's run has run its callbacks before the report's run replaces it. A report that
arrives while a callback runs stops it at its next read or write of the session state
(Streamlit's yield points), and the click's trigger is gone: in CI a Join pressed with a
wrong code showed no message at all (likely the keys' report arriving while the join
callback, slowed by the load, was still storing its refusal). For 5 s after an input the report
waits for a quiet moment; after that it goes as before (a page whose fragments run all
the time still reports). It also waits while a
select's or multiselect's list is open: a run redraws the box and closes its list, so a
report sent while the learner was choosing (say, the visibility of a section that opening
the box scrolled into view) took the list away from under the pointer. Prepend it to a
component's JS.
"""

#: Installed once per page; later components reuse it.
AFTER_INPUT_JS = """if (!window.__afterInput) {
  const last = { at: 0 };
  for (const type of ["pointerdown", "keydown"]) {
    document.addEventListener(type, () => { last.at = performance.now(); }, { capture: true, passive: true });
  }
  const choosing = () => document.querySelector("[role='listbox']") !== null;
  const busy = new Set(["running", "rerunRequested", "stopRequested"]);
  const running = () => {
    const app = document.querySelector("[data-testid='stApp']");
    return !!app && busy.has(app.getAttribute("data-test-script-state"));
  };
  window.__afterInput = (send) => {
    const since = performance.now() - last.at;
    if (since < 600) setTimeout(() => window.__afterInput(send), 600 - since);
    else if (since < 5000 && running()) setTimeout(() => window.__afterInput(send), 100);
    else if (choosing()) setTimeout(() => window.__afterInput(send), 200);
    else send();
  };
}
"""
