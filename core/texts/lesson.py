"""Texts of the guided path on the home page: its steps, questions, reveals, quiz, teacher notes.

Numbers arrive raw from ``core.guide.path`` and are formatted here, by the format spec of
each placeholder (``{best:.1%}``), the same in both languages.
"""

TEXTS = {
    # ------------------------------------------------------------------ the path
    "lesson_heading": {"en": "The lesson, step by step", "zh": "跟着课程一步一步走"},
    "lesson_intro": {
        "en": "Eight steps follow the article's argument, from the problem to the answer. In each step you "
        "answer first; then the app computes what really happens and shows why.",
        "zh": "八个步骤顺着原文的思路，从问题一路走到答案。每一步都先由你作答，"
        "再由应用现场算出真实结果，并解释其中的道理。",
    },
    "lesson_progress": {"en": "{done} of {total} steps answered", "zh": "已完成 {done} / {total} 步"},
    "lesson_step_picker": {"en": "Where you are on the path", "zh": "你在课程中的位置"},
    "lesson_pill_before": {"en": "Quiz (before)", "zh": "课前测验"},
    "lesson_pill_after": {"en": "Quiz (after)", "zh": "课后测验"},
    "lesson_step_of": {"en": "Step {n} of {total}", "zh": "第 {n} 步（共 {total} 步）"},
    "lesson_back": {"en": "Back", "zh": "上一步"},
    "lesson_next": {"en": "Next", "zh": "下一步"},
    "lesson_restart": {"en": "Start over", "zh": "从头再来"},
    "lesson_restart_confirm": {"en": "Yes, forget my answers", "zh": "确定，清除我的作答"},
    "lesson_restart_help": {
        "en": "Forget this session's answers and quiz scores and go back to step 1.",
        "zh": "清除本次的所有作答和测验成绩，回到第 1 步。",
    },
    "lesson_predict": {"en": "Your prediction:", "zh": "先预测一下："},
    "lesson_check": {"en": "Check", "zh": "揭晓答案"},
    "lesson_pick_first": {"en": "Choose an answer first.", "zh": "请先选一个答案。"},
    "lesson_your_answer": {"en": "Your answer: {answer}", "zh": "你的答案：{answer}"},
    "lesson_right": {"en": "Right.", "zh": "答对了！"},
    "lesson_wrong": {"en": "Not quite.", "zh": "不太对。"},
    "lesson_what_happens": {"en": "What happens: {answer}", "zh": "实际结果：{answer}"},
    "lesson_measured_percent": {"en": "Measured: {value:.1%}", "zh": "实测结果：{value:.1%}"},
    "lesson_measured_number": {"en": "Measured: {value:.4f}", "zh": "实测结果：{value:.4f}"},
    "lesson_explore": {"en": "See it on the page “{page}”", "zh": "到“{page}”页面亲手试试"},
    "lesson_return": {"en": "Back to the lesson, step {n}", "zh": "回到课程第 {n} 步"},
    "lesson_explore_help": {
        "en": "Opens the page with this step's settings, at its section; the sidebar has the way back.",
        "zh": "用这一步的设置打开该页面，直接跳到相关的一节；侧边栏里有返回课程的按钮。",
    },
    "lesson_all_done": {
        "en": "You have answered all eight steps. Take the quiz again below and compare.",
        "zh": "八个步骤全部完成！在下面把测验再做一遍，对比一下前后的变化。",
    },
    "lesson_data_caption": {
        "en": "The data: circles in the middle, triangles around them.",
        "zh": "数据：圆圈在中间，三角形围在四周。",
    },
    # ------------------------------------------------------------------ step 1: one line
    "lesson_line_title": {"en": "One straight line is not enough", "zh": "一条直线不够用"},
    "lesson_line_text": {
        "en": "A neuron without an activation computes w₁·x₁ + w₂·x₂ + b and calls a point a circle "
        "when the result is above 0, so its boundary is a straight line. Here the circles sit in the "
        "middle and the triangles lie all around them.",
        "zh": "不带激活函数的神经元计算 w₁·x₁ + w₂·x₂ + b，结果大于 0 就判为圆圈，"
        "所以它的分界线是一条直线。可这里的圆圈聚在中间，三角形围在四周。",
    },
    "lesson_line_question": {
        "en": "Of all the straight lines you could draw, the best one classifies what share of these "
        "{n} points correctly?",
        "zh": "在所有能画出的直线里，最好的那一条能把这 {n} 个点分对多少？",
    },
    "lesson_line_guess": {"en": "Your guess (% correct)", "zh": "你的估计（分对的百分比）"},
    "lesson_line_why": {
        "en": "The app tried {directions} directions and every offset along each: the best straight line "
        "gets {best:.1%} of the points right, where calling every point a circle already gets {circles:.0%}. "
        "However a line is turned and moved, some of the triangles around the ring end up on the "
        "circles' side.",
        "zh": "应用试遍了 {directions} 个方向，每个方向上的每个位置都试过：最好的直线也只能分对 "
        "{best:.1%}，而把所有点都判成圆圈就已经能对 {circles:.0%}。"
        "直线无论怎么转、怎么移，环上总有一些三角形会和圆圈落在同一侧。",
    },
    "lesson_line_after": {
        "en": "The best straight line: blue is the side it calls circles.",
        "zh": "最好的那条直线：蓝色一侧被它判为圆圈。",
    },
    "lesson_line_ask": {
        "en": "Where would you draw one straight line to separate the circles from the triangles? Let two "
        "students defend two different lines.",
        "zh": "如果只能画一条直线把圆圈和三角形分开，你会画在哪里？请两位同学各画一条，说说理由。",
    },
    "lesson_line_see": {
        "en": "The article's 2-3-1 network with its nine weights and its algebra; further down, its line "
        "over the circle data next to the best any line can do: {best:.1%}.",
        "zh": "原文的 2-3-1 网络、九个权重和化简过程；往下翻是这条直线在圆圈数据上的分界，"
        "旁边是任何直线所能达到的最好成绩：{best:.1%}。",
    },
    # ------------------------------------------------------------------ step 2: stacking
    "lesson_stack_title": {"en": "Stacking linear layers does not help", "zh": "多叠几层线性层也没用"},
    "lesson_stack_text": {
        "en": "Then use more neurons in more layers? Take four linear layers, 2 → 8 → 3 → 8 → 1, with "
        "random weights and biases, and no activation between them.",
        "zh": "那就多用几层、多放些神经元？取四层线性层 2 → 8 → 3 → 8 → 1，权重和偏置都随机，"
        "层与层之间不加激活函数。",
    },
    "lesson_stack_question": {
        "en": "What shape is its boundary, where the output is 0, on the circle picture?",
        "zh": "在这张圆圈数据图上，它的分界线（输出为 0 的地方）是什么形状？",
    },
    "lesson_stack_opt_line": {"en": "A straight line", "zh": "一条直线"},
    "lesson_stack_opt_bend": {"en": "A bent curve", "zh": "一条弯曲的曲线"},
    "lesson_stack_opt_loop": {"en": "A closed loop around the circles", "zh": "一圈把圆圈围起来的闭合曲线"},
    "lesson_stack_why": {
        "en": "Multiply the layers out and the {layers} layers fold into one affine map x·W + b, with "
        "W = ({a:.3g}, {c:.3g}) and b = {beta:.3g}. Its boundary {a:.3g}·x₁ + {c:.3g}·x₂ + {beta:.3g} = 0 "
        "is a straight line: measured on the picture, its points stray from one line by at most "
        "{deviation:.0e} (rounding). This stack gets {accuracy:.1%} of the points right.",
        "zh": "把各层乘开，这 {layers} 层就合并成一个仿射映射 x·W + b，其中 W = ({a:.3g}, {c:.3g})，"
        "b = {beta:.3g}。它的分界线 {a:.3g}·x₁ + {c:.3g}·x₂ + {beta:.3g} = 0 是一条直线：实测分界线上的点"
        "偏离同一条直线最多 {deviation:.0e}（只是舍入误差）。这个网络只分对了 {accuracy:.1%} 的点。",
    },
    "lesson_stack_after": {
        "en": "The boundary of the four linear layers: blue is the side they call circles.",
        "zh": "四层线性网络的分界：蓝色一侧被判为圆圈。",
    },
    "lesson_stack_ask": {
        "en": "One line is not enough; will four layers of lines do better? Vote: a line, a curve or a loop.",
        "zh": "一条直线不够，那四层“直线”叠起来行不行？大家投票：直线、曲线，还是闭合曲线？",
    },
    "lesson_stack_see": {
        "en": "Under “Any depth, any width”: the product of the layers, then the same random stack "
        "twice, without and with an activation. The link sets that activation to the identity, so both "
        "boundaries are straight; switch it to tanh in front of the class and the right one bends.",
        "zh": "在“任意深度、任意宽度”一节：各层相乘的结果，然后是同一个随机网络的两张图，"
        "左边不加激活函数，右边加。链接把右边的激活函数设成了恒等函数，所以两条分界线都是直的；"
        "当着全班把它换成 tanh，右边的分界线马上就弯了。",
    },
    # ------------------------------------------------------------------ step 3: bend the input
    "lesson_bend_title": {"en": "Bend the input", "zh": "把输入“掰弯”"},
    "lesson_bend_text": {
        "en": "The article's way out: feed the neuron x² instead of x, as in Y = W·x² + B. In the plane, "
        "square both inputs, so a point (x₁, x₂) moves to (x₁², x₂²).",
        "zh": "原文给出的出路：不给神经元喂 x，改喂 x²，也就是 Y = W·x² + B。放到平面上，"
        "就是把两个输入都平方，点 (x₁, x₂) 搬到 (x₁², x₂²)。",
    },
    "lesson_bend_question": {
        "en": "After squaring, how well can one straight line separate the two classes?",
        "zh": "平方之后，一条直线能把两类分得多好？",
    },
    "lesson_bend_opt_same": {"en": "No better than before", "zh": "和原来差不多"},
    "lesson_bend_opt_better": {"en": "Better, but not every point", "zh": "好一些，但分不全"},
    "lesson_bend_opt_all": {"en": "Every point correctly", "zh": "所有点都能分对"},
    "lesson_bend_why": {
        "en": "In the squared space the straight cut x₁² + x₂² = {t:.3f} gets {accuracy:.1%} of the "
        "points right (the best line in the original plane: {line:.1%}). Back in the original plane "
        "that straight cut is a circle of radius {radius:.3f}: bending the input bent the boundary. "
        "An activation function does this bending inside the network, without anyone having to choose "
        "x² by hand.",
        "zh": "在平方后的空间里，一刀直线 x₁² + x₂² = {t:.3f} 就能分对 {accuracy:.1%} 的点"
        "（原平面里最好的直线只有 {line:.1%}）。把这一刀放回原平面，它是一个半径为 {radius:.3f} 的圆："
        "把输入掰弯，分界线也就跟着弯了。激活函数就是在网络内部做这种“掰弯”，"
        "用不着人去事先挑好 x² 这样的变换。",
    },
    "lesson_bend_after": {
        "en": "Above: the squared space with its straight cut. Below: the same cut back in the plane.",
        "zh": "上图：平方后的空间和那一刀直线。下图：同一刀放回原平面。",
    },
    "lesson_bend_ask": {
        "en": "What happens to the ring when we square both coordinates? Where do the circles go, and "
        "where the triangles?",
        "zh": "把两个坐标都平方，这个环会变成什么样？圆圈跑到哪里，三角形又跑到哪里？",
    },
    "lesson_bend_see": {
        "en": "At the bottom of the page: Y = W·x² + B on points along a line, then the squared plane, "
        "where one straight cut gets {accuracy:.1%} right and becomes a circle back in the plane.",
        "zh": "页面最下方：先是一维的点上的 Y = W·x² + B，再是平方后的平面："
        "一刀直线分对 {accuracy:.1%}，放回原平面就是一个圆。",
    },
    # ------------------------------------------------------------------ step 4: threshold
    "lesson_threshold_title": {"en": "A threshold turns a score into a class", "zh": "用阈值把分数变成类别"},
    "lesson_threshold_text": {
        "en": "A neuron's output Y is a score, not a class. The step function decides: Y > 0 means "
        "class 1, anything else class 0. A softer version is the sigmoid σ(k·Y), which rises from 0 to "
        "1; the larger k, the steeper the rise.",
        "zh": "神经元的输出 Y 只是一个分数，还不是类别。阶跃函数负责拍板：Y > 0 判为第 1 类，"
        "否则判为第 0 类。它的“温和版”是 sigmoid 函数 σ(k·Y)，从 0 平滑地升到 1；k 越大，"
        "上升得越陡。",
    },
    "lesson_threshold_question": {
        "en": "With k = {k:g}, what is σ(k·Y) for a score just above zero, Y = {x:g}?",
        "zh": "取 k = {k:g}，分数刚刚超过零、Y = {x:g} 时，σ(k·Y) 等于多少？",
    },
    "lesson_threshold_guess": {"en": "Your guess for σ", "zh": "你估计 σ 的值"},
    "lesson_threshold_why": {
        "en": "σ({k:g} · {x:g}) = σ({z:g}) = {soft:.4f}, and for Y = −{x:g} it is {soft_minus:.4f}: at "
        "k = {k:g} the sigmoid is almost the step, which says {hard:g} here. But the step's slope is "
        "{hard_slope:g} everywhere except at 0, so it gives gradient descent nothing to follow; the "
        "sigmoid keeps a slope, and its output reads as a probability between 0 and 1.",
        "zh": "σ({k:g} × {x:g}) = σ({z:g}) = {soft:.4f}；Y = −{x:g} 时则是 {soft_minus:.4f}。"
        "k = {k:g} 时 sigmoid 几乎就是阶跃函数（阶跃函数在这里给出 {hard:g}）。可阶跃函数除了 0 点，"
        "处处斜率都是 {hard_slope:g}，梯度下降无从下手；sigmoid 始终留有斜率，"
        "输出还可以当作 0 到 1 之间的概率来理解。",
    },
    "lesson_threshold_before": {"en": "The step and σ(k·x) at k = {k:g}.", "zh": "阶跃函数和 k = {k:g} 时的 σ(k·x)。"},
    "lesson_threshold_after": {"en": "The same two curves at k = {k:g}.", "zh": "k = {k:g} 时的这两条曲线。"},
    "lesson_threshold_step": {"en": "step", "zh": "阶跃函数"},
    "lesson_threshold_soft": {"en": "σ({k:g}·x)", "zh": "σ({k:g}·x)"},
    "lesson_threshold_ask": {
        "en": "A score of 0.1: circle or triangle? And how sure should the network be?",
        "zh": "分数是 0.1：圆圈还是三角形？网络应该有多大把握？",
    },
    "lesson_threshold_see": {
        "en": "The step and σ(k·x) at k = {k:g}, almost on top of each other, and a table of values and "
        "slopes: the step's slope is 0 at every point in it.",
        "zh": "阶跃函数和 k = {k:g} 时的 σ(k·x) 几乎重合；下面的表格列出函数值和斜率："
        "表中阶跃函数的斜率全是 0。",
    },
    # ------------------------------------------------------------------ step 5: unbounded
    "lesson_unbounded_title": {"en": "Unbounded outputs blow up", "zh": "输出没有上限，训练就会崩"},
    "lesson_unbounded_text": {
        "en": "Training moves each weight against the gradient of the error. The output neuron is a "
        "sigmoid, so its error stays between −1 and 1; but a weight's update is that error times the "
        "hidden values and the other weights it passes through. The identity f(x) = x puts no bound on "
        "the hidden values: a large step makes the weights larger, the hidden values and the next "
        "gradient larger, and the next step larger still. tanh stays between −1 and 1, and its slope "
        "shrinks as its input grows.",
        "zh": "训练时，每个权重都沿误差梯度的反方向挪一步。输出神经元是 sigmoid，它的误差始终在 −1 到 1 "
        "之间；可权重的更新量等于这个误差，再乘上沿途经过的隐藏层数值和其他权重。恒等函数 f(x) = x "
        "不给隐藏层的数值设上限：一步迈大了，权重变大，隐藏层的数值和下一次的梯度跟着变大，下一步就迈得更大。"
        "tanh 的输出始终在 −1 到 1 之间，而且输入越大，它的斜率越小。",
    },
    "lesson_unbounded_question": {
        "en": "Two copies of one network (2 → 4 → 2 → 1, same starting weights) train on the circles "
        "with plain SGD at a large learning rate, {lr:g}. One has the identity in its hidden layers, "
        "the other tanh. Which one blows up?",
        "zh": "同一个网络（2 → 4 → 2 → 1，初始权重相同）复制两份，用普通 SGD、较大的学习率 {lr:g} "
        "在圆圈数据上训练。一份的隐藏层用恒等函数，另一份用 tanh。哪一个会崩掉？",
    },
    "lesson_unbounded_opt_neither": {"en": "Neither", "zh": "都不会"},
    "lesson_unbounded_opt_identity": {"en": "Only the identity network", "zh": "只有恒等函数那个"},
    "lesson_unbounded_opt_tanh": {"en": "Only the tanh network", "zh": "只有 tanh 那个"},
    "lesson_unbounded_opt_both": {"en": "Both", "zh": "两个都会"},
    "lesson_unbounded_why": {
        "en": "The identity network's loss stops being a finite number in epoch {diverged_at}: its "
        "weights ran off towards infinity. The tanh network, from the same weights at the same "
        "learning rate, still has a finite loss after {tanh_epoch} epochs ({tanh_loss:.3g}); at a rate "
        "this large its accuracy jumps about from epoch to epoch, but nothing blows up. Both end in a "
        "sigmoid output neuron, whose error is bounded: the blow-up happens inside, where unbounded "
        "hidden values and growing weights feed each other.",
        "zh": "恒等函数网络的损失在第 {diverged_at} 轮就不再是有限的数了：权重一路冲向无穷大。"
        "tanh 网络从同样的权重出发、用同样的学习率，训练了 {tanh_epoch} 轮，损失仍是有限的数"
        "（{tanh_loss:.3g}）；学习率这么大，它的准确率每轮都在上下跳，但并没有崩。两个网络的输出神经元"
        "都是 sigmoid，误差有界：崩溃发生在内部，是没有上限的隐藏层数值和越变越大的权重互相推高造成的。",
    },
    "lesson_unbounded_caption": {
        "en": "The identity grows without bound; tanh stays between −1 and 1.",
        "zh": "恒等函数无限增长；tanh 始终在 −1 和 1 之间。",
    },
    "lesson_unbounded_ask": {
        "en": "If the numbers inside a network can grow without limit, what happens to the error, and to "
        "the next update?",
        "zh": "如果网络内部的数值可以无限增大，误差会怎样？下一次更新又会怎样？",
    },
    "lesson_unbounded_see": {
        "en": "Press Play. In “Compare activations” at the bottom, the identity panel is marked "
        "diverged in epoch {diverged_at}; the tanh panel keeps training with a finite loss (its "
        "accuracy jumps about at this large learning rate).",
        "zh": "点“播放”。在页面底部的“对比激活函数”里，恒等函数那一栏在第 {diverged_at} 轮标出“已发散”；"
        "tanh 那一栏继续训练，损失始终有限（学习率这么大，它的准确率会上下跳动）。",
    },
    # ------------------------------------------------------------------ step 6: constant slope
    "lesson_slope_title": {"en": "A linear map has the same slope everywhere", "zh": "线性映射的斜率处处相同"},
    "lesson_slope_text": {
        "en": "Backpropagation learns from slopes: how much the output moves when an input or a weight "
        "moves a little. Take the article's 2-3-1 network with its nine weights and no activation, and "
        "measure its slope at two different points.",
        "zh": "反向传播靠斜率（导数）来学习：输入或权重稍微动一下，输出会变多少。"
        "取原文的 2-3-1 网络，用它的九个权重、不加激活函数，在两个不同的点上测一测它的斜率。",
    },
    "lesson_slope_question": {
        "en": "At p = ({p1:g}, {p2:g}) the output's slope is ({gp1:.3f}, {gp2:.3f}). What is it at "
        "q = ({q1:g}, {q2:g})?",
        "zh": "在 p = ({p1:g}, {p2:g}) 处，输出的斜率是 ({gp1:.3f}, {gp2:.3f})。在 q = ({q1:g}, {q2:g}) "
        "处是多少？",
    },
    "lesson_slope_opt_zero": {"en": "Zero: (0, 0)", "zh": "零：(0, 0)"},
    "lesson_slope_opt_differ": {"en": "Different: it depends on the point", "zh": "不一样：随位置而变"},
    "lesson_slope_opt_same": {"en": "The same: ({gp1:.3f}, {gp2:.3f})", "zh": "一样：({gp1:.3f}, {gp2:.3f})"},
    "lesson_slope_why": {
        "en": "Measured by nudging each input: at q the slope is ({gq1:.3f}, {gq2:.3f}), the same as at "
        "p. A linear map's derivative is a constant, so the gradient says nothing about where the input "
        "is. Put tanh after the hidden layer and the slopes part: ({tp1:.3f}, {tp2:.3f}) at p, "
        "({tq1:.3f}, {tq2:.3f}) at q.",
        "zh": "把每个输入轻轻挪一点来测量：q 处的斜率是 ({gq1:.3f}, {gq2:.3f})，和 p 处一模一样。"
        "线性映射的导数是常数，所以梯度完全不反映输入在哪里。在隐藏层后面加上 tanh，"
        "两处的斜率就不同了：p 处 ({tp1:.3f}, {tp2:.3f})，q 处 ({tq1:.3f}, {tq2:.3f})。",
    },
    "lesson_slope_caption": {
        "en": "The slopes f′(x): always 1 for the identity; for tanh, it depends on x.",
        "zh": "斜率 f′(x)：恒等函数处处为 1；tanh 的斜率随 x 而变。",
    },
    "lesson_care_caption": {
        "en": "The sigmoid's slope σ′(x): never above {top:g}.",
        "zh": "sigmoid 的斜率 σ′(x)：从不超过 {top:g}。",
    },
    "lesson_slope_ask": {
        "en": "If a function's slope is the same everywhere, what can the slope tell you about where you are?",
        "zh": "如果一个函数的斜率处处一样，斜率还能告诉你“你在哪儿”吗？",
    },
    "lesson_slope_see": {
        "en": "Under “The same slope everywhere”: the linear network's gradient with respect to the "
        "input is the same at p and at q, and differs once tanh is inserted; its gradient with respect "
        "to the weights differs between p and q even without tanh (it is proportional to the input). "
        "Change p or q in front of the class.",
        "zh": "在“处处相同的梯度”一节：线性网络对输入的梯度在 p、q 两点相等，插入 tanh 后就不等了；"
        "而对权重的梯度即使不加 tanh，p、q 两处也不一样（它与输入成正比）。可以当堂改一改 p 或 q 试试。",
    },
    # ------------------------------------------------------------------ step 7: the answer
    "lesson_answer_title": {"en": "Activation functions are the answer", "zh": "激活函数就是答案"},
    "lesson_answer_text": {
        "en": "Put a non-linear function after every hidden neuron — an activation function — and the "
        "network can bend its boundary, keep its numbers in range, and have a slope that depends on "
        "the input. The training page trains two networks side by side that differ only in it.",
        "zh": "在每个隐藏神经元后面接一个非线性函数，也就是激活函数，网络就能把分界线弯过来、"
        "把数值控制在范围内，斜率也会随输入而变。实时训练页面可以让两个只差激活函数的网络并排训练。",
    },
    "lesson_answer_question": {
        "en": "The circles again: network 2 → 4 → 2 → 1, same starting weights, {epochs} epochs. Which "
        "network gets at least 95% of the test points right?",
        "zh": "还是圆圈数据：网络 2 → 4 → 2 → 1，初始权重相同，训练 {epochs} 轮。"
        "哪个网络能把至少 95% 的测试点分对？",
    },
    "lesson_answer_opt_both": {"en": "Both", "zh": "两个都能"},
    "lesson_answer_opt_tanh": {"en": "Only the tanh network", "zh": "只有 tanh 网络"},
    "lesson_answer_opt_identity": {"en": "Only the identity network", "zh": "只有恒等函数网络"},
    "lesson_answer_opt_neither": {"en": "Neither", "zh": "都不能"},
    "lesson_answer_why": {
        "en": "After {epochs} epochs the identity network gets {identity_acc:.1%} of the test points "
        "right: without activations its layers collapse into one straight line. The tanh network gets "
        "{tanh_acc:.1%}: its boundary closes around the circles.",
        "zh": "训练 {epochs} 轮后，恒等函数网络只分对了 {identity_acc:.1%} 的测试点：没有激活函数，"
        "它的几层会塌缩成一条直线。tanh 网络分对了 {tanh_acc:.1%}：它的分界线把圆圈围了起来。",
    },
    "lesson_answer_caption": {"en": "{name}: {acc:.1%} right", "zh": "{name}：分对 {acc:.1%}"},
    "lesson_answer_ask": {
        "en": "Same network, same start, only the activation differs: which one will manage the circles?",
        "zh": "同样的网络、同样的起点，只有激活函数不同：哪一个能把圆圈分出来？",
    },
    "lesson_answer_see": {
        "en": "Press Play. Two panels under “Compare activations”: the identity network stays a straight "
        "line ({identity_acc:.1%} after {epochs} epochs), the tanh network closes around the circles "
        "({tanh_acc:.1%}).",
        "zh": "点“播放”。“对比激活函数”下并排两栏：恒等函数网络始终是一条直线"
        "（{epochs} 轮后 {identity_acc:.1%}），tanh 网络把圆圈围了起来（{tanh_acc:.1%}）。",
    },
    # ------------------------------------------------------------------ step 8: choose with care
    "lesson_care_title": {"en": "Choose with care", "zh": "激活函数要慎重选择"},
    "lesson_care_text": {
        "en": "Activation functions differ. The sigmoid's outputs are all positive and it is steepest "
        "at 0, with slope {top:g}; tanh can be negative; ReLU passes positive inputs unchanged (slope 1) "
        "and turns negative ones into 0 (slope 0). In a deep network the backward pass multiplies the "
        "gradient, layer by layer, by the activation's slope and by the weights.",
        "zh": "激活函数各有脾气。sigmoid 只输出正数，在 0 处最陡，斜率为 {top:g}；tanh 可以输出负数；"
        "ReLU 让正的输入原样通过（斜率为 1），负的一律变成 0（斜率为 0）。在深层网络里，反向传播每经过一层，"
        "都要把梯度乘上激活函数在该处的斜率，再乘上权重。",
    },
    "lesson_care_question": {
        "en": "A gradient travels back through {depth} layers. Leave the weights aside and count only "
        "the activation's slopes, with each layer's inputs drawn from N(0, 1). What is left of it?",
        "zh": "梯度要往回穿过 {depth} 层。先不管权重，只算激活函数的斜率，每层的输入都取自 N(0, 1)。"
        "梯度最后还剩多少？",
    },
    "lesson_care_opt_both": {
        "en": "Almost nothing (less than a millionth), with sigmoid and with ReLU alike",
        "zh": "不管是 sigmoid 还是 ReLU，都几乎为零（不到百万分之一）",
    },
    "lesson_care_opt_sigmoid": {
        "en": "With sigmoid, almost nothing (less than a millionth); with ReLU, all of it along every "
        "path of active units",
        "zh": "sigmoid：几乎为零（不到百万分之一）；ReLU：沿着激活单元走的路径，梯度一点不少",
    },
    "lesson_care_opt_relu": {
        "en": "With ReLU, almost nothing (less than a millionth); with sigmoid, about a quarter",
        "zh": "ReLU：几乎为零（不到百万分之一）；sigmoid：大约还剩四分之一",
    },
    "lesson_care_opt_neither": {
        "en": "With both, most of it",
        "zh": "两种都还剩大部分",
    },
    "lesson_care_why": {
        "en": "Each sigmoid layer multiplies the gradient by σ′(z), at most {top:g}: through {depth} layers "
        "at most {top:g}{depth:sup} ≈ {bound:.0×}, and on average {sigmoid:.0×}. ReLU multiplies by 1 "
        "where a unit is active and by 0 where it is not: along a path of active units the gradient "
        "arrives whole (1{depth:sup} = {relu_open:g}). A random path stays active through all {depth} layers only "
        "{relu_paths:.0×} of the time, but a layer has many units, so some paths stay open. tanh "
        "leaves {tanh:.0×} on average. This is the vanishing gradient, and why deep networks mostly use "
        "ReLU-like activations. The weights multiply too: weights larger than 1 can make up for small "
        "slopes (or blow the gradient up), smaller ones make it vanish faster; the choice also depends "
        "on the range your outputs need.",
        "zh": "每层 sigmoid 都把梯度乘以 σ′(z)，最多 {top:g}：穿过 {depth} 层最多剩 {top:g}{depth:sup} ≈ "
        "{bound:.0×}，平均只剩 {sigmoid:.0×}。ReLU 在单元激活时乘 1，不激活时乘 0：沿着一条全是激活单元的"
        "路径，梯度完整地传回来（1{depth:sup} = {relu_open:g}）。随便一条路径在 {depth} 层里全都激活的机会只有 "
        "{relu_paths:.0×}，但每层有很多单元，总有一些路径是通的。tanh 平均剩 {tanh:.0×}。这就是梯度消失，"
        "也是深层网络大多用 ReLU 一类激活函数的原因。权重也参与相乘：大于 1 的权重能弥补斜率的不足"
        "（也可能让梯度爆炸），小于 1 的权重则让梯度消失得更快；选择激活函数时还要看输出需要什么范围。",
    },
    "lesson_care_after": {
        "en": "What is left of a gradient after n layers (log scale); dashed: 0.25ⁿ, the sigmoid's bound.",
        "zh": "梯度穿过 n 层后还剩多少（对数坐标）；虚线是 0.25ⁿ，即 sigmoid 的上限。",
    },
    "lesson_care_reference": {"en": "0.25ⁿ", "zh": "0.25ⁿ"},
    "lesson_care_layers": {"en": "layers n", "zh": "层数 n"},
    "lesson_care_factor": {"en": "gradient left", "zh": "剩余梯度"},
    "lesson_care_alive": {"en": "open paths", "zh": "未被截断的路径"},
    "lesson_care_open": {"en": "left on open paths", "zh": "未截断路径上的剩余梯度"},
    "lesson_care_ask": {
        "en": "Each sigmoid layer passes at most a quarter of the gradient (its own slope; the weights "
        "come on top). How much is left after {depth} layers, and with ReLU?",
        "zh": "单看激活函数的斜率，每层 sigmoid 最多只传过去四分之一的梯度（权重另算）。{depth} 层之后还剩多少？"
        "换成 ReLU 呢？",
    },
    "lesson_care_see": {
        "en": "The three curves with their slopes and properties, and the “Gradient through depth” chart on a log "
        "scale: after {depth} layers sigmoid leaves {sigmoid:.0×} on average, tanh {tanh:.0×}, and ReLU "
        "all of it on the paths it leaves open.",
        "zh": "三条曲线、它们的斜率和性质，以及对数坐标下的“梯度穿过多层网络”图：{depth} 层之后，"
        "sigmoid 平均剩 {sigmoid:.0×}，tanh 剩 {tanh:.0×}，ReLU 在没有被截断的路径上一点不少。",
    },
    # ------------------------------------------------------------------ the quiz
    "lesson_quiz_before_title": {"en": "Before you start: what do you know already?", "zh": "开始之前：先测测你已经知道多少"},
    "lesson_quiz_after_title": {"en": "At the end: the same questions again", "zh": "学完之后：同样的题再做一遍"},
    "lesson_quiz_intro": {
        "en": "Eight short questions. Answer what you can, then check: you get your score now, the "
        "explanations after the lesson.",
        "zh": "八道小题。能答多少答多少，然后提交：现在先看得分，每道题的解释等学完再看。",
    },
    "lesson_quiz_after_early": {
        "en": "Best taken after the eight steps ({done} of {total} answered so far).",
        "zh": "建议走完八个步骤后再做（目前已完成 {done} / {total} 步）。",
    },
    "lesson_quiz_check": {"en": "Check my answers", "zh": "提交答案"},
    "lesson_quiz_intro_after": {
        "en": "The same eight questions, the options in a new order. Check to see your score, the right "
        "answers and why, and how you did before the lesson.",
        "zh": "还是这八道题，选项换了顺序。提交后能看到得分、正确答案和解释，以及和课前的对比。",
    },
    "lesson_quiz_later": {
        "en": "The right answers and why come at the end of the lesson, when you take the quiz again.",
        "zh": "正确答案和解释会在课程结束、你再做一遍测验的时候揭晓。",
    },
    "lesson_quiz_score": {"en": "{right} of {total} right", "zh": "答对 {right} / {total} 题"},
    "lesson_quiz_compare": {
        "en": "Before the lesson: {before} of {total} right. After: {after} of {total}.",
        "zh": "学习之前：答对 {before} / {total} 题。学习之后：答对 {after} / {total} 题。",
    },
    "lesson_quiz_changes": {
        "en": "Learnt: {learnt} · known before: {kept} · lost: {lost} · still to work on: {missed}",
        "zh": "新学会：{learnt} · 原本就会：{kept} · 后来答错：{lost} · 还需巩固：{missed}",
    },
    "lesson_quiz_unanswered": {"en": "not answered", "zh": "未作答"},
    "lesson_quiz_right_is": {"en": "Right answer: {answer}", "zh": "正确答案：{answer}"},
    "lesson_quiz_stack_q": {
        "en": "Three linear layers, stacked with no activation between them, compute…",
        "zh": "三层线性层直接叠在一起、中间不加激活函数，算出来的是……",
    },
    "lesson_quiz_stack_curve": {"en": "a curve, since three layers make a polynomial", "zh": "一条曲线，因为三层相乘是多项式"},
    "lesson_quiz_stack_affine": {"en": "one affine map x·W + b, like a single layer", "zh": "一个仿射映射 x·W + b，和单独一层一样"},
    "lesson_quiz_stack_depends": {"en": "something that depends on how wide the layers are", "zh": "取决于每层有多宽"},
    "lesson_quiz_stack_why": {
        "en": "Multiplying the layers out gives x·W₁W₂W₃ plus a constant: one affine map. Width and depth "
        "change W, never the kind of map.",
        "zh": "把各层乘开得到 x·W₁W₂W₃ 再加一个常数：还是一个仿射映射。宽度和深度只会改变 W，改变不了映射的类型。",
    },
    "lesson_quiz_separable_q": {
        "en": "Why can no straight line separate circles in the middle from triangles all around them?",
        "zh": "圆圈在中间、三角形围在四周，为什么没有哪条直线能把它们分开？",
    },
    "lesson_quiz_separable_data": {"en": "there are too few points", "zh": "因为点太少了"},
    "lesson_quiz_separable_origin": {"en": "a line has to pass through the origin", "zh": "因为直线必须经过原点"},
    "lesson_quiz_separable_surround": {
        "en": "one class surrounds the other, so every line leaves triangles on the circles' side",
        "zh": "一类把另一类围在中间，任何直线都会让一些三角形落在圆圈那一侧",
    },
    "lesson_quiz_separable_why": {
        "en": "A line cuts the plane into two half-planes, and a ring of triangles always reaches into "
        "the circles' half. On the app's 300 points the best line gets {best:.1%} right.",
        "zh": "一条直线把平面切成两半，而环绕的三角形总会伸进圆圈所在的那一半。"
        "在应用的 300 个点上，最好的直线也只分对 {best:.1%}。",
    },
    "lesson_quiz_threshold_q": {
        "en": "What does a step function (a threshold) do to a neuron's score Y?",
        "zh": "阶跃函数（阈值）对神经元的分数 Y 做了什么？",
    },
    "lesson_quiz_threshold_class": {"en": "turns it into a class: 1 if Y > 0, else 0", "zh": "把它变成类别：Y > 0 为 1，否则为 0"},
    "lesson_quiz_threshold_square": {"en": "squares it", "zh": "把它平方"},
    "lesson_quiz_threshold_grow": {"en": "makes it larger, so the network learns faster", "zh": "把它放大，让网络学得更快"},
    "lesson_quiz_threshold_why": {
        "en": "The step reads a score as a decision. Its slope is 0 everywhere except at 0, which is why "
        "networks are trained with smooth versions such as the sigmoid.",
        "zh": "阶跃函数把分数读成一个决定。它除了 0 点处处斜率为 0，所以训练网络时用的是 sigmoid 这类平滑的版本。",
    },
    "lesson_quiz_unbounded_q": {
        "en": "Why are unbounded outputs a problem when a network trains?",
        "zh": "训练网络时，输出没有上限为什么是个问题？",
    },
    "lesson_quiz_unbounded_slow": {"en": "they only make each step a little slower", "zh": "只是让每一步慢一点"},
    "lesson_quiz_unbounded_fine": {"en": "they are no problem at all", "zh": "根本不是问题"},
    "lesson_quiz_unbounded_blow": {
        "en": "large hidden values give large updates, which make the values larger still: training can blow up",
        "zh": "隐藏层数值大，更新量就大，更新后数值又更大：训练可能直接崩掉",
    },
    "lesson_quiz_unbounded_why": {
        "en": "A weight's update is the output's error times the hidden values and weights it passes "
        "through. With a sigmoid output the error itself stays between −1 and 1, but unbounded hidden "
        "values are not held back: each large update makes the weights, the values and the next update "
        "larger. On the path, a network with identity hidden units diverges at a learning rate where "
        "tanh's loss stays finite.",
        "zh": "权重的更新量等于输出的误差，再乘上沿途的隐藏层数值和权重。输出是 sigmoid 时，误差本身在 −1 到 1 "
        "之间，可隐藏层的数值没有上限，谁也拦不住：每一次大的更新都让权重、数值和下一次更新变得更大。"
        "在课程里，隐藏层用恒等函数的网络在某个学习率下发散了，而 tanh 网络在同样的学习率下损失始终有限。",
    },
    "lesson_quiz_slope_q": {
        "en": "What is the derivative of y = w·x + b with respect to x?",
        "zh": "y = w·x + b 对 x 的导数是什么？",
    },
    "lesson_quiz_slope_w": {"en": "w, the same for every x", "zh": "w，对所有 x 都一样"},
    "lesson_quiz_slope_x": {"en": "it depends on x", "zh": "随 x 变化"},
    "lesson_quiz_slope_zero": {"en": "0", "zh": "0（零）"},
    "lesson_quiz_slope_why": {
        "en": "A linear map changes by the same amount everywhere: dy/dx = w. Its gradient carries no "
        "information about where the input is.",
        "zh": "线性映射在哪里变化率都一样：dy/dx = w。它的梯度不包含任何关于输入位置的信息。",
    },
    "lesson_quiz_negative_q": {
        "en": "Which of these activation functions can output a negative number?",
        "zh": "下面哪个激活函数能输出负数？",
    },
    "lesson_quiz_negative_sigmoid": {"en": "sigmoid", "zh": "sigmoid 函数"},
    "lesson_quiz_negative_relu": {"en": "ReLU", "zh": "ReLU 函数"},
    "lesson_quiz_negative_tanh": {"en": "tanh", "zh": "tanh 函数"},
    "lesson_quiz_negative_why": {
        "en": "tanh ranges from −1 to 1 (tanh(−3) = {tanh_low:.3f}). The sigmoid stays between 0 and 1, "
        "and ReLU is never below 0.",
        "zh": "tanh 的取值在 −1 到 1 之间（tanh(−3) = {tanh_low:.3f}）。sigmoid 只在 0 到 1 之间，ReLU 从不小于 0。",
    },
    "lesson_quiz_fastest_q": {"en": "Where does the sigmoid change fastest?", "zh": "sigmoid 在哪里变化最快？"},
    "lesson_quiz_fastest_far": {"en": "far from 0, where |x| is large", "zh": "远离 0、|x| 很大的地方"},
    "lesson_quiz_fastest_zero": {"en": "at x = 0", "zh": "在 x = 0 处"},
    "lesson_quiz_fastest_constant": {"en": "everywhere alike: its slope is constant", "zh": "处处一样：斜率是常数"},
    "lesson_quiz_fastest_why": {
        "en": "σ′(0) = {slope0:g}, its largest slope; at x = 3 the slope is already {slope3:.3f}. Far from 0 "
        "the sigmoid is flat: saturated.",
        "zh": "σ′(0) = {slope0:g}，是它最大的斜率；到 x = 3 时斜率只剩 {slope3:.3f}。远离 0 的地方 sigmoid 几乎是平的，也就是“饱和”了。",
    },
    "lesson_quiz_vanish_q": {
        "en": "Why can a deep stack of sigmoid layers learn slowly?",
        "zh": "为什么很多层 sigmoid 叠起来的网络可能学得很慢？",
    },
    "lesson_quiz_vanish_large": {"en": "its outputs are too large", "zh": "它的输出太大了"},
    "lesson_quiz_vanish_params": {"en": "it has too many parameters", "zh": "它的参数太多了"},
    "lesson_quiz_vanish_quarter": {
        "en": "each layer's slope multiplies the gradient by at most ¼, so unless the weights make up "
        "for it, the gradient vanishes",
        "zh": "每层的斜率最多把梯度乘以 ¼，除非权重把它补回来，否则梯度越传越小，最后消失",
    },
    "lesson_quiz_vanish_why": {
        "en": "Backpropagation multiplies one slope per layer, each at most {slope0:g}: after {depth} "
        "layers the slopes alone leave at most {slope0:g}{depth:sup} ≈ {bound:.0×}. The weights multiply "
        "too and can undo it (weights above 1) or make it worse.",
        "zh": "反向传播每经过一层就乘上一个斜率，每个最多 {slope0:g}：{depth} 层之后，光是斜率就只剩不到 "
        "{slope0:g}{depth:sup} ≈ {bound:.0×}。权重也参与相乘：大于 1 的权重能抵消一部分，小于 1 的会让情况更糟。",
    },
    # ------------------------------------------------------------------ for teachers
    "lesson_teacher_heading": {"en": "For teachers: lesson links and notes", "zh": "教师专用：课堂链接与讲解提示"},
    "lesson_teacher_intro": {
        "en": "Each link opens one step's page with its settings in presenter mode (present=1), for a "
        "projector. Copy them into your slides; each carries the language of this page.",
        "zh": "每个链接都会以演示模式（present=1）打开某一步对应的页面和设置，适合投影。"
        "可以直接复制到课件里；链接带有当前页面的语言。",
    },
    "lesson_teacher_ask": {"en": "Ask the class:", "zh": "向全班提问："},
    "lesson_teacher_see": {"en": "They will see:", "zh": "学生会看到："},
}
