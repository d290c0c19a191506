"""Texts of the linear-collapse page (keys prefixed ``col_``)."""

TEXTS = {
    "col_title": {
        "en": "Stack linear layers: still one straight line",
        "zh": "线性层叠得再多，还是一条直线",
    },
    "col_lead": {
        "en": "A neuron without an activation function only multiplies and adds. Stack as many of them "
        "as you like: the algebra folds the whole network back into one linear function, and its "
        "decision boundary is one straight line. Circles inside a ring of triangles need a curve, so "
        "such a network can never separate them. Check every step below with your own numbers.",
        "zh": "没有激活函数的神经元，只会做乘法和加法。不管把多少个这样的神经元叠在一起，"
        "代数一化简，整个网络又变回一个线性函数，它的分界线就是一条直线。"
        "圆圈被三角形围在中间，要分开它们得靠曲线，所以这样的网络永远分不开。"
        "下面每一步，都可以用你自己设的数字来验证。",
    },
    # --- the network
    "col_h_network": {"en": "1 · The article's 2-3-1 network", "zh": "1 · 文章里的 2-3-1 网络"},
    "col_network_intro": {
        "en": "Two inputs, three hidden neurons, one output, and no activation function anywhere. "
        "The weights are numbered as in the article: w1…w6 lead into the hidden layer, w7…w9 into "
        "the output. Set them yourself.",
        "zh": "两个输入、三个隐藏神经元、一个输出，而且哪儿都没有激活函数。"
        "权重的编号和文章一致：w1…w6 连到隐藏层，w7…w9 连到输出。你来设定它们的值。",
    },
    "col_weights_hidden": {"en": "Weights into the hidden layer", "zh": "输入层 → 隐藏层的权重"},
    "col_weights_output": {"en": "Weights into the output", "zh": "隐藏层 → 输出的权重"},
    "col_random": {"en": "Random", "zh": "随机"},
    "col_reset": {"en": "Reset", "zh": "重置"},
    "col_ex_horizontal": {"en": "Example: a = 0", "zh": "示例：a = 0"},
    "col_ex_silent": {"en": "Example: a = c = 0", "zh": "示例：a = c = 0"},
    "col_diagram_caption": {
        "en": "Solid blue edges carry positive weights, dashed orange ones negative; thicker means larger.",
        "zh": "蓝色实线表示正权重，橙色虚线表示负权重；线越粗，权重的绝对值越大。",
    },
    # --- the algebra
    "col_h_algebra": {"en": "2 · The algebra, step by step", "zh": "2 · 一步一步做代数"},
    "col_in_symbols": {"en": "In symbols", "zh": "用符号推导"},
    "col_with_numbers": {"en": "With your numbers", "zh": "代入你的数字"},
    "col_step_hidden": {
        "en": "Each hidden neuron is a weighted sum of the two inputs:",
        "zh": "每个隐藏神经元都是两个输入的加权和：",
    },
    "col_step_output": {
        "en": "The output is a weighted sum of the hidden neurons:",
        "zh": "输出是三个隐藏神经元的加权和：",
    },
    "col_step_expand": {
        "en": "Put the hidden neurons into the output:",
        "zh": "把隐藏神经元的表达式代入输出：",
    },
    "col_step_regroup": {
        "en": "Collect everything that multiplies input1, and everything that multiplies input2:",
        "zh": "把乘以 input1 的项归到一起，乘以 input2 的项也归到一起：",
    },
    "col_step_collapsed": {
        "en": "Nine weights, and what is left is one linear function of the inputs:",
        "zh": "九个权重算下来，只剩下一个关于输入的线性函数：",
    },
    "col_step_boundary": {
        "en": "The boundary between the two classes is where Output = 0. Solve for input1:",
        "zh": "两类的分界处是 Output = 0 的地方。解出 input1：",
    },
    "col_case_x1": {
        "en": "The boundary is the straight line input1 = {slope} · input2, through the origin. "
        "Move any slider: the number changes, the shape never does.",
        "zh": "分界线是过原点的直线 input1 = {slope} · input2。随便拖动哪个滑块，"
        "数字会变，但它永远是一条直线。",
    },
    "col_case_x2": {
        "en": "Here w1w7 + w3w8 + w5w9 = 0, so the formula would divide by zero. Go back one step "
        "instead: Output = {c} · input2, which is 0 exactly when input2 = 0. The boundary is the "
        "horizontal axis: still a straight line.",
        "zh": "这里 w1w7 + w3w8 + w5w9 = 0，公式的分母是 0，不能直接除。退回上一步：Output = {c} · input2，"
        "它恰好在 input2 = 0 时为 0。分界线就是横轴，仍然是一条直线。",
    },
    "col_case_none": {
        "en": "Here both sums are 0: nine non-zero weights cancel completely and the network outputs 0 "
        "for every input. There is no boundary at all: every point gets the same answer.",
        "zh": "这里两个括号都等于 0：九个权重都不为零，却彼此完全抵消，网络对任何输入都输出 0。"
        "根本没有分界线，所有点得到的都是同一个答案。",
    },
    "col_article_note": {
        "en": "**A note on the article's formula.** The article prints the boundary as below. Its "
        "denominator repeats the numerator's weights (w2, w4, w6) where the weights of input1 "
        "(w1, w3, w5) belong, and the minus sign belongs in front of the whole fraction. Solving "
        "Output = 0 gives the formula above instead. The conclusion of the article is unaffected: "
        "either way the boundary is a straight line.",
        "zh": "**关于原文公式的一点更正。** 原文给出的分界线公式如下。它的分母重复了分子里的权重"
        "（w2、w4、w6），而那里本该是 input1 的权重（w1、w3、w5）；负号也应该放在整个分式前面。"
        "由 Output = 0 解出来的，是上面那个公式。不过这并不影响文章的结论：无论哪种写法，分界线都是一条直线。",
    },
    "col_article_numbers": {
        "en": "With your weights, the printed formula gives input1 = {article} · input2; the correct "
        "slope is {correct}.",
        "zh": "用你的权重，原文公式算出 input1 = {article} · input2；正确的斜率是 {correct}。",
    },
    # --- proof by numbers
    "col_h_proof": {"en": "3 · Proof by numbers", "zh": "3 · 用数字来验证"},
    "col_max_diff": {"en": "Largest difference", "zh": "最大差值"},
    "col_proof_text": {
        "en": "{n} random inputs, each run through the network neuron by neuron, and through the "
        "collapsed function {expr}. The largest difference between the two "
        "answers is rounding error of floating-point arithmetic (around 10⁻¹⁶ of the values), "
        "not a real difference: the two are the same function.",
        "zh": "随机取 {n} 个输入，一次按网络逐个神经元计算，一次用化简后的函数 {expr} 计算。"
        "两种算法的最大差值只是浮点运算的舍入误差（约为数值本身的 10⁻¹⁶），"
        "并不是真正的差别：两者就是同一个函数。",
    },
    # --- the boundary over data
    "col_h_boundary": {"en": "4 · One straight line, whatever the weights", "zh": "4 · 不管权重是多少，都只是一条直线"},
    "col_class1": {"en": "circles (class 1)", "zh": "圆圈（第 1 类）"},
    "col_class0": {"en": "triangles (class 0)", "zh": "三角形（第 0 类）"},
    "col_boundary_text": {
        "en": "The article's picture: circles in the middle, triangles around them. The network says "
        "“circle” where Output > 0 (blue side) and “triangle” elsewhere (orange side). The black line "
        "is the formula from step 2. Try every weight you like: one side of a line always holds "
        "circles and triangles together.",
        "zh": "这是文章里的那张图：圆圈在中间，三角形围在外面。网络在 Output > 0 的地方（蓝色一侧）判为“圆圈”，"
        "其余地方（橙色一侧）判为“三角形”。黑线就是第 2 步推出的公式。权重随你怎么改，"
        "直线的某一侧总会同时混着圆圈和三角形。",
    },
    "col_own_accuracy": {"en": "Your line", "zh": "你的直线"},
    "col_best_accuracy": {"en": "Best possible line", "zh": "最好的直线"},
    "col_best_caption": {
        "en": "Best possible: every straight line, in {directions} directions and at every offset, tried on "
        "these {n} points (not only lines through the origin). Half the points are circles, so "
        "50 % is what guessing one class gets; no line comes close to 100 %.",
        "zh": "“最好的直线”：在 {directions} 个方向上、每个可能的位置都试了一遍（不限于过原点的直线），"
        "在这 {n} 个点上得到的最高准确率。圆圈占一半，所以全猜一类就有 50 %；没有哪条直线能接近 100 %。",
    },
    "col_boundary_none": {
        "en": "With Output ≡ 0 nothing is above 0: every point is called a triangle.",
        "zh": "Output ≡ 0 时没有任何点大于 0：所有点都被判为三角形。",
    },
    # --- additivity and homogeneity
    "col_h_additivity": {"en": "5 · Additivity and homogeneity", "zh": "5 · 可加性与齐次性"},
    "col_additivity_intro": {
        "en": "A linear function f keeps sums and multiples: f(a + b) = f(a) + f(b) and f(k·a) = k·f(a). "
        "Here f is your network; pick two inputs a, b and a number k.",
        "zh": "线性函数 f 保持加法和数乘：f(a + b) = f(a) + f(b)，f(k·a) = k·f(a)。"
        "这里的 f 就是你的网络；选两个输入 a、b 和一个数 k 试试。",
    },
    "col_additivity_text": {
        "en": "Both gaps are 0, up to rounding error. Linear functions compose into linear functions, "
        "so a stack of linear layers passes both tests, however deep it is.",
        "zh": "两个差值都是 0（最多差一点舍入误差）。线性函数套线性函数，结果还是线性函数，"
        "所以线性层无论叠多深，都能通过这两项检验。",
    },
    "col_bias_toggle": {"en": "Give every neuron a bias", "zh": "给每个神经元加上偏置"},
    "col_bias_text": {
        "en": "With biases b1 = {b1}, b2 = {b2}, b3 = {b3} (hidden) and b4 = {b4} (output), the network is "
        "f(x) = g(x) + β with g linear and β = w7·b1 + w8·b2 + w9·b3 + b4 = {beta}. Such a map is "
        "*affine*: f(a + b) misses f(a) + f(b) by exactly −β, and f(k·a) misses k·f(a) by (1 − k)·β. "
        "The boundary f = 0 moves off the origin, but it is still a straight line:",
        "zh": "加上偏置 b1 = {b1}、b2 = {b2}、b3 = {b3}（隐藏层）和 b4 = {b4}（输出）后，网络变成 "
        "f(x) = g(x) + β，其中 g 是线性的，β = w7·b1 + w8·b2 + w9·b3 + b4 = {beta}。这样的映射叫*仿射*映射："
        "f(a + b) 与 f(a) + f(b) 恰好差 −β，f(k·a) 与 k·f(a) 恰好差 (1 − k)·β。"
        "分界线 f = 0 不再经过原点，但仍然是一条直线：",
    },
    # --- gradient
    "col_h_gradient": {"en": "6 · The same slope everywhere", "zh": "6 · 处处相同的梯度"},
    "col_gradient_intro": {
        "en": "The article's fourth problem: the derivative of a linear function is a constant, so the "
        "gradient does not depend on the input at all. Pick two points p and q; the gradients below "
        "are measured with tiny steps (central differences), not assumed.",
        "zh": "文章提到的第四个问题：线性函数的导数是常数，所以梯度和输入毫无关系。"
        "选两个点 p 和 q；下面的梯度是用很小的步长实际测出来的（中心差分），不是照公式抄的。",
    },
    "col_grad_linear_label": {"en": "Your linear network:", "zh": "你的线性网络："},
    "col_gradient_linear": {
        "en": "Both are ({a}, {c}): the two sums from step 2, at every point.",
        "zh": "两处都是 ({a}, {c})：正是第 2 步里的两个括号，在哪个点都一样。",
    },
    "col_grad_tanh_label": {
        "en": "The same weights with tanh after each hidden neuron:",
        "zh": "同样的权重，每个隐藏神经元后面加上 tanh：",
    },
    "col_gradient_tanh": {
        "en": "Now the gradient depends on where you are: the network can respond differently to "
        "different inputs, which is what learning a curve needs.",
        "zh": "现在梯度随位置而变：网络对不同的输入可以有不同的反应，而学会一条曲线正需要这一点。",
    },
    # --- any depth
    "col_h_depth": {"en": "7 · Any depth, any width", "zh": "7 · 任意深度、任意宽度"},
    "col_depth_intro": {
        "en": "Now a stack of random linear layers, with biases, {io} inputs and {io} outputs. However "
        "many layers you stack, the product of the weight matrices is one matrix W and the biases fold "
        "into one vector b: the whole stack computes x·W + b.",
        "zh": "现在换成一摞随机的线性层，带偏置，{io} 个输入、{io} 个输出。无论叠多少层，"
        "所有权重矩阵相乘得到一个矩阵 W，偏置也合并成一个向量 b：整摞网络算的就是 x·W + b。",
    },
    "col_depth": {"en": "Linear layers", "zh": "线性层数"},
    "col_widths": {"en": "Hidden widths", "zh": "隐藏层宽度"},
    "col_widths_help": {
        "en": "One width per hidden layer, separated by commas, e.g. 8,3,8 (1 to 16 each; empty for "
        "no hidden layer). Changing it changes the number of layers.",
        "zh": "每个隐藏层一个宽度，用逗号分隔，例如 8,3,8（每个 1 到 16；留空表示没有隐藏层）。"
        "修改它会相应改变层数。",
    },
    "col_widths_bad": {
        "en": "“{value}” is not a list of {depth} − 1 widths between 1 and 16 (e.g. 8,3,8); "
        "using the default widths instead.",
        "zh": "“{value}” 不是 {depth} − 1 个 1 到 16 之间的宽度（例如 8,3,8），已改用默认宽度。",
    },
    "col_seed": {"en": "Seed", "zh": "随机种子"},
    "col_sizes": {
        "en": "Layer sizes: **{sizes}** ({depth} linear layers).",
        "zh": "各层大小：**{sizes}**（共 {depth} 个线性层）。",
    },
    "col_rank": {"en": "Rank of W", "zh": "W 的秩"},
    "col_min_width": {"en": "Narrowest layer", "zh": "最窄的层"},
    "col_stack_diff": {"en": "Stack vs x·W + b", "zh": "逐层计算与 x·W + b 之差"},
    "col_sv_kept": {"en": "singular value", "zh": "奇异值"},
    "col_sv_zero": {"en": "zero (rounding)", "zh": "零（舍入误差）"},
    "col_sv_axis": {"en": "singular value", "zh": "奇异值"},
    "col_rank_text": {
        "en": "The rank of W is {rank}, and it can never exceed the narrowest layer ({narrow}): "
        "everything passes through that layer, so a layer of width 3 anywhere squeezes the whole "
        "stack into at most 3 independent directions. The grey bars are singular values that are 0 "
        "up to rounding. Type a 1 or 2 into the widths and watch the bars vanish.",
        "zh": "W 的秩是 {rank}，而且永远不会超过最窄那一层的宽度（{narrow}）：所有信息都得从那一层挤过去，"
        "所以只要有一层宽度是 3，整摞网络最多只剩 3 个独立方向。灰色的柱子是奇异值，"
        "除去舍入误差都是 0。在宽度里输入 1 或 2，看看柱子怎么消失。",
    },
    "col_h_contrast": {"en": "The contrast: insert an activation", "zh": "对比：插入激活函数"},
    "col_contrast_intro": {
        "en": "The same random weights and biases, now with 2 inputs and 1 output so the boundary can "
        "be drawn: on the left the plain linear stack, on the right the same stack with an "
        "activation function after every hidden layer.",
        "zh": "同样的随机权重和偏置，这次用 2 个输入、1 个输出，方便画出分界线：左边是纯线性的一摞，"
        "右边是同一摞网络，只是在每个隐藏层后面加了激活函数。",
    },
    "col_act": {"en": "Activation after each hidden layer", "zh": "每个隐藏层后的激活函数"},
    "col_linear_stack": {"en": "Linear stack", "zh": "纯线性"},
    "col_bent_stack": {"en": "With {act}", "zh": "加上 {act}"},
    "col_stack_accuracy": {"en": "Accuracy on the circle data: {acc}", "zh": "在圆圈数据上的准确率：{acc}"},
    "col_contrast_sizes": {
        "en": "Layer sizes {sizes}; the weights are random, not trained, so neither separates the classes yet.",
        "zh": "各层大小 {sizes}；权重是随机的，没有训练过，所以两边都还分不开这两类点。",
    },
    "col_depth_one": {
        "en": "With a single layer there is no hidden layer, so there is nowhere to put an activation: "
        "both pictures show the same straight line. Add a layer.",
        "zh": "只有一层时没有隐藏层，激活函数无处可放：两幅图是同一条直线。再加一层试试。",
    },
    "col_contrast_text": {
        "en": "The left boundary is a straight line for every seed, depth and width. On the right the "
        "boundary bends. Random weights bend it in random places; training chooses weights that bend "
        "it around the circles (see the Live training page).",
        "zh": "左边的分界线，无论种子、层数、宽度怎么换，都是直线。右边的分界线弯了。"
        "随机权重让它随意地弯；训练则是去找让它恰好绕着圆圈弯的权重（见“实时训练”页面）。",
    },
    # --- bending the input
    "col_h_bend": {"en": "8 · Bending the input: x²", "zh": "8 · 把输入弯一弯：x²"},
    "col_bend_intro": {
        "en": "The article's first way out: instead of Y = W·X + B, use Y = W·X² + B. The model is "
        "still linear in its weights, but the line now lives in a bent space.",
        "zh": "文章给出的第一条出路：把 Y = W·X + B 换成 Y = W·X² + B。模型对权重来说仍然是线性的，"
        "但这条“直线”如今画在一个被弯过的空间里。",
    },
    "col_h_bend_1d": {"en": "On a line", "zh": "一维的情形"},
    "col_threshold_title": {
        "en": "Points on a line: circles where |x| < 0.4, triangles beyond 0.6. One threshold on x "
        "splits the line in two, never three:",
        "zh": "数轴上的点：|x| < 0.4 是圆圈，超过 0.6 是三角形。在 x 上切一刀只能分成两段，分不出三段：",
    },
    "col_best_threshold": {"en": "Best threshold on x", "zh": "x 上最好的阈值"},
    "col_parabola_title": {
        "en": "Lift each point to Y = W·x² + B and call it a circle where Y > 0:",
        "zh": "把每个点抬到 Y = W·x² + B 上，Y > 0 就判为圆圈：",
    },
    "col_parabola_accuracy": {"en": "Accuracy of Y > 0", "zh": "Y > 0 规则的准确率"},
    "col_bend_1d_text": {
        "en": "With W < 0 the parabola opens downwards, and the middle of the line rises above Y = 0 "
        "while both ends fall below. The straight cut Y = 0 in the new picture is two cuts on x.",
        "zh": "W < 0 时抛物线开口向下，数轴中间的点被抬到 Y = 0 以上，两端则落到下面。"
        "新图里 Y = 0 这一刀，落回 x 轴上就是两刀。",
    },
    "col_h_bend_2d": {"en": "In the plane", "zh": "二维的情形"},
    "col_feature_title": {
        "en": "The circle data drawn at (x1², x2²): the straight line x1² + x2² = {t} separates it.",
        "zh": "把圆圈数据画在 (x1², x2²) 处：直线 x1² + x2² = {t} 就能把它分开。",
    },
    "col_circle_title": {
        "en": "The same line, back in the original plane: the circle of radius {r}.",
        "zh": "同一条直线，放回原来的平面：半径为 {r} 的圆。",
    },
    "col_feature_accuracy": {"en": "Accuracy of the bent line", "zh": "弯过之后的直线的准确率"},
    "col_bend_2d_text": {
        "en": "The line was found from the data: the threshold halfway across the gap between the "
        "circles and the triangles. Squaring the inputs works here because we knew the answer is a "
        "circle. An activation function bends every neuron instead, so the network can learn the "
        "curve it needs, whatever its shape.",
        "zh": "这条直线是从数据里找出来的：阈值取在圆圈和三角形之间空隙的正中间。"
        "把输入平方之所以管用，是因为我们事先知道答案是个圆。激活函数则是让每个神经元都弯一弯，"
        "这样网络就能自己学出需要的曲线，不管它是什么形状。",
    },
    "col_next": {
        "en": "Next: the activation functions themselves, and a network that learns with them.",
        "zh": "接下来：看看激活函数本身，以及一个靠它们学习的网络。",
    },
}
