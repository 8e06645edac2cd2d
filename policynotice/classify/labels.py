"""Names of categories, kinds of change and classes, and the one-line
sentence that explains a reason, in the five languages. Unknown languages
fall back to English.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..models import ChangeClass, Reason

FALLBACK = "en"

CLASS_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {"material": "Material change", "ordinary": "Ordinary change"},
    "ko": {"material": "중요한 변경", "ordinary": "일반 변경"},
    "zh": {"material": "重大变更", "ordinary": "一般变更"},
    "zh-Hant": {"material": "重大變更", "ordinary": "一般變更"},
    "es": {"material": "Cambio sustancial", "ordinary": "Cambio ordinario"},
}

CATEGORY_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "data_items": "Items collected", "purposes": "Purposes of use",
        "third_parties": "Provision to third parties", "overseas_transfer": "Transfer abroad",
        "retention": "Retention period", "processors": "Processors (entrusted processing)",
        "user_rights": "Users' rights", "tracking_sensitive": "Tracking and sensitive data",
        "unfavourable_terms": "Terms unfavourable to users",
        "wording": "Wording", "whitespace": "Whitespace", "formatting": "Formatting",
        "punctuation": "Punctuation", "reordering": "Order", "contact": "Contact details",
        "citation": "Legal citations", "effective_date": "Effective date", "removal": "Removal",
        "shorter_retention": "Shorter retention", "security": "Security measures",
        "addition": "Addition",
        "not_examined": "Changes not examined one by one",
    },
    "ko": {
        "data_items": "수집 항목", "purposes": "이용 목적", "third_parties": "제3자 제공",
        "overseas_transfer": "국외 이전", "retention": "보유 기간", "processors": "처리 위탁",
        "user_rights": "정보주체의 권리", "tracking_sensitive": "행태정보·민감정보",
        "unfavourable_terms": "이용자에게 불리한 변경",
        "wording": "문구", "whitespace": "공백", "formatting": "서식", "punctuation": "문장부호",
        "reordering": "순서", "contact": "연락처", "citation": "법령 인용", "effective_date": "시행일",
        "removal": "삭제", "shorter_retention": "보유 기간 단축", "security": "안전성 확보 조치",
        "addition": "추가", "not_examined": "개별 검토하지 못한 변경",
    },
    "zh": {
        "data_items": "收集的个人信息项目", "purposes": "使用目的", "third_parties": "向第三方提供",
        "overseas_transfer": "向境外传输", "retention": "保存期限", "processors": "委托处理",
        "user_rights": "用户权利", "tracking_sensitive": "跟踪技术与敏感个人信息",
        "unfavourable_terms": "对用户不利的条款",
        "wording": "措辞", "whitespace": "空白", "formatting": "格式", "punctuation": "标点",
        "reordering": "顺序", "contact": "联系方式", "citation": "法律条文引用", "effective_date": "生效日期",
        "removal": "删除", "shorter_retention": "保存期限缩短", "security": "安全保护措施", "addition": "新增",
        "not_examined": "未逐项审查的变更",
    },
    "zh-Hant": {
        "data_items": "蒐集的個人資料項目", "purposes": "利用目的", "third_parties": "提供予第三方",
        "overseas_transfer": "跨境傳輸", "retention": "保存期間", "processors": "委託處理",
        "user_rights": "當事人權利", "tracking_sensitive": "追蹤技術與敏感個人資料",
        "unfavourable_terms": "對使用者不利的條款",
        "wording": "用語", "whitespace": "空白", "formatting": "格式", "punctuation": "標點符號",
        "reordering": "順序", "contact": "聯絡方式", "citation": "法規條文引用", "effective_date": "生效日期",
        "removal": "刪除", "shorter_retention": "保存期間縮短", "security": "安全維護措施", "addition": "新增",
        "not_examined": "未逐項審查的變更",
    },
    "es": {
        "data_items": "Datos recogidos", "purposes": "Finalidades del tratamiento",
        "third_parties": "Cesión a terceros", "overseas_transfer": "Transferencia internacional",
        "retention": "Plazo de conservación", "processors": "Encargados del tratamiento",
        "user_rights": "Derechos de los usuarios", "tracking_sensitive": "Seguimiento y datos sensibles",
        "unfavourable_terms": "Condiciones desfavorables para los usuarios",
        "wording": "Redacción", "whitespace": "Espacios", "formatting": "Formato", "punctuation": "Puntuación",
        "reordering": "Orden", "contact": "Datos de contacto", "citation": "Referencias normativas",
        "effective_date": "Fecha de entrada en vigor", "removal": "Supresión",
        "shorter_retention": "Plazo de conservación más corto", "security": "Medidas de seguridad",
        "addition": "Incorporación",
        "not_examined": "Cambios no examinados uno por uno",
    },
}

KIND_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {
        "added": "added", "country_added": "new destination country",
        "changed": "wording changed; check whether the scope widened",
        "unclear": "changed, and it is unclear whether users' position got worse, so treated as material",
        "removed": "removed", "right_removed": "a right was removed", "way_removed": "a way to exercise rights was removed", "negation_removed": "a \"not\" or \"never\" was removed, so the clause now allows it", "limit_removed": "a limiting condition was removed", "renamed": "a term renamed throughout", "summary": "summary or table of contents updated", "exclusion_narrowed": "fewer things are excluded (an entry left a \"never\" or \"except\" list)",
        "restriction_added": "a right is made harder to exercise", "right_added": "a right was added",
        "longer": "period made longer", "shorter": "period made shorter",
        "optional_to_required": "an optional item became required",
        "required_to_optional": "a required item became optional",
        "sensitive_added": "sensitive data added", "tracking_added": "tracking added",
        "section_added": "new section", "section_removed": "section removed", "moved": "text moved",
        "reordered": "order changed", "whitespace": "whitespace only", "markup": "formatting only",
        "punctuation": "punctuation only", "typo": "typo fixed", "wording": "wording changed",
        "heading": "heading renamed", "contact": "contact details changed",
        "citation": "legal citation updated", "date": "date changed", "figure": "figure changed", "increased": "amount increased",
        "effective_date": "effective or notice date updated",
        "over_budget": "too many sections changed to examine each one, so treated as material; review them by hand",
    },
    "ko": {
        "added": "추가(신설)", "country_added": "이전 국가 추가",
        "changed": "문구 변경(범위 확대 여부 검토 필요)",
        "unclear": "이용자에게 불리한지 불분명하여 중요한 변경으로 분류",
        "removed": "삭제", "right_removed": "권리 삭제", "way_removed": "권리 행사 방법 삭제", "negation_removed": "부정 표현 삭제(이제 허용됨)", "limit_removed": "제한 조건 삭제", "renamed": "용어 변경(전체)", "summary": "요약·목차 수정", "exclusion_narrowed": "제외 대상 축소", "restriction_added": "권리 행사 요건 강화",
        "right_added": "권리 추가", "longer": "기간 연장", "shorter": "기간 단축",
        "optional_to_required": "선택 항목을 필수 항목으로 변경",
        "required_to_optional": "필수 항목을 선택 항목으로 변경",
        "sensitive_added": "민감정보 추가", "tracking_added": "행태정보 수집·추적 추가",
        "section_added": "조항 신설", "section_removed": "조항 삭제", "moved": "위치 이동",
        "reordered": "순서 변경", "whitespace": "공백만 변경", "markup": "서식만 변경",
        "punctuation": "문장부호만 변경", "typo": "오탈자 수정", "wording": "문구 수정",
        "heading": "제목 변경", "contact": "연락처 변경", "citation": "인용 조문 정비", "date": "날짜 변경",
        "figure": "수치 변경", "increased": "금액 인상", "effective_date": "시행일·공고일 변경",
        "over_budget": "변경된 조항이 너무 많아 개별 검토하지 못했으므로 중요한 변경으로 분류(직접 검토 필요)",
    },
    "zh": {
        "added": "新增", "country_added": "新增接收国家或地区", "changed": "措辞变更（需审查范围是否扩大）",
        "unclear": "无法判断是否对用户不利，按重大变更处理",
        "removed": "删除", "right_removed": "删除了一项权利", "way_removed": "删除了一种行使权利的方式", "negation_removed": "删除了否定表述（现已允许）", "limit_removed": "删除了限制条件", "renamed": "术语统一更名", "summary": "摘要或目录更新", "exclusion_narrowed": "排除范围缩小", "restriction_added": "增加了行使权利的限制",
        "right_added": "新增了一项权利", "longer": "期限延长", "shorter": "期限缩短",
        "optional_to_required": "选填项目改为必填", "required_to_optional": "必填项目改为选填",
        "sensitive_added": "新增敏感个人信息", "tracking_added": "新增跟踪技术",
        "section_added": "新增条款", "section_removed": "删除条款", "moved": "位置调整",
        "reordered": "顺序调整", "whitespace": "仅空白变更", "markup": "仅格式变更",
        "punctuation": "仅标点变更", "typo": "更正错别字", "wording": "措辞修改", "heading": "标题修改",
        "contact": "联系方式变更", "citation": "更新法律条文引用", "date": "日期变更", "figure": "数字变更", "increased": "金额提高",
        "effective_date": "更新生效日期或公告日期",
        "over_budget": "变更的条款过多，未能逐项审查，按重大变更处理（请人工审查）",
    },
    "zh-Hant": {
        "added": "新增", "country_added": "新增接收國家或地區", "changed": "用語變更（須審查範圍是否擴大）",
        "unclear": "無法判斷是否對使用者不利，視為重大變更",
        "removed": "刪除", "right_removed": "刪除一項權利", "way_removed": "刪除一種行使權利的方式", "negation_removed": "刪除否定表述（現已允許）", "limit_removed": "刪除限制條件", "renamed": "用語統一更名", "summary": "摘要或目錄更新", "exclusion_narrowed": "排除範圍縮小", "restriction_added": "增加行使權利的限制",
        "right_added": "新增一項權利", "longer": "期間延長", "shorter": "期間縮短",
        "optional_to_required": "選填項目改為必填", "required_to_optional": "必填項目改為選填",
        "sensitive_added": "新增敏感個人資料", "tracking_added": "新增追蹤技術",
        "section_added": "新增條款", "section_removed": "刪除條款", "moved": "位置調整",
        "reordered": "順序調整", "whitespace": "僅空白變更", "markup": "僅格式變更",
        "punctuation": "僅標點符號變更", "typo": "更正錯字", "wording": "用語修正", "heading": "標題修改",
        "contact": "聯絡方式變更", "citation": "更新法規條文引用", "date": "日期變更", "figure": "數字變更", "increased": "金額調高",
        "effective_date": "更新生效日期或公告日期",
        "over_budget": "變更的條款過多，未能逐項審查，視為重大變更（請人工審查）",
    },
    "es": {
        "added": "se añade", "country_added": "nuevo país de destino",
        "changed": "cambio de redacción; revise si amplía el alcance",
        "unclear": "no está claro si perjudica a los usuarios, por lo que se trata como sustancial",
        "removed": "se suprime", "right_removed": "se suprime un derecho", "way_removed": "se suprime una forma de ejercer los derechos", "negation_removed": "se suprime una negación (ahora se permite)", "limit_removed": "se suprime una condición limitante", "renamed": "un término renombrado en todo el texto", "summary": "resumen o índice actualizado", "exclusion_narrowed": "se reducen las exclusiones",
        "restriction_added": "se dificulta el ejercicio de un derecho", "right_added": "se añade un derecho",
        "longer": "plazo más largo", "shorter": "plazo más corto",
        "optional_to_required": "un dato opcional pasa a ser obligatorio",
        "required_to_optional": "un dato obligatorio pasa a ser opcional",
        "sensitive_added": "se añaden datos sensibles", "tracking_added": "se añade seguimiento",
        "section_added": "nueva sección", "section_removed": "sección suprimida", "moved": "texto trasladado",
        "reordered": "orden modificado", "whitespace": "solo espacios", "markup": "solo formato",
        "punctuation": "solo puntuación", "typo": "errata corregida", "wording": "redacción modificada",
        "heading": "título modificado", "contact": "datos de contacto modificados",
        "citation": "referencia normativa actualizada", "date": "fecha modificada", "figure": "cifra modificada", "increased": "importe aumentado",
        "effective_date": "fecha de entrada en vigor o de notificación actualizada",
        "over_budget": "demasiadas secciones modificadas para examinarlas una a una, por lo que se trata como sustancial; revíselas manualmente",
    },
}

CONSENT_NOTE: Mapping[str, str] = {
    "en": " (needs users' consent, not only notice)",
    "ko": " (공지만으로는 부족하며 이용자의 별도 동의 필요)",
    "zh": "（仅通知不足，需取得用户同意）",
    "zh-Hant": "（僅通知並不足夠，須取得使用者同意）",
    "es": " (requiere el consentimiento de los usuarios; no basta con el aviso)",
}

# "{section}: {category} — {kind}: “{excerpt}”" with each language's quotes.
_LINE: Mapping[str, str] = {
    "en": "{section}: {category} — {kind}{excerpt}{consent}",
    "ko": "{section}: {category} — {kind}{excerpt}{consent}",
    "zh": "{section}：{category} — {kind}{excerpt}{consent}",
    "zh-Hant": "{section}：{category} — {kind}{excerpt}{consent}",
    "es": "{section}: {category} — {kind}{excerpt}{consent}",
}
_QUOTE: Mapping[str, str] = {
    "en": ": “{}”", "ko": ": ‘{}’", "zh": "：“{}”", "zh-Hant": "：「{}」", "es": ": «{}»",
}


def _table(table: Mapping[str, Mapping[str, str]], lang: str, key: str) -> str:
    return table.get(lang, {}).get(key) or table[FALLBACK].get(key) or key.replace("_", " ")


def class_name(change_class: ChangeClass | str, lang: str) -> str:
    value = change_class.value if isinstance(change_class, ChangeClass) else change_class
    return _table(CLASS_NAMES, lang, value)


def category_name(category: str, lang: str) -> str:
    return _table(CATEGORY_NAMES, lang, category)


def kind_name(kind: str, lang: str) -> str:
    return _table(KIND_NAMES, lang, kind)


def describe_reason(reason: Reason, lang: str, *, public: bool = False) -> str:
    """One line in the reader's language. The check output (for reviewers)
    says everything, notes for the reviewer included; the public line
    (pages, feeds, emails) says only what changed."""
    lang = lang if lang in _LINE else FALLBACK
    excerpt = " ".join(reason.excerpt.split())
    kind = (_table(PUBLIC_KIND_NAMES, lang, reason.kind) if public and reason.kind in PUBLIC_KIND_NAMES[FALLBACK]
            else kind_name(reason.kind, lang))
    return _LINE[lang].format(
        section=" ".join(reason.section.split()) or "—",
        category=category_name(reason.category, lang),
        kind=kind,
        excerpt=_QUOTE[lang].format(excerpt) if excerpt else "",
        consent=CONSENT_NOTE[lang] if reason.needs_consent and not public else "",
    )


# What readers are told: the kinds whose reviewer wording ("check whether the
# scope widened", "unclear, so treated as material") is a note for the
# reviewer, not a statement about the policy.
PUBLIC_KIND_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {"changed": "changed", "unclear": "changed", "over_budget": "changed"},
    "ko": {"changed": "변경", "unclear": "변경", "over_budget": "변경"},
    "zh": {"changed": "修改", "unclear": "修改", "over_budget": "修改"},
    "zh-Hant": {"changed": "修改", "unclear": "修改", "over_budget": "修改"},
    "es": {"changed": "modificado", "unclear": "modificado", "over_budget": "modificado"},
}
# Reasons a reader need not be told about: nothing of the policy changed.
NOT_PUBLIC_CATEGORIES = frozenset({"whitespace", "punctuation", "formatting", "reordering",
                                   "citation", "effective_date"})


def public_reasons(reasons: Iterable[Reason]) -> tuple[Reason, ...]:
    """The reasons a page, feed or email lists as what changed."""
    return tuple(r for r in reasons if r.category not in NOT_PUBLIC_CATEGORIES)
