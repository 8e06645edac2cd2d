"""The words of notices (feeds, calendar, email drafts) in every supported
language, and the language-specific formatting they need (Babel dates).

The generated pages have their own table in strings.py; notices are kept
apart because they are read out of context (a mail client, a feed reader, a
calendar), so their sentences name the policy and the date in full.
Unknown languages fall back to English.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from ..classify.labels import describe_reason
from ..models import Reason

_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "sep": ": ",  # between a label and its value
        "notice_date": "Notice date",
        "effective_date": "Effective date",
        "postponed_from": "Originally announced effective date",
        "version": "Version",
        "class": "Type of change",
        "material": "Material change",
        "ordinary": "Ordinary change",
        "first": "First version",
        "summary": "Summary",
        "reason": "Reason",
        "reasons": "Why this classification",
        "justification": "Why the change is treated as ordinary",
        "backdated": "Where and when the notice was first posted",
        "links": "Links",
        "link_page": "Read this version",
        "link_new_text": "Read the new version",
        "link_previous": "Read the previous version",
        "link_changes": "See the changes marked up",
        "link_history": "Version history",
        "feed_all": "Policy changes",
        "feed_material": "Material policy changes",
        "feed_policy": "{title}: changes",
        "with_site": "{site}: {name}",
        "feed_description": "Every published version: notice date, effective date, type of change, summary and reason.",
        "entry_title": "{title}: changes effective {date}",
        "entry_title_first": "{title}: first version, effective {date}",
        "calendar_name": "Effective dates of policy changes",
        "event_summary": "{title}: changes take effect",
        "event_summary_first": "{title} takes effect",
        "notice_title": "Notice of changes to our {title}",
        "subject": "{notice_title} (effective {date})",
        "intro": "We are updating our {title}. The new version takes effect on {date}.",
        "notice_title_first": "Introducing our {title}",
        "intro_first": "We have published our {title}. It takes effect on {date}.",
        "contact_text_first": "If you have questions about it, please tell us: {contact}",
        "contact_reply_first": "If you have questions about it, please reply to this email.",
        "changes_table": "Comparison of old and new text",
        "preamble": "(Preamble)",
        "contact_heading": "Questions and objections",
        "contact_text": "If you have questions about these changes or object to them, please tell us before {date}: {contact}",
        "contact_reply": "If you have questions about these changes or object to them, please reply to this email before {date}.",
        "consent_heading": "Your consent is needed",
        "consent_text": "Some of these changes need your consent; this notice alone does not make them apply to you. We will ask for your consent separately.",
        "unsubscribe": "Unsubscribe",
        "review_copy": "Review copy of the email draft",
    },
    "ko": {
        "sep": ": ",  # between a label and its value
        "notice_date": "공고일",
        "effective_date": "시행일",
        "postponed_from": "처음 공고한 시행일(연기됨)",
        "version": "버전",
        "class": "변경 구분",
        "material": "중요한 변경",
        "ordinary": "일반 변경",
        "first": "최초 제정",
        "summary": "주요 내용",
        "reason": "개정 사유",
        "reasons": "분류 근거",
        "justification": "일반 변경으로 분류한 사유",
        "backdated": "공고를 처음 게시한 곳과 날짜",
        "links": "링크",
        "link_page": "이 버전 보기",
        "link_new_text": "개정 후 전문 보기",
        "link_previous": "이전 버전 보기",
        "link_changes": "변경 대조 보기",
        "link_history": "개정 이력",
        "feed_all": "정책 변경 알림",
        "feed_material": "중요한 정책 변경",
        "feed_policy": "{title} 개정 알림",
        "with_site": "{site} {name}",
        "feed_description": "게시된 모든 버전의 공고일, 시행일, 변경 구분, 주요 내용과 개정 사유",
        "entry_title": "{title} 개정 ({date} 시행)",
        "entry_title_first": "{title} 제정 ({date} 시행)",
        "calendar_name": "정책 시행일",
        "event_summary": "{title} 개정 시행",
        "event_summary_first": "{title} 시행",
        "notice_title": "{title} 개정 안내",
        "subject": "{notice_title} (시행일: {date})",
        "intro": "{title} 개정 내용을 안내해 드립니다. 개정된 {title}의 시행일은 {date}입니다.",
        "notice_title_first": "{title} 제정 안내",
        "intro_first": "{title} 제정을 안내해 드립니다. 시행일은 {date}입니다.",
        "contact_text_first": "궁금한 점이 있으시면 다음 연락처로 알려 주세요: {contact}",
        "contact_reply_first": "궁금한 점이 있으시면 이 메일에 회신해 주세요.",
        "changes_table": "신구대조표",
        "preamble": "(전문)",
        "contact_heading": "문의 및 이의 제기",
        "contact_text": "변경 내용에 대해 궁금한 점이 있거나 이의가 있으시면 {date} 전까지 다음 연락처로 알려 주세요: {contact}",
        "contact_reply": "변경 내용에 대해 궁금한 점이 있거나 이의가 있으시면 {date} 전까지 이 메일에 회신해 주세요.",
        "consent_heading": "동의가 필요한 변경",
        "consent_text": "이번 변경 중 일부는 공고만으로 효력이 생기지 않으며 이용자의 별도 동의가 필요합니다. 동의 절차는 따로 안내해 드립니다.",
        "unsubscribe": "수신 거부",
        "review_copy": "이메일 초안 검토본",
    },
    "zh": {
        "sep": "：",  # between a label and its value
        "notice_date": "公告日期",
        "effective_date": "生效日期",
        "postponed_from": "原公告的生效日期（已推迟）",
        "version": "版本",
        "class": "变更类型",
        "material": "重大变更",
        "ordinary": "一般变更",
        "first": "首次发布",
        "summary": "主要内容",
        "reason": "修订原因",
        "reasons": "分类依据",
        "justification": "按一般变更处理的理由",
        "backdated": "公告最初发布的位置和日期",
        "links": "链接",
        "link_page": "阅读此版本",
        "link_new_text": "阅读新版本全文",
        "link_previous": "阅读上一版本",
        "link_changes": "查看修订对照",
        "link_history": "修订历史",
        "feed_all": "政策变更",
        "feed_material": "重大政策变更",
        "feed_policy": "{title}变更",
        "with_site": "{site}：{name}",
        "feed_description": "已发布的所有版本：公告日期、生效日期、变更类型、主要内容和修订原因。",
        "entry_title": "{title}修订（{date}生效）",
        "entry_title_first": "{title}首次发布（{date}生效）",
        "calendar_name": "政策生效日期",
        "event_summary": "{title}修订生效",
        "event_summary_first": "{title}生效",
        "notice_title": "{title}变更通知",
        "subject": "{notice_title}（生效日期：{date}）",
        "intro": "我们将更新{title}。新版本将于{date}生效。",
        "notice_title_first": "{title}发布通知",
        "intro_first": "我们发布了{title}，自{date}起生效。",
        "contact_text_first": "如有任何疑问，请通过以下方式联系我们：{contact}",
        "contact_reply_first": "如有任何疑问，请直接回复本邮件。",
        "changes_table": "新旧对照表",
        "preamble": "（序言）",
        "contact_heading": "咨询与异议",
        "contact_text": "如对本次变更有任何疑问或异议，请在{date}之前通过以下方式联系我们：{contact}",
        "contact_reply": "如对本次变更有任何疑问或异议，请在{date}之前直接回复本邮件。",
        "consent_heading": "需要您的同意",
        "consent_text": "本次变更中的部分内容需要征得您的同意，仅凭本通知不会对您生效。我们将另行征求您的同意。",
        "unsubscribe": "退订",
        "review_copy": "邮件草稿审阅稿",
    },
    "zh-Hant": {
        "sep": "：",  # between a label and its value
        "notice_date": "公告日期",
        "effective_date": "生效日期",
        "postponed_from": "原公告的生效日期（已延後）",
        "version": "版本",
        "class": "變更類型",
        "material": "重大變更",
        "ordinary": "一般變更",
        "first": "首次發布",
        "summary": "主要內容",
        "reason": "修訂原因",
        "reasons": "分類依據",
        "justification": "以一般變更處理的理由",
        "backdated": "公告最初發布的位置和日期",
        "links": "連結",
        "link_page": "閱讀此版本",
        "link_new_text": "閱讀新版本全文",
        "link_previous": "閱讀上一版本",
        "link_changes": "查看修訂對照",
        "link_history": "修訂歷史",
        "feed_all": "政策變更",
        "feed_material": "重大政策變更",
        "feed_policy": "{title}變更",
        "with_site": "{site}：{name}",
        "feed_description": "已發布的所有版本：公告日期、生效日期、變更類型、主要內容與修訂原因。",
        "entry_title": "{title}修訂（{date}生效）",
        "entry_title_first": "{title}首次發布（{date}生效）",
        "calendar_name": "政策生效日期",
        "event_summary": "{title}修訂生效",
        "event_summary_first": "{title}生效",
        "notice_title": "{title}變更通知",
        "subject": "{notice_title}（生效日期：{date}）",
        "intro": "我們將更新{title}。新版本將於{date}生效。",
        "notice_title_first": "{title}發布通知",
        "intro_first": "我們發布了{title}，自{date}起生效。",
        "contact_text_first": "如有任何疑問，請透過以下方式聯絡我們：{contact}",
        "contact_reply_first": "如有任何疑問，請直接回覆本郵件。",
        "changes_table": "新舊對照表",
        "preamble": "（序言）",
        "contact_heading": "諮詢與異議",
        "contact_text": "如對本次變更有任何疑問或異議，請在{date}之前透過以下方式聯絡我們：{contact}",
        "contact_reply": "如對本次變更有任何疑問或異議，請在{date}之前直接回覆本郵件。",
        "consent_heading": "需要您的同意",
        "consent_text": "本次變更中的部分內容需要取得您的同意，僅憑本通知不會對您生效。我們將另行徵求您的同意。",
        "unsubscribe": "取消訂閱",
        "review_copy": "郵件草稿審閱稿",
    },
    "es": {
        "sep": ": ",  # between a label and its value
        "notice_date": "Fecha del aviso",
        "effective_date": "Fecha de entrada en vigor",
        "postponed_from": "Fecha de entrada en vigor anunciada inicialmente (aplazada)",
        "version": "Versión",
        "class": "Tipo de cambio",
        "material": "Cambio sustancial",
        "ordinary": "Cambio ordinario",
        "first": "Primera versión",
        "summary": "Resumen",
        "reason": "Motivo",
        "reasons": "Motivos de la clasificación",
        "justification": "Por qué el cambio se trata como ordinario",
        "backdated": "Dónde y cuándo se publicó el aviso por primera vez",
        "links": "Enlaces",
        "link_page": "Leer esta versión",
        "link_new_text": "Leer la nueva versión",
        "link_previous": "Leer la versión anterior",
        "link_changes": "Ver los cambios marcados",
        "link_history": "Historial de versiones",
        "feed_all": "Cambios en las políticas",
        "feed_material": "Cambios sustanciales en las políticas",
        "feed_policy": "Cambios en «{title}»",
        "with_site": "{site}: {name}",
        "feed_description": "Todas las versiones publicadas: fecha del aviso, entrada en vigor, tipo de cambio, resumen y motivo.",
        "entry_title": "{title}: cambios en vigor desde el {date}",
        "entry_title_first": "{title}: primera versión, en vigor desde el {date}",
        "calendar_name": "Entrada en vigor de cambios en las políticas",
        "event_summary": "{title}: entran en vigor los cambios",
        "event_summary_first": "{title}: entrada en vigor",
        "notice_title": "Aviso de cambios: {title}",  # see notice_title() for the possessive form
        "subject": "{notice_title} (en vigor desde el {date})",
        "intro": "Hemos actualizado el documento «{title}». La nueva versión entra en vigor el {date}.",
        "notice_title_first": "Publicación: {title}",  # see notice_title() for the possessive form
        "intro_first": "Hemos publicado el documento «{title}», que entra en vigor el {date}.",
        "contact_text_first": "Si tiene preguntas, comuníquenoslo: {contact}",
        "contact_reply_first": "Si tiene preguntas, responda a este correo.",
        "changes_table": "Tabla comparativa",
        "preamble": "(Preámbulo)",
        "contact_heading": "Preguntas y objeciones",
        "contact_text": "Si tiene preguntas sobre estos cambios o se opone a ellos, comuníquenoslo antes del {date}: {contact}",
        "contact_reply": "Si tiene preguntas sobre estos cambios o se opone a ellos, responda a este correo antes del {date}.",
        "consent_heading": "Necesitamos su consentimiento",
        "consent_text": "Algunos de estos cambios requieren su consentimiento; este aviso por sí solo no hace que se le apliquen. Se lo solicitaremos por separado.",
        "unsubscribe": "Darse de baja",
        "review_copy": "Copia de revisión del borrador de correo",
    },
}

# Spanish needs the possessive to agree with the title's first noun
# ("nuestra Política de privacidad", "nuestros Términos"); titles we cannot
# place keep the neutral "Aviso de cambios: <title>".
_ES_POSSESSIVE = {
    "política": "nuestra",
    "políticas": "nuestras",
    "condiciones": "nuestras",
    "normas": "nuestras",
    "términos": "nuestros",
    "aviso": "nuestro",
    "acuerdo": "nuestro",
    "contrato": "nuestro",
    "reglamento": "nuestro",
}

# Babel's locale ids differ from the site's language codes for scripts.
_BABEL_LOCALES = {"zh": "zh_Hans", "zh-Hant": "zh_Hant"}


# The comparison table's column names and notes are the side-by-side table's
# (redline/labels.py): one set of names for the HTML and the text parts.
_SHARED = {"col_section": "sbs_section", "col_before": "sbs_before", "col_after": "sbs_after",
           "col_note": "sbs_note", "note_new": "sbs_new", "note_deleted": "sbs_deleted",
           "note_changed": "sbs_changed", "note_moved": "sbs_moved"}


def ns(lang: str, key: str, **values: str) -> str:
    """A notice string in `lang` (English when the language or key is unknown)."""
    if key in _SHARED:
        from ..redline.labels import labels_for

        return labels_for(lang if lang in _STRINGS else "en")[_SHARED[key]]
    table = _STRINGS.get(lang) or _STRINGS["en"]
    text = table.get(key) or _STRINGS["en"][key]
    return text.format(**values) if values else text


def supported(lang: str) -> bool:
    return lang in _STRINGS


@lru_cache(maxsize=64)
def babel_locale(lang: str) -> Locale:
    try:
        return Locale.parse(_BABEL_LOCALES.get(lang, lang.replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@lru_cache(maxsize=4096)  # Babel is slow, and every feed, event and email formats dates
def long_date(day: date, lang: str) -> str:
    """2025년 3월 8일 · March 8, 2025 · 2025年3月8日 · 8 de marzo de 2025."""
    return format_date(day, format="long", locale=babel_locale(lang))


def notice_title(policy_title: str, lang: str, *, first: bool = False) -> str:
    """개인정보 처리방침 개정 안내 / Notice of changes to our Privacy Policy / ...;
    with `first`, the notice of a first version (개인정보 처리방침 제정 안내)."""
    if lang == "es":
        word = policy_title.split(" ", 1)[0].lower()
        if word in _ES_POSSESSIVE:
            lead = "Publicación de" if first else "Aviso de cambios en"
            return f"{lead} {_ES_POSSESSIVE[word]} {policy_title}"
    return ns(lang, "notice_title_first" if first else "notice_title", title=policy_title)


def labelled(lang: str, key: str, value: str) -> str:
    """"공고일: 2025년 2월 6일", "公告日期：2025年2月6日"."""
    return f"{ns(lang, key)}{ns(lang, 'sep')}{value}"


def with_site(lang: str, site: str, name: str) -> str:
    """A feed or calendar name, prefixed with the site's name when there is one.
    When the two run together (Korean) and the site's name ends with the word
    the name starts with, the word is said once: "누리책방 정책" + "정책 변경
    알림" is "누리책방 정책 변경 알림", not "누리책방 정책 정책 변경 알림"."""
    if not site:
        return name
    if ns(lang, "with_site") == "{site} {name}":
        last = site.split()[-1] if site.split() else ""
        if last and name.startswith(last + " "):
            return f"{site} {name[len(last) + 1:]}"
    return ns(lang, "with_site", site=site, name=name)


def class_label(change_class: str | None, lang: str) -> str:
    """`material`/`ordinary`, or None for a first version."""
    return ns(lang, change_class or "first")


def reason_text(reason: Reason, lang: str) -> str:
    """One line on what changed, as readers are told it (no reviewer notes)."""
    return describe_reason(reason, lang, public=True)
