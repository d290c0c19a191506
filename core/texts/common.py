"""Texts shared by every page: navigation, sidebar, home page, generic messages."""

TEXTS = {
    "app_title": {"en": "Activation functions, hands on", "zh": "动手学激活函数"},
    "lang_label": {"en": "Language · 语言", "zh": "语言 · Language"},
    "nav_home": {"en": "Start here", "zh": "从这里开始"},
    "nav_activations": {"en": "Activation functions", "zh": "激活函数图鉴"},
    "nav_collapse": {"en": "Linear collapse", "zh": "线性叠加的塌缩"},
    "nav_training": {"en": "Live training", "zh": "实时训练"},
    "home_lead": {
        "en": "Why does a neural network need activation functions? This app answers "
        "with things you can touch: curves you can bend, weights you can set, and a "
        "network you can watch learn.",
        "zh": "神经网络为什么离不开激活函数？这个应用不靠背结论，而是让你亲手试："
        "拖动参数看曲线怎么弯，自己设定权重，再看着一个网络一点点学会分类。",
    },
    "home_pages_heading": {"en": "Four pages, one argument", "zh": "四个页面，讲清一件事"},
    "home_card_collapse": {
        "en": "Stack as many linear layers as you like: the algebra folds them into one "
        "affine map, x·W + b (a linear map plus a constant), and the boundary stays a straight line.",
        "zh": "线性层叠得再多，代数一化简还是一个仿射映射 x·W + b（线性映射再加一个常数），"
        "分界线永远是一条直线。",
    },
    "home_card_activations": {
        "en": "Every common activation function: its curve, its slope, its parameters, "
        "and the properties that decide how a network trains.",
        "zh": "常见激活函数一网打尽：函数曲线、导数、参数，以及决定网络好不好训练的那些性质。",
    },
    "home_card_training": {
        "en": "Press Play and watch a small network learn to separate circles from "
        "triangles; change the activation and see what changes.",
        "zh": "点一下“播放”，看一个小网络学着把圆圈和三角形分开；换一个激活函数，看看结果有什么不同。",
    },
    "home_open": {"en": "Open", "zh": "打开"},
    "home_article_note": {
        "en": "Built on a beginner's article on activation functions (in Chinese); the "
        "app writes its own explanations and corrects one formula of the article.",
        "zh": "本应用以一篇激活函数入门文章为蓝本，讲解文字为重新撰写，并更正了原文中的一个公式。",
    },
    "dismiss": {"en": "Dismiss", "zh": "知道了"},
    # A page that uses an activation without training it (the feature map, the random stack).
    "act_learned_fixed": {
        "en": "{act} learns its slope {param} while a network trains; nothing is trained here, so "
        "{param} stays at its starting value, {value}.",
        "zh": "{act} 的斜率 {param} 是在网络训练时学出来的；这里不做任何训练，所以 {param} "
        "一直取它的起始值 {value}。",
    },
    "show_code": {"en": "Show the code", "zh": "查看代码"},
    # A link with values the page cannot use. {name} and {value} arrive formatted (the
    # key as code, the learner's value escaped); {fallback} is one of the url_fallback_*.
    "url_bad_one": {
        "en": "The link asked for {name} = “{value}”, which is not a valid value; "
        "the page uses {fallback} instead.",
        "zh": "链接里的参数 {name} = “{value}” 无效，页面已改用{fallback}。",
    },
    # After url_bad_one: what the key takes (numbers as the URL writes them).
    "url_allowed_range": {"en": " It takes a number from {low} to {high}.", "zh": "该参数应为 {low} 到 {high} 之间的数。"},
    "url_allowed_options": {"en": " It takes one of: {options}.", "zh": "可选值：{options}。"},
    "url_fallback_value": {"en": "the default, {value},", "zh": "默认值 {value}"},
    "url_fallback_default": {"en": "the default", "zh": "默认值"},
    "url_bad_many": {
        "en": "{count} settings in the link are not valid, so the page uses its defaults for them: {items}.",
        "zh": "链接里有 {count} 个参数无效，页面已改用默认值：{items}。",
    },
    "url_list_sep": {"en": "; ", "zh": "；"},
}

TEXTS.update({
    "present_exit": {"en": "Leave presenter mode", "zh": "退出演示模式"},
    "section_pending": {"en": "Drawing this part…", "zh": "正在绘制这一部分……"},
    "formula_label": {"en": "Formula; if it is wider than the page, scroll it with the arrow keys",
                      "zh": "公式；如果比页面宽，可以用方向键左右滚动"},
    "present_exit_help": {
        "en": "Back to the normal page: sidebar, all controls, usual type size.",
        "zh": "回到普通页面：显示侧边栏和全部控件，字号恢复正常。",
    },
})

TEXTS.update({
    # Shown under Streamlit's file uploader on non-English pages: its own words are English.
    "upload_limit": {
        "en": "At most {max_bytes:MB} per file.",
        "zh": "单个文件不超过 {max_bytes:MB}。",
    },
    "upload_hint": {
        "en": "Drag a file onto the box above, or click “Browse files” to pick one; at most {max_bytes:MB} per file.",
        "zh": "把文件拖到上方框内，或点击 “Browse files” 选择文件；单个文件不超过 {max_bytes:MB}。",
    },
})
