"""Texts of the class store's core: the anonymous learner label and one sentence per
``ClassError`` code (``class_error_<code>``, see ``core/classroom/errors.py``)."""

TEXTS = {
    "class_learner_label": {"en": "Learner {n}", "zh": "学员 {n}"},
    "class_error_unavailable": {
        "en": "The class cannot be reached right now. The lesson still works for you on your own.",
        "zh": "暂时连不上课堂。你仍然可以自己一个人继续学习本课。",
    },
    "class_error_schema": {
        "en": "The class database belongs to another version of this app.",
        "zh": "课堂数据库属于这个应用的另一个版本。",
    },
    "class_error_bad_code": {
        "en": "That is not a class code: a code has {expected} letters and digits (no 0, O, 1, I or L).",
        "zh": "这不是课堂代码：代码由 {expected} 个字母和数字组成（不含 0、O、1、I、L）。",
    },
    "class_error_bad_token": {
        "en": "This browser's class token is not valid. Reload the page to get a new one.",
        "zh": "这个浏览器的课堂令牌无效。请刷新页面获取新的令牌。",
    },
    "class_error_bad_argument": {
        "en": "The class could not read this request.",
        "zh": "课堂无法识别这个请求。",
    },
    "class_error_unknown_class": {
        "en": "There is no class with this code. Check it with your teacher.",
        "zh": "没有使用这个代码的课堂。请向老师核对代码。",
    },
    "class_error_ended": {
        "en": "This class has ended. Its answers have been deleted.",
        "zh": "这堂课已经结束，答题记录已删除。",
    },
    "class_error_expired": {
        "en": "This class expired after {days} days without activity. Its answers have been deleted.",
        "zh": "这堂课连续 {days} 天没有活动，已经过期，答题记录已删除。",
    },
    "class_error_forbidden": {
        "en": "This teacher link does not open this class.",
        "zh": "这个教师链接无法打开这堂课。",
    },
    "class_error_not_joined": {
        "en": "You have not joined this class yet.",
        "zh": "你还没有加入这堂课。",
    },
    "class_error_removed": {
        "en": "The teacher removed you from this class.",
        "zh": "老师已将你移出这堂课。",
    },
    "class_error_closed": {
        "en": "This question is not open for answers right now.",
        "zh": "这道题现在不接受作答。",
    },
    "class_error_rate_limited": {
        "en": "Too many requests at once. Wait a minute and try again.",
        "zh": "请求太频繁了。请等一分钟再试。",
    },
    "class_error_full": {
        "en": "The class store is full. Ask your teacher.",
        "zh": "课堂已满。请联系老师。",
    },
}
