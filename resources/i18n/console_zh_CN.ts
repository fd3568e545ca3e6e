<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="120"/>
        <source>Cannot start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="145"/>
        <source>Caller-ID listener on port {0}</source>
        <translation>来电号码接口已在端口 {0} 监听</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="149"/>
        <source>Caller-ID listener not started: {0}</source>
        <translation>来电号码接口未启动：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="194"/>
        <source>Signed in offline: the password was checked on this computer.</source>
        <translation>已离线登录：密码在本机核验。</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <location filename="../../ui/case_detail.py" line="42"/>
        <source>No such case.</source>
        <translation>没有这个工单。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="66"/>
        <source>Not done: a reason is required for this action.</source>
        <translation>未执行：此操作需要填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="74"/>
        <source>Not done: {0}</source>
        <translation>未执行：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="77"/>
        <source>{0}: {1} done.</source>
        <translation>{0}：已{1}。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="89"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="92"/>
        <source>Leaders&apos; instructions</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="95"/>
        <source>Case facts</source>
        <translation>工单信息</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="98"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="100"/>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="103"/>
        <source>Timeline</source>
        <translation>办理过程</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="104"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="104"/>
        <location filename="../../ui/case_detail.py" line="112"/>
        <location filename="../../ui/case_detail.py" line="154"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="104"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="104"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="105"/>
        <source>Reason / details</source>
        <translation>原因 / 详情</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="114"/>
        <location filename="../../ui/case_detail.py" line="116"/>
        <location filename="../../ui/case_detail.py" line="244"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="117"/>
        <source>Do it</source>
        <translation>执行</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="117"/>
        <source>Do the chosen action</source>
        <translation>执行所选操作</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="119"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="126"/>
        <source>Lead department</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="129"/>
        <location filename="../../ui/case_detail.py" line="137"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="130"/>
        <location filename="../../ui/case_detail.py" line="139"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="132"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="133"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="141"/>
        <source>Merge into case number</source>
        <translation>并入的工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="142"/>
        <source>Case number to merge into</source>
        <translation>要并入的工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="143"/>
        <source>Instruction level</source>
        <translation>批示级别</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="146"/>
        <source>Extension</source>
        <translation>延期时长</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="147"/>
        <source>Answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="155"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="175"/>
        <source>No case open: press Enter on a row of the queue.</source>
        <translation>未打开工单：在工单列表中选中一行按回车。</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="189"/>
        <source>Leader&apos;s pick: handle first</source>
        <translation>领导点球：优先办理</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="191"/>
        <source>Supervised {0} times</source>
        <translation>已督办 {0} 次</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="195"/>
        <source>Deadline: {0} ({1})</source>
        <translation>时限：{0}（{1}）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="196"/>
        <source>No deadline running</source>
        <translation>当前无办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="199"/>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="200"/>
        <source>Caller: {0}</source>
        <translation>来电人：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="200"/>
        <source> (repeat caller)</source>
        <translation>（重复来电）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="204"/>
        <source>Received: {0}</source>
        <translation>受理时间：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="207"/>
        <source>Lead: {0}</source>
        <translation>主办：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="208"/>
        <source>; assisting: {0}</source>
        <translation>；协办：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="210"/>
        <source>Merged into {0}</source>
        <translation>已并入 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="212"/>
        <source>Callback: satisfied {0}, resolved {1}</source>
        <translation>回访：满意 {0}，解决 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="213"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="213"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="244"/>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="245"/>
        <source>Required for this action</source>
        <translation>此操作必须填写</translation>
    </message>
    <message>
        <location filename="../../ui/case_detail.py" line="245"/>
        <source>Optional</source>
        <translation>选填</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="312"/>
        <source>Number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="312"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="312"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="312"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="313"/>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
</context>
<context>
    <name>CheatSheet</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="72"/>
        <location filename="../../ui/shortcuts.py" line="73"/>
        <location filename="../../ui/shortcuts.py" line="75"/>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="76"/>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="76"/>
        <source>Action</source>
        <translation>功能</translation>
    </message>
</context>
<context>
    <name>Countdown</name>
    <message>
        <location filename="../../ui/queue_model.py" line="60"/>
        <source>{0}d {1}h</source>
        <translation>{0}天{1}小时</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="62"/>
        <source>{0}h {1}m</source>
        <translation>{0}小时{1}分</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="64"/>
        <source>{0}m</source>
        <translation>{0}分钟</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="66"/>
        <source>overdue {0}</source>
        <translation>超期 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="68"/>
        <source>{0} left</source>
        <translation>剩 {0}</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <location filename="../../ui/error_banner.py" line="53"/>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="54"/>
        <source>Dismiss the error notice</source>
        <translation>关闭错误提示</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="55"/>
        <source>Error notice</source>
        <translation>错误提示</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="64"/>
        <source>The details are in the log file {0}.</source>
        <translation>详细信息已记入日志文件 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="65"/>
        <source>The details were written to the log.</source>
        <translation>详细信息已记入日志。</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="66"/>
        <source>An unexpected error happened ({0}). The console goes on; what you saved is kept.</source>
        <translation>发生意外错误（{0}）。坐席系统继续运行，已保存的内容不受影响。</translation>
    </message>
    <message>
        <location filename="../../ui/error_banner.py" line="68"/>
        <source>{0} unexpected errors happened (the last: {1}). The console goes on; what you saved is kept.</source>
        <translation>已发生 {0} 次意外错误（最近一次：{1}）。坐席系统继续运行，已保存的内容不受影响。</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/intake_form.py" line="147"/>
        <source>The unsaved call from {0} was restored.</source>
        <translation>已恢复 {0} 未保存的来电记录。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="165"/>
        <source>The draft could not be written; it is kept in the form.</source>
        <translation>草稿写入失败，内容仍保留在表单中。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="171"/>
        <source>{0} other unsaved calls</source>
        <translation>另有 {0} 通未保存的来电</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="174"/>
        <source>no number</source>
        <translation>无号码</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="240"/>
        <source>Saved {0}.</source>
        <translation>已保存 {0}。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="253"/>
        <source>No likely duplicate to merge into.</source>
        <translation>没有可并入的疑似重复工单。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="264"/>
        <source>Same matter as {0}</source>
        <translation>与 {0} 为同一事项</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="270"/>
        <source>Saved {0} and merged it into {1}.</source>
        <translation>已保存 {0} 并并入 {1}。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="301"/>
        <source>Caller&apos;s phone</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="302"/>
        <source>138 0013 8000 or 028-8600 1234</source>
        <translation>138 0013 8000 或 028-8600 1234</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="303"/>
        <source>Caller&apos;s name</source>
        <translation>来电人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="305"/>
        <source>Request type</source>
        <translation>诉求类型</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="306"/>
        <location filename="../../ui/intake_form.py" line="335"/>
        <source>Choose...</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="309"/>
        <location filename="../../ui/intake_form.py" line="434"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="310"/>
        <source>Type Chinese or pinyin initials, e.g. wy</source>
        <translation>输入中文或拼音首字母，如 wy</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="311"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="319"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="320"/>
        <source>Road, compound or landmark</source>
        <translation>道路、小区或地标</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="326"/>
        <location filename="../../ui/intake_form.py" line="441"/>
        <source>Description</source>
        <translation>诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="328"/>
        <source>What happened, where, since when, what the caller asks for</source>
        <translation>发生了什么、在哪里、从何时开始、来电人有何诉求</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="331"/>
        <location filename="../../ui/intake_form.py" line="445"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="334"/>
        <source>Transfer to</source>
        <translation>转接至</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="336"/>
        <source>110 Police</source>
        <translation>110 报警</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="336"/>
        <source>119 Fire</source>
        <translation>119 火警</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="337"/>
        <source>120 Ambulance</source>
        <translation>120 急救</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="337"/>
        <source>122 Traffic police</source>
        <translation>122 交通事故</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="340"/>
        <source>EMERGENCY: a threat to life or public safety is not a hotline case. Transfer the caller now to 110 (police), 119 (fire) or 120 (ambulance), stay on the line until they answer, then save: the transfer is logged.</source>
        <translation>紧急情况：危及生命或公共安全的事项不属于热线受理范围。请立即将来电转接 110（报警）、119（火警）或 120（急救），等对方接听后再保存：转接会被记录。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="342"/>
        <source>Emergency transfer instruction</source>
        <translation>紧急转接提示</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="345"/>
        <source>Disposition</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="346"/>
        <source>Save as received (decide later)</source>
        <translation>仅受理（稍后处置）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="347"/>
        <source>Answer directly</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="347"/>
        <source>Dispatch to a department</source>
        <translation>派单至部门</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="349"/>
        <source>Answer given to the caller</source>
        <translation>答复来电人的内容</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="352"/>
        <source>Cited knowledge article</source>
        <translation>引用的知识库条目</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="354"/>
        <source>Lead department</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="355"/>
        <source>Assisting departments</source>
        <translation>协办单位</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="362"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="365"/>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="365"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="366"/>
        <source>Save and dispatch (Ctrl+Enter)</source>
        <translation>保存并派单 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="367"/>
        <source>Save and dispatch</source>
        <translation>保存并派单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="369"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="369"/>
        <source>Discard draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="370"/>
        <source>Other unsaved calls</source>
        <translation>其他未保存的来电</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="375"/>
        <source>Repeat caller</source>
        <translation>重复来电</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="378"/>
        <source>Caller history</source>
        <translation>来电历史</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="380"/>
        <source>Caller&apos;s earlier cases</source>
        <translation>来电人以往工单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="382"/>
        <location filename="../../ui/intake_form.py" line="398"/>
        <source>Likely duplicates</source>
        <translation>疑似重复工单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="397"/>
        <source>Likely duplicates: Ctrl+M merges the call into the selected one</source>
        <translation>疑似重复工单：Ctrl+M 将本次来电并入所选工单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="400"/>
        <source>Merge (Ctrl+M)</source>
        <translation>并单 (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="401"/>
        <source>Merge into the selected duplicate</source>
        <translation>并入所选重复工单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="409"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="429"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="431"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="436"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="440"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="460"/>
        <source>Lead</source>
        <translation>主办</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="461"/>
        <source>Assisting</source>
        <translation>协办</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="479"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="599"/>
        <source>Unknown district; pick one from the list.</source>
        <translation>没有这个区县，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="609"/>
        <source>Choose the lead department...</source>
        <translation>请选择主办单位…</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="635"/>
        <source>Choose the request type to see the deadline.</source>
        <translation>选择诉求类型后显示办理时限。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="638"/>
        <source>Emergency: transferred, no hotline deadline.</source>
        <translation>紧急情况：已转接，热线不计时限。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="644"/>
        <source>Answered directly: closed on the call, no deadline.</source>
        <translation>直接答复：通话中办结，无办理时限。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="646"/>
        <source>Deadline: sign for by {0}, reply by {1}</source>
        <translation>时限：{0} 前签收，{1} 前答复</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="650"/>
        <source>Deadline: dispatch by {0}</source>
        <translation>时限：{0} 前派单</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="676"/>
        <source>Caller history appears when the number is complete.</source>
        <translation>号码输入完整后显示来电历史。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="680"/>
        <source>{0}: {1} earlier cases</source>
        <translation>{0}：以往工单 {1} 件</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="683"/>
        <source>Repeat caller: called within the last 30 days</source>
        <translation>重复来电：30 天内来电过</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="706"/>
        <source>Cited article: {0}</source>
        <translation>引用条目：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="707"/>
        <source>No article cited (choose one in the knowledge panel)</source>
        <translation>未引用知识条目（在知识库面板中选择）</translation>
    </message>
    <message>
        <location filename="../../ui/intake_form.py" line="756"/>
        <source>Not saved: correct the marked fields. Nothing was lost.</source>
        <translation>未保存：请修改标出的字段，已填内容不会丢失。</translation>
    </message>
</context>
<context>
    <name>IntakeMessages</name>
    <message>
        <location filename="../../ui/intake_messages.py" line="13"/>
        <source>Too long: at most {0} characters.</source>
        <translation>太长：最多 {0} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="15"/>
        <source>Not a valid mainland mobile or landline number (e.g. 138 0013 8000 or 028-8600 1234).</source>
        <translation>不是有效的大陆手机或固话号码（如 138 0013 8000 或 028-8600 1234）。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="18"/>
        <source>Write at least {0} characters.</source>
        <translation>至少写 {0} 个字。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="19"/>
        <source>Describe the request.</source>
        <translation>请填写诉求内容。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="21"/>
        <source>Choose the request type.</source>
        <translation>请选择诉求类型。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="23"/>
        <source>Choose a category.</source>
        <translation>请选择分类。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="23"/>
        <source>Unknown category; pick one from the list.</source>
        <translation>没有这个分类，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="25"/>
        <source>Choose the district where it happens.</source>
        <translation>请选择事发区县。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="26"/>
        <source>Unknown district; pick one from the list.</source>
        <translation>没有这个区县，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="28"/>
        <source>Give the place: road, compound or landmark.</source>
        <translation>请填写地点：道路、小区或地标。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="30"/>
        <source>An emergency is transferred: choose 110, 119 or 120.</source>
        <translation>紧急情况须转接：请选择 110、119 或 120。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="32"/>
        <source>A call is either answered directly or dispatched, not both.</source>
        <translation>一次来电要么直接答复，要么派单，不能两者都选。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="34"/>
        <source>Unknown department; pick one from the list.</source>
        <translation>没有这个单位，请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../ui/intake_messages.py" line="36"/>
        <source>Choose the urgency.</source>
        <translation>请选择紧急程度。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/lock.py" line="45"/>
        <source>This seat is locked</source>
        <translation>本坐席已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="49"/>
        <source>A call is waiting: unlock to take it.</source>
        <translation>有来电等待：解锁后接听。</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="53"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="56"/>
        <source>Sign in as another operator</source>
        <translation>换其他坐席登录</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="84"/>
        <source>{0} ({1}) is signed in. Type the password to unlock. Another operator may sign in instead: {0}&apos;s unsaved call then stays saved as a draft.</source>
        <translation>{0}（{1}）已登录。输入密码即可解锁。也可换其他坐席登录：{0}未保存的来电将保留为其草稿。</translation>
    </message>
    <message>
        <location filename="../../ui/lock.py" line="56"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="79"/>
        <source>Incoming call from {0}</source>
        <translation>来电：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="97"/>
        <location filename="../../ui/main_window.py" line="217"/>
        <source>Local only</source>
        <translation>仅本地</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="99"/>
        <location filename="../../ui/main_window.py" line="104"/>
        <source>{0} unsynced changes</source>
        <translation>{0} 条变更未同步</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="103"/>
        <source>syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="107"/>
        <source>last sync {0}</source>
        <translation>上次同步 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="109"/>
        <source>{0} need attention</source>
        <translation>{0} 项待处理</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>12345 Hotline Console</source>
        <translation>12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="135"/>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>Call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>Case</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="212"/>
        <source>{0} ({1}) · {2}</source>
        <translation>{0}（{1}）· {2}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>Operator and role</source>
        <translation>坐席与角色</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>Call timer</source>
        <translation>通话计时</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="218"/>
        <source>Sync state</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>Operator</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>Team lead</source>
        <translation>班长</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Department liaison</source>
        <translation>部门联络员</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286"/>
        <source>No call</source>
        <translation>无通话</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>Call {0}</source>
        <translation>通话 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>Ended {0}</source>
        <translation>已结束 {0}</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="91"/>
        <source>Number</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="91"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="91"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="92"/>
        <source>Urgency</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="92"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="93"/>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="93"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="94"/>
        <source>Lead department</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="94"/>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="95"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="238"/>
        <source>Leader&apos;s instruction</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="240"/>
        <source>Leader&apos;s pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="242"/>
        <source>Supervised</source>
        <translation>已督办</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="244"/>
        <source>Repeat caller</source>
        <translation>重复来电</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/queue_panel.py" line="136"/>
        <source>Queue views</source>
        <translation>工单视图</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="145"/>
        <source>Filter: number, phone or words</source>
        <translation>筛选：编号、电话或关键词</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="146"/>
        <source>Queue filter</source>
        <translation>工单筛选</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="162"/>
        <source>Any state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="163"/>
        <source>Any category</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="165"/>
        <source>Any district</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="166"/>
        <source>Any department</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="170"/>
        <source>Case queue</source>
        <translation>工单列表</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="195"/>
        <source>Number of cases shown</source>
        <translation>显示的工单数</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="246"/>
        <source>Searching the descriptions...</source>
        <translation>正在检索诉求内容……</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="250"/>
        <source>{0} cases</source>
        <translation>共 {0} 件</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="56"/>
        <source>New call (from anywhere)</source>
        <translation>新来电（任何位置）</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="56"/>
        <source>Save the call</source>
        <translation>保存来电</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="56"/>
        <source>Save and dispatch to the lead department</source>
        <translation>保存并派给主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="57"/>
        <source>Merge the call into the selected likely duplicate</source>
        <translation>将来电并入所选疑似重复工单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="57"/>
        <source>Discard the draft</source>
        <translation>放弃草稿</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="58"/>
        <source>Go to the caller&apos;s phone</source>
        <translation>跳到来电号码</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="58"/>
        <source>Go to the description</source>
        <translation>跳到诉求内容</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="58"/>
        <source>Search the knowledge base</source>
        <translation>搜索知识库</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="59"/>
        <source>Insert the selected article&apos;s answer into the reply</source>
        <translation>将所选知识条目的答复插入答复栏</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="60"/>
        <source>Filter the queue</source>
        <translation>筛选工单列表</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="60"/>
        <source>Open the selected case</source>
        <translation>打开所选工单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="60"/>
        <source>Back to the call form</source>
        <translation>回到来电表单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="61"/>
        <source>Refresh the queue and counts</source>
        <translation>刷新工单列表和计数</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="61"/>
        <source>Queue: My cases</source>
        <translation>视图：我的工单</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="61"/>
        <source>Queue: Due today</source>
        <translation>视图：今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>Queue: Overdue</source>
        <translation>视图：已超期</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>Queue: Urgent</source>
        <translation>视图：紧急</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>Queue: All open</source>
        <translation>视图：全部在办</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="62"/>
        <source>Queue: Waiting for callback</source>
        <translation>视图：待回访</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="63"/>
        <source>Queue: All</source>
        <translation>视图：全部</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="63"/>
        <source>This list of shortcuts</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="63"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="44"/>
        <source>Lock the seat</source>
        <translation>锁定坐席</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/sign_in.py" line="172"/>
        <source>Sign in - 12345 Hotline Console</source>
        <translation>登录 - 12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="172"/>
        <source>12345 Hotline Console</source>
        <translation>12345 热线坐席工作台</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="176"/>
        <source>Sign in with your own login name and password.</source>
        <translation>请用您本人的登录名和密码登录。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="184"/>
        <source>Demo profile: every demo operator (op01 to op05, lead01, admin) has the password {0}. A real profile never has it.</source>
        <translation>演示档案：所有演示账号（op01 至 op05、lead01、admin）的密码都是 {0}。正式档案没有这个密码。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="187"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>SignInForm</name>
    <message>
        <location filename="../../ui/sign_in.py" line="66"/>
        <source>Checking the password…</source>
        <translation>正在核验密码…</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="31"/>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="75"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="81"/>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="31"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="91"/>
        <source>&amp;Login name</source>
        <translation>登录名(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="92"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="144"/>
        <source>You can try again now.</source>
        <translation>现在可以再试。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="152"/>
        <source>Type your login name and password.</source>
        <translation>请输入登录名和密码。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="154"/>
        <source>Wrong login name or password.</source>
        <translation>登录名或密码错误。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="156"/>
        <source>The central server cannot be reached, and this operator has never signed in on this computer while it could. Sign in once while the central server is reachable.</source>
        <translation>无法连接中心服务器，而该坐席从未在连得上中心服务器时在本机登录过。请在能连接中心服务器时先登录一次。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="159"/>
        <source>Too many wrong passwords. Try again in {0} s.</source>
        <translation>密码错误次数过多，请 {0} 秒后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="162"/>
        <source>The sign-in was refused: {0}</source>
        <translation>登录被拒绝：{0}</translation>
    </message>
    <message>
        <location filename="../../ui/sign_in.py" line="163"/>
        <source>The sign-in failed ({0}). Try again, or ask the administrator.</source>
        <translation>登录失败（{0}）。请重试，或联系管理员。</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <location filename="../../ui/terms.py" line="15"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="15"/>
        <source>Received</source>
        <translation>已受理</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="15"/>
        <source>Answered directly</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="16"/>
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="16"/>
        <source>Signed for</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="16"/>
        <source>Returned</source>
        <translation>已退单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="17"/>
        <source>Extended</source>
        <translation>延期中</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="17"/>
        <source>Replied</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="17"/>
        <location filename="../../ui/terms.py" line="27"/>
        <source>Waiting for callback</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="18"/>
        <source>Reopened</source>
        <translation>重办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="18"/>
        <source>Closed</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="18"/>
        <source>Merged</source>
        <translation>已并单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="21"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="21"/>
        <source>Help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="21"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="22"/>
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="22"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="22"/>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="22"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="24"/>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="24"/>
        <location filename="../../ui/terms.py" line="27"/>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="24"/>
        <source>Emergency</source>
        <translation>特急</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="26"/>
        <source>My cases</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="26"/>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="26"/>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="27"/>
        <source>All open</source>
        <translation>全部在办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="28"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="31"/>
        <source>Receive</source>
        <translation>受理</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="31"/>
        <source>Answer directly</source>
        <translation>直接答复</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="31"/>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="32"/>
        <source>Sign for</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="32"/>
        <source>Return</source>
        <translation>退单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="32"/>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="33"/>
        <source>Approve extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="33"/>
        <source>Reject extension</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="34"/>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="34"/>
        <source>Queue for callback</source>
        <translation>转待回访</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="34"/>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="35"/>
        <source>Reopen</source>
        <translation>重办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="35"/>
        <source>Close</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="35"/>
        <source>Cancel case</source>
        <translation>撤销工单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="36"/>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="36"/>
        <source>Merge</source>
        <translation>并单</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="36"/>
        <source>Supervise</source>
        <translation>督办</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="37"/>
        <source>Leader&apos;s instruction</source>
        <translation>领导批示</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="37"/>
        <source>Leader&apos;s pick</source>
        <translation>领导点球</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="37"/>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="38"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="40"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="40"/>
        <source>District</source>
        <translation>区级</translation>
    </message>
    <message>
        <location filename="../../ui/terms.py" line="40"/>
        <source>Township</source>
        <translation>街镇级</translation>
    </message>
</context>
</TS>
