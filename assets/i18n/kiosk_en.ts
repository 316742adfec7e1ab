<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>请将身份证放在读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>选择事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>验证身份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>填写信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>上传材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核对提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>这张照片里是人像，不是材料。请把材料平放在拍摄区再拍。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无法识别此二维码，请出示政务 App 的身份码。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读卡失败，请重新放置证件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验通过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂时无法核验人脸，您可以重试，或请工作人员协助办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请已保存在本机，联网后自动提交…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>网络暂时中断，此事项需要联网实时办理，请稍后再试或咨询工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>网络暂时中断，此事项需要联网进行人脸核验，请稍后再试或咨询工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>此事项不能使用这种方式验证身份，请使用身份证。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>您的证件已过期，请使用有效证件或咨询工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>人脸核验未通过。您可以重试，或请工作人员协助办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还缺少材料：{names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请带好本人身份证（或社保卡、手机上的电子身份证），以及需要提交的材料原件。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欢迎页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请触摸屏幕开始办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>hall</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source></source>
        <comment>clock</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>切换到英文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欢迎使用政务服务自助终端</source>
        <comment>display</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>subtitle</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>常用事项</source>
        <comment>subtitle</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理前请准备</source>
        <comment>subtitle</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请触摸屏幕任意位置开始</source>
        <comment>hint</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>触摸这里开始办理业务</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source></source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>办理{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>欢迎使用政务服务自助终端。请触摸屏幕开始办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期一</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期二</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期三</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期四</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期五</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期六</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>星期日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前步骤</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未开始</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source></source>
        <comment>net</comment>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>EN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长辈模式</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放大字体和按钮</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>语音播报</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把屏幕上的提示读出来</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>切换到中文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>返回</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回到上一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回到首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>countdown-bar</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>呼叫工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请工作人员过来帮助您</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂时无法办理，请联系工作人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已呼叫工作人员，请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工作人员马上过来帮您，请在这里稍等。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>body</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>好的</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>摄像头已开启，仅用于本次核验，本机不保存您的照片。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请摘下帽子和口罩，正对摄像头，保持不动</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在核验，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请正对摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>instruction</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请工作人员协助核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不刷脸，请工作人员帮您核验身份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再试一次</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新进行刷脸核验</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>核验通过，继续办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>field-label</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>error</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（来自证件）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请核对并填写以下信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>信息填好了，进入下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>有 {n} 项需要修改：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请核对并填写信息，带有必填的项目一定要填。填好后点下一步。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需刷脸</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需联网办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择要办理的事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索事项，可输入拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入事项名称或拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清空搜索内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拼音首字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用字母键查找，例如户籍证明按 H J Z M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进度查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询已提交业务的办理进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个词试试，或呼叫工作人员</source>
        <comment>hint</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看{name}类事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择要办理的事项，可以按类别选，也可以按拼音首字母搜索。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把身份证放在读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>插社保卡</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把社保卡插入卡槽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请将社保卡芯片朝上插入卡槽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手机扫码（电子身份证）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开手机上的电子身份证二维码，对准摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请打开手机上的电子身份证二维码，对准摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>操作示意图</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>身份证</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>卡槽</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>社保卡
芯片朝上</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择一种方式证明您的身份</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>notice</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请选择一种方式证明您的身份：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还在吗</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长时间没有操作，即将回到首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还在吗？</source>
        <comment>title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>长时间没有操作。时间到后将回到首页，并清除您填写的信息。</source>
        <comment>body</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我还在</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还剩 {n} 秒，点这里继续办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还在吗？还剩 {n} 秒。如果还要继续办理，请点我还在。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>必需</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可选</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>，约 {n} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>official</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>需要准备的材料</source>
        <comment>subtitle</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>开始办理这个事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>身份核验：{how}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收费：{fee}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不收费</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理时限：{limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>无需提交材料</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}。请看办事须知，准备好材料后点开始办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>hint</comment>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>拍照</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>重拍{label}第{i}页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>拍摄{label}的一页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请把材料平放在拍摄区，然后点拍照</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料拍好了，下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所有必需材料都已拍摄，进入下一步</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label}（还差 {n} 页）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请把材料平放在拍摄区，然后点拍照。每一页拍一次。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询办理进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>扫描回执二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把回执上的二维码对准摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>读身份证查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把身份证放在读卡区，查询您的办件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>或者输入办件编号（回执上的编号或本机受理号）：</source>
        <comment>body</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>例如 T2026112600001</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入回执上的办件编号，可以输入数字和字母</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>ok</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查询这个编号的办理进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办件编号：{no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>当前状态：{state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请扫描回执上的二维码，或者读身份证，或者输入办件编号查询。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>整体满意度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务效率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务水平</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务态度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办事指南不清楚</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料多或要求反复提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>等候或办理时间长</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自助设备不好用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>服务态度不好</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>其他</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{dim}：{n}分，{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请您为本次服务评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>评价为{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>很抱歉给您带来不便。请告诉我们哪里做得不好（可多选）：</source>
        <comment>subtitle</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分项评价（可不填）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>分别评价服务效率、服务水平、服务态度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 分非常满意，1 分非常不满意</source>
        <comment>hint</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>意见或建议（可不填）</source>
        <comment>body</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>意见或建议</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可以写下您的意见或建议，也可以不填</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>跳过</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>不评价，直接结束</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>提交您的评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意。也可以跳过。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请取走身份证、社保卡等随身物品</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>personal</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回执二维码</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用手机拍下这个二维码，以后可以查询办理进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请用手机拍照留存，以后可以扫码查询进度</source>
        <comment>hint</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>办理结束，进入服务评价</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}，您申请的“{item}”没有提交成功，请联系工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}，您申请的“{item}”已受理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{who}，您申请的“{item}”已在本机加密保存。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机受理号：{no}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>个人信息处理告知
1. 收集哪些信息：您的身份证件信息、您填写的内容、材料照片；需要刷脸的事项会用到您的照片。
2. 用来做什么：只用于办理您选择的这个事项。
3. 交给谁：办理这个事项的政务服务部门。
4. 怎样保存：网络断开时在本机加密暂存，提交成功后立即删除；刷脸照片只用于本次核验，本机不保存。
5. 您的权利：可以向工作人员查询、更正您的信息，也可以不同意，改到窗口办理。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>我已阅读并同意《个人信息处理告知》</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请确认以下信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>材料</source>
        <comment>subtitle</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同意个人信息处理告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>勾选表示您同意个人信息处理告知</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看告知内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示个人信息处理告知的全文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>确认提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>信息无误，确认提交申请</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请人：{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>证件号码：{id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本事项无需提交材料</source>
        <comment>body</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• {label}：{n} 页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（应为 {want} 页）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请确认信息无误，阅读并勾选个人信息处理告知，然后点确认提交。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃本次办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回到首页会清除您已填写的信息</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>要放弃本次办理吗？</source>
        <comment>title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>回到首页会清除您已经填写的信息和拍摄的材料。</source>
        <comment>body</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>继续办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>留在这里，继续办理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>放弃并回首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>清除信息，回到首页</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入 {k}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>删除最后一个字</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>收起</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>输入完成，收起按键</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language / 语言</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在提交，请稍候…</source>
        <comment>instruction</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在处理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在提交，请稍候</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请不要离开，也不要取走身份证</source>
        <comment>hint</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>感谢您的评价</source>
        <comment>title</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <comment>button-text</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpDesk</name>
    <message>
        <source>暂时无法办理，请联系工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ItemGuideScreen</name>
    <message>
        <source>{name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>未能受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已受理</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已保存，联网后自动提交</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source></source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>b</name>
    <message>
        <source>{k}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>第{i}页 重拍</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.capture_button</name>
    <message>
        <source>拍下一页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.count_label</name>
    <message>
        <source>需要 {want} 页，已拍 {n} 页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.countdown_label</name>
    <message>
        <source>{n} 秒后回到首页</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.ctx</name>
    <message>
        <source>本机暂时无法核验身份，请到窗口办理或呼叫工作人员。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂时无法保存您的申请，请联系工作人员。您的信息未提交。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.detail_label</name>
    <message>
        <source>我们会尽快改进，工作人员可能会联系您了解情况。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.instruction_label</name>
    <message>
        <source>请选择左边的一种方式</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.lang_button</name>
    <message>
        <source>中文</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EN</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.list_title</name>
    <message>
        <source>搜索结果</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.missing_label</name>
    <message>
        <source>还需要拍：{names}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.net_label</name>
    <message>
        <source>网络正常</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.pin</name>
    <message>
        <source>错误次数过多，已锁定 5 分钟。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN 不正确，请重试。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.printer_label</name>
    <message>
        <source>回执已打印，请取走回执。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.progress</name>
    <message>
        <source>请将身份证放在读卡区</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>请把回执上的二维码对准摄像头</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>本机没有查到您的办件记录。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>暂时无法查询，请稍后再试。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未查到该办件，或网络暂时不可用。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.scope_label</name>
    <message>
        <source>可办理本地事项，以及{regions}的跨省通办事项</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>可办理社保、医保、公积金、户籍等常用事项</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.submitting</name>
    <message>
        <source>正在保存您的申请，请稍候…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>申请已保存，正在提交…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在打印回执…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.title_label</name>
    <message>
        <source>感谢您的评价</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>self.view_consent_button</name>
    <message>
        <source>收起告知内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>查看告知内容</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
