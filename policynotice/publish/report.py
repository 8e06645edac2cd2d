"""Render the check report as text (terminal), Markdown (CI job summary) or JSON."""

from __future__ import annotations

import json
import re
from datetime import date
from html import escape

from ..gate import CheckReport, VersionReport
from ..models import Finding
from .sanitize import commonmark_text, strip_controls


def _reasons(v: VersionReport, text_lang: str) -> tuple:
    """The reasons found in one language's text (all languages agree on the
    class; showing each reason five times would bury the reviewer)."""
    c = v.assessment.per_language.get(text_lang) or v.assessment.classification
    if c is not None and not c.reasons:
        # A translation fix leaves the governing text alone: show the reasons
        # found in the language that changed.
        c = next((o for _, o in sorted(v.assessment.per_language.items()) if o.reasons), c)
    return c.reasons if c else ()


def _reason_lines(v: VersionReport, lang: str, text_lang: str) -> list[str]:
    from ..classify.labels import describe_reason

    return [describe_reason(r, lang) for r in _reasons(v, text_lang)]


def _class(v: VersionReport) -> str:
    return v.assessment.change_class.value if v.assessment.change_class else "first version"


def _consent(v: VersionReport) -> bool:
    c = v.assessment.classification
    return bool(c and c.needs_consent)


# Findings made from an error that stopped a policy's check (a broken release
# log). The command line prints them as its usual one line on stderr; the
# Markdown and JSON forms carry them too, the text form leaves them there.
STOPPED = ("release-log", "error")


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
    shown = [f for f in errors if f.code not in STOPPED]
    if shown or warnings:
        out.append("")
    for f in shown:
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
            {"severity": f.severity, "code": f.code, "policy": f.policy, "message": f.message,
             "path": _where(f)[0] or None, "line": _where(f)[1]}
            for f in report.findings
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- GitHub: workflow-command annotations and the pull-request comment ------
# A message that starts "versions/privacy.yml:12: ..." or "docs/en/privacy.md: ..."
# names its file (and line) itself.
_LEADING_PATH = re.compile(r"\A([\w][\w./-]*\.(?:yml|yaml|md))(?::(\d+))?(?::\d+)?:")


def _where(f: Finding) -> tuple[str, int | None]:
    if f.path:
        return f.path, f.line
    m = _LEADING_PATH.match(f.message)
    if m:
        return m.group(1), int(m.group(2)) if m.group(2) else None
    return "", None


def escape_command_data(text: str) -> str:
    """A workflow command's message (GitHub's rules: %, CR, LF)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return strip_controls(escaped)  # no ESC sequence reaches the log either


def escape_command_property(text: str) -> str:
    """A workflow command's property value: also ':' and ','."""
    return escape_command_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, path: str = "", line: int | None = None,
             title: str = "") -> str:
    props = []
    if path:
        props.append(f"file={escape_command_property(path)}")
        if line:
            props.append(f"line={int(line)}")
    if title:
        props.append(f"title={escape_command_property(title)}")
    head = f"::{kind} {','.join(props)}" if props else f"::{kind}"
    # One line whatever the message holds: a newline would start a command.
    return f"{head}::{escape_command_data(' '.join(message.split()))}"


def latest_notice_date(v: VersionReport) -> date | None:
    """The last day the notice can go up and still allow the chosen
    effective date (whatever the profile's reading)."""
    a = v.assessment
    if a.earliest_effective is None:
        return None
    return v.effective_date - (a.earliest_effective - v.notice_date)


def render_github(report: CheckReport, lang: str = "en") -> str:
    """Annotations for GitHub Actions: an ::error or ::warning on the file and
    line of each finding, and a ::notice on each new version's release-log
    entry saying its class and dates."""
    out: list[str] = []
    for v in report.versions:
        a = v.assessment
        text = f"{v.policy} {a.version}: {_class(v)}"
        if a.required_days is not None:
            text += (f"; needs {a.required_days} days' notice; earliest lawful effective date "
                     f"{a.earliest_effective.isoformat()}; latest notice date for effective "
                     f"{v.effective_date.isoformat()}: {latest_notice_date(v).isoformat()}")
        out.append(_command("notice", text, v.log_path, v.line, "policynotice"))
    for f in report.findings:
        path, line = _where(f)
        out.append(_command("error" if f.is_error else "warning", f.message, path, line,
                            f"policynotice: {f.code}"))
    return "\n".join(out) + ("\n" if out else "")


COMMENT_MARKER = "<!-- policynotice-check -->"
MAX_COMMENT = 60_000  # GitHub refuses comments over 65,536 characters

_COMMENT_STRINGS = {
    "en": dict(passed="Notice check passed", failed="Notice check failed",
               policy="Policy", version="Version", cls="Class", notice="Notice",
               effective="Effective", required="Required notice",
               earliest="Earliest lawful effective date",
               latest="Latest notice date for this effective date", days="{n} days",
               why="Why", consent="This change needs users' consent, not only notice.",
               errors="Errors", warnings="Warnings", none="No new policy versions.",
               first="first version", material="material", ordinary="ordinary",
               cut="(shortened; the job summary has the full report)"),
    "ko": dict(passed="고지 점검 통과", failed="고지 점검 실패",
               policy="방침", version="버전", cls="분류", notice="공고일",
               effective="시행일", required="필요한 고지 기간",
               earliest="가장 이른 적법한 시행일",
               latest="이 시행일을 지키는 마지막 공고일", days="{n}일",
               why="사유", consent="이 변경은 고지만이 아니라 이용자의 동의가 필요합니다.",
               errors="오류", warnings="경고", none="새 방침 버전이 없습니다.",
               first="최초 버전", material="중요한 변경", ordinary="일반 변경",
               cut="(줄임: 전체 보고서는 작업 요약에 있습니다)"),
    "zh": dict(passed="公告检查通过", failed="公告检查未通过",
               policy="政策", version="版本", cls="类别", notice="公告日",
               effective="生效日", required="所需公告期",
               earliest="最早合法生效日",
               latest="保持该生效日的最晚公告日", days="{n}天",
               why="理由", consent="此变更不仅需要公告，还需要用户同意。",
               errors="错误", warnings="警告", none="没有新的政策版本。",
               first="首个版本", material="重大变更", ordinary="一般变更",
               cut="（已截短；完整报告见作业摘要）"),
    "zh-Hant": dict(passed="公告檢查通過", failed="公告檢查未通過",
                    policy="政策", version="版本", cls="類別", notice="公告日",
                    effective="生效日", required="所需公告期",
                    earliest="最早合法生效日",
                    latest="維持該生效日的最晚公告日", days="{n}天",
                    why="理由", consent="此變更不僅需要公告，還需要使用者同意。",
                    errors="錯誤", warnings="警告", none="沒有新的政策版本。",
                    first="首個版本", material="重大變更", ordinary="一般變更",
                    cut="（已截短；完整報告見作業摘要）"),
    "es": dict(passed="Comprobación de aviso superada", failed="Comprobación de aviso fallida",
               policy="Política", version="Versión", cls="Clase", notice="Aviso",
               effective="Vigencia", required="Aviso necesario",
               earliest="Primera fecha de vigencia lícita",
               latest="Última fecha de aviso para esta vigencia", days="{n} días",
               why="Motivos", consent="Este cambio necesita el consentimiento de los usuarios, "
                                      "no solo un aviso.",
               errors="Errores", warnings="Advertencias", none="No hay versiones nuevas.",
               first="primera versión", material="sustancial", ordinary="ordinario",
               cut="(abreviado; el informe completo está en el resumen del trabajo)"),
}


def render_comment(report: CheckReport, lang: str | None = None) -> str:
    """The sticky pull-request comment, in the governing language (`lang`
    overrides): per new version its class, reasons, required notice, the
    earliest lawful effective date and the latest notice date that keeps the
    chosen effective date; then every error and warning. Starts with a hidden
    marker so the Action updates one comment instead of adding one per push."""
    lang = lang or report.governing or "en"
    s = _COMMENT_STRINGS.get(lang, _COMMENT_STRINGS["en"])
    errors = [f for f in report.findings if f.is_error]
    warnings = [f for f in report.findings if not f.is_error]
    out = [COMMENT_MARKER, f"## {'❌ ' + s['failed'] if errors else '✅ ' + s['passed']}", ""]
    if report.versions:
        out += [f"| {s['policy']} | {s['version']} | {s['cls']} | {s['notice']} | "
                f"{s['effective']} | {s['required']} | {s['earliest']} | {s['latest']} |",
                "|---|---|---|---|---|---|---|---|"]
        for v in report.versions:
            a = v.assessment
            cls = s[a.change_class.value] if a.change_class else s["first"]
            days = s["days"].format(n=a.required_days) if a.required_days is not None else "—"
            earliest = a.earliest_effective.isoformat() if a.earliest_effective else "—"
            latest = latest_notice_date(v)
            out.append(f"| {_md_cell(v.policy)} | {_md_cell(a.version)} | **{cls}** | "
                       f"{v.notice_date.isoformat()} | {v.effective_date.isoformat()} | {days} | "
                       f"{earliest} | {latest.isoformat() if latest else '—'} |")
        out.append("")
        for v in report.versions:
            reasons = _reason_lines(v, lang, report.governing or lang)
            if not reasons and not _consent(v):
                continue
            out += [f"**{s['why']}: {_md_cell(v.policy)} {_md_cell(v.assessment.version)}**", ""]
            out += [f"- {_md_cell(r)}" for r in reasons]
            if _consent(v):
                out.append(f"- ⚠️ {s['consent']}")
            out.append("")
    else:
        out += [s["none"], ""]
    if errors:
        out += [f"### {s['errors']}", ""] + [f"- {_md_cell(f.message)}" for f in errors] + [""]
    if warnings:
        out += [f"### {s['warnings']}", ""] + [f"- {_md_cell(f.message)}" for f in warnings] + [""]
    body = "\n".join(out)
    if len(body) > MAX_COMMENT:
        body = body[:MAX_COMMENT].rsplit("\n", 1)[0] + f"\n\n{s['cut']}\n"
    return body
