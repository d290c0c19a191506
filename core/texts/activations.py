"""Texts of the activation-functions page (keys prefixed ``act_``)."""

TEXTS = {
    "act_intro": {
        "en": "In the article the activation function first appears in figure 07 as a **step**: "
        "an output above 0 puts the point in class 1 (“100% activated”), below 0 in class 0. "
        "Figure 08 then shows the three that everyone uses, **ReLU, sigmoid and tanh**, and the "
        "article ends with advice: *choose activations with care*, thinking of their output range, "
        "of your data, and of vanishing gradients. This page lets you check that advice yourself: "
        "bend each curve with its parameters, see where its slope dies out, and watch what a stack "
        "of layers does to the gradient.",
        "zh": "原文在图 07 里先请出了**阶跃函数**：输出大于 0 就归为 1 类（“100% 激活”），小于 0 就归为 0 类。"
        "图 08 接着画出了大家最常用的三个——**ReLU、sigmoid 和 tanh**，文末还提醒：激活函数要*谨慎选择*，"
        "既要看它的输出范围，也要看你的数据，还要当心梯度消失。这一页让你亲手验证这些说法："
        "拖动参数改变曲线的形状，找出导数几乎为 0 的地方，再看看梯度穿过一层又一层之后还剩多少。",
    },
    # ------------------------------------------------------------------ controls
    "act_fn_label": {"en": "Functions to compare (up to {max})", "zh": "选择要比较的激活函数（最多 {max} 个）"},
    "act_fn_placeholder": {"en": "Choose one or more functions", "zh": "请选择一个或多个函数"},
    "act_fn_help": {
        "en": "Pick one function, or several to draw on top of each other. Your choice goes into the "
        "page's link (fn=…), so you can share exactly this view.",
        "zh": "可以只看一个函数，也可以选几个叠在一起比较。所选函数会写进页面链接（fn=…），"
        "把链接发给别人，对方看到的就是同样的画面。",
    },
    "act_empty": {
        "en": "Choose at least one function above to see its curve, its slope and its properties.",
        "zh": "请先在上方至少选择一个激活函数，才能看到它的曲线、导数和各项性质。",
    },
    "act_x_label": {"en": "x range: from −a to a", "zh": "横轴范围：从 −a 到 a"},
    "act_f2_label": {"en": "Show f″", "zh": "显示 f″"},
    "act_f2_help": {
        "en": "Add a chart of the second derivative f″ (the curvature). Computed numerically from the exact f′ (central differences). Left blank at kinks, "
        "where f″ does not exist.",
        "zh": "再画一张二阶导数 f″（曲率）的图。由精确的 f′ 做中心差分数值求得。在折点处 f″ 不存在，图上留空。",
    },
    "act_sat_label": {"en": "Saturation threshold: shade where |f′(x)| is below", "zh": "饱和阈值：|f′(x)| 低于多少时画阴影"},
    "act_sat_help": {
        "en": "Where the slope is this small, a unit passes almost no gradient back: it has saturated.",
        "zh": "导数小到这个程度时，神经元几乎传不回梯度，我们就说它“饱和”了。",
    },
    "act_params_heading": {"en": "Parameters", "zh": "参数"},
    "act_params_caption": {
        "en": "The sliders start at PyTorch's defaults; the (?) next to each slider names Keras's "
        "default when it is different.",
        "zh": "滑块的初始值是 PyTorch 的默认值；若 Keras 的默认值不同，会写在滑块旁的（?）提示里。",
    },
    "act_param_help": {
        "en": "PyTorch default: {torch}. Keras default: {keras}.",
        "zh": "PyTorch 默认值：{torch}。Keras 默认值：{keras}。",
    },
    "act_keras_fixed": {
        "en": "not adjustable in Keras (fixed at PyTorch's default)",
        "zh": "Keras 中不可调（固定为 PyTorch 的默认值）",
    },
    "act_no_params": {
        "en": "None of the chosen functions has a parameter to tune.",
        "zh": "所选的函数都没有可以调节的参数。",
    },
    "act_reset": {"en": "Reset", "zh": "重置"},
    "act_reset_help": {
        "en": "Every parameter back to PyTorch's default, the x range to ±6 and the threshold to 0.05.",
        "zh": "所有参数恢复为 PyTorch 默认值，横轴范围恢复为 ±6，饱和阈值恢复为 0.05。",
    },
    # ------------------------------------------------------------------ charts
    "act_chart_f": {"en": "The function f(x)", "zh": "函数 f(x)"},
    "act_chart_df": {"en": "Its slope f′(x)", "zh": "导数 f′(x)"},
    "act_chart_d2f": {"en": "Its curvature f″(x)", "zh": "二阶导数 f″(x)"},
    "act_hover_caption": {
        "en": "Move the pointer over a chart to read x, f(x) and f′(x) of every chosen function. "
        "The light red bands mark where |f′(x)| < {t}: there the function is *saturated*, and "
        "almost no gradient flows back through it.",
        "zh": "把鼠标移到图上，就能读出每个函数在该处的 x、f(x) 和 f′(x)。浅红色区域表示 |f′(x)| < {t}："
        "函数在这里已经*饱和*，反向传播时几乎传不回梯度。",
    },
    "act_sat_tooltip": {"en": "saturated: |f′| < {t}", "zh": "饱和：|f′| < {t}"},
    "act_sat_list_heading": {
        "en": "Where |f′(x)| < {t} on this range:",
        "zh": "当前范围内 |f′(x)| < {t} 的区间：",
    },
    "act_nowhere": {"en": "nowhere on this range", "zh": "此范围内没有"},
    "act_everywhere": {"en": "everywhere on this range", "zh": "整个范围内都是"},
    # ------------------------------------------------------------------ formulas
    "act_formulas_heading": {"en": "Formulas", "zh": "公式"},
    "act_kink_caption": {
        "en": "Where f has a kink, the page uses PyTorch's value of the slope:",
        "zh": "在 f 的折点处，本页采用 PyTorch 的导数取值：",
    },
    "act_keras_note_caption": {"en": "Keras writes it differently:", "zh": "Keras 的写法有所不同："},
    "act_paper": {"en": "Source: {authors} ({year}), [{title}]({url})", "zh": "出处：{authors}（{year}），[{title}]({url})"},
    # ------------------------------------------------------------------ properties
    "act_props_heading": {"en": "Properties side by side", "zh": "性质对照表"},
    "act_props_caption": {
        "en": "Computed by the code on x from −{a} to {a}, with the parameters you set: monotonic, "
        "zero-centred, where |f′| is small, max |f′|, f(0) and f′(0). The output range follows "
        "from the formula; smoothness and the side that saturates are stated by the function's "
        "entry in the registry.",
        "zh": "以下各项由代码在 x ∈ [−{a}, {a}] 上、按你设置的参数算出：是否单调、是否以 0 为中心、"
        "|f′| 很小的区间、|f′| 的最大值、f(0) 和 f′(0)。输出范围由公式推出；光滑性和饱和方向取自函数登记表中的说明。",
    },
    "act_prop_range": {"en": "Output range", "zh": "输出范围"},
    "act_prop_monotonic": {"en": "Monotonic", "zh": "单调"},
    "act_prop_zero": {"en": "Zero-centred", "zh": "以 0 为中心"},
    "act_prop_smooth": {"en": "Smoothness", "zh": "光滑性"},
    "act_prop_saturates": {"en": "Saturates", "zh": "饱和方向"},
    "act_prop_saturated": {"en": "|f′| < {t} where", "zh": "|f′| < {t} 的区间"},
    "act_prop_maxgrad": {"en": "Max |f′|", "zh": "|f′| 的最大值"},
    "act_prop_maxgrad_at": {"en": "… reached at", "zh": "最大值出现在"},
    "act_prop_f0": {"en": "f(0)", "zh": "f(0)"},
    "act_prop_df0": {"en": "f′(0)", "zh": "f′(0)"},
    "act_prop_paper": {"en": "Paper", "zh": "论文"},
    "act_prop_torch": {"en": "PyTorch", "zh": "PyTorch"},
    "act_prop_keras": {"en": "Keras", "zh": "Keras"},
    "act_prop_header": {"en": "Property", "zh": "性质"},
    "act_yes": {"en": "yes", "zh": "是"},
    "act_no": {"en": "no", "zh": "否"},
    "act_keras_missing": {"en": "no built-in", "zh": "无内置函数"},
    "act_smooth_discontinuous": {"en": "discontinuous (jumps)", "zh": "不连续（有跳变）"},
    "act_smooth_c0": {"en": "continuous, with kinks (C⁰)", "zh": "连续，但有折点（C⁰）"},
    "act_smooth_c1": {"en": "slope continuous (C¹)", "zh": "导数连续（C¹）"},
    "act_smooth_cinf": {"en": "smooth everywhere (C∞)", "zh": "处处光滑（C∞）"},
    "act_sat_none": {"en": "no", "zh": "不饱和"},
    "act_sat_negative": {"en": "for large negative x", "zh": "x 为很大的负数时"},
    "act_sat_positive": {"en": "for large positive x", "zh": "x 为很大的正数时"},
    "act_sat_both": {"en": "on both sides", "zh": "两侧都饱和"},
    # ------------------------------------------------------------------ the step
    "act_step_heading": {"en": "From the article's step to a sigmoid", "zh": "从原文的阶跃函数到 sigmoid"},
    "act_step_intro": {
        "en": "The step only answers yes or no: 100% activated above 0, 0% below. The article asks "
        "for something less blunt: any value from 0% to 100%, higher for larger inputs, which can "
        "be read as the probability of belonging to the class. The sigmoid σ(k·x) is that softer "
        "version, and the larger k is, the closer it comes to the step.",
        "zh": "阶跃函数只会回答“是”或“否”：输入大于 0 就 100% 激活，小于 0 就是 0%。原文觉得这样未免太武断，"
        "希望输出可以是 0% 到 100% 之间的任意值：输入越大，激活程度越高，也就可以看作属于这一类的概率。"
        "σ(k·x) 正是这样一个“温和版”；k 越大，曲线越陡，也就越像阶跃函数。",
    },
    "act_k_label": {"en": "Steepness k in σ(k·x)", "zh": "σ(k·x) 中的陡峭程度 k"},
    "act_step_series": {"en": "step: 0% or 100%", "zh": "阶跃函数：0% 或 100%"},
    "act_soft_series": {"en": "sigmoid σ({k}·x)", "zh": "sigmoid σ({k}·x)"},
    "act_col_x": {"en": "input x", "zh": "输入 x"},
    "act_col_step": {"en": "step", "zh": "阶跃函数"},
    "act_col_soft": {"en": "σ(k·x)", "zh": "σ(k·x)"},
    "act_col_step_slope": {"en": "slope of the step", "zh": "阶跃函数的斜率"},
    "act_col_soft_slope": {"en": "slope of σ(k·x)", "zh": "σ(k·x) 的斜率"},
    "act_step_why": {
        "en": "**Why the slope matters.** Gradient descent moves each weight in proportion to the "
        "slope of the error with respect to that weight, and by the chain rule the activation's "
        "slope f′ is one factor of that slope. The step's slope is 0 wherever it exists (at 0 it "
        "does not exist), so every update is 0: the network never learns which way to move. "
        "σ(k·x) has a slope everywhere, at most k/4 = {peak} at x = 0. As k grows it turns into "
        "the step, and its slope crowds around 0: at x = 2 it is only {at2}.",
        "zh": "**为什么一定要有斜率？** 梯度下降按“误差对权重的斜率”来调整每个权重，而根据链式法则，"
        "激活函数的导数 f′ 就是这个斜率里的一个因子。阶跃函数的导数在有定义的地方全是 0（在 0 处没有定义），"
        "于是每次更新都是 0，网络永远不知道该往哪边改。σ(k·x) 处处都有斜率，最大是 x = 0 处的 "
        "k/4 = {peak}。k 越大，它越接近阶跃函数，斜率也越挤在 0 附近：在 x = 2 处只剩 {at2}。",
    },
    # ------------------------------------------------------------------ depth
    "act_depth_heading": {"en": "Gradient through depth", "zh": "梯度穿过多层网络"},
    "act_depth_intro": {
        "en": "Backpropagation multiplies the gradient by the activation's slope f′(z) once per "
        "layer. Here each layer's input z is drawn from a normal distribution with spread σ, and "
        "the chart shows the median of the product |f′(z₁)|·|f′(z₂)|·…·|f′(zₙ)| after n layers "
        "(the weights are left out, so you see the activation alone).",
        "zh": "反向传播每经过一层，梯度就要乘上一次激活函数的导数 f′(z)。这里每一层的输入 z 都从标准差为 σ "
        "的正态分布中随机抽取，图中画的是经过 n 层之后乘积 |f′(z₁)|·|f′(z₂)|·…·|f′(zₙ)| 的中位数"
        "（不考虑权重，只看激活函数本身的影响）。",
    },
    "act_layers_label": {"en": "Number of layers n", "zh": "层数 n"},
    "act_spread_label": {"en": "Spread σ of the layer inputs", "zh": "每层输入的标准差 σ"},
    "act_depth_y": {"en": "∏ |f′| (median)", "zh": "∏ |f′|（中位数）"},
    "act_depth_x": {"en": "layers n", "zh": "层数 n"},
    "act_depth_alive": {"en": "paths not cut to 0", "zh": "未被截断为 0 的路径"},
    "act_depth_ref": {"en": "0.25ⁿ (sigmoid at best)", "zh": "0.25ⁿ（sigmoid 的上限）"},
    "act_depth_caption": {
        "en": "The vertical axis is in powers of ten. The sigmoid's slope is at most ¼, so after n "
        "layers at most 0.25ⁿ of the gradient is left: its line can never rise above the dashed "
        "one. The gradient *vanishes*. tanh does better near 0, but it shrinks too, and faster "
        "when σ is large, because more inputs land where it is saturated. An active ReLU has "
        "slope exactly 1, so its line stays at 1; its weakness is different: every layer cuts off "
        "about half of the paths (hover over a point to see the share that still gets through). "
        "Random draws use seed 0 and 2,000 paths.",
        "zh": "纵轴按 10 的幂次取刻度。sigmoid 的导数最大只有 ¼，所以经过 n 层后梯度至多剩下 0.25ⁿ："
        "它的线永远不会高过虚线，梯度就这样*消失*了。tanh 在 0 附近好一些，但也会缩小；σ 越大，"
        "落进饱和区的输入越多，缩得越快。处于激活状态的 ReLU 导数恰好是 1，所以它的线一直停在 1；"
        "它的问题在别处：每一层大约会把一半的路径截断为 0（把鼠标移到点上，可以看到还剩多少比例能传过去）。"
        "随机抽样使用种子 0，共 2000 条路径。",
    },
    "act_depth_blocked": {
        "en": "No line for {names}: its slope is 0 at every input drawn, so no gradient gets through at all.",
        "zh": "{names} 没有画线：在所有抽到的输入上导数都是 0，梯度一点也传不过去。",
    },
    # ------------------------------------------------------------------ code
    "act_code_caption": {
        "en": "The code below is what the page runs: f and f′ of each chosen function, from core/activations.py.",
        "zh": "下面就是本页实际运行的代码：所选函数的 f 和 f′，来自 core/activations.py。",
    },
    # ------------------------------------------------------------------ names
    "act_name_identity": {"en": "Identity (linear)", "zh": "恒等函数（线性）"},
    "act_name_step": {"en": "Step (Heaviside)", "zh": "阶跃函数（Heaviside）"},
    "act_name_gelu_tanh": {"en": "GELU (tanh approx.)", "zh": "GELU（tanh 近似）"},
}
