"""Texts of the training page's input features and its save / export / reload panel."""

TEXTS = {
    # ---------------------------------------------------------------- input features
    "trn_features": {
        "en": "Input features",
        "zh": "输入特征",
    },
    "trn_features_help": {
        "en": "What the network is fed for each point (x₁, x₂). With x₁² and x₂², no hidden layer "
        "and the identity activation, a *linear* model draws a circle: the article's Y = W·X² + B.",
        "zh": "每个点 (x₁, x₂) 喂给网络的是什么。选 x₁² 和 x₂²、去掉所有隐藏层、激活函数用恒等函数，"
        "一个*线性*模型也能画出圆形边界——这就是文章里的 Y = W·X² + B。",
    },
    "trn_features_placeholder": {
        "en": "Choose at least one",
        "zh": "至少选一个",
    },
    # What a linear model can draw once the input is bent (replace trn_layers_none and
    # trn_hint_identity when the features are not just x₁, x₂).
    "trn_layers_none_features": {
        "en": "No hidden layer: a weighted sum of the input features. It is a straight line "
        "over the features, but x₁², x₁x₂ or sin bend it into a curve on this plane.",
        "zh": "没有隐藏层：输出只是各输入特征的加权和。在特征空间里它仍是一条直线，"
        "但选了 x₁²、x₁x₂ 或 sin 之后，回到这张平面上就弯成了曲线。",
    },
    "trn_hint_identity_features": {
        "en": "Identity: the layers still add up to one affine map — of the input features. "
        "Over x₁, x₂ alone that is a straight line; with x₁² and x₂² it can be a circle "
        "(the article's Y = W·X² + B).",
        "zh": "恒等激活：所有层叠起来仍然只是一个仿射变换，不过变换的对象是输入特征。"
        "只用 x₁、x₂ 时分界线是直线；加上 x₁² 和 x₂² 后，它可以是一个圆（文章里的 Y = W·X² + B）。",
    },
    # ---------------------------------------------------------------- save / export / reload
    "trn_sec_files": {
        "en": "Save and load",
        "zh": "保存与载入",
    },
    "trn_dl_data": {
        "en": "Data set (CSV)",
        "zh": "数据集（CSV）",
    },
    "trn_dl_data_help": {
        "en": "Every point with columns x1, x2, label (and split: train or test). Uploaded again "
        "(data set: upload), it gives back the same points, classes and split.",
        "zh": "所有数据点，列为 x1、x2、label（另有 split 列标明训练集或测试集）。把它重新上传"
        "（数据集选“上传”），得到的点、类别和训练/测试划分都和现在完全一样。",
    },
    "trn_dl_network": {
        "en": "Network (JSON)",
        "zh": "网络（JSON）",
    },
    "trn_dl_network_help": {
        "en": "The weights, biases, activation, features and every setting that produced them. "
        "Load it below to get this exact network back.",
        "zh": "包含权重、偏置、激活函数、输入特征以及训练它用到的全部设置。在下方载入，就能原样恢复这个网络。",
    },
    "trn_dl_boundary": {
        "en": "Boundary (PNG)",
        "zh": "决策边界（PNG）",
    },
    "trn_dl_history": {
        "en": "Loss history (CSV)",
        "zh": "损失曲线数据（CSV）",
    },
    "trn_dl_history_help": {
        "en": "One row per recorded epoch: epoch, train loss, test loss, test accuracy.",
        "zh": "每个记录下来的轮次一行：轮次、训练损失、测试损失、测试准确率。",
    },
    "trn_load_network": {
        "en": "Load a network (JSON)",
        "zh": "载入网络（JSON）",
    },
    "trn_load_network_help": {
        "en": "A file saved with “Network (JSON)”: its settings go into the controls and its "
        "weights into the network, at epoch 0.",
        "zh": "用“网络（JSON）”保存的文件：其中的设置会填回各个控件，权重会装回网络，从第 0 轮开始。",
    },
    "trn_load_ok": {
        "en": "Network loaded: {layers} (features {features}, {activation}), trained {epoch} epochs.",
        "zh": "网络已载入：{layers}（输入特征 {features}，激活函数 {activation}），原先训练了 {epoch} 轮。",
    },
    "trn_load_data_note": {
        "en": "It was trained on an uploaded file: upload the same CSV to see its data again.",
        "zh": "它是在上传的数据上训练的：再上传同一个 CSV 文件，才能看到原来的数据。",
    },
    # One message per NetworkFileError code (core.state.network_file.ERROR_CODES).
    "trn_netfile_malformed": {
        "en": "This file is not valid JSON ({detail}). Choose a file saved with “Network (JSON)”.",
        "zh": "这个文件不是有效的 JSON（{detail}）。请选择用“网络（JSON）”保存的文件。",
    },
    "trn_netfile_schema": {
        "en": "This JSON is not a saved network of this app (its schema is {found}, expected {expected}).",
        "zh": "这个 JSON 不是本应用保存的网络（schema 是 {found}，应为 {expected}）。",
    },
    "trn_netfile_version": {
        "en": "This network file has version {found}; this app reads versions {expected}.",
        "zh": "这个网络文件的版本是 {found}，本应用只能读取以下版本：{expected}。",
    },
    "trn_netfile_field": {
        "en": "The network file has a missing or invalid field: {field}.",
        "zh": "网络文件缺少字段或字段无效：{field}。",
    },
    "trn_netfile_shape": {
        "en": "The weights do not fit the architecture: {field} should be {expected}, found {found}.",
        "zh": "权重与网络结构对不上：{field} 应为 {expected}，实际是 {found}。",
    },
    "trn_netfile_slope": {
        "en": "A PReLU network learns one slope a per hidden layer, saved as a list holding one "
        "number, e.g. [0.25]; {field} holds {found}.",
        "zh": "PReLU 网络的每个隐藏层各学一个斜率 a，文件里写成只含一个数的列表，例如 [0.25]；"
        "而 {field} 里是 {found}。",
    },
    "trn_netfile_too_large": {
        "en": "The file is larger than {max_bytes:MB}; a network of this page is much smaller.",
        "zh": "文件超过 {max_bytes:MB}；本页面的网络文件远比这小。",
    },
}
