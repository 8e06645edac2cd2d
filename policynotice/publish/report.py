"""Render the check report as text (terminal), Markdown (CI job summary) or JSON."""

from __future__ import annotations

import json
from html import escape

from ..gate import CheckReport, VersionReport
from .sanitize import commonmark_text, strip_controls


def _reasons(v: VersionReport, text_lang: str) -> tuple:
    """The reasons found in one language's text (all languages agree on the
    class; showing each reason five times would bury the reviewer)."""
    c = v.assessment.per_language.get(text_lang) or v.assessment.classification
    return c.reasons if c else ()


def _reason_lines(v: VersionReport, lang: str, text_lang: str) -> list[str]:
    from ..classify.labels import describe_reason

    return [describe_reason(r, lang) for r in _reasons(v, text_lang)]


def _class(v: VersionReport) -> str:
    return v.assessment.change_class.value if v.assessment.change_class else "first version"


def _consent(v: VersionReport) -> bool:
    c = v.assessment.classification
    return bool(c and c.needs_consent)


def render_text(report: CheckReport, lang: str = "en") -> str:
    out: list[str] = []
    scope = f"since {report.base}" if report.base else "all versions"
    out.append(f"policynotice check ({scope}, today {report.today.isoformat()})")
    if not report.versions:
        out.append("No new policy versions.")
    for v in report.versions:
        a = v.assessment
        out.append("")
        out.append(f"{v.policy} {a.version}: {_class(v)}")
        out.append(f"  notice {v.notice_date.isoformat()}, effective {v.effective_date.isoformat()}")
        if a.required_days is not None:
            out.append(f"  needs {a.required_days} days' notice; earliest lawful effective date "
                       f"{a.earliest_effective.isoformat()}")
        for line in _reason_lines(v, lang, report.governing):
            out.append(f"  - {line}")
        if _consent(v):
            out.append("  ! this change needs users' consent, not only notice")
    errors = [f for f in report.findings if f.is_error]
    warnings = [f for f in report.findings if not f.is_error]
    if report.findings:
        out.append("")
    for f in errors:
        out.append(f"Error: {f.message}")
    for f in warnings:
        out.append(f"Warning: {f.message}")
    out.append("")
    out.append("FAILED" if errors else "OK")
    # Repository text reaches the terminal and the CI log: no ESC sequence
    # may hide the verdict or rewrite a line.
    return "\n".join(strip_controls(line) for line in out) + "\n"


def _md_cell(text: str) -> str:
    """Repository text in the job summary (table cells, list items): text,
    never an image, a link, emphasis, raw HTML, a pipe or a line break."""
    return commonmark_text(text)


def _html_text(text: str) -> str:
    # Inside <details>/<summary> GitHub reads raw HTML, not Markdown escapes.
    return escape(" ".join(strip_controls(text).split()))


def render_markdown(report: CheckReport, lang: str = "en") -> str:
    errors = [f for f in report.findings if f.is_error]
    warnings = [f for f in report.findings if not f.is_error]
    status = "❌ Notice check failed" if errors else "✅ Notice check passed"
    out = [f"## {status}", ""]
    # A code span shows its text as it is; only a backtick could end it.
    base = " ".join(strip_controls(report.base or "").split()).replace("`", "'")
    scope = f"versions added since `{base}`" if report.base else "all versions"
    out.append(f"Checked {scope} on {report.today.isoformat()}.")
    out.append("")
    if report.versions:
        out += ["| Policy | Version | Class | Notice | Effective | Required notice | Earliest lawful effective date |",
                "|---|---|---|---|---|---|---|"]
        for v in report.versions:
            a = v.assessment
            days = f"{a.required_days} days" if a.required_days is not None else "—"
            earliest = a.earliest_effective.isoformat() if a.earliest_effective else "—"
            out.append(f"| {_md_cell(v.policy)} | {_md_cell(a.version)} | **{_class(v)}** | "
                       f"{v.notice_date.isoformat()} | {v.effective_date.isoformat()} | {days} | {earliest} |")
        out.append("")
        for v in report.versions:
            reasons = _reason_lines(v, lang, report.governing)
            if not reasons and not _consent(v):
                continue
            out.append(f"<details><summary>Why {_html_text(v.policy)} "
                       f"{_html_text(v.assessment.version)} is {_class(v)}</summary>")
            out.append("")
            out += [f"- {_md_cell(r)}" for r in reasons]
            if _consent(v):
                out.append("- ⚠️ This change needs users' consent, not only notice.")
            out += ["", "</details>", ""]
    else:
        out += ["No new policy versions.", ""]
    if errors:
        out += ["### Errors", ""] + [f"- {_md_cell(f.message)}" for f in errors] + [""]
    if warnings:
        out += ["### Warnings", ""] + [f"- {_md_cell(f.message)}" for f in warnings] + [""]
    return "\n".join(out)


def render_json(report: CheckReport, lang: str = "en") -> str:
    from ..classify.labels import describe_reason

    data = {
        "ok": report.ok,
        "base": report.base,
        "today": report.today.isoformat(),
        "versions": [
            {
                "policy": v.policy,
                "version": v.assessment.version,
                "new": v.new,
                "class": v.assessment.change_class.value if v.assessment.change_class else None,
                "notice_date": v.notice_date.isoformat(),
                "effective_date": v.effective_date.isoformat(),
                "required_days": v.assessment.required_days,
                "earliest_effective_date": (v.assessment.earliest_effective.isoformat()
                                            if v.assessment.earliest_effective else None),
                "needs_consent": _consent(v),
                "reasons": {
                    text_lang: [
                        {"category": r.category, "section": r.section, "kind": r.kind,
                         "excerpt": r.excerpt, "material": r.material,
                         "needs_consent": r.needs_consent, "text": describe_reason(r, lang)}
                        for r in c.reasons
                    ]
                    for text_lang, c in sorted(v.assessment.per_language.items())
                },
            }
            for v in report.versions
        ],
        "findings": [
            {"severity": f.severity, "code": f.code, "policy": f.policy, "message": f.message}
            for f in report.findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
