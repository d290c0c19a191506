"""Texts of the linear-collapse page (keys prefixed ``col_``)."""

TEXTS = {
    "col_title": {
        "en": "Stack linear layers: still one straight line",
        "zh": "线性层叠得再多，还是一条直线",
    },
    "col_lead": {
        "en": "A neuron without an activation function only multiplies and adds. Stack as many of them "
        "as you like: the algebra folds the whole network back into one linear function (one *affine* "
        "function, linear plus a constant, once the neurons have biases), and its "
        "decision boundary is one straight line. Circles inside a ring of triangles need a curve, so "
        "such a network can never separate them. Check every step below with your own numbers.",
        "zh": "没有激活函数的神经元，只会做乘法和加法。不管把多少个这样的神经元叠在一起，"
        "代数一化简，整个网络又变回一个线性函数（神经元带偏置时，是一个*仿射*函数，即线性函数再加一个常数），"
        "它的分界线就是一条直线。"
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
        "en": "Solid blue edges carry positive weights, dashed orange ones negative, dotted grey ones 0; "
        "thicker means larger.",
        "zh": "蓝色实线表示正权重，橙色虚线表示负权重，灰色点线表示权重为 0；线越粗，权重的绝对值越大。",
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
    "col_step_boundary_x2": {
        "en": "The boundary between the two classes is where Output = 0. Here the sum that multiplies "
        "input1 is 0, so input1 cannot be solved for; solve for input2 instead:",
        "zh": "两类的分界处是 Output = 0 的地方。这里乘以 input1 的那个括号等于 0，没法解出 input1，"
        "改为解 input2：",
    },
    "col_step_boundary_none": {
        "en": "The boundary would be where Output = 0, but both sums are 0:",
        "zh": "分界处本应是 Output = 0 的地方，可是两个括号都等于 0：",
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
    "col_case_none_cancel": {
        "en": "Here both sums are 0: all nine weights are non-zero, yet their products cancel exactly, "
        "so the network outputs 0 for every input (up to rounding error). There is no boundary at all: "
        "every point gets the same answer.",
        "zh": "这里两个括号都等于 0：九个权重没有一个是零，它们的乘积却恰好完全抵消，"
        "所以网络对任何输入都输出 0（最多差一点舍入误差）。根本没有分界线，所有点得到的都是同一个答案。",
    },
    "col_case_none_partial": {
        "en": "Here both sums are 0: {zeros} = 0, and the remaining products cancel exactly, so the "
        "network outputs 0 for every input (up to rounding error). There is no boundary at all: every "
        "point gets the same answer.",
        "zh": "这里两个括号都等于 0：{zeros} 为 0，剩下的乘积又恰好彼此抵消，"
        "所以网络对任何输入都输出 0（最多差一点舍入误差）。根本没有分界线，所有点得到的都是同一个答案。",
    },
    "col_case_none_vanish": {
        "en": "Here both sums are 0: {zeros} = 0, so each of the six products has a factor 0 and the "
        "network outputs exactly 0 for every input. There is no boundary at all: every point gets the "
        "same answer.",
        "zh": "这里两个括号都等于 0：{zeros} 为 0，六个乘积里每一个都有一个因子是 0，"
        "所以网络对任何输入都恰好输出 0。根本没有分界线，所有点得到的都是同一个答案。",
    },
    "col_list_sep": {"en": ", ", "zh": "、"},
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
        "collapsed function {expr}. The largest difference between the two answers is at most "
        "{ratio} times the size of the numbers added up to get them: the rounding error of "
        "floating-point arithmetic (float64 keeps about 16 significant digits), not a real difference. "
        "The two are the same function.",
        "zh": "随机取 {n} 个输入，一次按网络逐个神经元计算，一次用化简后的函数 {expr} 计算。"
        "两种算法的最大差值，不超过参与求和的那些数的 {ratio} 倍：这只是浮点运算的舍入误差"
        "（float64 大约保留 16 位有效数字），并不是真正的差别。两者就是同一个函数。",
    },
    "col_proof_exact": {
        "en": "{n} random inputs, each run through the network neuron by neuron, and through the "
        "collapsed function {expr}. The two answers agree exactly, to the last bit: the two are the "
        "same function.",
        "zh": "随机取 {n} 个输入，一次按网络逐个神经元计算，一次用化简后的函数 {expr} 计算。"
        "两种算法的结果分毫不差，连最后一位都相同：两者就是同一个函数。",
    },
    # --- the boundary over data
    "col_h_boundary": {"en": "4 · One straight line, whatever the weights", "zh": "4 · 不管权重是多少，都只是一条直线"},
    "col_class1": {"en": "circles (class 1)", "zh": "圆圈（第 1 类）"},
    "col_class0": {"en": "triangles (class 0)", "zh": "三角形（第 0 类）"},
    "col_boundary_text": {
        "en": "The article's picture: circles in the middle, triangles around them. The network says "
        "“circle” where Output > 0 (blue side) and “triangle” elsewhere (orange side). An output "
        "that is 0 up to rounding error is on the line, and so not above 0: a triangle.",
        "zh": "这是文章里的那张图：圆圈在中间，三角形围在外面。网络在 Output > 0 的地方（蓝色一侧）判为“圆圈”，"
        "其余地方（橙色一侧）判为“三角形”。只差一点舍入误差就等于 0 的输出，算作正好落在线上：它不大于 0，所以判为三角形。",
    },
    "col_boundary_line": {
        "en": "The black line is the formula from step 2. Try every weight you like: one side of a "
        "line always holds circles and triangles together.",
        "zh": "黑线就是第 2 步推出的公式。权重随你怎么改，直线的某一侧总会同时混着圆圈和三角形。",
    },
    "col_own_accuracy": {"en": "Your line", "zh": "你的直线"},
    "col_best_accuracy": {"en": "Best possible line", "zh": "最好的直线"},
    "col_best_caption": {
        "en": "Best possible: every straight line, in {directions} directions and at every offset, tried on "
        "these {n} points (not only lines through the origin). Circles are {circles} of the points, so "
        "calling every point the same class scores {guess} at best; no line comes close to 100 %.",
        "zh": "“最好的直线”：在 {directions} 个方向上、每个可能的位置都试了一遍（不限于过原点的直线），"
        "在这 {n} 个点上得到的最高准确率。圆圈占全部点的 {circles}，所以把所有点都判成同一类，"
        "最多也只有 {guess}；没有哪条直线能接近 100 %。",
    },
    "col_boundary_none_exact": {
        "en": "With Output ≡ 0 no point is above 0 (every output computed here is exactly 0): every "
        "point is called a triangle, so the score is the share of triangles, {share}.",
        "zh": "Output ≡ 0 时没有任何点大于 0（这里算出的输出全都恰好是 0）：所有点都被判为三角形，"
        "所以得分就是三角形所占的比例 {share}。",
    },
    "col_boundary_none_rounding": {
        "en": "With Output ≡ 0 no point is above 0. The computed outputs are not all exactly 0 (the "
        "largest is {residue}), but that is rounding error and counts as 0: every point is called a "
        "triangle, so the score is the share of triangles, {share}.",
        "zh": "Output ≡ 0 时没有任何点大于 0。算出来的输出并不全都恰好是 0（最大的是 {residue}），"
        "但那只是舍入误差，按 0 计：所有点都被判为三角形，所以得分就是三角形所占的比例 {share}。",
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
        "*affine*: f(a + b) misses f(a) + f(b) by exactly −β, and f(k·a) misses k·f(a) by (1 − k)·β.",
        "zh": "加上偏置 b1 = {b1}、b2 = {b2}、b3 = {b3}（隐藏层）和 b4 = {b4}（输出）后，网络变成 "
        "f(x) = g(x) + β，其中 g 是线性的，β = w7·b1 + w8·b2 + w9·b3 + b4 = {beta}。这样的映射叫*仿射*映射："
        "f(a + b) 与 f(a) + f(b) 恰好差 −β，f(k·a) 与 k·f(a) 恰好差 (1 − k)·β。",
    },
    "col_bias_moved": {
        "en": "The boundary f = 0 no longer passes through the origin, but it is still a straight line:",
        "zh": "分界线 f = 0 不再经过原点，但仍然是一条直线：",
    },
    "col_bias_origin": {
        "en": "With these weights β = 0, so the boundary f = 0 still passes through the origin; it is a "
        "straight line:",
        "zh": "在这组权重下 β = 0，所以分界线 f = 0 仍然经过原点，而且是一条直线：",
    },
    "col_bias_constant": {
        "en": "Both sums are 0 here, so f(x) = β for every x: there is no boundary line, every input "
        "gets the same answer.",
        "zh": "这里两个括号都等于 0，所以对任何 x 都有 f(x) = β：没有分界线，所有输入得到的都是同一个答案。",
    },
    # --- gradient
    "col_h_gradient": {"en": "6 · The same slope everywhere", "zh": "6 · 处处相同的梯度"},
    "col_gradient_intro": {
        "en": "The article's fourth problem: the derivative of a linear function is a constant. Which "
        "derivative, though? The gradient of the output with respect to the input, ∂Output/∂input, is "
        "the same at every input. Pick two points p and q; the gradients below are measured with tiny "
        "steps (central differences), not assumed.",
        "zh": "文章提到的第四个问题：线性函数的导数是常数。不过要说清楚是哪个导数：输出对输入的梯度 "
        "∂Output/∂input 在任何输入处都一样。选两个点 p 和 q；下面的梯度是用很小的步长实际测出来的"
        "（中心差分），不是照公式抄的。",
    },
    "col_grad_linear_label": {
        "en": "Your linear network, ∂Output/∂input:",
        "zh": "你的线性网络，∂Output/∂input：",
    },
    "col_gradient_linear": {
        "en": "Both are ({a}, {c}): the two sums from step 2, at every point.",
        "zh": "两处都是 ({a}, {c})：正是第 2 步里的两个括号，在哪个点都一样。",
    },
    "col_grad_weights_label": {
        "en": "Training, however, follows the gradient with respect to the nine weights: "
        "∂loss/∂w = ∂loss/∂Output · ∂Output/∂w. For the same linear network, ∂Output/∂w1 = w7·input1, …, "
        "∂Output/∂w7 = h1 = w1·input1 + w2·input2, …: the input is part of it. Measured at the same p and q:",
        "zh": "不过，训练时用的是对九个权重的梯度：∂loss/∂w = ∂loss/∂Output · ∂Output/∂w。"
        "对同一个线性网络，∂Output/∂w1 = w7·input1，…，∂Output/∂w7 = h1 = w1·input1 + w2·input2，…："
        "式子里带着输入。在同样的 p 和 q 处测一测：",
    },
    "col_grad_weights_differ": {
        "en": "They differ: even a linear network gets a different learning signal from each input, so "
        "“the gradient does not depend on the input” is true only of ∂Output/∂input. What a linear "
        "network lacks is not a learning signal but a curve: its output changes at the same rate "
        "everywhere, so its boundary stays straight whatever it learns.",
        "zh": "两者不一样：即使是线性网络，每个输入给出的学习信号也各不相同。所以“梯度和输入无关”"
        "只对 ∂Output/∂input 成立。线性网络缺的不是学习信号，而是弯曲的能力：它的输出在任何地方变化得都一样快，"
        "所以不管学成什么样，分界线都是直的。",
    },
    "col_grad_weights_same_point": {
        "en": "p and q are the same point, so of course the two agree: move one of them.",
        "zh": "p 和 q 是同一个点，两者当然一样：把其中一个挪一挪。",
    },
    "col_grad_weights_equal": {
        "en": "With these weights the two happen to agree at p and q (that needs w7 = w8 = w9 = 0); "
        "give one of w7, w8, w9 a value other than 0 and they differ.",
        "zh": "在这组权重下，两者在 p 和 q 处恰好一样（这要求 w7 = w8 = w9 = 0）；"
        "把 w7、w8、w9 中任意一个改成非零的值，它们就不一样了。",
    },
    "col_grad_tanh_label": {
        "en": "The same weights with tanh after each hidden neuron:",
        "zh": "同样的权重，每个隐藏神经元后面加上 tanh：",
    },
    "col_gradient_tanh": {
        "en": "Now ∂Output/∂input depends on where you are: the output can change at different rates in "
        "different places, which is what a curved boundary needs.",
        "zh": "现在 ∂Output/∂input 随位置而变：输出在不同的地方可以变化得有快有慢，而弯曲的分界线正需要这一点。",
    },
    "col_gradient_tanh_same_point": {
        "en": "p and q are the same point, so of course the two agree: move one of them and watch the "
        "gradient of the tanh network change.",
        "zh": "p 和 q 是同一个点，两者当然一样：把其中一个挪一挪，看 tanh 网络的梯度怎么变。",
    },
    "col_gradient_tanh_mirror": {
        "en": "Here q = −p, and tanh′ is symmetric (tanh′(−z) = tanh′(z)), so the two agree at exactly "
        "these points. Move one of them: elsewhere the gradient changes.",
        "zh": "这里 q = −p，而 tanh′ 是偶函数（tanh′(−z) = tanh′(z)），所以恰好在这两点上梯度相同。"
        "把其中一个挪一挪：换个地方，梯度就变了。",
    },
    "col_gradient_tanh_silent": {
        "en": "With these weights every hidden neuron has both input weights at 0 or its output weight at "
        "0, so the tanh network outputs 0 everywhere and its gradient is 0 everywhere. Change a weight.",
        "zh": "在这组权重下，每个隐藏神经元要么两个输入权重都是 0，要么输出权重是 0，"
        "所以 tanh 网络处处输出 0，梯度也处处是 0。改一个权重试试。",
    },
    "col_gradient_tanh_equal": {
        "en": "With these weights the two happen to agree at p and q; try other points or weights.",
        "zh": "在这组权重下，两者在 p 和 q 处恰好一样；换几个点或权重试试。",
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
        "en": "“{value}” is not a list of hidden widths (whole numbers from 1 to 16, separated by "
        "commas). For {depth} linear layers a valid entry is, for example, {used}, and that is what "
        "the stack below uses until you correct the box.",
        "zh": "“{value}” 不是有效的隐藏层宽度（应为 1 到 16 之间的整数，用逗号分隔）。"
        "{depth} 个线性层可以写成例如 {used}；在你改正之前，下面的网络就用这组宽度。",
    },
    "col_widths_bad_one": {
        "en": "“{value}” is not a list of hidden widths (whole numbers from 1 to 16, separated by "
        "commas). With 1 linear layer there is no hidden layer: leave the box empty, which is what the "
        "stack below uses until you correct it, or type widths such as {example} to add layers.",
        "zh": "“{value}” 不是有效的隐藏层宽度（应为 1 到 16 之间的整数，用逗号分隔）。"
        "只有 1 个线性层时没有隐藏层：把输入框留空即可（在你改正之前，下面的网络就按没有隐藏层来算），"
        "也可以输入 {example} 这样的宽度来增加层数。",
    },
    "col_seed": {"en": "Seed", "zh": "随机种子"},
    "col_sizes": {
        "en": "Layer sizes: **{sizes}**; linear layers: {depth}.",
        "zh": "各层大小：**{sizes}**；线性层数：{depth}。",
    },
    "col_rank": {"en": "Rank of W", "zh": "W 的秩"},
    "col_min_width": {"en": "Narrowest layer", "zh": "最窄的层"},
    "col_stack_diff": {"en": "Stack vs x·W + b", "zh": "逐层计算与 x·W + b 之差"},
    "col_sv_kept": {"en": "singular value", "zh": "奇异值"},
    "col_sv_zero": {"en": "zero (rounding)", "zh": "零（舍入误差）"},
    "col_sv_axis": {"en": "singular value", "zh": "奇异值"},
    "col_rank_text": {
        "en": "The rank of W is {rank}, and it can never exceed the narrowest layer ({narrow}): "
        "everything passes through that layer, so its width of {narrow} squeezes the whole "
        "stack into at most {narrow} independent directions.",
        "zh": "W 的秩是 {rank}，而且永远不会超过最窄那一层的宽度（{narrow}）：所有信息都得从那一层挤过去，"
        "所以宽度为 {narrow} 的这一层把整摞网络压到最多只剩 {narrow} 个独立方向。",
    },
    "col_rank_lost": {
        "en": "The last {lost} of the {io} singular values are 0 up to rounding (grey, too short to see): "
        "directions the stack has lost for good. Change the narrowest width and watch them come and go.",
        "zh": "{io} 个奇异值里，最后 {lost} 个除去舍入误差都是 0（灰色，短得看不见）：整摞网络永久丢掉的方向。"
        "改一改最窄那一层的宽度，看它们怎么出现、怎么消失。",
    },
    "col_rank_full": {
        "en": "No layer here is narrower than {io}, so no direction is lost and no bar is grey. Type a 1 "
        "or 2 into the widths and watch bars drop to 0.",
        "zh": "这里没有哪一层比 {io} 窄，所以一个方向也没丢，没有灰色的柱子。在宽度里输入 1 或 2，"
        "看看柱子怎么降到 0。",
    },
    "col_h_contrast": {"en": "The contrast: insert an activation", "zh": "对比：插入激活函数"},
    "col_contrast_intro": {
        "en": "A stack with the same hidden widths and seed, now with 2 inputs and 1 output so the "
        "boundary can be drawn: on the left the plain linear stack, on the right the same weights and "
        "biases with an activation function after every hidden layer.",
        "zh": "隐藏层宽度和随机种子都不变，这次用 2 个输入、1 个输出，方便画出分界线：左边是纯线性的一摞，"
        "右边用的是同样的权重和偏置，只是在每个隐藏层后面加了激活函数。",
    },
    "col_act": {"en": "Activation after each hidden layer", "zh": "每个隐藏层后的激活函数"},
    "col_linear_stack": {"en": "Linear stack", "zh": "纯线性"},
    "col_bent_stack": {"en": "With {act}", "zh": "加上 {act}"},
    "col_stack_accuracy": {"en": "Accuracy on the circle data: {acc}", "zh": "在圆圈数据上的准确率：{acc}"},
    "col_contrast_sizes": {
        "en": "Layer sizes {sizes}; the weights are random, not trained.",
        "zh": "各层大小 {sizes}；权重是随机的，没有训练过。",
    },
    "col_depth_one": {
        "en": "With a single layer there is no hidden layer, so there is nowhere to put an activation: "
        "both sides compute the same function. Add a layer.",
        "zh": "只有一层时没有隐藏层，激活函数无处可放：两边算的是同一个函数。再加一层试试。",
    },
    "col_contrast_left": {
        "en": "The left boundary is a straight line for every seed, depth and width: the stack collapses "
        "to x·W + b.",
        "zh": "左边的分界线，无论种子、层数、宽度怎么换，都是直线：整摞网络化简下来就是 x·W + b。",
    },
    "col_contrast_left_outside": {
        "en": "The left boundary is a straight line for every seed, depth and width: the stack collapses "
        "to x·W + b. With this seed the line lies outside the square drawn, so every point shown gets "
        "the same class.",
        "zh": "左边的分界线，无论种子、层数、宽度怎么换，都是直线：整摞网络化简下来就是 x·W + b。"
        "用这个种子，这条直线落在图中方框以外，所以图上所有点都被判成同一类。",
    },
    "col_contrast_identity": {
        "en": "On the right, the identity changes nothing: f(z) = z keeps the stack linear, so both sides "
        "compute the same function and draw the same boundary. Choose a non-linear activation.",
        "zh": "右边用的是恒等函数，什么也没改变：f(z) = z 让这摞网络仍然是线性的，两边算的是同一个函数，"
        "画出的也是同一条分界线。换一个非线性的激活函数试试。",
    },
    "col_contrast_none": {
        "en": "On the right no boundary crosses the square: with these random weights, the network "
        "with {act} gives every point in it the same class. Try another seed.",
        "zh": "右边的方框里没有分界线：在这组随机权重下，加了 {act} 的网络把框里所有点都判成同一类。换个种子试试。",
    },
    "col_contrast_straight": {
        "en": "On the right the boundary happens to be straight inside the square as well: a non-linear "
        "activation lets the boundary bend, it does not force it to. Try another seed.",
        "zh": "右边的分界线在方框里碰巧也是直的：非线性的激活函数让分界线能够弯曲，但并不强迫它弯曲。换个种子试试。",
    },
    "col_contrast_slight": {
        "en": "On the right the boundary bends, but only slightly: no point of it is more than {dev} away "
        "from one straight line, less than the eye can see. {act} is nearly linear over the numbers "
        "these random weights feed it. Try another seed.",
        "zh": "右边的分界线弯了，但只弯了一点点：线上每个点离同一条直线都不超过 {dev}，肉眼看不出来。"
        "对这组随机权重送进来的数来说，{act} 几乎是线性的。换个种子试试。",
    },
    "col_contrast_bent": {
        "en": "On the right, {act} bends the boundary: it is no longer one straight line. Random weights "
        "bend it in random places; training looks for weights that bend it around the circles (see the "
        "Live training page).",
        "zh": "右边，{act} 把分界线掰弯了：它不再是一条直线。随机权重让它随意地弯；"
        "训练则是去找让它绕着圆圈弯的权重（见“实时训练”页面）。",
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
        "en": "Points on a line: circles where |x| < {inner}, triangles where |x| > {outer}. One threshold "
        "on x splits the line in two, never three:",
        "zh": "数轴上的点：|x| < {inner} 是圆圈，|x| > {outer} 是三角形。在 x 上切一刀只能分成两段，分不出三段：",
    },
    "col_best_threshold": {"en": "Best threshold on x", "zh": "x 上最好的阈值"},
    "col_parabola_title": {
        "en": "Lift each point to Y = W·x² + B and call it a circle where Y > 0:",
        "zh": "把每个点抬到 Y = W·x² + B 上，Y > 0 就判为圆圈：",
    },
    "col_parabola_accuracy": {"en": "Accuracy of Y > 0", "zh": "Y > 0 规则的准确率"},
    "col_bend_1d_down": {
        "en": "The parabola opens downwards (W < 0) and crosses Y = 0 at x = ±{r}: the middle of the line "
        "rises above Y = 0 while both ends fall below. The one straight cut Y = 0 in the new picture is "
        "two cuts on x.",
        "zh": "抛物线开口向下（W < 0），在 x = ±{r} 处穿过 Y = 0：数轴中间的点被抬到 Y = 0 以上，两端则落到下面。"
        "新图里 Y = 0 这一刀，落回 x 轴上就是两刀。",
    },
    "col_bend_1d_up": {
        "en": "The parabola opens upwards (W > 0) and crosses Y = 0 at x = ±{r}: now both ends are above "
        "Y = 0 and the middle is below, so the rule calls the ends circles. Still two cuts on x, but "
        "the wrong way round: make W negative and B positive.",
        "zh": "抛物线开口向上（W > 0），在 x = ±{r} 处穿过 Y = 0：这回两端在 Y = 0 以上，中间在下面，"
        "于是规则把两端判成了圆圈。x 轴上仍然是两刀，只是方向反了：把 W 调成负的、B 调成正的。",
    },
    "col_bend_1d_flat": {
        "en": "Here Y = W·x² + B does not change sign between −1 and 1 (that needs W and B of opposite "
        "signs, with |B| < |W|), so every point gets the same class.",
        "zh": "这时 Y = W·x² + B 在 −1 到 1 之间不变号（要变号，W 和 B 必须一正一负，而且 |B| < |W|），"
        "所以所有点都被判成同一类。",
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
        "circle. An activation function instead lets every hidden neuron bend, and the weights decide "
        "where. With enough hidden neurons and a suitable activation (a non-linear one that is not a "
        "polynomial, such as ReLU or tanh), a network can approximate any continuous function on the "
        "square as closely as you like, and so draw almost any boundary: that is the universal "
        "approximation theorem. Two cautions. Too few neurons cannot do it: with a single hidden "
        "neuron and a monotone activation such as tanh, the boundary is still one straight line. And a "
        "boundary the network *can* draw is not necessarily one that training *finds*: that depends on "
        "the data, the starting weights and the learning rate.",
        "zh": "这条直线是从数据里找出来的：阈值取在圆圈和三角形之间空隙的正中间。"
        "把输入平方之所以管用，是因为我们事先知道答案是个圆。激活函数则是让每个隐藏神经元都能弯一弯，"
        "弯在哪里由权重决定。只要隐藏神经元足够多、激活函数合适（非线性且不是多项式，比如 ReLU 或 tanh），"
        "网络就能把方框里任何连续函数逼近到任意精度，因而几乎能画出任何形状的分界线：这就是万能逼近定理。"
        "但有两点要注意。神经元太少不行：只有一个隐藏神经元、激活函数又是 tanh 这样单调的，分界线仍然是一条直线。"
        "另外，网络*画得出*的分界线，训练不一定*找得到*：这取决于数据、初始权重和学习率。",
    },
    "col_next": {
        "en": "Next: the activation functions themselves, and a network that learns with them.",
        "zh": "接下来：看看激活函数本身，以及一个靠它们学习的网络。",
    },
}
