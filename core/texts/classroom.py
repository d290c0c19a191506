"""Texts of the class: the store's anonymous learner label and one sentence per
``ClassError`` code (``class_error_<code>``, see ``core/classroom/errors.py``), then the
class page (``app_pages/classroom.py``): the teacher's board and the learner's view."""

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
    "class_error_bad_report": {
        "en": "Your network's progress could not be sent to the class. Your training goes on as before.",
        "zh": "你的网络训练进度没能发送到课堂，但不影响你继续训练。",
    },
    "class_error_bad_setting": {
        "en": "The training page does not accept the setting “{key}” as written. Copy it from a training "
              "page link, or check its name and value.",
        "zh": "训练页面不接受这样写的设置“{key}”。请从训练页面的链接里复制，或检查参数名和取值。",
    },
    "class_error_too_costly": {
        "en": "These settings are too heavy for a whole class: each learner's training would need about "
              "{cost:.0%} of a processor core, and the class can give each at most {limit:.0%}. Lower the "
              "speed, use fewer points or a smaller network, or compare fewer activations.",
        "zh": "这组设置对全班来说太重了：每位学员的训练大约要占用一个处理器核心的 {cost:.0%}，"
              "而全班每人最多只能分到 {limit:.0%}。请调低速度、减少数据点、缩小网络，或少对比几种激活函数。",
    },

    # ------------------------------------------------------------- the class page
    "class_nav": {"en": "A class together", "zh": "一起上课"},
    "class_title": {"en": "A class together", "zh": "一起上课"},
    "class_intro": {
        "en": "A teacher starts a class and projects its code; learners join from their own phone or laptop, "
              "predict each step of the lesson, and the class sees what everyone predicted before the answer is "
              "revealed.",
        "zh": "老师开一堂课，把课堂代码投到大屏幕上；学员用自己的手机或电脑加入，对课程的每一步先做预测，"
              "在揭晓答案之前，全班一起看看大家都是怎么想的。",
    },
    "class_join_heading": {"en": "Join a class", "zh": "加入课堂"},
    "class_code_label": {"en": "Class code", "zh": "课堂代码"},
    "class_code_help": {
        "en": "The 8 letters and digits your teacher shows, e.g. ABCD-2345.",
        "zh": "老师展示的 8 位字母和数字，例如 ABCD-2345。",
    },
    "class_nickname_label": {"en": "Nickname (optional)", "zh": "昵称（可不填）"},
    "class_nickname_help": {
        "en": "Only your teacher sees it. Leave it empty to be “Learner 1”, “Learner 2”, …",
        "zh": "只有老师能看到。不填的话，你会显示为“学员 1”“学员 2”……",
    },
    "class_join_button": {"en": "Join", "zh": "加入"},
    "class_other_code": {"en": "Use another code", "zh": "输入其他代码"},
    "class_need_code": {"en": "Type the class code first.", "zh": "请先输入课堂代码。"},
    "class_teach_heading": {"en": "Teach a class", "zh": "我是老师"},
    "class_start": {"en": "Start a class", "zh": "开始上课"},
    "class_start_help": {
        "en": "Creates a class with a code to project. Your control of the class stays in this browser.",
        "zh": "创建一堂课并生成可投屏的课堂代码。管理这堂课的权限只保存在你的这个浏览器里。",
    },
    "class_resume_with_key": {"en": "Resume a class with its resume key", "zh": "用恢复密钥回到一堂课"},
    "class_resume_key_label": {"en": "Resume key", "zh": "恢复密钥"},
    "class_resume_button": {"en": "Resume", "zh": "恢复"},
    "class_resume_key_wrong": {
        "en": "This resume key opens no class. Copy it again, whole, from the device that started the class.",
        "zh": "这个恢复密钥打不开任何一堂课。请回到开课的那台设备，把密钥完整地再复制一次。",
    },
    "class_code_is": {"en": "Class code", "zh": "课堂代码"},
    "class_join_at": {"en": "Join at {link}", "zh": "加入链接：{link}"},
    "class_qr_caption": {"en": "Scan to join", "zh": "扫码加入课堂"},
    "class_qr_alt": {"en": "QR code of the join link {link}", "zh": "加入链接 {link} 的二维码"},
    "class_joined_count": {"en": "Joined", "zh": "已加入"},
    "class_answered_count": {"en": "Answered", "zh": "已作答"},
    "class_status_lobby": {
        "en": "Nothing is open: learners are waiting for a step.",
        "zh": "当前没有开放的题目，学员正在等待。",
    },
    "class_status_step": {"en": "Step {n} of {total}: {title}", "zh": "第 {n} 步（共 {total} 步）：{title}"},
    "class_status_pre": {"en": "The quiz before the lesson is open.", "zh": "课前小测正在进行。"},
    "class_status_post": {"en": "The quiz after the lesson is open.", "zh": "课后小测正在进行。"},
    "class_step_picker": {"en": "Lesson step", "zh": "课程步骤"},
    "class_step_option": {"en": "{n}. {title}", "zh": "{n}. {title}"},
    "class_open_step": {"en": "Open this step", "zh": "开放这一步"},
    "class_reveal": {"en": "Reveal the answer", "zh": "揭晓答案"},
    "class_open_pre": {"en": "Open the quiz before", "zh": "开始课前小测"},
    "class_open_post": {"en": "Open the quiz after", "zh": "开始课后小测"},
    "class_close_quiz": {"en": "Close the quiz", "zh": "结束小测"},
    "class_wait_for_more": {
        "en": "The answers show from {n} answers on, so that nobody's answer can be read off.",
        "zh": "至少 {n} 人作答后才显示答案分布，这样谁也看不出某个人选了什么。",
    },
    "class_bar": {"en": "{label}: {count} ({share:.0%})", "zh": "{label}：{count} 人（{share:.0%}）"},
    "class_right_mark": {"en": "✓ right", "zh": "✓ 正确"},
    "class_quiz_took": {"en": "{n} learners have sent answers.", "zh": "已有 {n} 名学员提交了答案。"},
    "class_quiz_question_count": {"en": "Q{i}: {count} answers", "zh": "第 {i} 题：{count} 份答案"},
    "class_results_heading": {"en": "The quiz before and after", "zh": "课前与课后小测"},
    "class_results_empty": {
        "en": "No learner has taken both quizzes yet.",
        "zh": "还没有学员两次小测都做完。",
    },
    "class_col_question": {"en": "Question", "zh": "题目"},
    "class_col_pre": {"en": "Right before", "zh": "课前正确率"},
    "class_col_post": {"en": "Right after", "zh": "课后正确率"},
    "class_col_gain": {"en": "Gain ⟨g⟩", "zh": "增益 ⟨g⟩"},
    "class_gain_overall": {
        "en": "Whole quiz: {pre} right before, {post} after; normalised gain ⟨g⟩ = {gain} (N = {n} learners "
              "who took both).",
        "zh": "整份小测：课前正确率 {pre}，课后 {post}；归一化增益 ⟨g⟩ = {gain}（N = {n}，只计两次都做了的学员）。",
    },
    "class_gain_note": {
        "en": "⟨g⟩ = (after − before) / (100 % − before): the share of what was left to learn that was learnt. "
              "“—” where everyone was right before.",
        "zh": "⟨g⟩ =（课后 − 课前）/（100% − 课前）：原本不会的内容里，学会了多少。课前全对时记为“—”。",
    },
    "class_learners_heading": {"en": "Learners ({n})", "zh": "学员（{n} 人）"},
    "class_no_learners": {"en": "Nobody has joined yet.", "zh": "还没有人加入。"},
    "class_remove": {"en": "Remove", "zh": "移出"},
    "class_hide_names": {"en": "Hide nicknames (projector)", "zh": "隐藏昵称（投屏时）"},
    "class_csv_nicknames": {"en": "Include nicknames in the CSV", "zh": "CSV 中包含昵称"},
    "class_csv_download": {"en": "Download the results (CSV)", "zh": "下载结果（CSV）"},
    "class_end": {"en": "End class", "zh": "结束这堂课"},
    "class_end_confirm": {
        "en": "Ending deletes every learner and answer of this class. Download the results first if you want "
              "to keep them.",
        "zh": "结束后，这堂课所有学员和答题记录都会被删除。如需保留，请先下载结果。",
    },
    "class_end_now": {"en": "End now and delete the answers", "zh": "立即结束并删除答题记录"},
    "class_end_cancel": {"en": "Keep the class", "zh": "先不结束"},
    "class_ended_teacher": {
        "en": "The class has ended and its answers are deleted. This is the last copy of the results:",
        "zh": "这堂课已结束，答题记录已删除。下面是结果的最后一份副本：",
    },
    "class_new_class": {"en": "Start another class", "zh": "再开一堂课"},
    "class_resume_heading": {"en": "Resume on another device", "zh": "在其他设备上继续"},
    "class_resume_warning": {
        "en": "Keep this link private and never show it on the projector: whoever has it controls the class. "
              "This browser remembers the class by itself.",
        "zh": "请妥善保管这个链接，不要投到屏幕上：拿到它的人就能管理这堂课。这个浏览器本身会记住这堂课。",
    },
    "class_show_key": {"en": "Show my private resume link", "zh": "显示我的私人恢复链接"},
    "class_resume_how": {
        "en": "Open the link on the other device. Or open this page there and paste this resume key under "
              "“Resume a class with its resume key”:",
        "zh": "在另一台设备上打开这个链接即可。也可以在那台设备上打开本页，把下面的恢复密钥粘贴到"
              "“用恢复密钥回到一堂课”里：",
    },
    "class_leave_teacher": {"en": "Leave this class on this device", "zh": "在本设备上退出这堂课"},
    "class_you_are": {"en": "You are {name} in class {code}.", "zh": "你是课堂 {code} 中的{name}。"},
    "class_leave_learner": {"en": "Leave", "zh": "退出"},
    "class_wait": {
        "en": "Wait for your teacher to open a step. This page follows by itself.",
        "zh": "请等待老师开放下一步，本页会自动跟上。",
    },
    "class_send": {"en": "Send my answer", "zh": "提交答案"},
    "class_choose_first": {"en": "Choose an answer first, then send it.", "zh": "先选一个答案，再提交。"},
    "class_sent_too_late": {
        "en": "Your answer arrived just after the teacher moved on, so it was not counted. "
              "Here is the new question.",
        "zh": "你的答案送到时，老师刚好换了题，所以没有计入。请看新的题目。",
    },
    "class_your_answer": {
        "en": "Your answer: {answer}. You can change it until the teacher reveals.",
        "zh": "你的答案：{answer}。老师揭晓之前，你还可以修改。",
    },
    "class_revealed_no_answer": {"en": "You did not answer this one.", "zh": "这道题你没有作答。"},
    "class_quiz_send": {"en": "Send my answers", "zh": "提交答案"},
    "class_quiz_sent": {
        "en": "Sent: {n} of {total} answered. You can still change them while the quiz is open.",
        "zh": "已提交：{total} 题中答了 {n} 题。小测结束前仍可修改。",
    },
    "class_quiz_title_pre": {"en": "The quiz before the lesson", "zh": "课前小测"},
    "class_quiz_title_post": {"en": "The quiz after the lesson", "zh": "课后小测"},
    "class_left": {"en": "You are no longer in this class.", "zh": "你已不在这堂课中。"},
    "class_back_to_lesson": {"en": "Do the lesson on your own", "zh": "自己学习本课"},

    # ------------------------------------------------------------- the class's networks
    "class_train_link": {"en": "Train a network (your class sees it)", "zh": "去训练一个网络（全班都能看到）"},
    "class_gallery_title": {"en": "The class's networks", "zh": "全班的网络"},
    "class_gallery_caption": {
        "en": "Each learner's network as it trains on the training page: its boundary and test accuracy, "
              "as their page sends them every {seconds} s. Grouped by activation function.",
        "zh": "每位同学在训练页上正在训练的网络：分界线和测试准确率，由他们的页面每 {seconds} 秒发来一次，"
              "按激活函数分组。",
    },
    "class_gallery_none": {
        "en": "No network yet. Learners who open the training page from this class appear here as they train.",
        "zh": "还没有网络。同学们从本课堂打开训练页，开始训练后就会出现在这里。",
    },
    "class_gallery_order": {"en": "Order", "zh": "排序"},
    "class_gallery_order_best": {"en": "Best first", "zh": "准确率高的在前"},
    "class_gallery_order_newest": {"en": "Newest first", "zh": "最新的在前"},
    "class_gallery_group": {
        "en": "{activation}: {count} networks, median {median}",
        "zh": "{activation}：{count} 个网络，测试准确率中位数 {median}",
    },
    "class_gallery_group_one": {
        "en": "{activation}: 1 network, {median}",
        "zh": "{activation}：1 个网络，测试准确率 {median}",
    },
    "class_gallery_group_diverged": {"en": " ({n} diverged)", "zh": "（其中 {n} 个发散）"},
    "class_gallery_net": {"en": "{activation} · {hidden}", "zh": "{activation} · {hidden}"},
    "class_gallery_no_hidden": {"en": "no hidden layer", "zh": "无隐藏层"},
    "class_gallery_acc": {"en": "{acc} right · epoch {epoch}", "zh": "分对 {acc} · 第 {epoch} 轮"},
    "class_gallery_diverged": {"en": "diverged at epoch {epoch}", "zh": "第 {epoch} 轮发散"},
    "class_gallery_alt": {
        "en": "The boundary of a network with {activation}: {acc} of the test points right",
        "zh": "一个 {activation} 网络的分界线：测试点分对 {acc}",
    },
    "class_gallery_big": {"en": "On the big screen", "zh": "投到大屏幕上"},
    "class_gallery_big_none": {"en": "None", "zh": "不投屏"},
    "class_gallery_big_title": {"en": "A network from the class", "zh": "班上的一个网络"},
    "class_gallery_big_waiting": {
        "en": "Its small picture for now: the full network arrives from the learner's page within a few seconds.",
        "zh": "先显示缩略图：几秒内，学员的页面会把完整的网络发过来。",
    },
    "class_gallery_unreadable": {
        "en": "{n} reports came from another version of the app and are not shown.",
        "zh": "有 {n} 份报告来自另一个版本的应用，没有显示。",
    },
    "class_experiment_title": {"en": "Set the experiment", "zh": "布置实验"},
    "class_experiment_help": {
        "en": "Settings for every learner's training page, written as in a link, for example "
              "`activation=relu&hidden=4`. Half and half gives learners with odd numbers the first settings "
              "and learners with even numbers the second. Learners can change anything afterwards.",
        "zh": "给每位同学训练页的设定，写法和链接里一样，例如 `activation=relu&hidden=4`。"
              "选“一半一半”时，单号同学用第一组设定，双号同学用第二组。同学们之后仍可自己改。",
    },
    "class_experiment_everyone": {"en": "Everyone the same", "zh": "全班一样"},
    "class_experiment_split": {"en": "Half and half", "zh": "一半一半"},
    "class_experiment_query": {"en": "Settings", "zh": "设定"},
    "class_experiment_a": {"en": "Odd numbers", "zh": "单号同学"},
    "class_experiment_b": {"en": "Even numbers", "zh": "双号同学"},
    "class_experiment_send": {"en": "Send to the class", "zh": "发给全班"},
    "class_experiment_clear": {"en": "Stop the experiment", "zh": "取消实验"},
    "class_experiment_defaults": {"en": "the page's defaults", "zh": "页面默认设定"},
    "class_experiment_now": {"en": "The class trains: {query}", "zh": "全班正在训练：{query}"},
    "class_experiment_now_split": {
        "en": "Odd numbers train {a}; even numbers train {b}",
        "zh": "单号同学训练 {a}；双号同学训练 {b}",
    },
}
