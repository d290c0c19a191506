"""Texts of the live-training page (keys prefixed ``trn_``)."""

TEXTS = {
    # ---------------------------------------------------------------- header
    "trn_lead": {
        "en": "Press **Play** and watch a small network learn to separate the blue circles "
        "from the orange triangles. The background is the network's answer: blue where it "
        "says *circle*, orange where it says *triangle*.",
        "zh": "点 **播放**，看一个小网络学着把蓝色圆圈和橙色三角形分开。背景就是网络给出的答案："
        "蓝色区域它认为是“圆圈”，橙色区域它认为是“三角形”。",
    },
    "trn_try": {
        "en": "**Try this:** switch the activation to *identity* — the boundary stays a straight "
        "line and accuracy stays far from 100 % (no line puts the circles on one side) · *step* — "
        "the hidden layers never move (its slope is 0, so no gradient reaches them); only the "
        "output layer learns, re-weighing the regions the hidden units cut out at the start · "
        "*sigmoid* with 6 layers and SGD — the gradient-flow chart shows the first layers' "
        "gradients fading to almost nothing, and those layers stop learning (with Adam they still "
        "move) · identity with SGD at learning rate 10 — nothing bounds the hidden values, each large "
        "update makes the next one larger, and training blows up.",
        "zh": "**试一试：** 把激活函数换成 *identity*（恒等）——分界线始终是一条直线，准确率远远到不了 100%"
        "（没有哪条直线能把圆圈单独分到一边）；换成 *step*（阶跃）——隐藏层一动不动（阶跃的斜率处处为 0，"
        "梯度传不到它们那里），只有输出层在学，它只能把隐藏层一开始切好的几块区域重新组合；"
        "用 *sigmoid* 叠 6 层、优化器选 SGD——“梯度流”图里前几层的梯度小到几乎为零，这几层也就学不动了"
        "（换成 Adam，它们仍然会动）；identity 配 SGD、学习率 10——隐藏层的数值没有上下界，"
        "一次大的更新让下一次更大，训练直接发散。",
    },
    # ---------------------------------------------------------------- transport
    "trn_play": {"en": "Play", "zh": "播放"},
    "trn_pause": {"en": "Pause", "zh": "暂停"},
    "trn_step": {"en": "Step", "zh": "单步"},
    "trn_reset": {"en": "Reset", "zh": "重置"},
    "trn_play_help": {"en": "Train continuously; press again to pause", "zh": "连续训练；再点一次暂停"},
    "trn_step_help": {"en": "Train exactly one epoch", "zh": "只训练一轮（一个 epoch）"},
    "trn_reset_help": {"en": "Back to epoch 0, same data and starting weights",
                       "zh": "回到第 0 轮：数据和初始权重不变"},
    # ---------------------------------------------------------------- metrics
    "trn_m_epoch": {"en": "Epoch", "zh": "轮次"},
    "trn_m_train_loss": {"en": "Train loss", "zh": "训练损失"},
    "trn_m_test_loss": {"en": "Test loss", "zh": "测试损失"},
    "trn_m_test_acc": {"en": "Test accuracy", "zh": "测试准确率"},
    # ---------------------------------------------------------------- sections
    "trn_sec_data": {"en": "Data", "zh": "数据"},
    "trn_sec_network": {"en": "Network", "zh": "网络结构"},
    "trn_sec_training": {"en": "Training", "zh": "训练设置"},
    # ---------------------------------------------------------------- data
    "trn_dataset": {"en": "Data set", "zh": "数据集"},
    "trn_ds_circle": {"en": "Circle", "zh": "圆形（内圈 vs 外环）"},
    "trn_ds_xor": {"en": "Exclusive or (XOR)", "zh": "异或（XOR）"},
    "trn_ds_gauss": {"en": "Two clusters", "zh": "两团高斯点"},
    "trn_ds_moons": {"en": "Two moons", "zh": "双月牙"},
    "trn_ds_spiral": {"en": "Spiral", "zh": "螺旋"},
    "trn_ds_linear": {"en": "Linearly separable", "zh": "线性可分"},
    "trn_ds_upload": {"en": "My own CSV file", "zh": "我自己的 CSV 文件"},
    "trn_ds_draw": {"en": "Draw my own points", "zh": "自己画点"},
    "trn_draw_where": {"en": "Draw on the plane at the top of the page.", "zh": "请在页面上方的平面上画点。"},
    "trn_draw_heading": {"en": "Your points", "zh": "你画的点"},
    "trn_draw_intro": {
        "en": "Click on the plane to add a point of the chosen class. The points stay in this browser "
              "tab only; download them to keep them.",
        "zh": "在平面上点一下，就会添加一个所选类别的点。这些点只保存在当前浏览器标签页里，想留下来请下载。",
    },
    "trn_draw_class": {"en": "Next click adds", "zh": "下一次点击添加"},
    "trn_draw_circle": {"en": "● circle (class 1)", "zh": "● 圆点（第 1 类）"},
    "trn_draw_triangle": {"en": "▲ triangle (class 0)", "zh": "▲ 三角（第 0 类）"},
    "trn_draw_undo": {"en": "Undo", "zh": "撤销"},
    "trn_draw_clear": {"en": "Clear", "zh": "清空"},
    "trn_draw_download": {"en": "Download CSV", "zh": "下载 CSV"},
    "trn_draw_count": {
        "en": "{n:|point|points}: {circles:|circle|circles}, {triangles:|triangle|triangles}.",
        "zh": "共 {n} 个点：{circles} 个圆点，{triangles} 个三角。",
    },
    "trn_draw_need": {
        "en": "Draw at least {min} points, with circles and triangles both, to train on them. Until then "
              "the network trains on the circle data set.",
        "zh": "至少画 {min} 个点，而且圆点和三角都要有，才能用它们训练。在那之前，网络先用“圆形”数据集训练。",
    },
    "trn_noise": {"en": "Noise (%)", "zh": "噪声（%）"},
    "trn_n": {"en": "Number of points", "zh": "点的数量"},
    "trn_ratio": {"en": "Training points (%)", "zh": "训练集占比（%）"},
    "trn_seed": {"en": "Random seed", "zh": "随机种子"},
    "trn_seed_help": {
        "en": "Decides the points and the starting weights. Same seed, same run.",
        "zh": "决定数据点和初始权重。种子相同，训练过程就完全相同。",
    },
    "trn_regen": {"en": "New data", "zh": "换一批数据"},
    "trn_regen_help": {"en": "Next seed: new points and new starting weights",
                       "zh": "换下一个种子：新的数据点和新的初始权重"},
    "trn_show_test": {"en": "Show test points (hollow)", "zh": "显示测试点（空心）"},
    "trn_discretize": {"en": "Discretize the output", "zh": "输出离散化（只显示两种颜色）"},
    "trn_discretize_help": {
        "en": "Colour each place by the class the network picks (p ≥ ½ → circle), "
        "like the threshold Y > 0 → 1 of the article.",
        "zh": "每个位置只按网络选出的类别上色（p ≥ ½ 即圆圈），相当于文章里“Y > 0 就判为 1”的阈值。",
    },
    "trn_upload": {"en": "Your CSV file", "zh": "上传 CSV 文件"},
    "trn_upload_help": {
        "en": "A header with columns x1, x2 and label (two label values), one point per row, "
        "UTF-8, at most 10,000 rows. If every x1 and x2 is already in [-1, 1] they are used as "
        "they are; otherwise each column is scaled into [-1, 1]. An optional split column "
        "(train or test, as in the page's data set download) decides which points are test "
        "points; without it, the ratio slider does.",
        "zh": "第一行是表头，包含 x1、x2、label 三列（label 只能有两种取值），每行一个点，"
        "UTF-8 编码，最多 10,000 行。如果 x1、x2 全都在 [-1, 1] 之内，就原样使用；否则每一列各自缩放到 "
        "[-1, 1]。可以另加一列 split（取值 train 或 test，和本页下载的数据集文件一样）指定哪些点是测试点；"
        "没有这一列时，由“训练集比例”滑块决定。",
    },
    "trn_upload_missing": {
        "en": "Choose a CSV file (columns x1, x2, label). Until then the page trains on the circle data set.",
        "zh": "请选择一个 CSV 文件（列：x1、x2、label）。在此之前，页面先用“圆形”数据集训练。",
    },
    "trn_upload_ok": {
        "en": "{n:|point|points}: “{label0}” drawn as triangles, “{label1}” as circles.",
        "zh": "共 {n} 个点：“{label0}”画成三角形，“{label1}”画成圆圈。",
    },
    "trn_upload_scaled": {
        "en": "Some coordinates lay outside [-1, 1], so each column was scaled into [-1, 1].",
        "zh": "有些坐标超出了 [-1, 1]，所以每一列都各自缩放到了 [-1, 1]。",
    },
    "trn_upload_own_split": {
        "en": "The file's split column decides the {train} training and {test} test points (the "
        "ratio slider does not apply).",
        "zh": "文件里的 split 列指定了 {train} 个训练点和 {test} 个测试点（“训练集比例”滑块不起作用）。",
    },
    "trn_upload_failed": {
        "en": "This file can't be used: {reason} Until you upload a good one, the page trains on the circle data set.",
        "zh": "这个文件无法使用：{reason}在换一个可用的文件之前，页面先用“圆形”数据集训练。",
    },
    # One message per DatasetError code (placeholders follow the error's details).
    "trn_err_unknown_dataset": {"en": "unknown data set “{name}”.", "zh": "没有名为“{name}”的数据集。"},
    "trn_err_bad_argument": {"en": "the value {value} of {name} is out of range.",
                             "zh": "参数 {name} 的取值 {value} 超出了范围。"},
    "trn_err_unreadable": {"en": "it could not be read as a CSV file ({reason}).",
                           "zh": "它无法作为 CSV 文件读取（{reason}）。"},
    "trn_err_too_large": {"en": "it is larger than {max_bytes:MB}.",
                          "zh": "文件超过了 {max_bytes:MB}。"},
    "trn_err_encoding": {
        "en": "it is not UTF-8 text (first bad byte at position {position}). Save it as “CSV UTF-8”.",
        "zh": "它不是 UTF-8 编码的文本（第 {position} 个字节出错）。请另存为“CSV UTF-8”格式。",
    },
    "trn_err_empty": {"en": "it is empty.", "zh": "文件是空的。"},
    "trn_err_columns": {
        "en": "the header must name the columns {expected}; it has {found}.",
        "zh": "表头必须包含 {expected} 这几列，而这个文件的表头是 {found}。",
    },
    "trn_err_ragged": {
        "en": "line {line} has {found} fields, the header has {expected}.",
        "zh": "第 {line} 行有 {found} 个字段，而表头有 {expected} 个。",
    },
    "trn_err_non_numeric": {
        "en": "line {line}: {column} = “{value}” is not a number.",
        "zh": "第 {line} 行：{column} = “{value}” 不是数字。",
    },
    "trn_err_not_finite": {
        "en": "line {line}: {column} = “{value}” is not a finite number.",
        "zh": "第 {line} 行：{column} = “{value}” 不是有限的数。",
    },
    "trn_err_missing_label": {"en": "line {line} has no label.", "zh": "第 {line} 行缺少 label。"},
    "trn_err_too_few_rows": {
        "en": "it has {found} points; at least {min} are needed.",
        "zh": "它只有 {found} 个点，至少需要 {min} 个。",
    },
    "trn_err_too_many_rows": {"en": "it has more than {max} points.", "zh": "点数超过了 {max} 个。"},
    "trn_err_one_class": {
        "en": "every point has the label “{label}”: there is nothing to separate.",
        "zh": "所有点的 label 都是“{label}”，没有可以区分的两类。",
    },
    "trn_err_too_many_classes": {
        "en": "the label column has {found} different values ({labels}); it needs exactly two.",
        "zh": "label 列有 {found} 种不同的取值（{labels}），而这里只能有两种。",
    },
    "trn_err_bad_split": {
        "en": "line {line}: split = “{value}” is neither train nor test.",
        "zh": "第 {line} 行：split = “{value}”，既不是 train 也不是 test。",
    },
    "trn_err_split_one_part": {
        "en": "its split column marks every point as {part}; it needs some training and some test points.",
        "zh": "它的 split 列把所有点都标成了 {part}；训练点和测试点都得有。",
    },
    # ---------------------------------------------------------------- network
    "trn_layers": {"en": "Hidden layers: {count}", "zh": "隐藏层：{count} 层"},
    "trn_layers_none": {
        "en": "No hidden layer: this is logistic regression, a single straight line.",
        "zh": "没有隐藏层：这就是逻辑回归，只能画一条直线。",
    },
    "trn_add_layer": {"en": "Add a layer", "zh": "加一层"},
    "trn_remove_layer": {"en": "Remove the last layer", "zh": "去掉最后一层"},
    "trn_layer_units_short": {"en": "L{i}: **{units}**", "zh": "第{i}层 **{units}**"},
    "trn_more_units": {"en": "One more neuron in layer {i}", "zh": "第 {i} 层加一个神经元"},
    "trn_fewer_units": {"en": "One neuron fewer in layer {i}", "zh": "第 {i} 层减一个神经元"},
    "trn_activation": {"en": "Activation", "zh": "激活函数"},
    "trn_init": {"en": "Initial weights", "zh": "权重初始化"},
    "trn_init_auto": {"en": "Automatic (He for ReLU-like, else Glorot)",
                      "zh": "自动（ReLU 类用 He，其余用 Glorot）"},
    "trn_init_glorot": {"en": "Glorot (Xavier)", "zh": "Glorot（Xavier）"},
    "trn_init_he": {"en": "He (Kaiming)", "zh": "He（Kaiming）"},
    "trn_init_zeros": {"en": "All zeros", "zh": "全部为 0"},
    "trn_hint_identity": {
        "en": "Identity: every layer is affine (a linear map plus a bias), and affine maps "
        "chained together are still one affine map — the boundary can only be a straight line.",
        "zh": "恒等激活：每一层都是仿射变换（线性变换再加一个偏置），仿射变换一层层叠起来仍然只是一个"
        "仿射变换——分界线只能是一条直线。",
    },
    "trn_hint_step": {
        "en": "Step: its slope is 0 everywhere, so backpropagation passes no gradient to the "
        "hidden layers and their weights never move. Only the output layer learns: it can only "
        "re-weigh the regions the hidden units cut out at the start.",
        "zh": "阶跃激活：斜率处处为 0，反向传播传不回任何梯度，隐藏层的权重永远不会改变。只有输出层在学，"
        "它只能把隐藏层一开始切好的几块区域重新组合。",
    },
    "trn_init_help": {
        "en": "How the weights start (biases always start at 0). **Glorot (Xavier):** each weight "
        "uniform in ±√(6 / (fan_in + fan_out)), which keeps the size of the signal steady "
        "through tanh and sigmoid layers. **He (Kaiming):** ±√(6 / fan_in), twice the variance, "
        "because ReLU-like units zero about half of their inputs. **All zeros:** every unit of a "
        "layer starts the same, gets the same update and stays the same, so the layer acts like "
        "one unit (the page tells you when this happens). The output layer uses Glorot (or zeros).",
        "zh": "权重从哪里开始（偏置一律从 0 开始）。**Glorot（Xavier）：** 每个权重在 "
        "±√(6 / (fan_in + fan_out)) 之间均匀抽取，让信号经过 tanh、sigmoid 层时大小保持稳定。"
        "**He（Kaiming）：** 范围是 ±√(6 / fan_in)，方差大一倍，因为 ReLU 一类的单元会把大约一半的输入变成 0。"
        "**全部为 0：** 同一层的所有单元起点相同、每次更新也相同，于是永远一模一样，整层只相当于一个单元"
        "（出现这种情况时页面会提示）。输出层用 Glorot（选“全部为 0”时也是 0）。",
    },
    # ---------------------------------------------------------------- what is going on
    "trn_diag_where": {"en": "layer {layer}: unit {units}", "zh": "第 {layer} 层：第 {units} 个单元"},
    "trn_diag_and": {"en": ", ", "zh": "、"},
    "trn_diag_then": {"en": "; ", "zh": "；"},
    "trn_diag_layer": {"en": "layer {layer}", "zh": "第 {layer} 层"},
    "trn_diag_dead_units": {
        "en": "**{count} of {units} hidden units are dead** ({where}): their slope is 0 at every "
        "training point, so no gradient passes through them.",
        "zh": "**{units} 个隐藏单元里有 {count} 个“死”了**（{where}）：它们在每个训练点上的斜率都是 0，"
        "梯度传不过去。",
    },
    "trn_diag_dead_first": {
        "en": "Those in layer 1 are unlikely to come back: their input is the data, which never changes, "
        "and their weights get no gradient (only momentum or a weight penalty still moves them).",
        "zh": "第 1 层的这些单元很难复活：它们的输入就是数据，永远不变，它们的权重也得不到梯度"
        "（只有动量或正则化还会推动它们）。",
    },
    "trn_diag_dead_later": {
        "en": "Those in later layers can come back: their input is the layer before, which keeps learning.",
        "zh": "后面几层的这些单元还有机会复活：它们的输入来自前一层，而前一层还在学习。",
    },
    "trn_diag_dead_advice": {
        "en": "To avoid them, try a smaller learning rate, or Leaky ReLU or ELU (their slope is never 0), "
        "then Reset.",
        "zh": "想避免这种情况，可以调小学习率，或者换成 Leaky ReLU、ELU（它们的斜率永远不为 0），再点“重置”。",
    },
    "trn_diag_no_gradient": {
        "en": "**No gradient reaches the hidden layers:** this activation's slope is 0 everywhere, so "
        "backpropagation passes nothing back through it, whatever the weights or the learning rate. "
        "The {layers} hidden layers keep their starting weights; only the output layer learns. A "
        "smaller learning rate cannot help: choose a function with a slope, such as the sigmoid "
        "(the step's smooth version) or tanh.",
        "zh": "**梯度到不了隐藏层：** 这个激活函数的斜率处处为 0，不管权重和学习率是多少，反向传播都传不回任何东西。"
        "{layers} 个隐藏层始终停在初始权重上，只有输出层在学。调小学习率也没用：请换一个有斜率的函数，"
        "比如 sigmoid（阶跃函数的平滑版）或 tanh。",
    },
    "trn_diag_saturated_units": {
        "en": "**{count} of {units} hidden units are saturated** ({where}): averaged over the training "
        "points, their slope is below {share:.0%} of the function's steepest, so they learn very slowly. "
        "Try a smaller learning rate or a ReLU-like activation, then Reset.",
        "zh": "**{units} 个隐藏单元里有 {count} 个饱和了**（{where}）：按训练点平均，它们的斜率还不到这个函数"
        "最大斜率的 {share:.0%}，所以学得非常慢。试试调小学习率，或者换成 ReLU 一类的激活函数，再点“重置”。",
    },
    "trn_diag_identical_units": {
        "en": "**Each unit of {where} is a twin of the others** (their weights differ by at most "
        "{difference}): they compute the same output and get the same update, so they stay alike, "
        "and the layer is no better than a single unit. *All zeros* does this; Glorot or He start "
        "every unit differently.",
        "zh": "**{where}的各个单元一模一样**（权重最多相差 {difference}）：它们算出同样的输出、"
        "得到同样的更新，于是始终保持一样，整层也就只相当于一个单元。*全部为 0* 的初始化就会这样；"
        "选 Glorot 或 He，每个单元都从不同的起点出发。",
    },
    "trn_diag_flat_loss": {
        "en": "**Training has stalled:** over the last {epochs} epochs the training loss moved by "
        "less than 0.1 % (now {loss}), at {accuracy} training accuracy. Try a larger learning "
        "rate, Adam, more neurons, or Reset with another seed.",
        "zh": "**训练停滞了：** 最近 {epochs} 轮里训练损失的变化不到 0.1%（现在是 {loss}），"
        "训练准确率只有 {accuracy}。试试调大学习率、换成 Adam、多加几个神经元，或者换个随机种子再点“重置”。",
    },
    # ---------------------------------------------------------------- training
    "trn_lr": {"en": "Learning rate", "zh": "学习率"},
    "trn_batch": {"en": "Batch size", "zh": "批大小"},
    "trn_optimizer": {"en": "Optimizer", "zh": "优化器"},
    "trn_opt_sgd": {"en": "SGD", "zh": "SGD（随机梯度下降）"},
    "trn_opt_momentum": {"en": "SGD with momentum", "zh": "带动量的 SGD"},
    "trn_opt_adam": {"en": "Adam", "zh": "Adam"},
    "trn_loss": {"en": "Loss", "zh": "损失函数"},
    "trn_loss_bce": {"en": "Cross-entropy", "zh": "交叉熵"},
    "trn_loss_mse": {"en": "Squared error", "zh": "平方误差"},
    "trn_reg": {"en": "Regularisation", "zh": "正则化"},
    "trn_reg_none": {"en": "None", "zh": "无"},
    "trn_reg_l1": {"en": "L1", "zh": "L1"},
    "trn_reg_l2": {"en": "L2", "zh": "L2"},
    "trn_reg_rate": {"en": "Regularisation rate", "zh": "正则化强度"},
    "trn_speed": {"en": "Speed (epochs per frame)", "zh": "速度（每帧训练轮数）"},
    "trn_speed_max": {"en": "max", "zh": "最快"},
    "trn_speed_help": {
        "en": "1 is slow enough to watch every epoch; max trains as many epochs as the machine "
        "can between two frames.",
        "zh": "1 表示每帧只训练一轮，慢到可以看清每一步；“最快”表示两帧之间能训练多少轮就训练多少轮。",
    },
    # ---------------------------------------------------------------- views
    "trn_boundary_alt": {
        "en": "Decision boundary: the network's output over the plane, with the data points",
        "zh": "决策边界：网络在整个平面上的输出，以及数据点",
    },
    "trn_boundary_caption": {
        "en": "● circles (blue) · ▲ triangles (orange) · filled = training points, hollow = test points",
        "zh": "● 圆圈（蓝）· ▲ 三角形（橙）· 实心是训练点，空心是测试点",
    },
    "trn_curves_loss": {"en": "Loss", "zh": "损失"},
    # Sent unfilled (t() without values) and filled in by the browser, live_view.js.
    "trn_live_announce": {
        "en": "Epoch {epoch}: train loss {train}, test loss {test}, test accuracy {acc}",
        "zh": "第 {epoch} 轮：训练损失 {train}，测试损失 {test}，测试准确率 {acc}",
    },
    "trn_curves_accuracy": {"en": "Test accuracy", "zh": "测试准确率"},
    "trn_grad_title": {"en": "Gradient flow", "zh": "梯度流"},
    "trn_grad_caption": {
        "en": "Size of each layer's weight gradient ‖∂L/∂W‖ over the whole training set (log "
        "scale). A line far below the others means that layer gets tiny gradients: vanishing "
        "gradients (try sigmoid with 6 layers, then ReLU). With SGD or momentum such a layer "
        "barely moves, since each step is the learning rate times its gradient; Adam divides "
        "each step by the gradient's recent size, so the layer still moves.",
        "zh": "每一层权重梯度在整个训练集上的大小 ‖∂L/∂W‖（对数坐标）。某一层的线远远低于其他层，"
        "说明这一层拿到的梯度极小——这就是梯度消失（试试 6 层 sigmoid，再换成 ReLU 对比）。"
        "用 SGD 或带动量的 SGD 时，这样的层几乎不动，因为每一步就是学习率乘梯度；Adam 会把每一步除以"
        "梯度最近的大小，所以这一层仍然在动。",
    },
    "trn_grad_zero": {
        "en": "A gradient of exactly 0 is drawn at the bottom of the chart.",
        "zh": "恰好为 0 的梯度画在图的最底部。",
    },
    "trn_neurons_title": {"en": "What each neuron sees", "zh": "每个神经元看到了什么"},
    "trn_neurons_dead": {
        "en": "A crossed-out map is a dead unit: its slope is 0 at every training point.",
        "zh": "打叉的小图是“死”掉的单元：它在每个训练点上的斜率都是 0。",
    },
    "trn_neurons_caption": {
        "en": "Each small map is one hidden neuron's output over the plane (blue = high, "
        "orange = low), layer by layer from left to right. The output combines the last "
        "layer's maps into the big picture.",
        "zh": "每个小图是一个隐藏神经元在整个平面上的输出（蓝色高、橙色低），从左到右逐层排列。"
        "输出层把最后一层的这些小图组合成上面的大图。",
    },
    "trn_neurons_alt": {
        "en": "Hidden layer {i}: one small map per neuron, its output over the plane",
        "zh": "第 {i} 个隐藏层：每个神经元一张小图，画出它在整个平面上的输出",
    },
    "trn_neurons_none": {"en": "No hidden layer, so no hidden neurons to show.",
                         "zh": "没有隐藏层，也就没有隐藏神经元可以展示。"},
    "trn_layer_n": {"en": "Layer {i}", "zh": "第 {i} 层"},
    "trn_network_title": {"en": "The network", "zh": "网络结构图"},
    "trn_network_caption": {
        "en": "Lines are weights: blue positive, orange negative, thicker = larger. "
        "Redrawn every few seconds while training.",
        "zh": "每条线是一个权重：蓝色为正，橙色为负，越粗绝对值越大。训练时每隔几秒刷新一次。",
    },
    "trn_instrument_data_pick": {"en": "Data set: pick a picture", "zh": "数据集：点一张图来选"},
    "trn_instrument_network": {
        "en": "Left to right: the inputs, each hidden neuron's map, the output. Lines are weights "
        "(blue positive, orange negative, thicker = larger).",
        "zh": "从左到右：输入、每个隐藏神经元的小图、输出。连线是权重（蓝正橙负，越粗越大）。",
    },
    "trn_instrument_network_alt": {
        "en": "The network: {layers} hidden layers, each neuron drawn as its map over the plane",
        "zh": "网络：{layers} 个隐藏层，每个神经元画成它在平面上的小图",
    },
    "trn_instrument_more": {"en": "Data and network", "zh": "数据与网络"},
    "trn_compare_title": {"en": "Compare activations", "zh": "对比激活函数"},
    "trn_compare": {"en": "Activations to compare (2–4)", "zh": "选择要对比的激活函数（2–4 个）"},
    "trn_compare_caption": {
        "en": "Same data, same starting weights (initialisation: {init}), same settings: only "
        "the activation differs. They train in step with the main network when you press Play.",
        "zh": "相同的数据、相同的初始权重（初始化方式：{init}）、相同的设置，只有激活函数不同。"
        "点“播放”后，它们和上面的主网络同步训练。",
    },
    "trn_compare_placeholder": {"en": "Choose activations", "zh": "选择激活函数"},
    "trn_compare_need_two": {
        "en": "Pick at least two activations to train side by side — for example tanh, ReLU "
        "and identity. Choose with care: range, data, vanishing gradients and convergence "
        "all depend on it.",
        "zh": "至少选两个激活函数并排训练，比如 tanh、ReLU 和 identity。激活函数要慎重选择："
        "输出范围、数据特点、梯度消失和收敛速度都和它有关。",
    },
    "trn_compare_diverged": {"en": "diverged", "zh": "已发散"},
    "trn_compare_metric": {"en": "epoch {epoch} · test accuracy {acc}",
                           "zh": "第 {epoch} 轮 · 测试准确率 {acc}"},
    "trn_compare_metric_diverged": {
        "en": "diverged in epoch {diverged_at} · shown: the last finite state, epoch {epoch}, test accuracy {acc}",
        "zh": "第 {diverged_at} 轮发散 · 图上是发散前最后的正常状态：第 {epoch} 轮，测试准确率 {acc}",
    },
    "trn_compare_slopes": {"en": "learned slope a: {slopes}", "zh": "学到的斜率 a：{slopes}"},
    # ---------------------------------------------------------------- PReLU's learned slope
    "trn_slopes": {
        "en": "**Learned slope a** (PReLU, one per hidden layer): {slopes}. Each started at {start}; "
        "gradient descent moves it with the weights, and the hand check below uses these values.",
        "zh": "**学到的斜率 a**（PReLU，每个隐藏层一个）：{slopes}。起始值都是 {start}；"
        "梯度下降会连同权重一起更新它，下面的“手算”用的也是这些值。",
    },
    "trn_slope_layer": {"en": "layer {i} {a}", "zh": "第 {i} 层 {a}"},
    "trn_slopes_sep": {"en": ", ", "zh": "，"},
    "trn_tab_curves": {"en": "Curves", "zh": "曲线"},
    "trn_tab_inside": {"en": "Inside the network", "zh": "网络内部"},
    # ---------------------------------------------------------------- charts
    "trn_c_epoch": {"en": "epoch", "zh": "轮次"},
    "trn_c_loss": {"en": "loss", "zh": "损失"},
    "trn_c_accuracy": {"en": "test accuracy", "zh": "测试准确率"},
    "trn_c_train": {"en": "train", "zh": "训练集"},
    "trn_c_test": {"en": "test", "zh": "测试集"},
    "trn_c_set": {"en": "data", "zh": "数据"},
    "trn_c_grad": {"en": "‖∂L/∂W‖", "zh": "‖∂L/∂W‖"},
    "trn_c_layer": {"en": "weights", "zh": "权重层"},
    "trn_c_layer_n": {"en": "layer {i}", "zh": "第 {i} 层"},
    "trn_c_output": {"en": "output", "zh": "输出层"},
    "trn_c_input": {"en": "input", "zh": "输入"},
    # ---------------------------------------------------------------- divergence
    "trn_diverged": {
        "en": "Training diverged at epoch {epoch}: with learning rate {lr} the steps are so "
        "large that the loss shot off to infinity. Training is paused; the picture shows the "
        "last good weights.",
        "zh": "训练在第 {epoch} 轮发散了：学习率 {lr} 太大，每一步迈得太远，损失冲向了无穷大。"
        "训练已暂停，图上显示的是发散前最后一组正常的权重。",
    },
    "trn_class_experiment": {
        "en": "Your teacher set this experiment: {settings}. Train it, then change anything you like.",
        "zh": "老师布置了这个实验：{settings}。先训练看看，之后想改哪项设定都可以。",
    },
    "trn_class_reporting": {
        "en": "You are in class {code}: your teacher's board shows this network as it trains.",
        "zh": "你在课堂 {code} 中：老师的大屏幕上会显示这个网络的训练情况。",
    },
    "trn_beyond": {
        "en": "The data set “{dataset}” is beyond this network: its arms wind round each other, and following "
        "them takes at least {layers} hidden layers of {units} or more neurons. With fewer, "
        "training stalls far below 100 %.",
        "zh": "这个网络学不会“{dataset}”数据集：螺旋的两条臂互相缠绕，要跟上它们，至少需要 {layers} 个"
        "各有 {units} 个以上神经元的隐藏层。神经元太少，训练会卡在离 100% 很远的地方。",
    },
    "trn_beyond_use": {
        "en": "Use hidden layers {hidden}, {activation}, learning rate {lr}",
        "zh": "改用隐藏层 {hidden}、{activation}、学习率 {lr}",
    },
    "trn_recover": {"en": "Lower the learning rate to {lr} and reset",
                    "zh": "把学习率降到 {lr} 并重置"},
}
