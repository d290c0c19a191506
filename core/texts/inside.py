"""Texts of the training page's "inside the network" views (keys prefixed ``ins_``):
a neuron checked by hand, and what each layer does to the plane."""

TEXTS = {
    # ---------------------------------------------------------------- a neuron by hand
    "ins_check_title": {"en": "Check a neuron by hand", "zh": "手算一个神经元"},
    "ins_check_lead": {
        "en": "Pick a neuron and a point on the plane: here is exactly what the network computes there, "
        "with its current weights and biases — every bias included, the output's too. Pause to check "
        "it with a calculator; while training, the numbers follow every few seconds.",
        "zh": "选一个神经元，再在平面上选一个点：下面就是网络此刻在这个点上算出的每一个数，用的是它当前的权重和偏置"
        "——所有偏置都列出来了，包括输出层的偏置。暂停训练，就可以拿计算器逐项核对；训练进行时，这些数字每隔几秒更新一次。",
    },
    "ins_layer": {"en": "Layer", "zh": "层"},
    "ins_layer_hidden": {"en": "Hidden layer {i}", "zh": "第 {i} 隐藏层"},
    "ins_layer_output": {"en": "Output", "zh": "输出层"},
    "ins_unit": {"en": "Neuron", "zh": "神经元"},
    "ins_unit_n": {"en": "Neuron {j}", "zh": "第 {j} 个神经元"},
    "ins_x1": {"en": "Point x₁", "zh": "点的 x₁"},
    "ins_x2": {"en": "Point x₂", "zh": "点的 x₂"},
    "ins_point_help": {
        "en": "Any point of the plane shown, from {lo} to {hi}.",
        "zh": "图中平面上的任意一点，取值范围 {lo} 到 {hi}。",
    },
    "ins_formula_title": {"en": "The chosen neuron", "zh": "选中的神经元"},
    "ins_walk_title": {"en": "The whole way to the output", "zh": "一路算到输出"},
    "ins_walk_caption": {
        "en": "Each row is one neuron: the sum of its weights times its inputs, plus its bias, gives z; "
        "the activation turns z into h, and the h of one layer are the inputs of the next. "
        "The output turns its z into a probability with the sigmoid σ. Numbers rounded to 4 significant digits.",
        "zh": "每一行是一个神经元：输入乘以各自的权重再相加，加上偏置，得到 z；激活函数把 z 变成 h，"
        "这一层的 h 就是下一层的输入。输出层用 sigmoid 函数 σ 把它的 z 变成概率。数字保留 4 位有效数字。",
    },
    "ins_learned_note": {
        "en": "PReLU: a⁽ˡ⁾ is the slope for negative z that layer l has learned so far, shared by all its "
        "neurons (h = z where z > 0, a⁽ˡ⁾·z elsewhere).",
        "zh": "PReLU：a⁽ˡ⁾ 是第 l 层到目前为止学到的负半轴斜率，这一层的所有神经元共用它"
        "（z > 0 时 h = z，否则 h = a⁽ˡ⁾·z）。",
    },
    "ins_col_neuron": {"en": "neuron", "zh": "神经元"},
    "ins_col_sum": {"en": "weighted sum z = Σ w·h + b", "zh": "加权求和 z = Σ w·h + b"},
    "ins_col_z": {"en": "z", "zh": "z"},
    "ins_col_h": {"en": "h = f(z)", "zh": "h = f(z)"},
    "ins_prob": {
        "en": "At ({x1}, {x2}) the network says **p = {p}**: {verdict}.",
        "zh": "在点 ({x1}, {x2}) 处，网络给出 **p = {p}**：{verdict}。",
    },
    "ins_verdict_circle": {"en": "a circle (p ≥ ½)", "zh": "判为圆圈（p ≥ ½）"},
    "ins_verdict_triangle": {"en": "a triangle (p < ½)", "zh": "判为三角形（p < ½）"},
    "ins_verdict_unknown": {"en": "no answer, the network has diverged", "zh": "没有答案，网络已经发散"},
    "ins_inputs_differ": {
        "en": "This network reads {width} inputs, not the point's two coordinates, so it cannot be worked "
        "by hand here yet.",
        "zh": "这个网络的输入有 {width} 个，而不是点的两个坐标，所以这里暂时无法手算。",
    },
    # ---------------------------------------------------------------- the plane, layer by layer
    "ins_warp_title": {"en": "What each layer does to the plane", "zh": "每一层把平面变成了什么样"},
    "ins_warp_lead": {
        "en": "A grid of straight lines drawn on the input plane, and where each hidden layer sends it. "
        "A linear layer (identity) keeps lines straight and parallel lines parallel — however many you "
        "stack, which is why they collapse into one. tanh and sigmoid bend the lines without tearing "
        "them; ReLU folds parts of the plane flat onto an edge.",
        "zh": "在输入平面上画一张由直线组成的网格，看每个隐藏层把它变成什么样。线性层（恒等激活）让直线保持笔直，"
        "平行线保持平行——叠多少层都一样，这正是多层线性网络会“塌缩”成一层的原因。tanh 和 sigmoid 会把直线掰弯，"
        "但不会撕开；ReLU 则把平面的一部分折叠、压平到边上。",
    },
    "ins_warp_none": {
        "en": "No hidden layer: the output looks at the plane itself, so its boundary is a straight line.",
        "zh": "没有隐藏层：输出层直接看原始平面，所以分界线只能是一条直线。",
    },
    "ins_warp_points": {"en": "Show the data points", "zh": "显示数据点"},
    "ins_warp_caption": {
        "en": "Layers of two neurons are drawn as they are (h₁ across, h₂ up), a layer of one neuron on a "
        "single line. A wider layer is projected onto the two directions along which the grid's image "
        "spreads most (its first two principal components); the projection is linear, so a line that "
        "looks bent is bent in the layer itself. The black diamond is the point chosen in “Check a neuron by hand”.",
        "zh": "只有两个神经元的层按原样画出（横轴 h₁，纵轴 h₂），只有一个神经元的层画在一条直线上。"
        "更宽的层投影到网格的像散布最大的两个方向上（前两个主成分）；投影是线性的，所以图里看起来弯曲的线，"
        "在这一层里本来就是弯的。黑色菱形是“手算一个神经元”里选中的那个点。",
    },
    "ins_warp_panel": {"en": "Hidden layer {i} · {units} neurons", "zh": "第 {i} 隐藏层 · {units} 个神经元"},
    "ins_warp_panel_one": {"en": "Hidden layer {i} · 1 neuron", "zh": "第 {i} 隐藏层 · 1 个神经元"},
    "ins_warp_panel_pca": {
        "en": "Hidden layer {i} · {units} neurons · PCA keeps {kept}",
        "zh": "第 {i} 隐藏层 · {units} 个神经元 · 主成分保留 {kept}",
    },
    "ins_warp_family_h": {"en": "horizontal lines", "zh": "水平线"},
    "ins_warp_family_v": {"en": "vertical lines", "zh": "竖直线"},
    "ins_warp_class1": {"en": "circle", "zh": "圆圈"},
    "ins_warp_class0": {"en": "triangle", "zh": "三角形"},
}
