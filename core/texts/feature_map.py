"""Texts of the feature-map page (keys prefixed ``fm_``), its navigation entry and home card."""

TEXTS = {
    "fm_nav": {"en": "Activation on a feature map", "zh": "特征图上的激活"},
    "fm_home_card": {
        "en": "Where the article starts: a picture through convolution, pooling and the activation, "
        "cell by cell — and why two convolutions without an activation are just one.",
        "zh": "回到原文的起点：一张图片依次经过卷积、池化和激活函数，逐格算清楚；"
        "再看看中间不加激活时，两次卷积为什么只等于一次。",
    },
    "fm_intro": {
        "en": "The article starts here: what comes out of the pooling layer goes through an **activation "
        "function** before the next convolution. Below, a picture of circles and triangles goes through "
        "**convolution** with a 3×3 kernel, **pooling** of each 2×2 block, and the **activation**, cell by "
        "cell. Change any setting and watch every stage follow. (Most CNNs activate before pooling instead; the page "
        "measures below what the order changes.)",
        "zh": "原文就从这里讲起：池化层的输出在进入下一个卷积层之前，要先经过**激活函数**。下面，一张画着圆和三角形的"
        "图片依次经过 3×3 卷积核的**卷积**、每个 2×2 小块的**池化**，再逐个格子地经过**激活函数**。"
        "改动任何一项设置，每一级的结果都会跟着变。（大多数卷积网络其实是先激活、后池化；顺序到底有没有影响，下文会算给你看。）",
    },
    # ------------------------------------------------------------------ controls
    "fm_src_label": {"en": "Picture", "zh": "图片"},
    "fm_src_shapes": {"en": "Circles and triangles", "zh": "圆和三角形"},
    "fm_src_upload": {"en": "My own picture", "zh": "我自己的图片"},
    "fm_seed_label": {"en": "Seed", "zh": "随机种子"},
    "fm_seed_help": {
        "en": "Decides how many shapes there are, and their size, place and brightness. The same seed "
        "always draws the same picture.",
        "zh": "决定图形的个数、大小、位置和亮度。同一个种子，画出来的图片永远一样。",
    },
    "fm_upload_label": {"en": "A PNG or JPEG picture", "zh": "选择一张 PNG 或 JPEG 图片"},
    "fm_upload_help": {
        "en": "At most {max_bytes:MB}. The picture is sent to the app's server, which turns it grey, crops it to its "
        "central square and resizes it to {size}×{size}. The server keeps it in memory for this browser session "
        "only (no other learner's page is ever served from it) and does not save it to disk; it is dropped when "
        "you go back to the circles and triangles or the session ends.",
        "zh": "不超过 {max_bytes:MB}。图片会上传到本应用的服务器，由服务器转成灰度、裁成居中的正方形，再缩放到 {size}×{size}。"
        "服务器只在你这次浏览会话的内存里保留它（不会拿它给其他同学的页面用），也不会存到磁盘上；"
        "切回圆和三角形那张图，或者会话结束时，它就被丢弃。",
    },
    "fm_upload_missing": {
        "en": "Choose a PNG or JPEG picture. Until then the page uses the circles and triangles.",
        "zh": "请选择一张 PNG 或 JPEG 图片。在此之前，页面先用圆和三角形那张图。",
    },
    "fm_upload_ok": {
        "en": "Your picture, in grey, {size}×{size}.",
        "zh": "这是你的图片：已转为灰度，大小 {size}×{size}。",
    },
    "fm_upload_failed": {
        "en": "This file can't be used: {reason} Until you choose another, the page uses the circles "
        "and triangles.",
        "zh": "这个文件无法使用：{reason}在你换一个文件之前，页面先用圆和三角形那张图。",
    },
    "fm_upload_err_empty": {"en": "it is empty.", "zh": "文件是空的。"},
    "fm_upload_err_too_big": {"en": "it is larger than {max_bytes:MB}.", "zh": "文件超过了 {max_bytes:MB}。"},
    "fm_upload_err_too_many_pixels": {
        "en": "the picture has more than {limit} million pixels.",
        "zh": "图片超过了 {limit} 百万像素。",
    },
    "fm_upload_err_format": {
        "en": "it is not a PNG or JPEG picture.",
        "zh": "它不是 PNG 或 JPEG 格式的图片。",
    },
    "fm_upload_err_unreadable": {
        "en": "the picture data is damaged or incomplete.",
        "zh": "图片数据已损坏或不完整。",
    },
    "fm_kernel_label": {"en": "Convolution kernel", "zh": "卷积核"},
    "fm_kernel_help": {
        "en": "Pick a classic kernel, or change any of the nine numbers below to make your own.",
        "zh": "可以选一个经典的卷积核，也可以直接改下面九个数中的任意一个，做一个你自己的卷积核。",
    },
    "fm_kernel_sobel_x": {"en": "Vertical edges (Sobel x)", "zh": "竖直边缘（Sobel x）"},
    "fm_kernel_sobel_y": {"en": "Horizontal edges (Sobel y)", "zh": "水平边缘（Sobel y）"},
    "fm_kernel_outline": {"en": "Outline (Laplacian)", "zh": "轮廓（拉普拉斯）"},
    "fm_kernel_sharpen": {"en": "Sharpen", "zh": "锐化"},
    "fm_kernel_blur": {"en": "Blur (Gaussian)", "zh": "模糊（高斯）"},
    "fm_kernel_identity": {"en": "Identity (changes nothing)", "zh": "恒等（什么都不改）"},
    "fm_kernel_custom": {"en": "My own kernel", "zh": "自定义卷积核"},
    "fm_kernel_cell": {"en": "Kernel row {row}, column {col}", "zh": "卷积核第 {row} 行第 {col} 列"},
    "fm_kernel_sum": {"en": "The nine numbers sum to **{total}**.", "zh": "这九个数加起来是 **{total}**。"},
    "fm_kernel_kind_zero_sum": {
        "en": "So a flat patch (nine equal pixels) gives 0, however bright it is: the kernel answers only to "
        "change, and its output is signed, positive where the picture changes one way and negative where it "
        "changes the other. That is what an edge detector does.",
        "zh": "所以一块平坦区域（九个像素都一样）不管多亮，卷出来都是 0：这个卷积核只对变化有反应，"
        "而且输出有正有负，朝一个方向变是正数，朝另一个方向变是负数。边缘检测靠的就是这一点。",
    },
    "fm_kernel_kind_average": {
        "en": "And none of them is negative, so each output is a weighted average of its nine pixels: a flat patch "
        "keeps its value, and the output stays within the picture's range (before the bias). That is what a "
        "blur does.",
        "zh": "而且没有一个是负数，所以每个输出都是那九个像素的加权平均：平坦区域保持原值，"
        "输出也不会超出原图的数值范围（加偏置之前）。模糊就是这样做的。",
    },
    "fm_kernel_kind_unit_sum": {
        "en": "A flat patch keeps its value, but some numbers are negative, so next to an edge the output "
        "overshoots and can leave the picture's range. Sharpening does this on purpose.",
        "zh": "平坦区域保持原值；但其中有负数，所以在边缘附近，输出会“冲过头”，可能超出原图的数值范围。"
        "锐化正是有意这样做的。",
    },
    "fm_kernel_kind_scale": {
        "en": "A flat patch of brightness v comes out as {total} × v: whatever else it does, this kernel also "
        "scales the brightness.",
        "zh": "亮度为 v 的平坦区域会变成 {total} × v：不管它还做了什么，这个卷积核都会把亮度放大或缩小这么多倍。",
    },
    "fm_kernel_kind_zero": {
        "en": "Every number is 0: the map is the bias alone.",
        "zh": "九个数全是 0：卷出来的只剩下偏置。",
    },
    "fm_bias_label": {"en": "Bias b, added after the convolution", "zh": "偏置 b（卷积之后加上）"},
    "fm_bias_help": {
        "en": "A real convolution layer adds a bias to every cell. Pushing it below 0 moves more cells "
        "to where ReLU cuts them off.",
        "zh": "真实的卷积层会给每个格子都加上一个偏置。把它调到 0 以下，就会有更多格子落到 ReLU 截断的那一侧。",
    },
    "fm_pool_label": {"en": "Pooling (2×2, stride 2)", "zh": "池化（2×2，步长 2）"},
    "fm_pool_max": {"en": "Max", "zh": "最大池化"},
    "fm_pool_avg": {"en": "Average", "zh": "平均池化"},
    "fm_act_label": {"en": "Activation function", "zh": "激活函数"},
    "fm_act_help": {
        "en": "Any function from the activations page, at PyTorch's default parameters.",
        "zh": "激活函数图鉴页里的任何一个函数都可以选，参数取 PyTorch 的默认值。",
    },
    # ------------------------------------------------------------------ the pipeline
    "fm_pipeline_heading": {"en": "The pipeline, stage by stage", "zh": "流水线，一级一级看"},
    "fm_pipeline_caption": {
        "en": "Every stage uses the same colours: **white is exactly 0**, blue is negative, vermillion "
        "positive, and the stronger the colour, the larger |value|; the strongest colour of a stage is "
        "its largest |value|. The histogram below each picture counts its cells, with bars in the same colours. "
        "The framed cells are the ones worked out in numbers further down.",
        "zh": "每一级都用同一套颜色：**白色正好是 0**，蓝色是负数，朱红色是正数，颜色越深，|数值| 越大，"
        "每一级里最深的颜色就对应这一级最大的 |数值|。图下方的直方图统计了各个格子的数值，柱子的颜色与图中一致。"
        "加了框的格子，就是下文逐步计算的那一个。",
    },
    "fm_stage_image": {"en": "1 · Picture", "zh": "1 · 原图"},
    "fm_stage_conv": {"en": "2 · Convolution", "zh": "2 · 卷积"},
    "fm_stage_pool": {"en": "3 · Pooling", "zh": "3 · 池化"},
    "fm_stage_act": {"en": "4 · Activation", "zh": "4 · 激活"},
    "fm_stage_caption": {
        "en": "{rows}×{cols} · from {low} to {high}",
        "zh": "{rows}×{cols} · 最小 {low}，最大 {high}",
    },
    "fm_hist_x": {"en": "value", "zh": "数值"},
    "fm_hist_y": {"en": "cells (log)", "zh": "格子数（对数）"},
    "fm_effect": {
        "en": "**What {act} did.** Before it, {neg_before}% of the pooled cells were negative and "
        "{zero_before}% exactly 0, from {low_before} to {high_before}. After it, {neg_after}% are "
        "negative and {zero_after}% exactly 0, from {low_after} to {high_after}. It changed "
        "{changed}% of the cells.",
        "zh": "**{act} 做了什么。** 激活之前，池化结果里有 {neg_before}% 的格子是负数，{zero_before}% 正好为 0，"
        "数值从 {low_before} 到 {high_before}。激活之后，负数占 {neg_after}%，正好为 0 的占 {zero_after}%，"
        "数值从 {low_after} 到 {high_after}。一共有 {changed}% 的格子被它改变了。",
    },
    "fm_hint_relu": {
        "en": "ReLU keeps every positive value as it is and sets every negative one to 0: no blue survives it.",
        "zh": "ReLU 把正数原样保留，把负数统统变成 0：经过它之后，图上不会再有蓝色。",
    },
    "fm_hint_sigmoid": {
        "en": "Sigmoid squashes every value into (0, 1): nothing is negative any more, and a 0 becomes "
        "0.5, so a cell that was white comes out vermillion.",
        "zh": "sigmoid 把所有数值都压进 (0, 1)：再也没有负数了，而 0 会变成 0.5，所以原来白色的格子也变成了朱红色。",
    },
    "fm_hint_tanh": {
        "en": "tanh squashes every value into (−1, 1) but keeps its sign: blue stays blue, 0 stays 0, "
        "and large values of either sign all end up near ±1.",
        "zh": "tanh 把数值压进 (−1, 1)，但保留正负号：蓝色还是蓝色，0 还是 0，绝对值很大的数都被压到 ±1 附近。",
    },
    "fm_hint_identity": {
        "en": "The identity changes nothing: without an activation, the next layer sees the pooled "
        "map itself.",
        "zh": "恒等函数什么都不改：没有激活函数，下一层看到的就是池化结果本身。",
    },
    # ------------------------------------------------------------------ the order
    "fm_order_intro": {
        "en": "**Pool first, or activate first?** The article pools, then activates. Most CNNs (AlexNet and "
        "VGG, for example) activate right after the convolution: convolution → activation → pooling. Does "
        "the order matter? For this picture, this kernel and {act}, the largest difference between the two "
        "orders over all {cells} output cells is **{max_gap}** with max pooling and **{avg_gap}** with "
        "average pooling.",
        "zh": "**先池化，还是先激活？** 原文是先池化、再激活；而大多数卷积网络（比如 AlexNet、VGG）是卷积之后"
        "马上激活：卷积 → 激活 → 池化。顺序要紧吗？就这张图、这个卷积核和 {act} 来算，两种顺序在全部 {cells} "
        "个输出格子上的最大差值：最大池化是 **{max_gap}**，平均池化是 **{avg_gap}**。",
    },
    "fm_order_max_same": {
        "en": "With max pooling the two orders give exactly the same feature map, and not by luck: {act} never goes "
        "down, so the largest of a block's four values is still the largest after it, "
        "max(f(a), f(b), f(c), f(d)) = f(max(a, b, c, d)). Max commutes with every non-decreasing function. "
        "Pooling first then only saves work: {act} is applied to {ratio}× fewer cells.",
        "zh": "用最大池化时，两种顺序得到的特征图一模一样，这并非巧合：{act} 从不下降，一个小块里最大的那个数，"
        "经过它之后依然最大，即 max(f(a), f(b), f(c), f(d)) = f(max(a, b, c, d))。"
        "对任何单调不减的函数，取最大值和它都可以交换先后。所以先池化只是省事：{act} 要处理的格子只有原来的 1/{ratio}。",
    },
    "fm_order_max_same_here": {
        "en": "{act} is not monotonic: somewhere it goes down, so max pooling and {act} need not commute. On "
        "these values they happen to, and max pooling gives the same feature map in either order.",
        "zh": "{act} 不是单调函数：它在某一段是下降的，所以最大池化和它不一定能交换先后。"
        "只是在这些数值上恰好可以，最大池化时两种顺序得到的特征图相同。",
    },
    "fm_order_max_differs": {
        "en": "{act} is not monotonic: somewhere it goes down, so the largest value of a block need not give "
        "the largest output, and even with max pooling the two orders give different feature maps, up to "
        "{max_gap} apart here.",
        "zh": "{act} 不是单调函数：它在某一段是下降的，小块里最大的数经过它之后不一定还是最大，"
        "所以即使用最大池化，两种顺序得到的特征图也不一样，这里最多相差 {max_gap}。",
    },
    "fm_order_avg_differs": {
        "en": "With average pooling the orders differ: the mean of f(a), f(b), f(c), f(d) equals f of the mean "
        "only when f is a straight line across the four values, and on some blocks here {act} is not.",
        "zh": "用平均池化时，两种顺序的结果不同：只有当 f 在这四个数的范围内是一条直线时，"
        "f(a)、f(b)、f(c)、f(d) 的平均值才等于平均值的 f；而在这里的一些小块上，{act} 并不是直线。",
    },
    "fm_order_avg_same": {
        "en": "With average pooling they agree as well: across every block's four values {act} is a straight "
        "line (a·v + c), and the mean of a straight line is the line at the mean.",
        "zh": "用平均池化时，两种顺序也一致：在每个小块的四个数上，{act} 都是一条直线（a·v + c），"
        "而直线上几个点的平均值，正好就是平均值处的那个点。",
    },
    # ------------------------------------------------------------------ one cell
    "fm_cell_heading": {"en": "One cell, in numbers", "zh": "拿一个格子算一遍"},
    "fm_cell_intro": {
        "en": "Pick a cell of the output and follow it back: the 2×2 block of the convolution map it was "
        "pooled from, and the 3×3 window of the picture behind it.",
        "zh": "在输出中挑一个格子，顺着流水线往回找：它是由卷积结果里哪个 2×2 小块池化而来的，"
        "那个小块背后又是原图中的哪个 3×3 窗口。",
    },
    "fm_row_label": {"en": "Output row", "zh": "输出的行"},
    "fm_col_label": {"en": "Output column", "zh": "输出的列"},
    "fm_zoom_image": {"en": "The 3×3 window of the picture", "zh": "原图中的 3×3 窗口"},
    "fm_zoom_conv": {"en": "The 2×2 block that is pooled", "zh": "被池化的 2×2 小块"},
    "fm_zoom_pool": {"en": "The pooled cell", "zh": "池化后的格子"},
    "fm_zoom_act": {"en": "The cell after the activation", "zh": "激活之后的格子"},
    "fm_step_conv": {
        "en": "**Convolution.** Multiply the window by the kernel cell by cell, add the nine products, "
        "add the bias (the window is the one at row {i}, column {j} of the picture):",
        "zh": "**卷积。** 把窗口和卷积核对应位置的数相乘，九个乘积加起来，再加上偏置"
        "（这里的窗口位于原图第 {i} 行、第 {j} 列）：",
    },
    "fm_cross_correlation": {
        "en": "Like every deep-learning library, this page lays the kernel on the window as it is: its top-left "
        "number on the window's top-left pixel. Strictly, that is **cross-correlation**; the convolution of "
        "mathematics flips the kernel first, top to bottom and left to right. Deep learning keeps the name, and "
        "since a network learns its kernels, the flip would only mirror what it learns.",
        "zh": "和所有深度学习框架一样，本页把卷积核原样盖在窗口上：卷积核左上角的数对着窗口左上角的像素。"
        "严格地说，这叫**互相关**；数学里的卷积要先把卷积核上下、左右各翻转一次。深度学习沿用了“卷积”这个名字，"
        "反正卷积核是网络自己学出来的，翻转与否，只不过让学到的核上下左右颠倒一下而已。",
    },
    "fm_step_pool_max": {
        "en": "**Max pooling** keeps the largest of the four values of the block — the one computed above:",
        "zh": "**最大池化**只保留小块里四个数中最大的那个，也就是上面算出来的那个数：",
    },
    "fm_step_pool_avg": {
        "en": "**Average pooling** takes the mean of the four values of the block (the first of them is "
        "the one computed above):",
        "zh": "**平均池化**取小块里四个数的平均值（其中第一个就是上面算出来的那个数）：",
    },
    "fm_step_act": {
        "en": "**Activation**, applied to this one number and to nothing else:",
        "zh": "**激活**：只作用在这一个数上，与其他格子无关：",
    },
    # ------------------------------------------------------------------ the collapse
    "fm_collapse_heading": {
        "en": "Why the activation is there: two convolutions are one",
        "zh": "为什么非要激活函数：两次卷积就是一次卷积",
    },
    "fm_collapse_intro": {
        "en": "The article's main argument is that a chain of linear functions is one linear function, "
        "so stacking them learns nothing new. A convolution is linear too. Apply a second kernel k₂ "
        "to the convolution map of the first: the result is exactly one convolution of the picture "
        "with a larger kernel K, computed below. Only something that is not linear between the two breaks this: "
        "an activation, or max pooling (measured at the end of this section).",
        "zh": "原文的核心论点是：线性函数无论怎么串起来，都还是一个线性函数，叠得再多也学不到新东西。"
        "卷积同样是线性的。对第一次卷积的结果再用第二个卷积核 k₂ 卷一次，结果恰好等于用一个更大的卷积核 K "
        "对原图只卷一次（K 的数值在下面算出）。只有在两次卷积之间插入非线性的东西，才能打破这一点："
        "激活函数可以，最大池化也可以（本节末尾算给你看）。",
    },
    "fm_k2_label": {"en": "Second kernel k₂", "zh": "第二个卷积核 k₂"},
    "fm_composed": {
        "en": "k₂ applied after k₁ (your kernel above) is one convolution with this {n}×{n} kernel K and "
        "the bias B = b · Σk₂ = {bias}:",
        "zh": "先用 k₁（上面选的卷积核）再用 k₂，等价于用下面这个 {n}×{n} 的卷积核 K 卷一次，"
        "偏置为 B = b · Σk₂ = {bias}：",
    },
    "fm_route_two": {"en": "Two convolutions: k₂ * (k₁ * x + b)", "zh": "卷两次：k₂ * (k₁ * x + b)"},
    "fm_route_one": {"en": "One convolution: K * x + B", "zh": "卷一次：K * x + B"},
    "fm_route_act": {"en": "With {act} between: k₂ * act(k₁ * x + b)", "zh": "中间加上 {act}：k₂ * act(k₁ * x + b)"},
    "fm_route_diff": {"en": "With {act} minus one convolution", "zh": "加 {act} 的结果减去卷一次的结果"},
    "fm_linear_gap": {
        "en": "Largest difference between the two routes, over all {cells} cells: **{gap}** — the rounding "
        "error of floating-point arithmetic. They are the same feature map, and by the algebra above the same "
        "operation on any picture: one convolution.",
        "zh": "两条路线在全部 {cells} 个格子上的最大差值：**{gap}**，只是浮点运算的舍入误差。两者算出的是同一张特征图；"
        "按上面的推导，换成任何一张图片也是如此：它们本就是同一个卷积运算。",
    },
    "fm_act_gap": {
        "en": "With {act} between the two convolutions, the largest difference from one convolution with K is "
        "**{gap}**. Could some other single kernel do it? The best {n}×{n} kernel and bias for this very picture "
        "(a least-squares fit over all {cells} cells) still misses by up to **{fit_max}** (root-mean-square "
        "{fit_rms}), on values up to {scale}: no single kernel does what the two do now. {act} changed "
        "{changed}% of the values it was given.",
        "zh": "在两次卷积之间加上 {act} 后，与用 K 卷一次相比，最大差值是 **{gap}**。换一个卷积核行不行？"
        "专门针对这张图，用最小二乘法在全部 {cells} 个格子上拟合出最好的 {n}×{n} 卷积核加偏置，"
        "最大误差仍有 **{fit_max}**（均方根误差 {fit_rms}），而输出本身的数值最大也只有 {scale}："
        "现在，任何单个卷积核都做不到这两次卷积的效果了。{act} 改变了它收到的 {changed}% 的数值。",
    },
    "fm_act_gap_affine": {
        "en": "{act} changed {changed}% of the values it was given, and the result is up to **{gap}** away "
        "from one convolution with K. Yet it is still one convolution: the best single {n}×{n} kernel and bias "
        "for this picture (a least-squares fit over all {cells} cells) reproduce it to within **{fit_max}**, "
        "rounding error. On the values it received here, {act} is a straight line a·v + c, and a straight line between "
        "two convolutions still folds into one. To make the values cross a bend of {act}, change the bias or "
        "pick a kernel whose outputs have both signs.",
        "zh": "{act} 改变了它收到的 {changed}% 的数值，结果和用 K 卷一次最多相差 **{gap}**。可它仍然只是一次卷积："
        "针对这张图，用最小二乘法在全部 {cells} 个格子上拟合，最好的单个 {n}×{n} 卷积核加偏置就能重现它，"
        "最大误差只有 **{fit_max}**，这只是舍入误差。在这里收到的数值范围内，{act} 就是一条直线 a·v + c，"
        "两次卷积中间夹一条直线，照样能合并成一次。想让数值跨过 {act} 的拐弯处，可以调一调偏置，"
        "或者换一个输出有正有负的卷积核。",
    },
    "fm_act_gap_identity": {
        "en": "The identity is linear, so with it between the convolutions nothing changes: the largest "
        "difference is still {gap}. Pick a non-linear activation above.",
        "zh": "恒等函数本身就是线性的，把它放在两次卷积之间什么也不会改变：最大差值仍然是 {gap}。"
        "请在上方选一个非线性的激活函数。",
    },
    "fm_act_gap_none": {
        "en": "Here {act} left every value it was given unchanged (it is linear on the values this picture "
        "and kernel produce), so the two routes still agree: largest difference {gap}. Choose a kernel "
        "with negative outputs, such as an edge detector, or a negative bias.",
        "zh": "在这张图和这个卷积核下，{act} 没有改变它收到的任何一个数（这些数都落在它的线性区间里），"
        "所以两条路线依然一致：最大差值为 {gap}。换一个会产生负数的卷积核（比如边缘检测），或者把偏置调成负数再试试。",
    },
    "fm_pool_note": {
        "en": "With pooling between the two convolutions, as in a CNN: average pooling is linear (a 2×2 "
        "convolution with weights ¼ and stride 2), so k₂ * avgpool(k₁ * x + b) is still one convolution, with a "
        "{w}×{w} kernel moved in steps of 2; the best such kernel for this picture reproduces it to within {avg_fit}.",
        "zh": "如果像卷积网络那样在两次卷积之间加上池化：平均池化是线性的（相当于权重都是 ¼、步长为 2 的 2×2 卷积），"
        "所以 k₂ * avgpool(k₁ * x + b) 仍然只是一次卷积，卷积核 {w}×{w}、步长为 2；针对这张图拟合出的最好的这种卷积核，"
        "与它的最大误差只有 {avg_fit}。",
    },
    "fm_pool_note_max_breaks": {
        "en": "Max pooling is not linear, and it breaks the collapse just as an activation does: the best "
        "{w}×{w} kernel with stride 2 misses by up to {max_fit}, on values up to {max_scale}.",
        "zh": "最大池化不是线性的，它和激活函数一样能打破“合并成一次”：最好的 {w}×{w}、步长为 2 的卷积核，"
        "最大误差仍有 {max_fit}，而这些数值本身最大只有 {max_scale}。",
    },
    "fm_pool_note_max_fits": {
        "en": "On this picture even max pooling happens to fold into one {w}×{w} kernel with stride 2 (error "
        "{max_fit}); it is still not linear, and another picture or kernel breaks it.",
        "zh": "在这张图上，连最大池化也恰好能并进一个 {w}×{w}、步长为 2 的卷积核（误差 {max_fit}）；"
        "但它本身并不是线性的，换一张图或换一个卷积核就不行了。",
    },
    "fm_code_caption": {
        "en": "The functions that computed this page:",
        "zh": "计算本页内容的函数：",
    },
}
