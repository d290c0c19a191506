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
        "en": "Add a chart of the second derivative f″: how fast the slope f′ changes. It is not the "
        "curvature, which is |f″| / (1 + f′²)^(3/2); the two are equal only where f′ = 0. Computed "
        "numerically from the exact f′ (central differences). Left blank at kinks, where f″ does not exist.",
        "zh": "再画一张二阶导数 f″ 的图，它表示斜率 f′ 变化得有多快。注意它不是曲率：曲率是 "
        "|f″| / (1 + f′²)^(3/2)，只有在 f′ = 0 的地方两者才相等。图中数值由精确的 f′ 做中心差分求得；"
        "折点处 f″ 不存在，图上留空。",
    },
    "act_sat_label": {"en": "Saturation threshold t for |f′(x)|", "zh": "饱和阈值 t（针对 |f′(x)|）"},
    "act_sat_help": {
        "en": "A function is saturated where its slope stays below t from there on, all the way out to "
        "−∞ or +∞: every input further out passes almost no gradient back. A dip of the slope around "
        "one point (GELU's minimum, where f′ = 0) is not saturation: the slope grows again on both "
        "sides. Such stretches are listed under the charts, but not shaded.",
        "zh": "如果从某处开始一直到 −∞ 或 +∞，导数都小于 t，就说函数在那里“饱和”了：再往外的输入几乎传不回梯度。"
        "只在某一点附近导数变小（比如 GELU 的极小值点，那里 f′ = 0），两侧又重新变大，这不叫饱和。"
        "这样的区间会列在图的下方，但不画阴影。",
    },
    "act_params_heading": {"en": "Parameters", "zh": "参数"},
    "act_params_caption": {
        "en": "The sliders start at PyTorch's defaults; the (?) next to each slider names Keras's "
        "default when it is different.",
        "zh": "滑块的初始值是 PyTorch 的默认值；若 Keras 的默认值不同，会写在滑块旁的（?）提示里。",
    },
    "act_param_help": {
        "en": "PyTorch default: {torch}. Keras: {keras}.",
        "zh": "PyTorch 默认值：{torch}。Keras：{keras}。",
    },
    "act_keras_default": {
        "en": "argument {name}, default {value}",
        "zh": "参数名 {name}，默认值 {value}",
    },
    "act_keras_fixed": {
        "en": "no such argument; Keras always uses {value}",
        "zh": "没有这个参数，Keras 始终取 {value}",
    },
    "act_keras_absent_softplus_threshold": {
        "en": "nothing like it: Keras's softplus is ln(1 + eˣ) for every x and never switches to the identity",
        "zh": "没有对应的参数：Keras 的 softplus 对任何 x 都计算 ln(1 + eˣ)，从不切换成恒等函数",
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
    "act_chart_d2f": {"en": "Its second derivative f″(x)", "zh": "二阶导数 f″(x)"},
    "act_hover_caption": {
        "en": "Move the pointer over a chart to read x, f(x) and f′(x) of every chosen function. "
        "The light red bands mark where a function is *saturated*: from there on, out to ±∞, "
        "|f′(x)| < {t}, so almost no gradient flows back through it.",
        "zh": "把鼠标移到图上，就能读出每个函数在该处的 x、f(x) 和 f′(x)。浅红色区域表示函数已经*饱和*："
        "从那里一直到 ±∞，都有 |f′(x)| < {t}，反向传播时几乎传不回梯度。",
    },
    "act_sat_tooltip": {"en": "saturated: |f′| < {t} out to ±∞", "zh": "饱和：直到 ±∞ 都有 |f′| < {t}"},
    "act_sat_from": {"en": "from x", "zh": "起点 x"},
    "act_sat_to": {"en": "to x", "zh": "终点 x"},
    "act_sat_list_heading": {
        "en": "Where |f′(x)| < {t} on this range:",
        "zh": "当前范围内 |f′(x)| < {t} 的区间：",
    },
    "act_region_saturated": {"en": "saturated for {where}", "zh": "{where} 时饱和"},
    "act_list_sep": {"en": "; ", "zh": "；"},
    "act_region_minimum": {
        "en": "{where}: around its minimum at x = {at}, where f′ = 0 (a turning point, not saturation)",
        "zh": "{where}：在极小值点 x = {at} 附近，那里 f′ = 0（是驻点，不是饱和）",
    },
    "act_region_maximum": {
        "en": "{where}: around its maximum at x = {at}, where f′ = 0 (a turning point, not saturation)",
        "zh": "{where}：在极大值点 x = {at} 附近，那里 f′ = 0（是驻点，不是饱和）",
    },
    "act_region_stationary": {
        "en": "{where}: f′ touches 0 at x = {at} without changing sign (a stationary point, not saturation)",
        "zh": "{where}：f′ 在 x = {at} 处降到 0 但不变号（是驻点，不是饱和）",
    },
    "act_region_dead": {
        "en": "{where}: f′ = 0 all along, f is flat there (a dead zone, not saturation: the slope comes back beyond it)",
        "zh": "{where}：f′ 一直为 0，f 在这一段是平的（这是死区，不是饱和：出了这一段，斜率又回来了）",
    },
    "act_region_small": {
        "en": "{where}: the slope is small but never 0, and grows again on both sides (not saturation)",
        "zh": "{where}：斜率很小但不为 0，两侧又会变大（不是饱和）",
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
    "act_paper": {"en": "Source: {papers}", "zh": "出处：{papers}"},
    "act_papers": {"en": "Sources: {papers}", "zh": "出处：{papers}"},
    "act_gelu_approx": {
        "en": "Two cheaper forms are in use. The tanh form (PyTorch's approximate='tanh') is off by at most "
        "{tanh_err}, at {tanh_at}; x·σ(1.702x) is off by at most {sig_err}, at {sig_at}.",
        "zh": "实践中还常用两种更省计算的近似：tanh 形式（PyTorch 的 approximate='tanh'）与精确值最多相差 "
        "{tanh_err}，出现在 {tanh_at}；x·σ(1.702x) 最多相差 {sig_err}，出现在 {sig_at}。",
    },
    "act_gelu_tanh_error": {
        "en": "An approximation of the exact GELU x·Φ(x): the two differ by at most {err}, at {at}.",
        "zh": "这是精确 GELU x·Φ(x) 的近似，两者最多相差 {err}，出现在 {at}。",
    },
    # ------------------------------------------------------------------ properties
    "act_props_heading": {"en": "Properties side by side", "zh": "性质对照表"},
    "act_props_caption": {
        "en": "Computed by the code, at the parameters you set. On x from −{a} to {a}: monotonic, where "
        "the function is saturated, and the largest |f′| with where it occurs (exact; “sup” when it is "
        "approached but never reached). For inputs z drawn from the standard normal distribution "
        "N(0, 1): the mean and standard deviation of the output, and *zero-centred*, which means that "
        "mean is 0 (to three decimals). On the whole line: the output range, the minimum, the lowest "
        "and highest f′, f(0), f′(0) and on which side f′ dies out; in an interval a square bracket "
        "means that end is reached, a round one that it is only approached. The PyTorch and Keras rows compute the curve drawn. "
        "Smoothness is stated by the function's entry in the registry.",
        "zh": "以下各项都由代码按你设置的参数算出。在 x ∈ [−{a}, {a}] 上：是否单调、饱和区间、|f′| 的最大值及其位置"
        "（精确值；若只能无限接近而取不到，则记为“上确界”）。对服从标准正态分布 N(0, 1) 的输入 z："
        "输出的均值和标准差；“以 0 为中心”指的就是这个均值为 0（保留三位小数）。在整条实数轴上："
        "输出范围、极小值点、f′ 的最低值和最高值、f(0)、f′(0)，以及 f′ 在哪一侧衰减为 0；区间里的方括号表示"
        "能取到这一端，圆括号表示只能无限接近、取不到。PyTorch 和 Keras 两行给出的写法"
        "算出的正是图中的曲线。光滑性取自函数登记表中的说明。",
    },
    "act_prop_range": {"en": "Output range", "zh": "输出范围"},
    "act_prop_monotonic": {"en": "Monotonic", "zh": "单调"},
    "act_prop_zero": {"en": "Zero-centred (mean output 0)", "zh": "以 0 为中心（平均输出为 0）"},
    "act_prop_mean": {"en": "Mean output E[f(z)], z ~ N(0, 1)", "zh": "平均输出 E[f(z)]，z ~ N(0, 1)"},
    "act_prop_std": {"en": "Std of the output, z ~ N(0, 1)", "zh": "输出的标准差，z ~ N(0, 1)"},
    "act_prop_minimum": {"en": "Minimum (x, f(x))", "zh": "极小值点 (x, f(x))"},
    "act_min_none": {"en": "none: f never turns upwards", "zh": "无：f 不会先降后升"},
    "act_prop_smooth": {"en": "Smoothness", "zh": "光滑性"},
    "act_prop_saturates": {"en": "Saturates (f′ dies out)", "zh": "饱和（f′ 衰减为 0）"},
    "act_prop_saturated": {"en": "Saturated (|f′| < {t} out to ±∞)", "zh": "饱和区间（直到 ±∞ 都有 |f′| < {t}）"},
    "act_prop_maxgrad": {"en": "Largest |f′|", "zh": "|f′| 的最大值"},
    "act_sup_value": {"en": "sup {v}, never reached", "zh": "上确界 {v}，取不到"},
    "act_sup_where": {
        "en": "approached as {where}, but the kink rule gives {values}",
        "zh": "当 {where} 时无限接近，但按折点规则取值为 {values}",
    },
    "act_prop_maxgrad_at": {"en": "… reached at", "zh": "最大值出现在"},
    "act_prop_slope_range": {"en": "Values of f′, lowest to highest (whole line)",
                             "zh": "f′ 的取值范围，从最低到最高（整条数轴）"},
    "act_slope_constant": {"en": "{v} everywhere", "zh": "处处为 {v}"},
    "act_slope_negative": {"en": "{interval}: f′ < 0 for some x, so f goes down there",
                           "zh": "{interval}：在某些 x 处 f′ < 0，f 在那里是下降的"},
    "act_prop_f0": {"en": "f(0)", "zh": "f(0)"},
    "act_prop_df0": {"en": "f′(0)", "zh": "f′(0)"},
    "act_prop_paper": {"en": "Papers", "zh": "论文"},
    "act_prop_torch": {"en": "PyTorch", "zh": "PyTorch"},
    "act_prop_keras": {"en": "Keras", "zh": "Keras"},
    "act_prop_header": {"en": "Property", "zh": "性质"},
    "act_yes": {"en": "yes", "zh": "是"},
    "act_no": {"en": "no", "zh": "否"},
    "act_keras_missing": {"en": "no built-in", "zh": "无内置函数"},
    "act_keras_differs": {"en": "not quite this curve: {what}", "zh": "与此曲线不完全相同：{what}"},
    "act_keras_cannot_fixed": {"en": "Keras has no {param} (always {value})", "zh": "Keras 没有 {param} 参数（固定为 {value}）"},
    "act_keras_cannot_absent": {"en": "Keras has no {param}", "zh": "Keras 没有 {param} 参数"},
    "act_selu_note": {
        "en": "**SELU**: for inputs z ~ N(0, 1) its output has mean {mean} and standard deviation {std}. "
        "Its two constants, α and scale, were chosen for exactly this: with suitably scaled weights, a "
        "stack of SELU layers keeps its activations near mean 0 and variance 1 (*self-normalising*).",
        "zh": "**SELU**：当输入 z ~ N(0, 1) 时，它的输出均值为 {mean}，标准差为 {std}。它的两个常数 α 和 scale "
        "正是为此选定的：只要权重的尺度合适，层层叠加的 SELU 会让激活值始终保持在均值 0、方差 1 附近（即“自归一化”）。",
    },
    "act_smooth_discontinuous": {"en": "discontinuous (jumps)", "zh": "不连续（有跳变）"},
    "act_smooth_c0": {"en": "continuous, with kinks (C⁰)", "zh": "连续，但有折点（C⁰）"},
    "act_smooth_c1": {"en": "slope continuous (C¹)", "zh": "导数连续（C¹）"},
    "act_smooth_cinf": {"en": "smooth everywhere (C∞)", "zh": "处处光滑（C∞）"},
    "act_smooth_jump": {
        "en": "smooth on each side, but jumps by {size} at x = {at}, where PyTorch switches to x (a larger threshold shrinks the jump)",
        "zh": "两侧各自光滑，但在 x = {at} 处跳变 {size}：PyTorch 在这里直接改用 x（threshold 越大，跳变越小）",
    },
    "act_sat_none": {"en": "no", "zh": "不饱和"},
    "act_tail_zero": {"en": "f′ = 0 for every {where}", "zh": "{where} 时 f′ 恒为 0"},
    "act_tail_vanishes": {"en": "f′ → 0 as {where}", "zh": "{where} 时 f′ → 0"},
    "act_tail_everywhere": {"en": "f′ = 0 everywhere", "zh": "f′ 处处为 0"},
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
        "en": "Backpropagation multiplies the gradient by the activation's slope |f′(z)| once per layer. "
        "Here each layer's input z is drawn independently from a normal distribution N(0, s²) with spread "
        "s, and the weights are left out, so you see the activation alone. The chart shows the **mean, "
        "over all paths,** of the product |f′(z₁)|·|f′(z₂)|·…·|f′(zₙ)| after n layers. Because the layers "
        "are independent it equals mⁿ, where m = E|f′(z)| is the mean slope of one layer, computed by "
        "numerical integration (no random sampling).",
        "zh": "反向传播每经过一层，梯度就要乘上一次激活函数的导数 |f′(z)|。这里每一层的输入 z 都独立地从"
        "标准差为 s 的正态分布 N(0, s²) 中抽取，并且不考虑权重，只看激活函数本身的影响。图中画的是经过 n 层之后，"
        "乘积 |f′(z₁)|·|f′(z₂)|·…·|f′(zₙ)| **在所有路径上的平均值**。由于各层相互独立，它恰好等于 mⁿ，"
        "其中 m = E|f′(z)| 是一层导数的平均值，由数值积分精确算出，不靠随机抽样。",
    },
    "act_layers_label": {"en": "Number of layers n", "zh": "层数 n"},
    "act_spread_label": {"en": "Spread s of the layer inputs, z ~ N(0, s²)", "zh": "每层输入的标准差 s，z ~ N(0, s²)"},
    "act_depth_y": {"en": "mean of ∏ |f′|", "zh": "∏ |f′| 的平均值"},
    "act_depth_x": {"en": "layers n", "zh": "层数 n"},
    "act_depth_alive": {"en": "paths not cut to 0", "zh": "未被截断为 0 的路径"},
    "act_depth_open": {"en": "mean on those paths", "zh": "这些路径上的平均值"},
    "act_depth_line": {
        "en": "**{name}**: per layer, ×{m} on average; {q} of the units pass any gradient at all, and "
        "those multiply it by {mq} on average.",
        "zh": "**{name}**：每一层平均乘以 {m}；其中 {q} 的神经元能把梯度传过去，它们平均乘以 {mq}。",
    },
    "act_depth_ref": {"en": "0.25ⁿ (sigmoid at best)", "zh": "0.25ⁿ（sigmoid 的上限）"},
    "act_depth_caption": {
        "en": "The vertical axis is in powers of ten. Every line is the same quantity, so a higher line "
        "passes more gradient on average. The sigmoid's slope is at most ¼, so after n layers at most "
        "0.25ⁿ is left on any path: its line never rises above the dashed one, and the gradient "
        "*vanishes*. tanh does better near 0, but shrinks too, and faster when s is large, because more "
        "inputs land where it is saturated. ReLU's m is ½ because of two kinds of paths: half its units "
        "pass nothing, the other half pass the gradient whole (×1). Leaky ReLU keeps every path open with "
        "a little on its negative side, so its m = (1 + slope)/2 is higher. Hover over a point to see the "
        "two parts of the mean: the share of paths with no zero factor, and the mean on those paths.",
        "zh": "纵轴按 10 的幂次取刻度。每条线都是同一个量，所以线越高，平均传回的梯度越多。sigmoid 的导数最大只有 ¼，"
        "经过 n 层后任何一条路径上至多剩下 0.25ⁿ：它的线永远不会高过虚线，梯度就这样*消失*了。tanh 在 0 附近好一些，"
        "但也会缩小；s 越大，落进饱和区的输入越多，缩得越快。ReLU 的 m 等于 ½，原因是路径分成两种："
        "一半的神经元完全不传梯度，另一半原封不动地传过去（×1）。Leaky ReLU 在负半轴上也留了一点斜率，"
        "每条路径都不会被截断，所以它的 m = (1 + 斜率)/2 更大一些。把鼠标移到点上，可以看到平均值拆成的两部分："
        "没有出现 0 因子的路径所占的比例，以及这些路径上的平均值。",
    },
    "act_depth_blocked": {
        "en": "No line for {names}: its slope is 0 at every input drawn, so no gradient gets through at all.",
        "zh": "{names} 没有画线：在所有抽到的输入上导数都是 0，梯度一点也传不过去。",
    },
    # ------------------------------------------------------------------ code
    "act_code_caption": {
        "en": "The code below is what the page runs: f and f′ of each chosen function, from core/nn/activations.py.",
        "zh": "下面就是本页实际运行的代码：所选函数的 f 和 f′，来自 core/nn/activations.py。",
    },
    # Activation names live in the catalog (core/nn/activations.py, name and name_zh).
}
