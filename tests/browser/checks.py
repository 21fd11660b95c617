"""What the browser tests check on every page: a screenshot kept as an artifact, and axe-core's verdict."""

import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# CI keeps this folder as an artifact; DEPOSITARY_SCREENSHOTS names another.
SCREENSHOTS = Path(os.environ.get("DEPOSITARY_SCREENSHOTS") or HERE.parent.parent / "test-artifacts" / "screenshots")


def save_screenshot(page, name):
    """Keep a full-page screenshot as a test artifact, in DEPOSITARY_SCREENSHOTS or test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def horizontal_overflow(page):
    """Return how many pixels the page is wider than the window: a reader would have to scroll sideways by that much."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


# Added to every page before its own scripts: keeps each Content-Security-Policy
# violation the browser reports, for csp_violations() to read.
RECORD_CSP_VIOLATIONS = """
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
        window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`
            + ` at ${event.sourceFile}:${event.lineNumber}`);
    });
"""


def axe_violations(page):
    """Run axe-core on the page as it stands and return its violations."""
    # Evaluated by the browser's debugging protocol, which the site's strict
    # Content-Security-Policy rightly does not apply to (a <script> tag it would block).
    page.evaluate(AXE.read_text())
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def describe_violations(url, violations):
    """Return axe's violations as a readable report: each rule, then each element that breaks it."""
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            for summary_line in (node.get("failureSummary") or "").splitlines():
                lines.append(f"      {summary_line}")
    return "\n".join(lines)


def broken_id_references(page):
    """Return each aria-describedby, aria-labelledby or label's for that names no element on the page."""
    return page.evaluate(
        """() => {
            const broken = [];
            for (const attribute of ["aria-describedby", "aria-labelledby", "aria-controls", "for"]) {
                for (const element of document.querySelectorAll(`[${attribute}]`)) {
                    for (const id of element.getAttribute(attribute).split(/\\s+/).filter(Boolean)) {
                        if (document.getElementById(id)) continue;
                        broken.push(`${attribute}="${id}" on ${element.outerHTML.slice(0, 120)}`);
                    }
                }
            }
            return broken;
        }"""
    )


def csp_violations(page):
    """Return what the page's Content-Security-Policy blocked since it loaded."""
    return page.evaluate("() => window.cspViolations")
