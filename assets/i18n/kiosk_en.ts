<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>请将身份证放在读卡区</source>
        <translation>Place your ID card on the card reader</translation>
    </message>
    <message>
        <source>请把回执上的二维码对准摄像头</source>
        <translation>Hold the QR code on your receipt to the camera</translation>
    </message>
    <message>
        <source>本机没有查到您的办件记录。</source>
        <translation>This kiosk has no applications of yours.</translation>
    </message>
    <message>
        <source>暂时无法查询，请稍后再试。</source>
        <translation>Cannot look this up right now. Please try again later.</translation>
    </message>
    <message>
        <source>正在查询…</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <source>未查到该办件，或网络暂时不可用。</source>
        <translation>No application with this number, or the network is unavailable.</translation>
    </message>
    <message>
        <source>选择事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <source>验证身份</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>填写信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>上传材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>核对提交</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>已使用电子证照：{kind}（{number}）</source>
        <translation>Electronic licence used: {kind} ({number})</translation>
    </message>
    <message>
        <source>这张照片里是人像，不是材料。请把材料平放在拍摄区再拍。</source>
        <translation>This photo shows a face, not a document. Please lay the document flat in the capture area and try again.</translation>
    </message>
    <message>
        <source>本机暂时无法核验身份，请到窗口办理或呼叫工作人员。</source>
        <translation>This kiosk cannot check identity right now. Please go to a counter or call staff.</translation>
    </message>
    <message>
        <source>无法识别此二维码，请出示政务 App 的身份码。</source>
        <translation>This QR code cannot be read. Please show the identity code from the government services app.</translation>
    </message>
    <message>
        <source>读卡失败，请重新放置证件。</source>
        <translation>The card could not be read. Please place it on the reader again.</translation>
    </message>
    <message>
        <source>核验通过</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>暂时无法核验人脸，您可以重试，或请工作人员协助办理。</source>
        <translation>Your face cannot be checked right now. You can try again, or ask staff for help.</translation>
    </message>
    <message>
        <source>正在保存您的申请，请稍候…</source>
        <translation>Saving your application, please wait…</translation>
    </message>
    <message>
        <source>暂时无法保存您的申请，请联系工作人员。您的信息未提交。</source>
        <translation>Your application cannot be saved right now. Please ask staff. Nothing was submitted.</translation>
    </message>
    <message>
        <source>选择一件事</source>
        <translation>Choose a life event</translation>
    </message>
    <message>
        <source>合并填表</source>
        <translation>One form</translation>
    </message>
    <message>
        <source>一次核对提交</source>
        <translation>Check and submit once</translation>
    </message>
    <message>
        <source>申请已保存，正在提交…</source>
        <translation>Application saved, submitting…</translation>
    </message>
    <message>
        <source>申请已保存在本机，联网后自动提交…</source>
        <translation>Your application is saved on this kiosk and will be submitted when the network is back…</translation>
    </message>
    <message>
        <source>正在打印回执…</source>
        <translation>Printing your receipt…</translation>
    </message>
    <message>
        <source>PIN 不正确，请重试。</source>
        <translation>Wrong PIN, please try again.</translation>
    </message>
    <message>
        <source>暂时无法办理，请联系工作人员。</source>
        <translation>This cannot be done right now. Please ask staff.</translation>
    </message>
    <message>
        <source>网络暂时中断，此事项需要联网实时办理，请稍后再试或咨询工作人员。</source>
        <translation>The network is down. This service needs a live connection. Please try again later or ask staff.</translation>
    </message>
    <message>
        <source>网络暂时中断，此事项需要联网进行人脸核验，请稍后再试或咨询工作人员。</source>
        <translation>The network is down. This service needs a live connection for the face check. Please try again later or ask staff.</translation>
    </message>
    <message>
        <source>此事项不能使用这种方式验证身份，请使用身份证。</source>
        <translation>This service cannot be verified this way. Please use your ID card.</translation>
    </message>
    <message>
        <source>您的证件已过期，请使用有效证件或咨询工作人员。</source>
        <translation>Your card has expired. Please use a valid card or ask staff.</translation>
    </message>
    <message>
        <source>此身份码与刚才读取的证件不是同一人，请出示本人的政务 App 身份码。</source>
        <translation>This identity code is not that of the card just read. Please show your own government app identity code.</translation>
    </message>
    <message>
        <source>人脸核验未通过。您可以重试，或请工作人员协助办理。</source>
        <translation>The face check did not pass. You can try again, or ask staff for help.</translation>
    </message>
    <message>
        <source>还缺少材料：{names}</source>
        <translation>Still missing: {names}</translation>
    </message>
    <message>
        <source>请带好本人身份证（或社保卡、手机上的电子身份证），以及需要提交的材料原件。</source>
        <translation>Please bring your ID card (or social security card, or the electronic ID on your phone) and the original documents you need to submit.</translation>
    </message>
    <message>
        <source>欢迎页</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <source>请触摸屏幕开始办理</source>
        <translation>Touch the screen to start</translation>
    </message>
    <message>
        <source>切换到英文</source>
        <translation>Switch to English</translation>
    </message>
    <message>
        <source>欢迎使用政务服务自助终端</source>
        <translation>Welcome to the government self-service kiosk</translation>
    </message>
    <message>
        <source>常用事项</source>
        <translation>Frequent services</translation>
    </message>
    <message>
        <source>办理前请准备</source>
        <translation>Before you start</translation>
    </message>
    <message>
        <source>请触摸屏幕任意位置开始</source>
        <translation>Touch anywhere on the screen to start</translation>
    </message>
    <message>
        <source>开始办理</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>触摸这里开始办理业务</source>
        <translation>Touch here to start</translation>
    </message>
    <message>
        <source>可办理本地事项，以及{regions}的跨省通办事项</source>
        <translation>Local services, and inter-provincial services of {regions}</translation>
    </message>
    <message>
        <source>可办理社保、医保、公积金、户籍等常用事项</source>
        <translation>Social security, medical insurance, housing fund, household registration and more</translation>
    </message>
    <message>
        <source>办理{name}</source>
        <translation>Apply for {name}</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>切换到中文</source>
        <translation>Switch to Chinese</translation>
    </message>
    <message>
        <source>欢迎使用政务服务自助终端。请触摸屏幕开始办理。</source>
        <translation>Welcome to the government self-service kiosk. Touch the screen to start.</translation>
    </message>
    <message>
        <source>星期一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>星期二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>星期三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>星期四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>星期五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>星期六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>星期日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>done</translation>
    </message>
    <message>
        <source>当前步骤</source>
        <translation>current step</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>not started</translation>
    </message>
    <message>
        <source>长辈模式</source>
        <translation>Large text</translation>
    </message>
    <message>
        <source>放大字体和按钮</source>
        <translation>Larger text and buttons</translation>
    </message>
    <message>
        <source>语音播报</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>把屏幕上的提示读出来</source>
        <translation>Read the instructions aloud</translation>
    </message>
    <message>
        <source>网络正常</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>网络中断</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>回到上一步</source>
        <translation>Go back one step</translation>
    </message>
    <message>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <source>回到首页</source>
        <translation>Go to the home page</translation>
    </message>
    <message>
        <source>呼叫工作人员</source>
        <translation>Call staff</translation>
    </message>
    <message>
        <source>请工作人员过来帮助您</source>
        <translation>Ask a member of staff to come and help you</translation>
    </message>
    <message>
        <source>{n} 秒后回到首页</source>
        <translation>Back to home in {n} s</translation>
    </message>
    <message>
        <source>放弃本次办理</source>
        <translation>Leave this application</translation>
    </message>
    <message>
        <source>回到首页会清除您已填写的信息</source>
        <translation>Going home clears what you entered</translation>
    </message>
    <message>
        <source>要放弃本次办理吗？</source>
        <translation>Leave this application?</translation>
    </message>
    <message>
        <source>回到首页会清除您已经填写的信息和拍摄的材料。</source>
        <translation>Going back home clears what you entered and the photos you took.</translation>
    </message>
    <message>
        <source>继续办理</source>
        <translation>Stay and continue</translation>
    </message>
    <message>
        <source>留在这里，继续办理</source>
        <translation>Stay here and continue</translation>
    </message>
    <message>
        <source>放弃并回首页</source>
        <translation>Leave and go home</translation>
    </message>
    <message>
        <source>清除信息，回到首页</source>
        <translation>Clear everything and go home</translation>
    </message>
    <message>
        <source>暂时无法办理，请联系工作人员</source>
        <translation>This cannot be done right now. Please ask staff.</translation>
    </message>
    <message>
        <source>已呼叫工作人员，请稍候</source>
        <translation>Staff have been called. Please wait.</translation>
    </message>
    <message>
        <source>工作人员马上过来帮您，请在这里稍等。</source>
        <translation>A member of staff is on the way. Please wait here.</translation>
    </message>
    <message>
        <source>返回首页</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <source>好的</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>摄像头已开启，仅用于本次核验，本机不保存您的照片。</source>
        <translation>The camera is on for this check only. This kiosk does not keep your photo.</translation>
    </message>
    <message>
        <source>请摘下帽子和口罩，正对摄像头，保持不动</source>
        <translation>Please take off your hat and mask, face the camera and keep still</translation>
    </message>
    <message>
        <source>正在核验，请稍候…</source>
        <translation>Checking, please wait…</translation>
    </message>
    <message>
        <source>请正对摄像头</source>
        <translation>Please face the camera</translation>
    </message>
    <message>
        <source>请工作人员协助核验</source>
        <translation>Ask staff to verify me</translation>
    </message>
    <message>
        <source>不刷脸，请工作人员帮您核验身份</source>
        <translation>No face check: a member of staff verifies your identity</translation>
    </message>
    <message>
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>重新进行刷脸核验</source>
        <translation>Do the face check again</translation>
    </message>
    <message>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>核验通过，继续办理</source>
        <translation>Verified, continue</translation>
    </message>
    <message>
        <source>例如 1950-01-31</source>
        <translation>e.g. 1950-01-31</translation>
    </message>
    <message>
        <source>11 位手机号码</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <source>18 位证件号码</source>
        <translation>18-character ID number</translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation> (required)</translation>
    </message>
    <message>
        <source>（来自证件）</source>
        <translation> (from your card)</translation>
    </message>
    <message>
        <source>请核对并填写以下信息</source>
        <translation>Please check and complete your details</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>信息填好了，进入下一步</source>
        <translation>Details complete, go to the next step</translation>
    </message>
    <message>
        <source>有 {n} 项需要修改：</source>
        <translation>{n} item(s) need changing: </translation>
    </message>
    <message>
        <source>请核对并填写信息，带有必填的项目一定要填。填好后点下一步。</source>
        <translation>Please check and complete your details. Items marked required must be filled in. Then press Next.</translation>
    </message>
    <message>
        <source>全部事项</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>需刷脸</source>
        <translation>face check</translation>
    </message>
    <message>
        <source>需联网办理</source>
        <translation>needs network</translation>
    </message>
    <message>
        <source>请选择要办理的事项</source>
        <translation>Choose a service</translation>
    </message>
    <message>
        <source>搜索事项，可输入拼音首字母</source>
        <translation>Search: type the pinyin initials</translation>
    </message>
    <message>
        <source>搜索事项</source>
        <translation>Search services</translation>
    </message>
    <message>
        <source>输入事项名称或拼音首字母</source>
        <translation>Type the name or its pinyin initials</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>清空搜索内容</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <source>拼音首字母</source>
        <translation>Letter keys</translation>
    </message>
    <message>
        <source>用字母键查找，例如户籍证明按 H J Z M</source>
        <translation>Search with letter keys (pinyin initials, e.g. H J Z M)</translation>
    </message>
    <message>
        <source>进度查询</source>
        <translation>Track an application</translation>
    </message>
    <message>
        <source>查询已提交业务的办理进度</source>
        <translation>See how a submitted application is progressing</translation>
    </message>
    <message>
        <source>没有找到相关事项，请换个词试试，或呼叫工作人员</source>
        <translation>Nothing found. Try other letters, or call staff.</translation>
    </message>
    <message>
        <source>查看{name}类事项</source>
        <translation>Show {name} services</translation>
    </message>
    <message>
        <source>请选择要办理的事项，可以按类别选，也可以按拼音首字母搜索。</source>
        <translation>Choose a service by category, or search with pinyin initials.</translation>
    </message>
    <message>
        <source>刷身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <source>把身份证放在读卡区</source>
        <translation>Place your ID card on the reader</translation>
    </message>
    <message>
        <source>插社保卡</source>
        <translation>Social security card</translation>
    </message>
    <message>
        <source>把社保卡插入卡槽</source>
        <translation>Insert your social security card into the slot</translation>
    </message>
    <message>
        <source>请将社保卡芯片朝上插入卡槽</source>
        <translation>Insert your social security card, chip up, into the slot</translation>
    </message>
    <message>
        <source>手机扫码（电子身份证）</source>
        <translation>Phone QR code (electronic ID)</translation>
    </message>
    <message>
        <source>打开手机上的电子身份证二维码，对准摄像头</source>
        <translation>Open the electronic ID QR code on your phone and hold it to the camera</translation>
    </message>
    <message>
        <source>请打开手机上的电子身份证二维码，对准摄像头</source>
        <translation>Please open the electronic ID QR code on your phone and hold it to the camera</translation>
    </message>
    <message>
        <source>操作示意图</source>
        <translation>How to do it</translation>
    </message>
    <message>
        <source>读卡区</source>
        <translation>Card reader</translation>
    </message>
    <message>
        <source>身份证</source>
        <translation>ID card</translation>
    </message>
    <message>
        <source>卡槽</source>
        <translation>Slot</translation>
    </message>
    <message>
        <source>社保卡
芯片朝上</source>
        <translation>Social security
card, chip up</translation>
    </message>
    <message>
        <source>请选择一种方式证明您的身份</source>
        <translation>Choose how to prove who you are</translation>
    </message>
    <message>
        <source>请选择左边的一种方式</source>
        <translation>Choose one of the ways on the left</translation>
    </message>
    <message>
        <source>请选择上面的一种方式</source>
        <translation>Choose one of the ways above</translation>
    </message>
    <message>
        <source>请选择一种方式证明您的身份：</source>
        <translation>Choose how to prove who you are: </translation>
    </message>
    <message>
        <source>还在吗</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>长时间没有操作，即将回到首页</source>
        <translation>Nothing has happened for a while; going back to the home page soon</translation>
    </message>
    <message>
        <source>还在吗？</source>
        <translation>Are you still there?</translation>
    </message>
    <message>
        <source>长时间没有操作。时间到后将回到首页，并清除您填写的信息。</source>
        <translation>Nothing has happened for a while. When the time is up, the kiosk goes back to the home page and clears what you entered.</translation>
    </message>
    <message>
        <source>我还在</source>
        <translation>I&apos;m still here</translation>
    </message>
    <message>
        <source>还剩 {n} 秒，点这里继续办理</source>
        <translation>{n} seconds left. Touch here to continue</translation>
    </message>
    <message>
        <source>还在吗？还剩 {n} 秒。如果还要继续办理，请点我还在。</source>
        <translation>Are you still there? {n} seconds left. To continue, press I&apos;m still here.</translation>
    </message>
    <message>
        <source>必需</source>
        <translation>required</translation>
    </message>
    <message>
        <source>可选</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>，约 {n} 页</source>
        <translation>, about {n} page(s)</translation>
    </message>
    <message>
        <source>{label}（{need}{pages}）</source>
        <translation>{label} ({need}{pages})</translation>
    </message>
    <message>
        <source>需要准备的材料</source>
        <translation>Documents to bring</translation>
    </message>
    <message>
        <source>本次一并办理的事项（可选事项可以不办）</source>
        <translation>Items handled in this visit (you may leave out the optional ones)</translation>
    </message>
    <message>
        <source>开始办理这个事项</source>
        <translation>Start this service</translation>
    </message>
    <message>
        <source>身份核验：{how}</source>
        <translation>Identity check: {how}</translation>
    </message>
    <message>
        <source>收费：{fee}</source>
        <translation>Fee: {fee}</translation>
    </message>
    <message>
        <source>不收费</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>办理时限：{limit}</source>
        <translation>Time limit: {limit}</translation>
    </message>
    <message>
        <source>无需提交材料</source>
        <translation>No documents needed</translation>
    </message>
    <message>
        <source>{name}（可选）</source>
        <translation>{name} (optional)</translation>
    </message>
    <message>
        <source>{name}（必办）</source>
        <translation>{name} (required)</translation>
    </message>
    <message>
        <source>{name}。请看办事须知，准备好材料后点开始办理。</source>
        <translation>{name}. Read the guide, get your documents ready, then press Start.</translation>
    </message>
    <message>
        <source>输入 {k}</source>
        <translation>Type {k}</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>删除最后一个字</source>
        <translation>Delete the last character</translation>
    </message>
    <message>
        <source>收起</source>
        <translation>Hide</translation>
    </message>
    <message>
        <source>输入完成，收起按键</source>
        <translation>Done typing: hide the keys</translation>
    </message>
    <message>
        <source>Language / 语言</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>使用电子证照</source>
        <translation>Use an electronic licence</translation>
    </message>
    <message>
        <source>用电子证照代替拍摄</source>
        <translation>Use an electronic licence instead of a photo</translation>
    </message>
    <message>
        <source>需要 {want} 页，已拍 {n} 页</source>
        <translation>{n} of {want} page(s) taken</translation>
    </message>
    <message>
        <source>第{i}页 重拍</source>
        <translation>Page {i}: retake</translation>
    </message>
    <message>
        <source>重拍{label}第{i}页</source>
        <translation>Retake page {i} of {label}</translation>
    </message>
    <message>
        <source>拍下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>再拍一页</source>
        <translation>One more page</translation>
    </message>
    <message>
        <source>拍摄{label}的一页</source>
        <translation>Photograph one page of {label}</translation>
    </message>
    <message>
        <source>请把材料平放在拍摄区，然后点拍照</source>
        <translation>Lay the document flat in the capture area, then press Take photo</translation>
    </message>
    <message>
        <source>材料拍好了，下一步</source>
        <translation>Documents done, next</translation>
    </message>
    <message>
        <source>所有必需材料都已拍摄，进入下一步</source>
        <translation>All required documents are photographed; go to the next step</translation>
    </message>
    <message>
        <source>还需要拍：{names}</source>
        <translation>Still to photograph: {names}</translation>
    </message>
    <message>
        <source>{label}（还差 {n} 页）</source>
        <translation>{label} ({n} more page(s))</translation>
    </message>
    <message>
        <source>请把材料平放在拍摄区，然后点拍照。每一页拍一次。</source>
        <translation>Lay the document flat in the capture area, then press Take photo. One photo for each page.</translation>
    </message>
    <message>
        <source>查询办理进度</source>
        <translation>Track an application</translation>
    </message>
    <message>
        <source>扫描回执二维码</source>
        <translation>Scan the receipt QR code</translation>
    </message>
    <message>
        <source>把回执上的二维码对准摄像头</source>
        <translation>Hold the QR code on the receipt to the camera</translation>
    </message>
    <message>
        <source>读身份证查询</source>
        <translation>Look up with my ID card</translation>
    </message>
    <message>
        <source>把身份证放在读卡区，查询您的办件</source>
        <translation>Place your ID card on the reader to find your applications</translation>
    </message>
    <message>
        <source>或者输入办件编号（回执上的编号或本机受理号）：</source>
        <translation>Or type the number on your receipt (tracking number or kiosk number):</translation>
    </message>
    <message>
        <source>例如 T2026120500042</source>
        <translation>e.g. T2026120500042</translation>
    </message>
    <message>
        <source>办件编号</source>
        <translation>Application number</translation>
    </message>
    <message>
        <source>输入回执上的办件编号，可以输入数字和字母</source>
        <translation>Type the number on your receipt: digits and letters</translation>
    </message>
    <message>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>查询这个编号的办理进度</source>
        <translation>Look up this number</translation>
    </message>
    <message>
        <source>办件编号：{no}</source>
        <translation>Number: {no}</translation>
    </message>
    <message>
        <source>当前状态：{state}</source>
        <translation>Status: {state}</translation>
    </message>
    <message>
        <source>本次一并办理 {n} 个事项：</source>
        <translation>{n} items in this visit:</translation>
    </message>
    <message>
        <source>需工作人员处理：{names}</source>
        <translation>Please see the staff for: {names}</translation>
    </message>
    <message>
        <source>各事项均已提交</source>
        <translation>Every item has been submitted</translation>
    </message>
    <message>
        <source>{name}：{status}（编号 {no}）</source>
        <translation>{name}: {status} (number {no})</translation>
    </message>
    <message>
        <source>请扫描回执上的二维码，或者读身份证，或者输入办件编号查询。</source>
        <translation>Scan the QR code on your receipt, read your ID card, or type the number.</translation>
    </message>
    <message>
        <source>非常满意</source>
        <translation>Very satisfied</translation>
    </message>
    <message>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>基本满意</source>
        <translation>Fairly satisfied</translation>
    </message>
    <message>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <source>非常不满意</source>
        <translation>Very dissatisfied</translation>
    </message>
    <message>
        <source>整体满意度</source>
        <translation>Overall</translation>
    </message>
    <message>
        <source>服务效率</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>服务水平</source>
        <translation>Competence</translation>
    </message>
    <message>
        <source>服务态度</source>
        <translation>Attitude</translation>
    </message>
    <message>
        <source>办事指南不清楚</source>
        <translation>The guide was unclear</translation>
    </message>
    <message>
        <source>材料多或要求反复提交</source>
        <translation>Too many documents, or asked again and again</translation>
    </message>
    <message>
        <source>等候或办理时间长</source>
        <translation>It took too long</translation>
    </message>
    <message>
        <source>自助设备不好用</source>
        <translation>The kiosk was hard to use</translation>
    </message>
    <message>
        <source>服务态度不好</source>
        <translation>Staff attitude</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>{dim}：{n}分，{name}</source>
        <translation>{dim}: {n}, {name}</translation>
    </message>
    <message>
        <source>请您为本次服务评价</source>
        <translation>Please rate this service</translation>
    </message>
    <message>
        <source>评价为{name}</source>
        <translation>Rate as {name}</translation>
    </message>
    <message>
        <source>很抱歉给您带来不便。请告诉我们哪里做得不好（可多选）：</source>
        <translation>We are sorry. Please tell us what went wrong (choose one or more):</translation>
    </message>
    <message>
        <source>分项评价（可不填）</source>
        <translation>Rate in detail (optional)</translation>
    </message>
    <message>
        <source>分别评价服务效率、服务水平、服务态度</source>
        <translation>Rate speed, competence and attitude separately</translation>
    </message>
    <message>
        <source>5 分非常满意，1 分非常不满意</source>
        <translation>5 very satisfied, 1 very dissatisfied</translation>
    </message>
    <message>
        <source>意见或建议（可不填）</source>
        <translation>Comments (optional)</translation>
    </message>
    <message>
        <source>意见或建议</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>可以写下您的意见或建议，也可以不填</source>
        <translation>You may write a comment, or leave it empty</translation>
    </message>
    <message>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>不评价，直接结束</source>
        <translation>Finish without rating</translation>
    </message>
    <message>
        <source>提交评价</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <source>提交您的评价</source>
        <translation>Send your rating</translation>
    </message>
    <message>
        <source>请为本次服务评价：非常满意、满意、基本满意、不满意、非常不满意。也可以跳过。</source>
        <translation>Please rate this service: very satisfied, satisfied, fairly satisfied, dissatisfied or very dissatisfied. You may also skip.</translation>
    </message>
    <message>
        <source>请取走身份证、社保卡等随身物品</source>
        <translation>Please take your ID card, social security card and belongings</translation>
    </message>
    <message>
        <source>回执二维码</source>
        <translation>Receipt QR code</translation>
    </message>
    <message>
        <source>用手机拍下这个二维码，以后可以查询办理进度</source>
        <translation>Photograph this QR code with your phone to track your application later</translation>
    </message>
    <message>
        <source>请用手机拍照留存，以后可以扫码查询进度</source>
        <translation>Take a photo with your phone: scan it later to track your application</translation>
    </message>
    <message>
        <source>办理结束，进入服务评价</source>
        <translation>Finished: rate the service</translation>
    </message>
    <message>
        <source>未能受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>{who}，您申请的“{item}”没有提交成功，请联系工作人员。</source>
        <translation>{who}, your application for “{item}” was not submitted. Please ask staff.</translation>
    </message>
    <message>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>{who}，您申请的“{item}”已受理。</source>
        <translation>{who}, your application for “{item}” has been accepted.</translation>
    </message>
    <message>
        <source>已保存，联网后自动提交</source>
        <translation>Saved: it will be submitted when the network is back</translation>
    </message>
    <message>
        <source>已保存，正在提交</source>
        <translation>Saved: being submitted</translation>
    </message>
    <message>
        <source>{who}，您申请的“{item}”已在本机加密保存。</source>
        <translation>{who}, your application for “{item}” is saved, encrypted, on this kiosk.</translation>
    </message>
    <message>
        <source>本机受理号：{no}</source>
        <translation>Kiosk number: {no}</translation>
    </message>
    <message>
        <source>{name}：未能受理，需工作人员处理（本机受理号 {no}）</source>
        <translation>{name}: not accepted, please see the staff (local number {no})</translation>
    </message>
    <message>
        <source>{name}：办件编号 {no}</source>
        <translation>{name}: tracking number {no}</translation>
    </message>
    <message>
        <source>{name}：待提交（本机受理号 {no}）</source>
        <translation>{name}: waiting to be submitted (local number {no})</translation>
    </message>
    <message>
        <source>部分事项需工作人员处理</source>
        <translation>Some items need the staff</translation>
    </message>
    <message>
        <source>回执已打印，请取走回执。</source>
        <translation>Your receipt is printed. Please take it.</translation>
    </message>
    <message>
        <source>回执暂时无法打印。</source>
        <translation>The receipt cannot be printed right now.</translation>
    </message>
    <message>
        <source>个人信息处理告知
1. 收集哪些信息：您的身份证件信息、您填写的内容、材料照片；需要刷脸的事项会用到您的照片。
2. 用来做什么：只用于办理您选择的这个事项。
3. 交给谁：办理这个事项的政务服务部门。
4. 怎样保存：网络断开时在本机加密暂存，提交成功后立即删除；刷脸照片只用于本次核验，本机不保存。
5. 您的权利：可以向工作人员查询、更正您的信息，也可以不同意，改到窗口办理。</source>
        <translation>Notice on personal information
1. What is collected: your ID card details, what you enter, photos of your documents; for services with a face check, your photo.
2. What for: only for the service you chose.
3. Who receives it: the government department that handles this service.
4. How it is kept: if the network is down, encrypted on this kiosk and deleted as soon as it is submitted; the face photo is used for this check only and not kept.
5. Your rights: you can ask staff to see or correct your information, or you can decline and apply at a counter instead.</translation>
    </message>
    <message>
        <source>我已阅读并同意《个人信息处理告知》</source>
        <translation>I have read and agree to the notice on personal information</translation>
    </message>
    <message>
        <source>请确认以下信息</source>
        <translation>Please confirm your application</translation>
    </message>
    <message>
        <source>材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>同意个人信息处理告知</source>
        <translation>Agree to the notice on personal information</translation>
    </message>
    <message>
        <source>勾选表示您同意个人信息处理告知</source>
        <translation>Tick to agree to the notice on personal information</translation>
    </message>
    <message>
        <source>查看告知内容</source>
        <translation>Read the notice</translation>
    </message>
    <message>
        <source>显示个人信息处理告知的全文</source>
        <translation>Show the whole notice on personal information</translation>
    </message>
    <message>
        <source>确认提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>信息无误，确认提交申请</source>
        <translation>Everything is right: submit the application</translation>
    </message>
    <message>
        <source>申请人：{name}</source>
        <translation>Applicant: {name}</translation>
    </message>
    <message>
        <source>证件号码：{id}</source>
        <translation>ID number: {id}</translation>
    </message>
    <message>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <source>本事项无需提交材料</source>
        <translation>No documents are needed for this service</translation>
    </message>
    <message>
        <source>• {label}：{n} 页</source>
        <translation>• {label}: {n} page(s)</translation>
    </message>
    <message>
        <source>（应为 {want} 页）</source>
        <translation> (should be {want})</translation>
    </message>
    <message>
        <source>收起告知内容</source>
        <translation>Hide the notice</translation>
    </message>
    <message>
        <source>请确认信息无误，阅读并勾选个人信息处理告知，然后点确认提交。</source>
        <translation>Please check your application, read and tick the notice on personal information, then press Submit.</translation>
    </message>
    <message>
        <source>正在提交，请稍候…</source>
        <translation>Submitting, please wait…</translation>
    </message>
    <message>
        <source>正在处理</source>
        <translation>Working</translation>
    </message>
    <message>
        <source>正在提交，请稍候</source>
        <translation>Submitting, please wait</translation>
    </message>
    <message>
        <source>请不要离开，也不要取走身份证</source>
        <translation>Please stay here and leave your ID card where it is</translation>
    </message>
    <message>
        <source>感谢您的评价</source>
        <translation>Thank you for your rating</translation>
    </message>
    <message>
        <source>我们会尽快改进，工作人员可能会联系您了解情况。</source>
        <translation>We will put it right; staff may contact you to learn more.</translation>
    </message>
    <message>
        <source>祝您生活愉快，欢迎再次使用。</source>
        <translation>Have a good day. Welcome back any time.</translation>
    </message>
    <message>
        <source>网络已断开：可以继续办理，申请保存在本机，联网后自动提交（需联网的事项除外）</source>
        <translation>Offline: you can go on; applications are saved here and submitted when the network is back (except services that need the network)</translation>
    </message>
    <message>
        <source>证明文件将在办结后生成，届时可凭办件编号到政务服务大厅窗口或自助终端打印。</source>
        <translation>The certificate is made when the application is completed; print it then with your application number at a service hall counter or a kiosk.</translation>
    </message>
    <message>
        <source>正在获取证明文件，请稍候…</source>
        <translation>Getting your certificate, please wait…</translation>
    </message>
    <message>
        <source>证明文件</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>本机未配置 A4 打印机</source>
        <translation>This kiosk has no A4 printer</translation>
    </message>
    <message>
        <source>A4 打印机状态未知</source>
        <translation>The A4 printer state is unknown</translation>
    </message>
    <message>
        <source>可凭验证码到政务服务大厅窗口或其他自助终端打印。</source>
        <translation>You can print it with the verification code at a service hall counter or another kiosk.</translation>
    </message>
    <message>
        <source>上下滑动查看每一页</source>
        <translation>Swipe up and down to see each page</translation>
    </message>
    <message>
        <source>文件预览</source>
        <translation>Document preview</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Smaller</translation>
    </message>
    <message>
        <source>缩小页面</source>
        <translation>Make the page smaller</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Larger</translation>
    </message>
    <message>
        <source>放大页面</source>
        <translation>Make the page larger</translation>
    </message>
    <message>
        <source>不打印</source>
        <translation>Do not print</translation>
    </message>
    <message>
        <source>不打印，继续</source>
        <translation>Do not print, continue</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>在本机打印这份文件</source>
        <translation>Print this document here</translation>
    </message>
    <message>
        <source>共 {n} 页    验证码：{code}</source>
        <translation>{n} page(s)    Verification code: {code}</translation>
    </message>
    <message>
        <source>{why}。{later}</source>
        <translation>{why}. {later}</translation>
    </message>
    <message>
        <source>A4 打印机暂不可用</source>
        <translation>The A4 printer is not available</translation>
    </message>
    <message>
        <source>正在打印，请稍候…</source>
        <translation>Printing, please wait…</translation>
    </message>
    <message>
        <source>文件已打印，请取走</source>
        <translation>Printed: please take your document</translation>
    </message>
    <message>
        <source>重新打印</source>
        <translation>Print again</translation>
    </message>
    <message>
        <source>未能打印</source>
        <translation>Could not print</translation>
    </message>
    <message>
        <source>办理“{item}”需要确认是您本人在办理：摄像头会拍下您现在的照片，与您证件上的照片比对一次。</source>
        <translation>For &quot;{item}&quot; we need to confirm it is you: the camera takes a picture of you now and compares it once with the photo on your ID card.</translation>
    </message>
    <message>
        <source>照片只用于这一次比对，比对后不保存，也不用于其他用途。人脸属于敏感个人信息，需要您单独同意。</source>
        <translation>The picture is used for this one comparison only; it is not kept and not used for anything else. A face is sensitive personal information, so we ask for your separate consent.</translation>
    </message>
    <message>
        <source>您是否同意进行人脸核验？不同意也可以用其他方式办理。</source>
        <translation>Do you agree to the face check? If not, you can still continue another way.</translation>
    </message>
    <message>
        <source>不刷脸也可以办理，请选择一种方式：</source>
        <translation>You can continue without the face check. Please choose a way:</translation>
    </message>
    <message>
        <source>人脸核验需要您的同意</source>
        <translation>The face check needs your consent</translation>
    </message>
    <message>
        <source>用政务 App 身份码验证</source>
        <translation>Use the government app&apos;s identity code</translation>
    </message>
    <message>
        <source>打开政务 App 的身份码，对准摄像头</source>
        <translation>Open the identity code in the government app and hold it to the camera</translation>
    </message>
    <message>
        <source>请工作人员核验</source>
        <translation>Ask staff to verify</translation>
    </message>
    <message>
        <source>在这里稍等，工作人员过来核对您的证件</source>
        <translation>Wait here; a member of staff will come and check your ID</translation>
    </message>
    <message>
        <source>改为同意刷脸</source>
        <translation>Agree to the face check after all</translation>
    </message>
    <message>
        <source>同意人脸核验，打开摄像头</source>
        <translation>Agree to the face check and open the camera</translation>
    </message>
    <message>
        <source>不同意</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>不刷脸，选择其他方式验证身份</source>
        <translation>No face check: choose another way to prove who you are</translation>
    </message>
    <message>
        <source>同意</source>
        <translation>Agree</translation>
    </message>
    <message>
        <source>请选择其他验证方式</source>
        <translation>Please choose another way to verify</translation>
    </message>
    <message>
        <source>不授权，继续拍照提交</source>
        <translation>Decline and photograph the documents instead</translation>
    </message>
    <message>
        <source>同意授权</source>
        <translation>Agree</translation>
    </message>
    <message>
        <source>同意本机查询我的电子证照，仅用于本次办理</source>
        <translation>Agree that this kiosk looks up my electronic licences, for this application only</translation>
    </message>
    <message>
        <source>未找到可用于此项材料的电子证照，请拍照提交。</source>
        <translation>No electronic licence fits this document. Please photograph it.</translation>
    </message>
    <message>
        <source>请选择要使用的电子证照：</source>
        <translation>Choose the electronic licence to use:</translation>
    </message>
    <message>
        <source>{kind}  {number}
{issuer}  有效期至 {until}</source>
        <translation>{kind}  {number}
{issuer}  valid until {until}</translation>
    </message>
    <message>
        <source>使用{kind}作为材料</source>
        <translation>Use {kind} as the document</translation>
    </message>
    <message>
        <source>您可以继续拍照提交材料。</source>
        <translation>You can photograph the documents instead.</translation>
    </message>
    <message>
        <source>正在查询您的电子证照…</source>
        <translation>Looking up your electronic licences…</translation>
    </message>
    <message>
        <source>暂时无法查询电子证照，请拍照提交材料。</source>
        <translation>Electronic licences cannot be looked up right now. Please photograph the documents.</translation>
    </message>
    <message>
        <source>暂时无法为您推荐，您可以继续办理当前事项。</source>
        <translation>Suggestions cannot be looked up right now. You can go on with your current item.</translation>
    </message>
    <message>
        <source>本机可以凭您的身份信息，请政务服务平台查看您的证照和社保记录，为您推荐现在需要办理的事项（例如证件快到期、养老金资格认证）。查询结果只显示在本屏幕上，不在本机保存，也不打印。</source>
        <translation>With your identity, this kiosk can ask the government service platform to look at your licences and social insurance records and suggest what you may need to do now (for example a card about to expire, or your pension qualification check). The answer is only shown on this screen: it is not kept on this kiosk and not printed.</translation>
    </message>
    <message>
        <source>办理</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>办理推荐的事项：{name}</source>
        <translation>Apply for the suggested item: {name}</translation>
    </message>
    <message>
        <source>为您推荐需要办理的事项</source>
        <translation>Suggestions for you</translation>
    </message>
    <message>
        <source>不用了</source>
        <translation>No, thanks</translation>
    </message>
    <message>
        <source>不用推荐，继续办理当前事项</source>
        <translation>No suggestions; go on with the current item</translation>
    </message>
    <message>
        <source>为您推荐</source>
        <translation>Suggest for me</translation>
    </message>
    <message>
        <source>同意查询您的记录并推荐事项</source>
        <translation>Agree that your records are looked at and items suggested</translation>
    </message>
    <message>
        <source>继续办理当前事项：{name}</source>
        <translation>Go on with the current item: {name}</translation>
    </message>
    <message>
        <source>继续办理本事项</source>
        <translation>Continue with this item</translation>
    </message>
    <message>
        <source>正在为您查询，请稍候…</source>
        <translation>Looking it up, please wait…</translation>
    </message>
    <message>
        <source>暂无为您推荐的事项</source>
        <translation>Nothing to suggest for you right now</translation>
    </message>
    <message>
        <source>请输入，输入完按确认键</source>
        <translation>Type now; press Enter when you have finished</translation>
    </message>
    <message>
        <source>音量：小</source>
        <translation>Volume: low</translation>
    </message>
    <message>
        <source>音量：中</source>
        <translation>Volume: mid</translation>
    </message>
    <message>
        <source>音量：大</source>
        <translation>Volume: high</translation>
    </message>
    <message>
        <source>语速：慢</source>
        <translation>Speed: slow</translation>
    </message>
    <message>
        <source>语速：中</source>
        <translation>Speed: mid</translation>
    </message>
    <message>
        <source>语速：快</source>
        <translation>Speed: fast</translation>
    </message>
    <message>
        <source>轮椅模式</source>
        <translation>Wheelchair</translation>
    </message>
    <message>
        <source>把说明和所有按钮移到屏幕下部，坐着也够得到</source>
        <translation>Move the instructions and all buttons to the lower part of the screen, in reach when seated</translation>
    </message>
    <message>
        <source>音量分小、中、大三档，点一下换一档</source>
        <translation>Three volume steps, low, mid and high: each touch moves one step</translation>
    </message>
    <message>
        <source>语速分慢、中、快三档，点一下换一档</source>
        <translation>Three speech speeds, slow, mid and fast: each touch moves one step</translation>
    </message>
    <message>
        <source>按钮，{name}</source>
        <translation>Button, {name}</translation>
    </message>
    <message>
        <source>已选择，{name}</source>
        <translation>Selected, {name}</translation>
    </message>
    <message>
        <source>未选择，{name}</source>
        <translation>Not selected, {name}</translation>
    </message>
    <message>
        <source>已勾选，{name}</source>
        <translation>Ticked, {name}</translation>
    </message>
    <message>
        <source>未勾选，{name}</source>
        <translation>Not ticked, {name}</translation>
    </message>
    <message>
        <source>输入框，{name}，已填写</source>
        <translation>Text field, {name}, filled in</translation>
    </message>
    <message>
        <source>输入框，{name}，未填写</source>
        <translation>Text field, {name}, empty</translation>
    </message>
    <message>
        <source>{what}，暂不可用</source>
        <translation>{what}, not available yet</translation>
    </message>
    <message>
        <source>工作人员核验通过（工作人员操作）</source>
        <translation>Identity confirmed by staff (staff only)</translation>
    </message>
    <message>
        <source>工作人员核对证件后点这里，输入工作人员密码</source>
        <translation>For staff: after checking the ID card, tap here and enter the staff PIN</translation>
    </message>
    <message>
        <source>本机不能由工作人员现场核验身份，工作人员来后会带您到窗口办理。</source>
        <translation>Staff cannot confirm your identity at this machine; when they come, they will take you to a service window.</translation>
    </message>
    <message>
        <source>工作人员核验：请输入工作人员密码</source>
        <translation>Staff verification: enter the staff PIN</translation>
    </message>
    <message>
        <source>工作人员密码</source>
        <translation>Staff PIN</translation>
    </message>
    <message>
        <source>只能输入数字</source>
        <translation>digits only</translation>
    </message>
    <message>
        <source>密码不正确，请重试。</source>
        <translation>Wrong PIN, please try again.</translation>
    </message>
    <message>
        <source>密码错误次数过多，已锁定，请 {time} 后重试</source>
        <translation>Too many wrong PINs: locked, try again in {time}</translation>
    </message>
    <message>
        <source>工作人员已核验您的身份，请继续办理。</source>
        <translation>The staff have confirmed your identity. Please continue.</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>确认工作人员密码</source>
        <translation>Confirm the staff PIN</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>返回其他验证方式</source>
        <translation>Back to the other ways to verify</translation>
    </message>
</context>
</TS>
