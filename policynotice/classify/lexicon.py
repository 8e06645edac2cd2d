"""Per-language vocabulary the classifier recognises sections and changes by.

The categories are the codes of notice-rules.md (M1-M9) plus a few
non-material ones (security, contact, ...) that matter because they tell the
classifier a section is *not* about a material subject.

Terms are generalised from the checklist, not copied from any one policy:
each is a word stem that appears across many policies (a heading "Retention
and destruction", "개인정보의 보유 및 이용기간", "保存期限", "Plazo de
conservación" all hit ``retention``). Matching ignores case, accents and, for
Korean and Chinese, spaces (Korean spacing of compounds is inconsistent:
"수집 항목" / "수집항목").

Latin-script terms match at the start of a word and may be followed by an
inflection ("collect" hits "collected", "collection"), so they are written as
stems.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

from ..document.similarity import fold  # noqa: F401  (the classifier's folding is the document's)

MATERIAL_CATEGORIES = (
    "data_items", "purposes", "third_parties", "overseas_transfer", "retention",
    "processors", "user_rights", "tracking_sensitive", "unfavourable_terms",
)
# Sections that are about something the checklist calls ordinary; recognising
# them keeps a new phone number or a stronger cipher from looking material.
OTHER_CATEGORIES = ("security", "contact", "remedies", "destruction", "children", "changes")
LANGS = ("ko", "en", "zh", "zh-Hant", "es")

Terms = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    lang: str
    headings: Mapping[str, Terms]  # category -> terms recognised in a heading
    content: Mapping[str, Terms]  # category -> terms recognised in the body
    sensitive: Terms  # M8: data whose collection needs separate consent
    tracking: Terms  # M8: tracking technology, behavioural advertising, pseudonymised data
    rights: Terms  # M7: the rights a data subject can exercise
    restrictions: Terms  # M7: wording that makes a right harder to exercise
    agents: Terms  # M7: who may exercise a right for the user (a legal representative)
    negations: Terms  # "we never / do not / except": a list under them is an exclusion
    limiters: Terms  # "only when", "solely": a phrase that narrows what a clause allows
    identifiers: Terms  # personal data items (name, date of birth...): what a row sends
    organisations: Terms  # company forms and kinds (Ltd, 주식회사, 公司): who a row names
    update_notes: Terms  # an update banner ("We updated this notice"): about the policy, not in it
    required: Terms  # M1: "required" item marker
    optional: Terms  # M1: "optional" item marker
    effective: Terms  # the effective/notice date line and the list of previous versions
    retention_context: Terms  # words saying a duration is how long data is kept
    open_ended: Terms  # "until withdrawal" and the like: a period tied to an event
    permanent: Terms  # "permanently", "indefinitely"
    countries: Terms
    stopwords: Terms  # words whose appearance carries no new information


# --- Korean -----------------------------------------------------------------

KO = Lexicon(
    lang="ko",
    headings={
        "data_items": ("수집항목", "수집하는개인정보", "개인정보수집", "개인정보의수집", "개인정보항목",
                       "개인정보의항목", "처리하는개인정보", "처리항목", "수집하는항목", "수집정보",
                       "수집방법", "수집및이용항목", "수집하는정보"),
        "purposes": ("목적", "개인정보이용", "개인정보의이용", "이용하는목적"),
        "third_parties": ("제3자", "제삼자", "개인정보제공", "개인정보의제공", "제공하는개인정보"),
        "overseas_transfer": ("국외이전", "국외", "해외이전", "해외로", "국외로", "해외"),
        "retention": ("보유", "보관", "보존", "이용기간", "처리기간"),
        "processors": ("위탁", "수탁"),
        "user_rights": ("권리", "정보주체", "열람청구", "거부할권리", "행사방법"),
        "tracking_sensitive": ("쿠키", "자동수집", "자동으로수집", "행태정보", "맞춤형광고", "민감정보",
                               "가명정보", "고유식별정보", "생체", "위치정보", "자동화된결정"),
        "unfavourable_terms": ("요금", "수수료", "이용료", "환불", "면책", "손해배상", "책임제한",
                               "책임의제한", "책임의한계", "분쟁", "관할", "준거법", "해지", "이용제한",
                               "청약철회", "결제", "유료", "서비스의중단", "서비스중단", "포인트", "이용정지",
                               "구독", "갱신", "가격", "위약금"),
        "security": ("안전성", "안전조치", "보호조치", "보안", "기술적", "관리적", "물리적"),
        "contact": ("책임자", "담당자", "담당부서", "연락처", "문의", "보호책임", "고충처리"),
        "remedies": ("권익침해", "구제", "침해", "신고"),
        "destruction": ("파기",),
        "children": ("아동", "14세", "법정대리인"),
        "changes": ("변경", "개정", "고지의의무", "시행일"),
    },
    content={
        "data_items": ("수집", "필수항목", "선택항목", "수집합니다", "수집하며", "수집하고", "수집할수있", "수집항목",
                       "수집하는개인정보"),
        "purposes": ("목적으로", "목적을위해", "목적으로만", "에활용", "에이용"),
        "third_parties": ("제3자", "제삼자", "제공받는자", "제공받는", "제공하는항목", "제공목적"),
        "overseas_transfer": ("국외", "해외", "이전받는자", "이전되는국가", "이전국가", "이전일시"),
        "retention": ("보유기간", "보관기간", "보존기간", "이용기간", "보유및이용기간", "보관합니다",
                      "보존합니다", "보관후"),
        "processors": ("수탁업체", "수탁자", "위탁업무", "위탁받는자", "위탁하고", "재위탁"),
        "user_rights": ("열람", "정정", "처리정지", "동의철회", "권리를행사", "권리행사"),
        "tracking_sensitive": ("쿠키", "행태정보", "맞춤형광고", "민감정보", "가명정보", "광고식별자"),
        "security": ("암호화", "접근통제", "보안프로그램", "접속기록", "내부관리계획", "백신"),
        "contact": ("전화번호", "이메일", "담당부서", "책임자"),
    },
    sensitive=("주민등록번호", "주민번호", "여권번호", "운전면허", "외국인등록번호", "건강", "의료", "병력",
               "진료", "생체", "지문", "안면", "얼굴인식", "홍채", "정맥", "유전", "인종", "민족", "종교",
               "사상", "신념", "정치적견해", "노동조합", "성생활", "성적지향", "범죄경력", "민감정보",
               "고유식별정보", "장애인", "장애여부", "장애정보", "장애등급", "정밀위치"),
    tracking=("쿠키", "픽셀", "웹비콘", "광고식별자", "adid", "idfa", "행태정보", "맞춤형광고", "리타게팅",
              "리마케팅", "sdk", "가명정보", "가명처리", "추적", "트래킹", "analytics", "애널리틱스",
              "위치정보", "자동화된결정", "프로파일링"),
    rights=("열람", "정정", "삭제", "처리정지", "처리의정지", "동의철회", "철회", "전송요구", "이동", "거부",
            "이의제기", "설명요구", "탈퇴"),
    restrictions=("제한", "거절", "수수료", "비용을", "비용이", "만가능", "할수없", "불가", "서면으로만",
                  "방문하여", "본인확인서류", "공증"),
    agents=("대리인", "위임받은", "위임을받은", "대리하여"),
    update_notes=("변경사항", "개정안내", "업데이트되었습니다", "개정되었습니다", "변경되었습니다", "we updated", "updated"),
    identifiers=("이름", "성명", "생년월일", "휴대전화번호", "휴대폰번호", "전화번호", "연락처", "이메일", "주소", "배송지", "아이디", "계좌번호", "카드번호", "주민등록번호", "기기정보", "구매내역", "이용내역", "위치정보"),
    organisations=("주식회사", "(주)", "㈜", "은행", "카드", "보험", "캐피탈", "증권", "재단", "협회", "corp", "inc", "ltd"),
    negations=("않습니다", "않으며", "않고", "하지않", "제외", "금지", "아니합니다", "일절"),
    limiters=("경우에만", "에한하여", "에한해", "한하여", "에만", "만을"),
    required=("필수",),
    optional=("선택",),
    effective=("시행", "공고", "적용", "효력", "최종수정", "개정일", "변경일", "게시일", "이전개인정보처리방침",
               "이전처리방침"),
    retention_context=("보유", "보관", "보존", "파기", "이용기간", "저장"),
    open_ended=("탈퇴시까지", "탈퇴할때까지", "탈퇴하는경우", "탈퇴시", "해지시까지", "목적달성시까지",
                "목적이달성될때까지", "달성시까지", "철회시까지", "이용기간동안", "이용기간", "종료시까지",
                "때까지"),
    permanent=("영구", "무기한", "기한없이"),
    countries=("미국", "일본", "중국", "홍콩", "대만", "싱가포르", "아일랜드", "독일", "프랑스", "영국",
               "네덜란드", "인도", "베트남", "필리핀", "태국", "인도네시아", "말레이시아", "호주", "캐나다",
               "브라질", "스웨덴", "벨기에", "스위스", "이스라엘", "러시아", "멕시코", "스페인", "이탈리아",
               "핀란드", "덴마크", "노르웨이", "폴란드", "룩셈부르크", "오스트리아", "아랍에미리트",
               "사우디", "유럽", "eu"),
    stopwords=("및", "또는", "등", "그", "이", "해당", "관련", "경우", "위해", "위하여", "따라", "대한", "있는",
               "있습니다", "합니다", "하는", "하며", "하고", "회사", "회사는", "이용자", "이용자의", "개인정보",
               "개인정보를", "개인정보의", "다음", "다음과", "같습니다", "같이", "아래", "통해", "통하여", "모든",
               "각", "기타", "바랍니다", "됩니다", "수", "것", "때", "중", "내", "후", "전", "더", "또한",
               "다만", "단"),
)

# --- English ----------------------------------------------------------------

EN = Lexicon(
    lang="en",
    headings={
        "data_items": ("collect", "items", "categories of personal", "types of personal",
                       "information we", "data we", "what information", "what data",
                       "personal information processed", "personal data processed"),
        "purposes": ("purpose", "how we use", "use of personal", "use of collected", "use of your",
                     "use of information", "use of data", "why we", "utilization", "utilisation",
                     "legal basis", "lawful basis"),
        "third_parties": ("third part", "third-part", "sharing", "share", "disclos", "provision of personal",
                          "provision to", "recipient", "provide personal", "transfer to third"),
        "overseas_transfer": ("overseas", "abroad", "international transfer", "international data",
                              "cross-border", "cross border", "outside the country", "outside korea",
                              "outside the eea", "outside europe", "third countr", "transfers of personal"),
        "retention": ("retention", "retain", "how long", "storage period", "period of use",
                      "duration", "keep your", "keeping"),
        "processors": ("entrust", "processor", "outsourc", "commission", "consign", "service provider",
                       "subcontract", "sub-contract", "vendor"),
        "user_rights": ("your rights", "rights of", "right to", "rights and", "data subject",
                        "information subject", "exercis", "your choices", "access and correct",
                        "how to exercise", "rights"),
        "tracking_sensitive": ("cookie", "tracking", "automatic collection", "automatically collect",
                               "analytics", "behavioural", "behavioral", "advertis", "sensitive",
                               "pseudonym", "biometric", "location", "automated decision", "profiling"),
        "unfavourable_terms": ("fee", "charge", "payment", "refund", "liabilit", "indemn", "disclaimer",
                               "dispute", "arbitration", "governing law", "jurisdiction", "termination",
                               "suspension", "cancellation", "warrant", "price", "pricing", "subscription",
                               "billing", "damages"),
        "security": ("security", "safety", "safeguard", "secure", "protective measures",
                     "measures to ensure", "measures to protect"),
        "contact": ("officer", "contact", "dpo", "department", "questions", "inquir", "enquir",
                    "grievance", "disclosure claim"),
        "remedies": ("remed", "infringement", "complaint", "supervisory authorit", "lodge"),
        "destruction": ("destr", "disposal", "dispos"),
        "children": ("child", "minor", "under the age", "under 14", "under 16", "under 13"),
        "changes": ("changes to", "amendment", "revision", "update", "modification", "notice upon",
                    "effective date", "previous version"),
    },
    content={
        "data_items": ("collect", "we collect", "is collected", "are collected", "be collected", "collects the following",
                       "mandatory item", "optional item", "required item", "items collected",
                       "following personal information", "following information"),
        "purposes": ("for the following purpose", "purposes of", "for the purpose", "we use your",
                     "is used to", "are used to", "used for"),
        "third_parties": ("third part", "third-part", "recipient", "provided to", "disclose to",
                          "share with", "shared with", "sell", "partners"),
        "overseas_transfer": ("overseas", "abroad", "transferred to", "transfer to", "country", "countries",
                              "outside korea", "cross-border", "transferee", "date and method of transfer"),
        "retention": ("retention period", "retained", "retain", "stored for", "kept for", "keep for",
                      "period of retention", "retention and use", "until the", "after withdrawal"),
        "processors": ("entrust", "processor", "subcontractor", "consignee", "trustee", "outsourc",
                       "commissioned", "service provider", "re-entrust"),
        "user_rights": ("right to", "rights", "access", "rectif", "erasure", "deletion", "portability",
                        "object to", "withdraw consent", "opt out", "opt-out"),
        "tracking_sensitive": ("cookie", "pixel", "web beacon", "tracking", "analytics", "sdk",
                               "advertising id", "behavio", "targeted advertis", "personalized advertis",
                               "personalised advertis", "sensitive", "pseudonym"),
        "security": ("encrypt", "access control", "firewall", "intrusion", "security program", "antivirus",
                     "internal management plan", "audit", "training"),
        "contact": ("phone", "telephone", "e-mail", "email", "department", "officer"),
    },
    sensitive=("resident registration number", "social security number", "national id", "passport number",
               "driver's licen", "drivers licen", "health", "medical", "biometric", "fingerprint",
               "face recognition", "facial", "iris", "genetic", "racial", "ethnic", "religio",
               "political", "philosophical belief", "sexual orientation", "sex life", "trade union",
               "criminal", "sensitive data", "sensitive information", "sensitive personal",
               "unique identif", "precise location", "disabilit"),
    tracking=("cookie", "pixel", "web beacon", "tracking", "tracker", "analytics", "sdk", "advertising id",
              "idfa", "adid", "device fingerprint", "behavioural", "behavioral", "targeted advertis",
              "interest-based", "personalized advertis", "personalised advertis", "retargeting",
              "remarketing", "pseudonym", "cross-site", "location data", "location information",
              "automated decision", "profiling", "content scanning", "scan"),
    rights=("access", "correct", "rectif", "delet", "erase", "erasure", "portab", "object", "restrict",
            "withdraw", "suspen", "cease", "opt out", "opt-out", "perusal", "review", "revision", "amend",
            "complain", "copy", "know"),
    restrictions=("limit", "restrict", "refuse", "decline", "fee", "charge", "only by", "only in",
                  "only through", "no longer", "must submit", "notari", "in person", "may not", "cannot",
                  "will not be able", "at our discretion", "reasonable"),
    agents=("representative", "agent", "authorised person", "authorized person", "on your behalf", "act for you"),
    update_notes=("we updated", "we have updated", "we've updated", "we added more detail", "we clarified", "notice updated", "policy updated", "statement updated", "what's new", "what changed", "summary of changes"),
    identifiers=("name", "e-mail", "email address", "phone number", "telephone number", "mobile number", "date of birth", "birth date", "postal address", "home address", "billing address", "ip address", "device id", "device identifier", "precise location", "card number", "account number", "passport", "national id", "purchase history", "rental history", "order history", "browsing history"),
    organisations=("ltd", "limited", "inc", "llc", "gmbh", "sas", "s.a.", "plc", "corp", "corporation", "company", "insurance", "insurer", "bank", "agency", "bureau"),
    negations=("never", "not ", "do not", "does not", "will not", "won't", "don't", "no longer", "except", "excluding", "other than", "neither", "nor "),
    limiters=("only ", "solely", "exclusively", "strictly necessary", "limited to", "unless"),
    required=("required", "mandatory"),
    optional=("optional", "voluntary", "non-mandatory", "not required"),
    effective=("effective", "take effect", "takes effect", "took effect", "in force", "applies from",
               "apply from", "applicable from", "notice date", "date of notice", "last updated",
               "last modified", "last revised", "updated on", "enforcement date", "announcement date",
               "date of announcement", "previous privacy policy", "previous version", "prior version"),
    retention_context=("retain", "retention", "store", "stored", "storage", "kept", "keep", "preserv",
                       "hold", "holding", "destroy", "delete"),
    open_ended=("until", "during the service", "for the duration", "while you", "as long as",
                "service use period", "service period", "membership period", "upon withdrawal",
                "when a member deletes"),
    permanent=("permanent", "indefinite", "forever", "no time limit"),
    countries=("united states", "u.s.a", "usa", "u.s.", "us-based", "america", "japan", "china",
               "hong kong", "taiwan", "singapore", "ireland", "germany", "france", "united kingdom",
               "netherlands", "india", "vietnam", "viet nam", "philippines", "thailand", "indonesia",
               "malaysia", "australia", "canada", "brazil", "sweden", "belgium", "switzerland", "israel",
               "russia", "mexico", "spain", "italy", "finland", "denmark", "norway", "poland",
               "luxembourg", "austria", "united arab emirates", "uae", "saudi", "europe", "eea",
               "european union", "korea"),
    stopwords=("the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "by", "with", "as", "at",
               "from", "is", "are", "be", "been", "was", "were", "will", "shall", "may", "can", "such",
               "this", "that", "these", "those", "which", "who", "whom", "its", "it", "their", "our",
               "your", "you", "we", "us", "any", "all", "other", "etc", "e.g", "i.e", "following",
               "company", "personal", "information", "data", "user", "users", "member", "members",
               "including", "include", "includes", "also", "not", "no", "if", "when", "where", "there",
               "than", "then", "into", "upon", "under", "above", "below", "each", "per", "more",
               "hereinafter", "referred", "said", "thereof", "herein", "do", "does", "has", "have",
               "had", "only", "so", "same", "some"),
)

# --- Chinese (Simplified) ---------------------------------------------------

ZH = Lexicon(
    lang="zh",
    headings={
        "data_items": ("收集的个人信息", "收集的信息", "收集项目", "收集哪些", "个人信息的收集", "收集个人信息",
                       "信息类型", "处理的个人信息", "收集和使用的"),
        "purposes": ("目的", "如何使用", "使用个人信息", "信息的使用", "用途"),
        "third_parties": ("第三方", "共享", "对外提供", "提供给", "披露", "转让"),
        "overseas_transfer": ("境外", "出境", "跨境", "国外", "海外"),
        "retention": ("保存", "保留", "存储期限", "存储期间", "期限"),
        "processors": ("委托", "受托", "外包"),
        "user_rights": ("权利", "行使", "查阅"),
        "tracking_sensitive": ("cookie", "跟踪", "追踪", "自动收集", "敏感", "个性化广告", "定向广告",
                               "去标识化", "假名", "生物识别", "位置信息", "自动化决策"),
        "unfavourable_terms": ("费用", "收费", "付费", "退款", "责任", "免责", "赔偿", "争议", "管辖",
                               "适用法律", "终止", "暂停", "中止", "价格", "订阅"),
        "security": ("安全", "保护措施", "保障措施"),
        "contact": ("联系", "负责人", "保护官", "咨询"),
        "remedies": ("投诉", "救济", "举报", "侵害"),
        "destruction": ("销毁", "删除方法"),
        "children": ("儿童", "未成年", "不满14"),
        "changes": ("变更", "修订", "更新", "生效"),
    },
    content={
        "data_items": ("收集", "收集您的", "我们收集", "收集以下", "必填", "选填", "必需信息", "可选信息"),
        "purposes": ("用于", "目的", "用途"),
        "third_parties": ("第三方", "接收方", "共享", "对外提供", "提供给"),
        "overseas_transfer": ("境外", "出境", "跨境", "接收国", "国外", "海外"),
        "retention": ("保存期限", "保存期间", "保存", "保留", "存储期限"),
        "processors": ("委托", "受托", "受托方", "外包", "服务提供商"),
        "user_rights": ("查阅", "复制", "更正", "删除", "撤回", "注销", "权利"),
        "tracking_sensitive": ("cookie", "跟踪", "追踪", "广告标识符", "个性化", "敏感个人信息", "去标识化"),
        "security": ("加密", "访问控制", "防火墙", "安全措施", "安全培训"),
        "contact": ("电话", "邮箱", "电子邮件", "联系", "部门"),
    },
    sensitive=("身份证", "护照号", "驾驶证", "健康", "医疗", "病历", "生物识别", "指纹", "面部", "人脸",
               "虹膜", "基因", "种族", "民族", "宗教", "政治", "性取向", "犯罪", "敏感个人信息", "敏感信息",
               "精确位置", "行踪轨迹", "金融账户", "残疾"),
    tracking=("cookie", "像素", "网络信标", "广告标识符", "idfa", "sdk", "跟踪", "追踪", "个性化广告",
              "定向推送", "个性化推荐", "去标识化", "假名化", "位置信息", "自动化决策", "用户画像", "analytics"),
    rights=("查阅", "复制", "更正", "补充", "删除", "撤回", "注销", "转移", "拒绝", "限制处理", "可携", "解释说明",
            "反对", "投诉"),
    restrictions=("限制", "拒绝", "费用", "收费", "仅限", "仅可", "不得", "无法", "不予", "公证", "书面形式"),
    agents=("代理人", "授权的人", "受托人", "代为"),
    update_notes=("更新说明", "我们更新了", "本次更新", "已更新", "修订说明"),
    identifiers=("姓名", "手机号", "电话号码", "联系电话", "电子邮件", "邮箱", "地址", "出生日期", "身份证", "账号", "银行卡", "设备信息", "设备标识", "位置信息", "订单信息", "购买记录"),
    organisations=("公司", "有限公司", "银行", "保险", "集团", "机构"),
    negations=("不会", "不得", "不会将", "绝不", "从不", "不包括", "除外", "除了", "不用于", "不向", "不将"),
    limiters=("仅", "只会", "只在", "仅限", "仅在", "除非"),
    required=("必需", "必要项", "必填", "必要信息"),
    optional=("可选", "选填", "选择性", "非必"),
    effective=("生效", "施行", "实施", "公告", "更新日期", "发布日期", "最近更新", "修订日期", "历史版本",
               "以往版本", "旧版本"),
    retention_context=("保存", "保留", "存储", "储存", "删除", "销毁"),
    open_ended=("注销账号前", "注销前", "注销之前", "直至注销", "直至撤回", "直至您", "服务期间", "服务期内",
                "存续期间", "目的实现", "为止"),
    permanent=("永久", "无限期", "长期保存"),
    countries=("美国", "日本", "中国", "香港", "台湾", "新加坡", "爱尔兰", "德国", "法国", "英国", "荷兰",
               "印度", "越南", "菲律宾", "泰国", "印度尼西亚", "马来西亚", "澳大利亚", "加拿大", "巴西",
               "瑞典", "比利时", "瑞士", "以色列", "俄罗斯", "墨西哥", "西班牙", "意大利", "芬兰", "丹麦",
               "挪威", "波兰", "卢森堡", "奥地利", "阿联酋", "沙特", "欧洲", "欧盟", "韩国"),
    stopwords=("的", "和", "及", "或", "等", "我们", "您", "您的", "个人信息", "公司", "本公司", "用户",
               "以下", "如下", "相关", "进行", "可能", "将", "会", "在", "对", "与", "以", "为", "其"),
)

# --- Chinese (Traditional) --------------------------------------------------

ZH_HANT = Lexicon(
    lang="zh-Hant",
    headings={
        "data_items": ("蒐集項目", "收集項目", "蒐集的個人資料", "收集的個人資料", "個人資料的蒐集",
                       "個人資料之蒐集", "蒐集個人資料", "收集個人資料", "資料類別", "蒐集之個人資料",
                       "蒐集方式"),
        "purposes": ("目的", "如何使用", "利用目的", "使用目的", "個人資料的利用", "個人資料之利用", "用途"),
        "third_parties": ("第三方", "第三人", "共享", "對外提供", "提供給", "揭露", "分享"),
        "overseas_transfer": ("境外", "跨境", "國外", "海外", "國際傳輸"),
        "retention": ("保存", "保留", "保有", "儲存期間", "期間", "期限"),
        "processors": ("委託", "受託", "委外"),
        "user_rights": ("權利", "行使", "查閱", "當事人"),
        "tracking_sensitive": ("cookie", "追蹤", "自動收集", "自動蒐集", "敏感", "個人化廣告", "生物特徵",
                               "生物辨識", "位置資訊", "去識別化", "假名化", "自動化決策"),
        "unfavourable_terms": ("費用", "收費", "付費", "退款", "退費", "責任", "免責", "賠償", "爭議",
                               "管轄", "準據法", "終止", "暫停", "中止", "價格", "訂閱"),
        "security": ("安全", "保護措施", "維護措施"),
        "contact": ("聯絡", "聯繫", "負責人", "保護長", "諮詢"),
        "remedies": ("申訴", "救濟", "檢舉", "侵害"),
        "destruction": ("銷毀", "刪除方式"),
        "children": ("兒童", "未成年", "未滿14"),
        "changes": ("變更", "修訂", "更新", "生效"),
    },
    content={
        "data_items": ("蒐集", "收集", "必填", "選填", "必要項目", "選擇性"),
        "purposes": ("用於", "目的", "用途"),
        "third_parties": ("第三方", "第三人", "接收方", "共享", "提供給"),
        "overseas_transfer": ("境外", "跨境", "接收國", "國外", "海外"),
        "retention": ("保存期限", "保存期間", "保存", "保留", "保有期間", "儲存期間"),
        "processors": ("委託", "受託", "受託方", "委外", "服務提供商", "服務供應商"),
        "user_rights": ("查閱", "複製", "更正", "刪除", "撤回", "註銷", "停止", "權利"),
        "tracking_sensitive": ("cookie", "追蹤", "廣告識別碼", "個人化", "敏感", "去識別化"),
        "security": ("加密", "存取控制", "防火牆", "安全措施", "教育訓練"),
        "contact": ("電話", "電子郵件", "信箱", "聯絡", "部門"),
    },
    sensitive=("身分證", "身份證", "護照號碼", "駕照", "健康", "醫療", "病歷", "生物特徵", "生物辨識", "指紋",
               "臉部", "人臉", "虹膜", "基因", "種族", "民族", "宗教", "政治", "性傾向", "犯罪", "前科",
               "敏感個人資料", "敏感資料", "精確位置", "行蹤", "身心障礙"),
    tracking=("cookie", "像素", "網路信標", "廣告識別碼", "idfa", "sdk", "追蹤", "個人化廣告", "精準廣告",
              "個人化推薦", "去識別化", "假名化", "位置資訊", "自動化決策", "用戶畫像", "analytics"),
    rights=("查閱", "查詢", "閱覽", "複製", "補充", "更正", "刪除", "撤回", "註銷", "停止", "拒絕", "限制處理",
            "可攜", "反對", "申訴"),
    restrictions=("限制", "拒絕", "費用", "收費", "僅限", "僅可", "不得", "無法", "不予", "公證", "書面方式"),
    agents=("代理人", "授權之人", "受託人", "代為"),
    update_notes=("更新說明", "我們更新了", "本次更新", "已更新", "修訂說明"),
    identifiers=("姓名", "手機號碼", "電話號碼", "聯絡電話", "電子郵件", "地址", "出生日期", "身分證", "帳號", "銀行卡", "裝置資訊", "裝置識別", "位置資訊", "訂單資訊", "購買紀錄"),
    organisations=("公司", "有限公司", "銀行", "保險", "集團", "機構"),
    negations=("不會", "不得", "絕不", "從不", "不包括", "除外", "除了", "不用於", "不向", "不將"),
    limiters=("僅", "只會", "只在", "僅限", "僅在", "除非"),
    required=("必要", "必填", "必需"),
    optional=("選填", "選擇性", "非必", "可選"),
    effective=("生效", "施行", "實施", "公告", "更新日期", "發布日期", "最近更新", "修訂日期", "歷史版本",
               "舊版"),
    retention_context=("保存", "保留", "保有", "儲存", "刪除", "銷毀"),
    open_ended=("註銷前", "直至註銷", "直至撤回", "直至您", "服務期間", "服務期內", "存續期間", "目的達成",
                "為止"),
    permanent=("永久", "無限期", "長期保存"),
    countries=("美國", "日本", "中國", "香港", "台灣", "臺灣", "新加坡", "愛爾蘭", "德國", "法國", "英國",
               "荷蘭", "印度", "越南", "菲律賓", "泰國", "印尼", "馬來西亞", "澳洲", "加拿大", "巴西", "瑞典",
               "比利時", "瑞士", "以色列", "俄羅斯", "墨西哥", "西班牙", "義大利", "芬蘭", "丹麥", "挪威",
               "波蘭", "盧森堡", "奧地利", "阿聯", "沙烏地", "歐洲", "歐盟", "韓國"),
    stopwords=("的", "和", "及", "或", "等", "我們", "您", "您的", "個人資料", "公司", "本公司", "用戶",
               "使用者", "以下", "如下", "相關", "進行", "可能", "將", "會", "在", "對", "與", "以", "為", "其"),
)

# --- Spanish ----------------------------------------------------------------

ES = Lexicon(
    lang="es",
    headings={
        "data_items": ("datos recopilados", "datos que recopilamos", "informacion que recopilamos",
                       "informacion recopilada", "recopilacion", "recogida", "recabamos", "datos que tratamos",
                       "categorias de datos", "que datos", "informacion que se debe recopilar",
                       "datos personales tratados", "tipos de datos"),
        "purposes": ("finalidad", "fines", "proposito", "uso de la informacion", "uso de los datos",
                     "como utilizamos", "como usamos", "para que", "utilizacion", "base legal",
                     "base juridica", "legitimacion"),
        "third_parties": ("tercero", "cesion", "cesiones", "comunicacion de datos", "suministro",
                          "destinatario", "compartimos", "compartir", "divulgacion"),
        "overseas_transfer": ("transferencia internacional", "transferencias internacionales",
                              "fuera del pais", "extranjero", "terceros paises", "transferencias"),
        "retention": ("conservacion", "conservamos", "plazo", "cuanto tiempo", "retencion",
                      "periodo de almacenamiento", "periodo de uso"),
        "processors": ("encargado", "proveedores de servicio", "prestadores de servicio", "subencargado",
                       "subcontrat", "externaliz"),
        "user_rights": ("derechos", "derecho a", "derecho de", "ejercicio", "ejercer"),
        "tracking_sensitive": ("cookie", "seguimiento", "rastreo", "recopilacion automatica", "publicidad",
                               "sensible", "seudonim", "biometric", "localizacion", "geolocalizacion",
                               "decisiones automatizadas", "elaboracion de perfiles"),
        "unfavourable_terms": ("tarifa", "precio", "cargo", "pago", "reembolso", "devolucion",
                               "responsabilidad", "indemniz", "disputa", "controversia", "arbitraje",
                               "jurisdiccion", "ley aplicable", "legislacion aplicable", "terminacion",
                               "rescision", "resolucion del contrato", "cancelacion", "suspension",
                               "garantia", "suscripcion", "facturacion"),
        "security": ("seguridad", "medidas", "proteccion de la informacion"),
        "contact": ("contacto", "delegado", "responsable", "consultas", "oficial de"),
        "remedies": ("reclamacion", "autoridad de control", "recurso", "vulneracion", "infraccion"),
        "destruction": ("destruccion", "eliminacion de", "supresion de los datos"),
        "children": ("menor", "ninos", "nino"),
        "changes": ("cambios", "modificacion", "actualizacion", "revision", "vigencia"),
    },
    content={
        "data_items": ("recopil", "recog", "recopilamos", "se recopilan", "recabamos", "obligatori", "opcional",
                       "datos siguientes", "siguientes datos"),
        "purposes": ("para los siguientes fines", "con la finalidad", "con el fin", "finalidad", "para fines"),
        "third_parties": ("tercero", "destinatario", "cedemos", "compartimos", "comunicamos", "socios"),
        "overseas_transfer": ("transferencia internacional", "fuera del", "pais", "paises",
                              "transferimos", "extranjero"),
        "retention": ("conservaremos", "se conservan", "conservamos", "plazo de conservacion",
                      "periodo de conservacion", "se almacena", "hasta que"),
        "processors": ("encargado", "proveedor", "subencargado", "subcontrat", "prestador"),
        "user_rights": ("acceso", "rectificacion", "supresion", "oposicion", "portabilidad", "limitacion",
                        "derecho"),
        "tracking_sensitive": ("cookie", "pixel", "baliza", "seguimiento", "analitica", "publicidad",
                               "sensible", "seudonim"),
        "security": ("cifrado", "encriptacion", "control de acceso", "cortafuegos", "auditoria",
                     "formacion"),
        "contact": ("telefono", "correo electronico", "departamento", "delegado"),
    },
    sensitive=("numero de identificacion", "dni", "numero de pasaporte", "pasaporte", "licencia de conducir",
               "salud", "medico", "medica", "biometric", "huella", "reconocimiento facial", "genetic", "origen racial",
               "racial", "etnic", "religios", "creencias", "opiniones politicas", "orientacion sexual",
               "vida sexual", "afiliacion sindical", "antecedentes penales", "datos sensibles",
               "categorias especiales", "ubicacion precisa", "discapacidad"),
    tracking=("cookie", "pixel", "baliza", "seguimiento", "rastreo", "analitica", "analytics", "sdk",
              "identificador de publicidad", "publicidad personalizada", "publicidad comportamental",
              "publicidad basada", "remarketing", "retargeting", "seudonim", "geolocalizacion",
              "ubicacion", "decisiones automatizadas", "elaboracion de perfiles"),
    rights=("acceso", "acceder", "rectific", "supresion", "suprimir", "cancelacion", "oposicion", "oponer",
            "portabilidad", "limitacion", "retirar", "revocar", "negar", "rechazar", "eliminar",
            "reclamacion"),
    restrictions=("limitar", "restring", "denegar", "tarifa", "cargo", "coste", "costo", "unicamente",
                  "solamente", "solo podra", "no podra", "no podran", "notarial", "en persona",
                  "a nuestra discrecion"),
    agents=("representante", "apoderado", "en su nombre", "persona autorizada"),
    update_notes=("hemos actualizado", "actualizacion de la politica", "novedades", "resumen de cambios"),
    identifiers=("nombre", "apellidos", "correo electronico", "telefono", "movil", "direccion postal", "domicilio", "fecha de nacimiento", "dni", "nif", "pasaporte", "numero de cuenta", "numero de tarjeta", "direccion ip", "historial de compras", "ubicacion precisa"),
    organisations=("s.a.", "s.l.", "s.l.u.", "sociedad", "banco", "aseguradora", "seguros", "entidad", "agencia"),
    negations=("nunca", "no ", "jamás", "jamas", "excepto", "salvo", "en ningún caso", "en ningun caso", "ni "),
    limiters=("solo ", "sólo ", "únicamente", "unicamente", "exclusivamente", "salvo que", "a menos que"),
    required=("obligatori", "imprescindible", "requerid"),
    optional=("opcional", "voluntari", "facultativ"),
    effective=("vigor", "vigente", "efectiv", "aplicable a partir", "aplica desde", "fecha de notificacion",
               "fecha de publicacion", "fecha del aviso", "ultima actualizacion", "actualizado el",
               "version anterior", "versiones anteriores"),
    retention_context=("conserv", "almacen", "guard", "mantendr", "retencion", "retener", "destru",
                       "suprim", "elimin"),
    open_ended=("hasta", "mientras", "durante la relacion", "durante el periodo", "durante la prestacion",
                "durante la vigencia"),
    permanent=("indefinid", "permanente", "sin limite"),
    countries=("estados unidos", "ee. uu", "ee.uu", "eeuu", "japon", "china", "hong kong", "taiwan",
               "singapur", "irlanda", "alemania", "francia", "reino unido", "paises bajos", "holanda",
               "india", "vietnam", "filipinas", "tailandia", "indonesia", "malasia", "australia", "canada",
               "brasil", "suecia", "belgica", "suiza", "israel", "rusia", "mexico", "espana", "italia",
               "finlandia", "dinamarca", "noruega", "polonia", "luxemburgo", "austria", "emiratos",
               "arabia saudi", "argentina", "chile", "colombia", "peru", "europa", "union europea", "eee",
               "corea"),
    stopwords=("el", "la", "los", "las", "un", "una", "unos", "unas", "y", "o", "e", "u", "de", "del", "al",
               "a", "en", "por", "para", "con", "sin", "que", "se", "su", "sus", "lo", "le", "les", "es",
               "son", "sera", "seran", "ser", "puede", "pueden", "podra", "como", "este", "esta", "estos",
               "estas", "dicho", "dicha", "cual", "cuales", "otros", "otras", "etc", "siguientes",
               "siguiente", "empresa", "compania", "datos", "personales", "informacion", "usuario",
               "usuarios", "miembro", "miembros", "nuestro", "nuestra", "nuestros", "usted", "mas", "no",
               "si", "cuando", "donde", "tambien", "incluidos", "incluyendo"),
)

LEXICONS: Mapping[str, Lexicon] = {lx.lang: lx for lx in (KO, EN, ZH, ZH_HANT, ES)}

# Headings that name an ordinary subject outrank a material word they contain:
# "개인정보 보호책임자" names the officer, not a liability clause; "remedies for
# the infringement of rights" is about complaints, not about removing a right.
SUPPRESSES: Mapping[str, tuple[str, ...]] = {
    "contact": ("unfavourable_terms", "user_rights", "processors", "data_items"),
    "remedies": ("user_rights", "unfavourable_terms"),
    "children": ("user_rights",),
    "changes": ("user_rights", "unfavourable_terms", "purposes", "data_items", "retention"),
    "destruction": ("retention",),
}


# --- matching -----------------------------------------------------------------

_CJK_RE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


@lru_cache(maxsize=65536)
def is_cjk(term: str) -> bool:
    return bool(_CJK_RE.search(term))


@dataclass(frozen=True)
class FoldedText:
    """A text prepared once for many term look-ups."""

    spaced: str  # folded, runs of whitespace collapsed: for Latin-script terms
    compact: str  # folded, no whitespace at all: for Korean and Chinese terms

    @classmethod
    def of(cls, text: str) -> "FoldedText":
        folded = fold(mask_navigation(text))
        return cls(" ".join(folded.split()), "".join(folded.split()))

    @functools.cached_property
    def starts(self) -> dict[str, list[int]]:
        """Where a Latin term can match (not after a letter or digit), by the
        three characters found there: one pass over the text serves every
        term, instead of one regex scan per term."""
        index: dict[str, list[int]] = {}
        text = self.spaced
        for m in _TERM_START_RE.finditer(text):
            i = m.start()
            index.setdefault(text[i:i + _KEY], []).append(i)
        return index


@lru_cache(maxsize=4096)
def _latin_pattern(term: str) -> re.Pattern[str]:
    # A stem matches at a word start and may run on ("collect" -> "collected").
    return re.compile(r"(?<![a-z0-9])" + re.escape(term))


# Words on a page that are not the policy's: a menu path or breadcrumb
# ("Settings > Privacy > Cookies", "홈 > 고객센터 > 개인정보 처리방침") and a
# relative timestamp ("Updated 3 days ago", "3일 전", "3天前", "hace 3 días").
# They name things (cookies, third parties) without saying anything about them.
# A menu item: starts with a capital (or a Korean/Chinese character), up to
# five words ("Settings", "Mi cuenta", "Cookies and tracking technologies").
_PATH_ITEM = (r"(?:[A-ZÀ-ÞĀ-ſ0-9]|[^\sA-Za-zÀ-ÿ>›»→「」『』*\[\]()|.;:,。；：，\"'“”«»])"
              r"[^\s>›»→「」『』*\[\]()|]*(?: [^\s>›»→「」『』*\[\]()|.;:,。；：，]+){0,4}")
NAVIGATION_RE = re.compile(rf"{_PATH_ITEM}(?:\s*[>›»→]\s*{_PATH_ITEM}){{2,}}")
_RELATIVE_TIME_RE = re.compile(
    r"\b\d+\s*(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b"
    r"|\d+\s*(?:초|분|시간|일|주|개월|달|년)\s*전(?![가-힣])"
    r"|\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|年)前"
    r"|\bhace\s+\d+\s*(?:segundos?|minutos?|horas?|d[ií]as?|semanas?|meses?|a[nñ]os?)\b",
    re.IGNORECASE,
)


def navigation_spans(text: str) -> list[tuple[int, int]]:
    if not any(c in text for c in ">›»→"):
        return []
    return [m.span() for m in NAVIGATION_RE.finditer(text)]


def mask_navigation(text: str) -> str:
    """The text with menu paths, breadcrumbs (three steps or more) and
    relative timestamps blanked."""
    if ">" in text or "›" in text or "»" in text or "→" in text:
        text = NAVIGATION_RE.sub(" ", text)
    if any(ch.isdigit() for ch in text):
        text = _RELATIVE_TIME_RE.sub(" ", text)
    return text


_KEY = 3
_TERM_START_RE = re.compile(r"(?<![a-z0-9])[^\s]")


@lru_cache(maxsize=8192)
def _term_key(term: str) -> tuple[str, bool]:
    """A term as it is looked up (folded; CJK without spaces), asked once per
    term rather than once per term and section."""
    t = fold(term)
    if is_cjk(t):
        return "".join(t.split()), True
    return t, False


def count_term(term: str, text: FoldedText) -> int:
    t, cjk = _term_key(term)
    if cjk:
        return text.compact.count(t)
    if len(t) < _KEY or t[0].isspace():
        return len(_latin_pattern(t).findall(text.spaced))
    # Matches do not overlap, as with re.findall.
    n, end = 0, -1
    for i in text.starts.get(t[:_KEY], ()):
        if i >= end and text.spaced.startswith(t, i):
            n += 1
            end = i + len(t)
    return n


def has_any(terms: Terms, text: FoldedText) -> bool:
    return any(count_term(t, text) for t in terms)


def hits(terms: Terms, text: FoldedText) -> tuple[str, ...]:
    return tuple(t for t in terms if count_term(t, text))


def lexicons_for(lang: str) -> tuple[Lexicon, ...]:
    """The language's own lexicon first, then English (English words such as
    "cookie" or "Google Analytics" appear in every language's policies).
    An unknown language gets all of them."""
    base = lang.split("-")[0] if lang not in LEXICONS else lang
    if lang == "zh-Hant" or lang.lower() in ("zh-tw", "zh-hk"):
        return (ZH_HANT, ZH, EN)
    if base == "zh":
        return (ZH, ZH_HANT, EN)
    if base in LEXICONS:
        return (LEXICONS[base],) if base == "en" else (LEXICONS[base], EN)
    return tuple(LEXICONS.values())


def merged(lang: str, field_name: str) -> Terms:
    """One field (e.g. "sensitive") over every lexicon that applies to lang."""
    out: list[str] = []
    for lx in lexicons_for(lang):
        out.extend(getattr(lx, field_name))
    return tuple(dict.fromkeys(out))


def merged_category_terms(lang: str, where: str) -> Mapping[str, Terms]:
    """headings or content terms per category, over every lexicon for lang."""
    out: dict[str, list[str]] = {}
    for lx in lexicons_for(lang):
        for cat, terms in getattr(lx, where).items():
            out.setdefault(cat, []).extend(terms)
    return {cat: tuple(dict.fromkeys(terms)) for cat, terms in out.items()}


def categories_in(text: str, lang: str, where: str = "headings") -> dict[str, int]:
    """Category -> number of distinct terms of it found in text."""
    return dict(_categories_in(text, lang, where))


# Most sections are unchanged from one version to the next, so an archive
# asks about the same texts again and again.
@lru_cache(maxsize=8192)
def _categories_in(text: str, lang: str, where: str) -> tuple[tuple[str, int], ...]:
    folded = FoldedText.of(text)
    scores: list[tuple[str, int]] = []
    for cat, terms in merged_category_terms(lang, where).items():
        n = len(hits(terms, folded))
        if n:
            scores.append((cat, n))
    return tuple(scores)
