<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AddCameraDialog</name>
    <message>
        <source>Add RTSP camera</source>
        <translation>添加 RTSP 摄像机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. Gate north</source>
        <translation>例如：北大门</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Optional, e.g. Depot</source>
        <translation>可选，例如：车辆段</translation>
    </message>
    <message>
        <source>Main stream</source>
        <translation>主码流</translation>
    </message>
    <message>
        <source>Sub-stream</source>
        <translation>子码流</translation>
    </message>
    <message>
        <source>Optional, e.g. …/Channels/102</source>
        <translation>可选，例如：…/Channels/102</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Press Test to check the main stream before adding the camera.</source>
        <translation>添加前可点击“测试”检查主码流是否可用。</translation>
    </message>
    <message>
        <source>Live: %1×%2 %3</source>
        <translation>实时预览：%1×%2 %3</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Open the main stream here without adding the camera</source>
        <translation>在此预览主码流，不添加摄像机</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
</context>
<context>
    <name>AddDevicesDialog</name>
    <message>
        <source>Added “%1” to the camera list. Drag it onto any tile of the wall.</source>
        <translation>已将“%1”加入摄像机列表。可将其拖到电视墙的任意窗格上。</translation>
    </message>
    <message>
        <source>Check the user name and password. Many cameras keep a separate ONVIF user list in their web page (Network → ONVIF or Integration).</source>
        <translation>请检查用户名和密码。许多摄像机在其网页中单独维护 ONVIF 用户列表（网络 → ONVIF 或“集成协议”）。</translation>
    </message>
    <message>
        <source>Set the camera&apos;s clock (NTP, or synchronise with this PC in its web page), then test again.</source>
        <translation>请校准摄像机的时钟（使用 NTP，或在其网页中与本机同步），然后重新测试。</translation>
    </message>
    <message>
        <source>Check the address and port, that the camera is switched on, and that this PC can reach it (cable, VLAN, firewall).</source>
        <translation>请检查地址和端口、摄像机是否已通电，以及本机能否访问它（网线、VLAN、防火墙）。</translation>
    </message>
    <message>
        <source>The camera is slow or the network is busy: test again, and check the link between this PC and the camera.</source>
        <translation>摄像机响应缓慢或网络繁忙：请重新测试，并检查本机与摄像机之间的网络连接。</translation>
    </message>
    <message>
        <source>Turn ONVIF on in the camera&apos;s web page, or check the port. A camera without ONVIF can be added as an RTSP camera (Add camera).</source>
        <translation>请在摄像机网页中启用 ONVIF，或检查端口。不支持 ONVIF 的摄像机可作为 RTSP 摄像机添加（“添加摄像机”）。</translation>
    </message>
    <message>
        <source>The camera&apos;s ONVIF support is incomplete: update its firmware, or add it as an RTSP camera (Add camera).</source>
        <translation>该摄像机的 ONVIF 支持不完整：请升级其固件，或作为 RTSP 摄像机添加（“添加摄像机”）。</translation>
    </message>
    <message>
        <source>Add ONVIF devices</source>
        <translation>添加 ONVIF 设备</translation>
    </message>
    <message>
        <source>Devices on the network</source>
        <translation>网络中的设备</translation>
    </message>
    <message>
        <source>Other subnets (optional): 10.1.2.10-20, 10.1.3.5</source>
        <translation>其他网段（可选）：10.1.2.10-20, 10.1.3.5</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Ask the cameras on this network (and the addresses typed here) to answer</source>
        <translation>请求本网络中的摄像机（以及此处输入的地址）应答</translation>
    </message>
    <message>
        <source>Searching… devices found: %1</source>
        <translation>正在搜索… 已找到设备：%1 台</translation>
    </message>
    <message>
        <source>Devices found: %1. Tick several to add them with one password, or click one to test it.</source>
        <translation>已找到设备：%1 台。勾选多台可用同一密码批量添加，或点击一台进行测试。</translation>
    </message>
    <message>
        <source>No device answered. Type its address on the right, or add other subnets above.</source>
        <translation>没有设备应答。请在右侧输入设备地址，或在上方添加其他网段。</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>%1 of %2 devices added.</source>
        <translation>已添加 %1/%2 台设备。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.64 or 192.168.1.64:8080</source>
        <translation>例如 192.168.1.64 或 192.168.1.64:8080</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Optional: the device&apos;s model otherwise</source>
        <translation>可选，留空则使用设备型号</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Optional, e.g. Depot</source>
        <translation>可选，例如：车辆段</translation>
    </message>
    <message>
        <source>Asking the device who it is…</source>
        <translation>正在查询设备信息…</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>固件</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Streams</source>
        <translation>码流</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Yes, presets: %1</source>
        <translation>是，预置位：%1 个</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <source>In step with this PC</source>
        <translation>与本机时间一致</translation>
    </message>
    <message>
        <source>%1 off this PC; Vigil allows for it, but set the camera&apos;s clock (NTP) for correct recording times.</source>
        <translation>与本机相差 %1；Vigil 会自动补偿，但请校准摄像机时钟（NTP），以保证录像时间正确。</translation>
    </message>
    <message>
        <source>Test a device to see its picture here.</source>
        <translation>测试设备后，可在此处看到其画面。</translation>
    </message>
    <message>
        <source>Live: %1×%2 %3</source>
        <translation>实时预览：%1×%2 %3</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Adding %1 of %2: %3</source>
        <translation>正在添加第 %1/%2 台：%3</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Ask the device for its model, streams and picture without adding it</source>
        <translation>查询设备的型号、码流和画面，但不添加</translation>
    </message>
    <message>
        <source>Stop adding</source>
        <translation>停止添加</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Add selected (%1)</source>
        <translation>添加所选（%1）</translation>
    </message>
    <message>
        <source>Test and add every ticked device with the user and password above, one after the other</source>
        <translation>使用上方的用户名和密码，逐台测试并添加所有勾选的设备</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Add the tested device to the camera list</source>
        <translation>将已测试的设备加入摄像机列表</translation>
    </message>
    <message>
        <source>%1 of %2 devices added; %3 failed: the reason is on each failed row.</source>
        <translation>已添加 %1/%2 台设备；%3 台失败：失败原因显示在对应行上。</translation>
    </message>
</context>
<context>
    <name>AlarmPopup</name>
    <message>
        <source>Alarm: %1</source>
        <translation>告警：%1</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>移动侦测</translation>
    </message>
    <message>
        <source>Tamper</source>
        <translation>防拆/遮挡</translation>
    </message>
    <message>
        <source>Alarm input</source>
        <translation>报警输入</translation>
    </message>
    <message>
        <source>Priority %1</source>
        <translation>优先级 %1</translation>
    </message>
    <message>
        <source>Close (the alarm stays new in the list)</source>
        <translation>关闭（告警在列表中仍为新告警）</translation>
    </message>
    <message>
        <source>%1 — from %2 at %3</source>
        <translation>%1 — 来自 %2，%3</translation>
    </message>
    <message>
        <source>%1 more new alarms in the list</source>
        <translation>列表中还有 %1 条新告警</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Open in the list</source>
        <translation>在列表中查看</translation>
    </message>
</context>
<context>
    <name>AlarmsView</name>
    <message>
        <source>Motion</source>
        <translation>移动侦测</translation>
    </message>
    <message>
        <source>Tamper</source>
        <translation>防拆/遮挡</translation>
    </message>
    <message>
        <source>Alarm input</source>
        <translation>报警输入</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新告警</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>False alarm</source>
        <translation>误报</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>%1 new, %2 shown</source>
        <translation>%1 条新告警，显示 %2 条</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Priority at least</source>
        <translation>最低优先级</translation>
    </message>
    <message>
        <source>Source contains…</source>
        <translation>来源包含…</translation>
    </message>
    <message>
        <source>No alarms yet.</source>
        <translation>暂无告警。</translation>
    </message>
    <message>
        <source>No alarm matches the filters.</source>
        <translation>没有符合筛选条件的告警。</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Show on the wall</source>
        <translation>上墙显示</translation>
    </message>
    <message>
        <source>Trace back</source>
        <translation>回溯</translation>
    </message>
    <message>
        <source>Play the recordings of the cameras around the alarm, from 30 seconds before it</source>
        <translation>从告警前 30 秒起，回放告警周边摄像机的录像</translation>
    </message>
    <message>
        <source>Linkage rules in force: %1 (alarm_rules.json)</source>
        <translation>生效的联动规则：%1 条（alarm_rules.json）</translation>
    </message>
    <message>
        <source>Reload rules</source>
        <translation>重新加载规则</translation>
    </message>
    <message>
        <source>Read alarm_rules.json again after editing it</source>
        <translation>编辑后重新读取 alarm_rules.json</translation>
    </message>
    <message>
        <source>Webhook: %1</source>
        <translation>Webhook：%1</translation>
    </message>
    <message>
        <source>Show on the map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Linkage rules… (%1)</source>
        <translation>联动规则…（%1）</translation>
    </message>
    <message>
        <source>What the wall, PTZ cameras and recording do when an alarm comes: edit and test the rules</source>
        <translation>报警时电视墙、云台摄像机和录像如何动作：编辑并测试规则</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
</context>
<context>
    <name>BusyOverlay</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>This can take a minute the first time.</source>
        <translation>首次启动可能需要约一分钟。</translation>
    </message>
</context>
<context>
    <name>CameraList</name>
    <message>
        <source>Every tile is in use. Drag the camera onto a tile to replace its camera, or choose a layout with more tiles.</source>
        <translation>所有窗口均已占用。请将摄像机拖到某个窗口上替换原有画面，或选择窗口更多的画面分割。</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Search cameras or groups</source>
        <translation>搜索摄像机或分组</translation>
    </message>
    <message>
        <source>Ungrouped</source>
        <translation>未分组</translation>
    </message>
    <message>
        <source>No cameras yet. Add an RTSP camera with the button above, or start Vigil with --demo to try the demo site.</source>
        <translation>尚无摄像机。请点击上方按钮添加 RTSP 摄像机，或以 --demo 参数启动 Vigil 体验演示站点。</translation>
    </message>
    <message>
        <source>No camera matches “%1”.</source>
        <translation>没有与“%1”匹配的摄像机。</translation>
    </message>
    <message>
        <source>Touring “%1” on tile %2.</source>
        <translation>正在第 %2 个窗格轮巡“%1”。</translation>
    </message>
    <message>
        <source>The group %1 has no camera to tour.</source>
        <translation>分组 %1 中没有可轮巡的摄像机。</translation>
    </message>
    <message>
        <source>Tour this group on the wall</source>
        <translation>在电视墙上轮巡此分组</translation>
    </message>
    <message>
        <source>Tour this group across all tiles</source>
        <translation>在所有窗格中轮巡此分组</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Only cameras that can be watched now: not reported offline, and their platform reachable</source>
        <translation>只显示现在能看的摄像机：未报离线，且所属平台可连接</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>Only cameras that can pan, tilt and zoom</source>
        <translation>只显示能转动和变焦的云台摄像机</translation>
    </message>
    <message>
        <source>On map</source>
        <translation>地图内</translation>
    </message>
    <message>
        <source>Only cameras in the part of the map shown now; follows the map as it moves</source>
        <translation>只显示地图当前显示范围内的摄像机；地图移动时随之更新</translation>
    </message>
    <message>
        <source>Open the map first: this shows only the cameras in the part of the map it shows</source>
        <translation>请先打开地图：此筛选只显示地图当前显示范围内的摄像机</translation>
    </message>
    <message>
        <source>★ Favourites</source>
        <translation>★ 收藏</translation>
    </message>
    <message>
        <source>Only the cameras you starred (click the star at the end of a camera&apos;s row)</source>
        <translation>只显示已收藏的摄像机（点击摄像机行末的星标收藏）</translation>
    </message>
    <message>
        <source>No camera passes the filters above. Turn a filter off to see more.</source>
        <translation>没有摄像机符合上方的筛选条件。关闭一个筛选可看到更多。</translation>
    </message>
    <message>
        <source>No camera matches “%1” with the filters above.</source>
        <translation>在上方的筛选条件下，没有摄像机匹配“%1”。</translation>
    </message>
</context>
<context>
    <name>CameraRow</name>
    <message>
        <source>Drag onto a tile, or double-click to show on the first free tile</source>
        <translation>拖到窗口上播放，或双击在第一个空闲窗口播放</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Its platform cannot be reached now (see Platforms…); the camera stays in the list and plays again when the platform is back</source>
        <translation>其平台当前无法连接（见“平台…”）；摄像机保留在列表中，平台恢复后即可再次播放</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>Remove from favourites</source>
        <translation>取消收藏</translation>
    </message>
    <message>
        <source>Add to favourites</source>
        <translation>收藏</translation>
    </message>
</context>
<context>
    <name>CameraTile</name>
    <message>
        <source>Snapshot saved: %1</source>
        <translation>抓图已保存：%1</translation>
    </message>
    <message>
        <source>The snapshot of %1 could not be saved: there is no picture yet, or the Pictures folder is not writable. Wait for the picture, or check the folder&apos;s permissions.</source>
        <translation>%1 抓图失败：暂无画面，或“图片”文件夹不可写。请等待画面出现，或检查该文件夹的权限。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Buffering…</source>
        <translation>正在缓冲…</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>画面中断</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>正在重连…</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>连接失败</translation>
    </message>
    <message>
        <source>Drag a camera here</source>
        <translation>将摄像机拖到此处</translation>
    </message>
    <message>
        <source>Last frame at %1</source>
        <translation>最后一帧 %1</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>Turn PTZ control off</source>
        <translation>关闭云台控制</translation>
    </message>
    <message>
        <source>Steer this camera (PTZ)</source>
        <translation>控制此摄像机的云台</translation>
    </message>
    <message>
        <source>Click the tile to try again now.</source>
        <translation>单击此窗口立即重试。</translation>
    </message>
    <message>
        <source>Waiting for the keyring…</source>
        <translation>正在等待密钥环…</translation>
    </message>
    <message>
        <source>The snapshot %1 could not be written. Check that the Pictures folder is writable and the disk is not full.</source>
        <translation>快照 %1 无法写入。请检查“图片”文件夹是否可写、磁盘是否已满。</translation>
    </message>
    <message>
        <source>The group %1 has no camera to tour.</source>
        <translation>分组 %1 中没有可轮巡的摄像机。</translation>
    </message>
    <message>
        <source>Tour %1/%2</source>
        <translation>轮巡 %1/%2</translation>
    </message>
    <message>
        <source>Tour paused. Click to resume.</source>
        <translation>轮巡已暂停，点击继续。</translation>
    </message>
    <message>
        <source>Touring: camera %1 of %2, %3 s each. Click to pause.</source>
        <translation>轮巡中：第 %1/%2 台摄像机，每台 %3 秒。点击暂停。</translation>
    </message>
    <message>
        <source>Skipped: %1 (offline)</source>
        <translation>已跳过：%1（离线）</translation>
    </message>
    <message>
        <source>REC</source>
        <translation>录像中</translation>
    </message>
    <message>
        <source>Asking the relay…</source>
        <translation>正在请求转发服务器…</translation>
    </message>
    <message>
        <source>via relay</source>
        <translation>经转发</translation>
    </message>
    <message>
        <source>relay refused</source>
        <translation>转发被拒</translation>
    </message>
    <message numerus="yes">
        <source>Privacy masks of %1 saved: %n area(s) hidden in every view.</source>
        <translation>
            <numerusform>%1 的隐私遮挡已保存：%n 个区域在所有画面中被遮挡。</numerusform>
        </translation>
    </message>
    <message>
        <source>Privacy masks of %1 removed.</source>
        <translation>%1 的隐私遮挡已移除。</translation>
    </message>
</context>
<context>
    <name>KioskOverlay</name>
    <message>
        <source>Enter the kiosk PIN to leave kiosk mode</source>
        <translation>输入展示模式 PIN 码以退出展示模式</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Next try in %n second(s).</source>
        <translation>
            <numerusform>PIN 码错误次数过多。%n 秒后可再次尝试。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Vigil</source>
        <translation>登录 Vigil</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>This PC has users: log in with your name and password.</source>
        <translation>本机已设用户：请输入用户名和密码登录。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message numerus="yes">
        <source>Wait %n s</source>
        <translation>
            <numerusform>请等待 %n 秒</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>6 tiles (1 large + 5)</source>
        <translation>6 画面（1 大 + 5 小）</translation>
    </message>
    <message>
        <source>8 tiles (1 large + 7)</source>
        <translation>8 画面（1 大 + 7 小）</translation>
    </message>
    <message>
        <source>10 tiles (2 large + 8)</source>
        <translation>10 画面（2 大 + 8 小）</translation>
    </message>
    <message>
        <source>13 tiles (1 large + 12)</source>
        <translation>13 画面（1 大 + 12 小）</translation>
    </message>
    <message>
        <source>1 tile</source>
        <translation>单画面</translation>
    </message>
    <message>
        <source>%1 tiles</source>
        <translation>%1 画面</translation>
    </message>
    <message>
        <source>Vigil — demo site</source>
        <translation>Vigil — 演示站点</translation>
    </message>
    <message>
        <source>Vigil</source>
        <translation>Vigil</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>Show or hide the camera list (Ctrl+B)</source>
        <translation>显示或隐藏摄像机列表（Ctrl+B）</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>画面分割</translation>
    </message>
    <message>
        <source>Add camera</source>
        <translation>添加摄像机</translation>
    </message>
    <message>
        <source>Add an RTSP camera by its stream address</source>
        <translation>按码流地址添加 RTSP 摄像机</translation>
    </message>
    <message>
        <source>English</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <source>Interface language. Start Vigil with --lang en or --lang zh_CN to change it.</source>
        <translation>界面语言。如需切换，请以 --lang en 或 --lang zh_CN 参数启动 Vigil。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1)</source>
        <translation>快捷键（F1）</translation>
    </message>
    <message>
        <source>Exit full screen</source>
        <translation>退出全屏</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Full screen (F11)</source>
        <translation>全屏（F11）</translation>
    </message>
    <message>
        <source>Demo site</source>
        <translation>演示站点</translation>
    </message>
    <message>
        <source>%1 cameras</source>
        <translation>共 %1 路摄像机</translation>
    </message>
    <message>
        <source>Layout: %1</source>
        <translation>画面分割：%1</translation>
    </message>
    <message>
        <source>Tile %1 maximized — Esc restores</source>
        <translation>窗口 %1 已最大化 — 按 Esc 还原</translation>
    </message>
    <message>
        <source>Vigil %1</source>
        <translation>Vigil %1</translation>
    </message>
    <message>
        <source>Camera “%1” added and shown on tile %2.</source>
        <translation>已添加摄像机“%1”，并在窗口 %2 播放。</translation>
    </message>
    <message>
        <source>Camera “%1” added. Drag it from the list onto a tile.</source>
        <translation>已添加摄像机“%1”。请将其从列表拖到窗口上播放。</translation>
    </message>
    <message>
        <source>Ctrl+1 … Ctrl+9, Ctrl+0, Ctrl+-</source>
        <translation>Ctrl+1 … Ctrl+9、Ctrl+0、Ctrl+-</translation>
    </message>
    <message>
        <source>Layouts 1, 4, 6, 8, 9, 10, 13, 16, 25, 36, 64 tiles</source>
        <translation>切换 1、4、6、8、9、10、13、16、25、36、64 画面分割</translation>
    </message>
    <message>
        <source>Double-click a tile</source>
        <translation>双击窗口</translation>
    </message>
    <message>
        <source>Maximize or restore the tile</source>
        <translation>最大化或还原该窗口</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Restore the maximized tile, then leave full screen</source>
        <translation>还原最大化的窗口，再次按下退出全屏</translation>
    </message>
    <message>
        <source>F11</source>
        <translation>F11</translation>
    </message>
    <message>
        <source>Full screen on or off</source>
        <translation>进入或退出全屏</translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <source>Show or hide the camera list</source>
        <translation>显示或隐藏摄像机列表</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>Add an RTSP camera</source>
        <translation>添加 RTSP 摄像机</translation>
    </message>
    <message>
        <source>Drag a camera onto a tile</source>
        <translation>将摄像机拖到窗口</translation>
    </message>
    <message>
        <source>Show the camera on that tile</source>
        <translation>在该窗口播放此摄像机</translation>
    </message>
    <message>
        <source>Drag a tile onto a tile</source>
        <translation>将窗口拖到另一窗口</translation>
    </message>
    <message>
        <source>Swap the two tiles</source>
        <translation>交换两个窗口的画面</translation>
    </message>
    <message>
        <source>Right-click a tile</source>
        <translation>右键单击窗口</translation>
    </message>
    <message>
        <source>Tile menu: snapshot, statistics, close</source>
        <translation>窗口菜单：抓图、码流统计、关闭</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>显示本帮助</translation>
    </message>
    <message>
        <source>“%1” shown on tile %2 (the wall was full).</source>
        <translation>“%1”已显示在第 %2 格（电视墙已满）。</translation>
    </message>
    <message>
        <source>“%1” shown on tile %2.</source>
        <translation>“%1”已显示在第 %2 格。</translation>
    </message>
    <message>
        <source>Wall</source>
        <translation>电视墙</translation>
    </message>
    <message>
        <source>The video wall (Ctrl+M switches wall and map)</source>
        <translation>视频墙（Ctrl+M 在电视墙和地图之间切换）</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Cameras and patrol units on the map (Ctrl+M switches wall and map)</source>
        <translation>地图上的摄像机和巡逻单位（Ctrl+M 在电视墙和地图之间切换）</translation>
    </message>
    <message>
        <source>Ctrl+M</source>
        <translation>Ctrl+M</translation>
    </message>
    <message>
        <source>Switch between the wall and the map</source>
        <translation>在电视墙和地图之间切换</translation>
    </message>
    <message>
        <source>Double-click a camera on the map</source>
        <translation>在地图上双击摄像机</translation>
    </message>
    <message>
        <source>Show it live on the wall</source>
        <translation>在电视墙上显示其实时画面</translation>
    </message>
    <message>
        <source>Click the map</source>
        <translation>单击地图</translation>
    </message>
    <message>
        <source>List the nearest patrol units</source>
        <translation>列出最近的巡逻单位</translation>
    </message>
    <message>
        <source>Add ONVIF devices…</source>
        <translation>添加 ONVIF 设备…</translation>
    </message>
    <message>
        <source>Find ONVIF cameras on the network, test them and add one or several (Ctrl+Shift+N)</source>
        <translation>查找网络中的 ONVIF 摄像机，测试后添加一台或多台（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>ONVIF cameras added: %1. Drag them from the list onto tiles.</source>
        <translation>已添加 ONVIF 摄像机：%1 台。可将其从列表拖到窗格上。</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Find and add ONVIF cameras</source>
        <translation>查找并添加 ONVIF 摄像机</translation>
    </message>
    <message>
        <source>Motion alarm: %1 (%2)</source>
        <translation>移动侦测报警：%1（%2）</translation>
    </message>
    <message>
        <source>Tamper alarm: %1 (%2)</source>
        <translation>遮挡/破坏报警：%1（%2）</translation>
    </message>
    <message>
        <source>Alarm input triggered: %1 (%2)</source>
        <translation>报警输入触发：%1（%2）</translation>
    </message>
    <message>
        <source>Alarm: %1 (%2)</source>
        <translation>报警：%1（%2）</translation>
    </message>
    <message>
        <source>“%1” is on tile %2.</source>
        <translation>“%1”已在第 %2 格。</translation>
    </message>
    <message>
        <source>Scene “%1”.</source>
        <translation>预案“%1”。</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>Every wall screen in miniature: drop cameras on them, pick their layouts</source>
        <translation>所有上墙屏幕的缩略图：把摄像机拖到上面，选择各屏布局</translation>
    </message>
    <message>
        <source>Scene: %1 ▾</source>
        <translation>预案：%1 ▾</translation>
    </message>
    <message>
        <source>Scenes ▾</source>
        <translation>预案 ▾</translation>
    </message>
    <message>
        <source>Scenes (预案): the whole wall saved under a name and switched at one click (Alt+1 … Alt+9)</source>
        <translation>预案：整面电视墙按名称保存，一键切换（Alt+1 … Alt+9）</translation>
    </message>
    <message>
        <source>Save the wall as a scene…</source>
        <translation>将当前电视墙保存为预案…</translation>
    </message>
    <message>
        <source>Delete scene “%1”</source>
        <translation>删除预案“%1”</translation>
    </message>
    <message>
        <source>Delete scene (recall it first)</source>
        <translation>删除预案（请先调用该预案）</translation>
    </message>
    <message>
        <source>Identify the screens</source>
        <translation>识别屏幕</translation>
    </message>
    <message>
        <source>Wall screens: %1</source>
        <translation>上墙屏幕：%1</translation>
    </message>
    <message>
        <source>Scene: %1</source>
        <translation>预案：%1</translation>
    </message>
    <message>
        <source>Scene “%1” saved.</source>
        <translation>预案“%1”已保存。</translation>
    </message>
    <message>
        <source>Alt+1 … Alt+9</source>
        <translation>Alt+1 … Alt+9</translation>
    </message>
    <message>
        <source>Switch the whole wall to scene 1 … 9</source>
        <translation>整面电视墙切换到预案 1 … 9</translation>
    </message>
    <message>
        <source>Undo the last change of the wall (Ctrl+Z)</source>
        <translation>撤销电视墙的上一次修改（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>重做（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y</source>
        <translation>Ctrl+Z，Ctrl+Shift+Z 或 Ctrl+Y</translation>
    </message>
    <message>
        <source>Undo, redo the last change of the wall (any screen)</source>
        <translation>撤销、重做电视墙的上一次修改（任一屏幕）</translation>
    </message>
    <message>
        <source>Wall “%1”: %2 of %3 PCs online</source>
        <translation>电视墙“%1”：%3 台电脑中 %2 台在线</translation>
    </message>
    <message>
        <source>Wall “%1”: not connected to the broker</source>
        <translation>电视墙“%1”：未连接到消息服务器</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Recorded video on a timeline: the wall&apos;s cameras, or one tile&apos;s (its menu: Play back recordings)</source>
        <translation>在时间轴上回放录像：电视墙上的摄像机，或某个画面的摄像机（画面菜单：回放录像）</translation>
    </message>
    <message>
        <source>Alarms (%1)</source>
        <translation>告警 (%1)</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Every alarm: filter, acknowledge, mark handled or false alarm</source>
        <translation>所有告警：筛选、确认、标记为已处理或误报</translation>
    </message>
    <message>
        <source>No camera with a known position is near this alarm.</source>
        <translation>此告警附近没有已知位置的摄像机。</translation>
    </message>
    <message>
        <source>Nothing to replay: put a camera on the wall first.</source>
        <translation>没有可回放的画面：请先把摄像机放到电视墙上。</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Instant replay of the last minute: the maximized tile, the tile under the pointer, or the whole wall (Esc: back to live)</source>
        <translation>即时回放最近一分钟：最大化的窗格、指针下的窗格或整面电视墙（Esc：返回实况）</translation>
    </message>
    <message>
        <source>Your role does not allow playback. Log in as an operator or administrator.</source>
        <translation>您的角色不允许回放。请以操作员或管理员身份登录。</translation>
    </message>
    <message>
        <source>close Vigil</source>
        <translation>关闭 Vigil</translation>
    </message>
    <message>
        <source>%1 (%2) ▾</source>
        <translation>%1（%2）▾</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>Users and the audit log; log out</source>
        <translation>用户和审计日志；退出登录</translation>
    </message>
    <message>
        <source>Users &amp; audit log…</source>
        <translation>用户与审计日志…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Platforms…</source>
        <translation>平台…</translation>
    </message>
    <message>
        <source>Video platforms (sites) whose cameras join the list: add, check their state, retry</source>
        <translation>视频平台（站点），其摄像机会加入列表：添加、查看状态、重试</translation>
    </message>
    <message>
        <source>Nothing to play back: the wall shows no camera.</source>
        <translation>没有可回放的画面：电视墙上没有摄像机。</translation>
    </message>
    <message>
        <source>Scene tour: %1 ▾</source>
        <translation>预案轮巡：%1 ▾</translation>
    </message>
    <message>
        <source>Tour the scenes</source>
        <translation>轮巡预案</translation>
    </message>
    <message>
        <source>Every %1 s</source>
        <translation>每 %1 秒</translation>
    </message>
    <message>
        <source>Every %1 min</source>
        <translation>每 %1 分钟</translation>
    </message>
    <message>
        <source>Touring %1 scenes, %2 s each. Change the wall by hand, or recall a scene, to stop.</source>
        <translation>正在轮巡 %1 个预案，每个 %2 秒。手动改动电视墙或调用一个预案即停止。</translation>
    </message>
    <message>
        <source>Stop the scene tour</source>
        <translation>停止预案轮巡</translation>
    </message>
</context>
<context>
    <name>MapPane</name>
    <message>
        <source>zoom %1</source>
        <translation>缩放 %1</translation>
    </message>
    <message>
        <source>Nearest units</source>
        <translation>最近的单位</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>Track playback of the selected unit</source>
        <translation>回放所选单位的轨迹</translation>
    </message>
    <message numerus="yes">
        <source>Trace back: %n camera(s) within %1 m</source>
        <translation>
            <numerusform>回溯：%1 米内 %n 台摄像机</numerusform>
        </translation>
    </message>
    <message>
        <source>Play the recordings of the cameras around this place together, nearest first</source>
        <translation>同步回放此处周边摄像机的录像，由近及远</translation>
    </message>
</context>
<context>
    <name>MapScreen</name>
    <message>
        <source>The offline demo map could not be made: %1. The map shows a plain grid.</source>
        <translation>无法生成离线演示地图：%1。地图显示为空白网格。</translation>
    </message>
    <message>
        <source>Preparing the offline map of the demo area…</source>
        <translation>正在准备演示区域的离线地图…</translation>
    </message>
    <message>
        <source>Alarm %1: %2</source>
        <translation>报警 %1：%2</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Drop the camera on a tile of a wall screen.</source>
        <translation>请把摄像机拖到大屏屏幕的窗口上。</translation>
    </message>
</context>
<context>
    <name>NearestUnits</name>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>&lt; 1 min</source>
        <translation>不到 1 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <source>responding</source>
        <translation>出警中</translation>
    </message>
    <message>
        <source>off duty</source>
        <translation>下班</translation>
    </message>
    <message>
        <source>emergency</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Nearest units</source>
        <translation>最近的警力</translation>
    </message>
    <message>
        <source>Nearest patrol units (ETA at %1 km/h)</source>
        <translation>最近的巡逻警力（按 %1 公里/小时估算到达时间）</translation>
    </message>
    <message>
        <source>This alarm has no place: no units to list.</source>
        <translation>该报警没有位置，无法列出警力。</translation>
    </message>
    <message>
        <source>No patrol units known.</source>
        <translation>暂无巡逻警力。</translation>
    </message>
    <message>
        <source>%1 by road, ETA %2</source>
        <translation>道路距离 %1，预计 %2 到达</translation>
    </message>
    <message>
        <source>ETA %1 (straight line)</source>
        <translation>预计 %1 到达（直线）</translation>
    </message>
    <message>
        <source>first there</source>
        <translation>最先到达</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派警</translation>
    </message>
    <message>
        <source>Send %1 to the alarm: marked responding, followed on the map, noted on the alarm</source>
        <translation>派 %1 前往报警地点：标记为出警中，在地图上跟随，并记录到报警中</translation>
    </message>
</context>
<context>
    <name>PlaybackView</name>
    <message>
        <source>Mark the start first (Mark in, I), then the end after it.</source>
        <translation>请先标记开始（入点，I），再标记其后的结束。</translation>
    </message>
    <message>
        <source>Mark the start (I) and the end (O) of what to export first.</source>
        <translation>请先标记要导出的开始（I）和结束（O）。</translation>
    </message>
    <message>
        <source>Snapshot saved: %1</source>
        <translation>截图已保存：%1</translation>
    </message>
    <message>
        <source>The snapshot could not be written to %1. Check the folder&apos;s free space and permissions.</source>
        <translation>截图无法写入 %1。请检查该文件夹的剩余空间和权限。</translation>
    </message>
    <message>
        <source>Snapshot (PNG named after the camera and the recording time)</source>
        <translation>截图（PNG，以摄像机名称和录像时间命名）</translation>
    </message>
    <message>
        <source>Choose cameras to play back: “Play back” on a wall tile, or the cameras on the wall with “Wall cameras”.</source>
        <translation>选择要回放的摄像机：在电视墙画面的菜单中选择“回放录像”，或用工具栏的“回放”回放墙上的全部摄像机。</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Back to the live wall (Esc)</source>
        <translation>返回实时电视墙（Esc）</translation>
    </message>
    <message>
        <source>Back 30 seconds (Shift+Left)</source>
        <translation>后退 30 秒（Shift+←）</translation>
    </message>
    <message>
        <source>Back 10 seconds (Left)</source>
        <translation>后退 10 秒（←）</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>播放（空格）</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（空格）</translation>
    </message>
    <message>
        <source>Next frame (.)</source>
        <translation>下一帧（.）</translation>
    </message>
    <message>
        <source>Forward 10 seconds (Right)</source>
        <translation>前进 10 秒（→）</translation>
    </message>
    <message>
        <source>Speed ([ slower, ] faster)</source>
        <translation>速度（[ 减慢，] 加快）</translation>
    </message>
    <message>
        <source>Go to yyyy-mm-dd hh:mm:ss</source>
        <translation>跳转到 yyyy-mm-dd hh:mm:ss</translation>
    </message>
    <message>
        <source>“%1” is not a date and time. Write it as 2026-12-06 14:30:00.</source>
        <translation>“%1”不是日期时间。请按 2026-12-06 14:30:00 的格式填写。</translation>
    </message>
    <message>
        <source>Mark in</source>
        <translation>入点</translation>
    </message>
    <message>
        <source>Start of the range to export: the time shown now (I)</source>
        <translation>导出范围的开始：当前显示的时间（I）</translation>
    </message>
    <message>
        <source>Mark out</source>
        <translation>出点</translation>
    </message>
    <message>
        <source>End of the range to export (O)</source>
        <translation>导出范围的结束（O）</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Write the marked range of every camera here to MP4 (no re-encoding), with a SHA-256 checksum file, in %1</source>
        <translation>将此处每台摄像机标记范围的录像写成 MP4（不重新编码），附 SHA-256 校验文件，保存在 %1</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>取消导出</translation>
    </message>
</context>
<context>
    <name>PrivacyMaskDialog</name>
    <message>
        <source>Privacy masks — %1</source>
        <translation>隐私遮挡 — %1</translation>
    </message>
    <message>
        <source>Delete shape</source>
        <translation>删除区域</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Click to place the corners of an area to hide; click the first corner (or double-click, or press Enter) to close it. Right-click or Backspace takes a corner back, Esc drops the shape. Click a shape to select it, Delete removes it. Saved masks are black in every view and snapshot of this camera, live and played back.</source>
        <translation>单击放置要遮挡区域的各个角点；再次单击第一个角点（或双击、按回车键）闭合区域。右键或退格键撤回一个角点，Esc 放弃正在绘制的区域。单击某个区域可选中它，按 Delete 键删除。已保存的遮挡区域在该摄像机的所有画面和截图中均为黑色，实时和回放均如此。</translation>
    </message>
    <message>
        <source>Waiting for the picture… You can draw already.</source>
        <translation>正在等待画面……现在已可以绘制。</translation>
    </message>
    <message numerus="yes">
        <source>%n mask(s); drawing a shape with %1 corner(s)</source>
        <translation>
            <numerusform>%n 个遮挡区域；正在绘制的区域有 %1 个角点</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mask(s)</source>
        <translation>
            <numerusform>%n 个遮挡区域</numerusform>
        </translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>PtzOverlay</name>
    <message>
        <source>PTZ: sending…</source>
        <translation>云台：正在发送…</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>PTZ: drag the picture, arrow keys, wheel to zoom</source>
        <translation>云台：拖动画面、方向键转动，滚轮变焦</translation>
    </message>
    <message>
        <source>Tilt up (hold)</source>
        <translation>向上（按住）</translation>
    </message>
    <message>
        <source>Pan left (hold)</source>
        <translation>向左（按住）</translation>
    </message>
    <message>
        <source>Home position</source>
        <translation>回到原点</translation>
    </message>
    <message>
        <source>Pan right (hold)</source>
        <translation>向右（按住）</translation>
    </message>
    <message>
        <source>Tilt down (hold)</source>
        <translation>向下（按住）</translation>
    </message>
    <message>
        <source>Zoom in (hold)</source>
        <translation>放大（按住）</translation>
    </message>
    <message>
        <source>Zoom out (hold)</source>
        <translation>缩小（按住）</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预置位</translation>
    </message>
    <message>
        <source>Presets of %1</source>
        <translation>%1 的预置位</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No presets yet. Point the camera, then save the view below.</source>
        <translation>还没有预置位。先将摄像机转到目标位置，再在下方保存当前画面。</translation>
    </message>
    <message>
        <source>Go to this preset</source>
        <translation>转到此预置位</translation>
    </message>
    <message>
        <source>Remove this preset from the camera</source>
        <translation>从摄像机删除此预置位</translation>
    </message>
    <message>
        <source>New preset name</source>
        <translation>新预置位名称</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存当前画面</translation>
    </message>
    <message>
        <source>Save where the camera points now as a preset</source>
        <translation>将摄像机当前指向保存为预置位</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Speed of the arrows, keys and wheel: %1%</source>
        <translation>方向按钮、键盘和滚轮的速度：%1%</translation>
    </message>
</context>
<context>
    <name>RelayFields</name>
    <message>
        <source>Relay</source>
        <translation>转发服务器</translation>
    </message>
    <message>
        <source>RTSP port</source>
        <translation>RTSP 端口</translation>
    </message>
    <message>
        <source>Relay API</source>
        <translation>转发 API 地址</translation>
    </message>
    <message>
        <source>Relay user</source>
        <translation>转发用户名</translation>
    </message>
    <message>
        <source>Relay API secret</source>
        <translation>转发 API 密钥</translation>
    </message>
    <message>
        <source>Relay password</source>
        <translation>转发密码</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
</context>
<context>
    <name>RuleCameraChips</name>
    <message>
        <source>Add camera…</source>
        <translation>添加摄像机…</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Rule “%1” saved.</source>
        <translation>规则“%1”已保存。</translation>
    </message>
    <message>
        <source>Recall a scene</source>
        <translation>调用场景</translation>
    </message>
    <message>
        <source>Show cameras on a screen</source>
        <translation>在屏幕上显示摄像机</translation>
    </message>
    <message>
        <source>Move a PTZ camera to a preset</source>
        <translation>云台摄像机转到预置位</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录像</translation>
    </message>
    <message>
        <source>Alarm linkage rules</source>
        <translation>报警联动规则</translation>
    </message>
    <message>
        <source>Every new alarm goes through these rules from the top; each rule that matches applies its actions.</source>
        <translation>每条新报警从上到下依次经过这些规则，匹配的规则执行其动作。</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>The rule acts on new alarms; click to turn it off</source>
        <translation>规则对新报警生效；点击关闭</translation>
    </message>
    <message>
        <source>The rule is off; click to turn it on</source>
        <translation>规则已关闭；点击开启</translation>
    </message>
    <message>
        <source>No rule yet. Write one on the right: which alarm, and what the wall, the cameras and the recorder do then.</source>
        <translation>还没有规则。在右侧新建：针对哪种报警，以及电视墙、摄像机和录像随后如何动作。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Start a new rule</source>
        <translation>新建一条规则</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this rule right below it</source>
        <translation>在下方复制此规则</translation>
    </message>
    <message>
        <source>Move up: act earlier</source>
        <translation>上移：更早执行</translation>
    </message>
    <message>
        <source>Move down: act later</source>
        <translation>下移：更晚执行</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this rule</source>
        <translation>删除此规则</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>新规则</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>Whether the rule acts on new alarms (saved with the rule)</source>
        <translation>规则是否对新报警生效（随规则保存）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. Intrusion at the depot gates</source>
        <translation>例如：车场大门入侵</translation>
    </message>
    <message>
        <source>When an alarm comes</source>
        <translation>当报警发生时</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>any type, e.g. intrusion</source>
        <translation>任意类型，例如 intrusion</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>any source, e.g. onvif, webhook:host-1</source>
        <translation>任意来源，例如 onvif、webhook:host-1</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>any camera</source>
        <translation>任意摄像机</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>防区</translation>
    </message>
    <message>
        <source>or these zones, separated by commas</source>
        <translation>或这些防区，用逗号分隔</translation>
    </message>
    <message>
        <source>Priority at least</source>
        <translation>最低优先级</translation>
    </message>
    <message>
        <source>Empty fields match anything. With cameras and zones, an alarm matches at either.</source>
        <translation>空字段匹配任何值。同时填写摄像机和防区时，报警满足其一即匹配。</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>则</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Choose a scene</source>
        <translation>选择场景</translation>
    </message>
    <message>
        <source>No scene is saved yet: arrange the wall, then Scenes ▸ Save the wall as a scene…</source>
        <translation>尚未保存场景：先布置电视墙，再选择 场景 ▸ 将电视墙保存为场景…</translation>
    </message>
    <message>
        <source>the alarm&apos;s camera</source>
        <translation>报警所在摄像机</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <source>From tile</source>
        <translation>起始窗格</translation>
    </message>
    <message>
        <source>PTZ camera</source>
        <translation>云台摄像机</translation>
    </message>
    <message>
        <source>none chosen</source>
        <translation>未选择</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更换…</translation>
    </message>
    <message>
        <source>Choose camera…</source>
        <translation>选择摄像机…</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预置位</translation>
    </message>
    <message>
        <source>e.g. 3</source>
        <translation>例如 3</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>Seconds before the alarm</source>
        <translation>报警前秒数</translation>
    </message>
    <message>
        <source>+ Scene</source>
        <translation>+ 场景</translation>
    </message>
    <message>
        <source>Recall a saved scene on the whole wall</source>
        <translation>在整个电视墙上调用已保存的场景</translation>
    </message>
    <message>
        <source>+ Cameras on a screen</source>
        <translation>+ 屏幕上的摄像机</translation>
    </message>
    <message>
        <source>Show cameras on a screen&apos;s tiles, from a tile on</source>
        <translation>从某个窗格起在屏幕上显示摄像机</translation>
    </message>
    <message>
        <source>+ PTZ preset</source>
        <translation>+ 云台预置位</translation>
    </message>
    <message>
        <source>Move a PTZ camera to one of its presets</source>
        <translation>将云台摄像机转到其预置位</translation>
    </message>
    <message>
        <source>+ Recording</source>
        <translation>+ 录像</translation>
    </message>
    <message>
        <source>Record cameras for some minutes, with the seconds before the alarm</source>
        <translation>录制摄像机若干分钟，包含报警前的秒数</translation>
    </message>
    <message>
        <source>Test the rule on a sample alarm</source>
        <translation>用示例报警测试规则</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像机</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>防区</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Test rule</source>
        <translation>测试规则</translation>
    </message>
    <message>
        <source>What this rule, as written here, would do for this alarm. Nothing is done.</source>
        <translation>按当前填写，此规则对该报警会做什么。不会实际执行。</translation>
    </message>
    <message>
        <source>Search cameras (name, group or pinyin)</source>
        <translation>搜索摄像机（名称、分组或拼音）</translation>
    </message>
    <message>
        <source>Other cameras</source>
        <translation>其他摄像机</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Save rule</source>
        <translation>保存规则</translation>
    </message>
</context>
<context>
    <name>SaveSceneDialog</name>
    <message>
        <source>Save scene</source>
        <translation>保存预案</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The scene keeps what every screen shows now (%1 wall screens and this window): layouts, cameras and tours.</source>
        <translation>预案保存所有屏幕当前的显示内容（%1 块上墙屏幕和本窗口）：布局、摄像机和轮巡。</translation>
    </message>
    <message>
        <source>The scene keeps what the wall shows now: layout, cameras and tours.</source>
        <translation>预案保存电视墙当前的显示内容：布局、摄像机和轮巡。</translation>
    </message>
    <message>
        <source>Scene name, e.g. “Night patrol” or “Market fire”</source>
        <translation>预案名称，例如“夜间巡逻”或“市场火情”</translation>
    </message>
    <message>
        <source>A scene with this name exists: saving replaces it.</source>
        <translation>已有同名预案：保存将替换它。</translation>
    </message>
</context>
<context>
    <name>ScaleBar</name>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
</context>
<context>
    <name>ScreensView</name>
    <message>
        <source>No wall screens. Start Vigil with --wall-screens all (or 2,3) to put a full-screen wall on each monitor; they are shown and arranged here.</source>
        <translation>没有上墙屏幕。使用 --wall-screens all（或 2,3）启动 Vigil，即可在每台显示器上全屏显示电视墙；它们会在这里显示并编排。</translation>
    </message>
    <message>
        <source>monitor disconnected — its wall is kept and comes back with it</source>
        <translation>显示器已断开——其画面保留，重新连接后恢复</translation>
    </message>
    <message>
        <source>Layout: %1</source>
        <translation>布局：%1</translation>
    </message>
    <message>
        <source>%1 tiles</source>
        <translation>%1 画面</translation>
    </message>
    <message>
        <source>“%1” shown on %2, tile %3.</source>
        <translation>“%1”已显示在%2的第 %3 个画面。</translation>
    </message>
</context>
<context>
    <name>ShortcutHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>SitesDialog</name>
    <message>
        <source>AppKey</source>
        <translation>AppKey</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>API secret</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <source>AppSecret</source>
        <translation>AppSecret</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Platforms (sites)</source>
        <translation>平台（站点）</translation>
    </message>
    <message>
        <source>Cameras of video platforms (a county platform on the Vigil API, ZLMediaKit, WVP-GB28181-pro, Hikvision Artemis) join the camera list under the site&apos;s name, beside the cameras added by hand.</source>
        <translation>视频平台（使用 Vigil API 的县级平台、ZLMediaKit、WVP-GB28181-pro、海康 Artemis）的摄像机会以站点名称归入摄像机列表，与手动添加的摄像机并列。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Read this site&apos;s cameras again now</source>
        <translation>立即重新读取此站点的摄像机</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Turn on</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Stop reading this site; its cameras leave the list</source>
        <translation>停止读取此站点；其摄像机将从列表中移除</translation>
    </message>
    <message>
        <source>Read this site&apos;s cameras again</source>
        <translation>重新读取此站点的摄像机</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Forget this site, its password and its cameras</source>
        <translation>删除此站点及其密码和摄像机</translation>
    </message>
    <message>
        <source>No platform yet. Add one below with its address and login; its cameras then appear in the camera list.</source>
        <translation>还没有平台。请在下方填写地址和登录信息添加平台，其摄像机随后会出现在摄像机列表中。</translation>
    </message>
    <message>
        <source>Change the site</source>
        <translation>修改站点</translation>
    </message>
    <message>
        <source>Add a site</source>
        <translation>添加站点</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>e.g. County platform</source>
        <translation>例如：县级平台</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>Cancel the change</source>
        <translation>取消修改</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Add site</source>
        <translation>添加站点</translation>
    </message>
    <message>
        <source>Certificate SHA-256:</source>
        <translation>证书 SHA-256：</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>信任此证书</translation>
    </message>
    <message>
        <source>Only if this fingerprint is the same as the one the platform&apos;s administrator reads on the server itself (not from this connection). Vigil then accepts this one certificate for this site, and no other.</source>
        <translation>仅当此指纹与平台管理员在服务器本机上读到的指纹完全一致时才点此（不要以本次连接显示的为准）。之后 Vigil 对此站点只接受这一张证书。</translation>
    </message>
    <message>
        <source>Trusted certificate SHA-256 %1</source>
        <translation>受信任证书 SHA-256 %1</translation>
    </message>
    <message>
        <source>Cameras played through the relay %1 at %2</source>
        <translation>摄像机经由 %2 上的转发服务器 %1 播放</translation>
    </message>
    <message>
        <source>A relay (ZLMediaKit or MediaMTX) pulls each camera once and every PC plays it from the relay, so cameras do not run out of RTSP sessions. Without a relay, cameras are played directly.</source>
        <translation>转发服务器（ZLMediaKit 或 MediaMTX）对每台摄像机只拉流一次，所有电脑都从转发服务器播放，摄像机就不会耗尽 RTSP 会话。未设置转发服务器时，直接播放摄像机。</translation>
    </message>
    <message>
        <source>Relay for cameras added directly</source>
        <translation>直接添加的摄像机所用的转发服务器</translation>
    </message>
    <message>
        <source>Save relay</source>
        <translation>保存转发设置</translation>
    </message>
</context>
<context>
    <name>StatsOverlay</name>
    <message>
        <source>Stream</source>
        <translation>码流</translation>
    </message>
    <message>
        <source>Main stream</source>
        <translation>主码流</translation>
    </message>
    <message>
        <source>Sub-stream</source>
        <translation>子码流</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>编码格式</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>%1 received / %2 shown</source>
        <translation>接收 %1 / 显示 %2</translation>
    </message>
    <message>
        <source>Dropped</source>
        <translation>丢帧</translation>
    </message>
    <message>
        <source>%1 of %2 frames</source>
        <translation>%1 / %2 帧</translation>
    </message>
    <message>
        <source>Bit rate</source>
        <translation>码率</translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation>%1 kbit/s</translation>
    </message>
    <message>
        <source>Added latency</source>
        <translation>附加延迟</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>首帧耗时</translation>
    </message>
    <message>
        <source>Decoding</source>
        <translation>解码</translation>
    </message>
    <message>
        <source>key frames only (the PC is busy)</source>
        <translation>仅关键帧（电脑繁忙）</translation>
    </message>
    <message>
        <source>every frame</source>
        <translation>全部帧</translation>
    </message>
</context>
<context>
    <name>TileMenu</name>
    <message>
        <source>Restore</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Maximize</source>
        <translation>最大化</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Double-click</source>
        <translation>双击</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>抓图</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>码流统计</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>PTZ control</source>
        <translation>云台控制</translation>
    </message>
    <message>
        <source>Tour in this tile</source>
        <translation>在此窗格轮巡</translation>
    </message>
    <message>
        <source>Stop tour</source>
        <translation>停止轮巡</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录像</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录像</translation>
    </message>
    <message>
        <source>Play back recordings</source>
        <translation>回放录像</translation>
    </message>
    <message>
        <source>Time per camera: %1 s</source>
        <translation>每个摄像机显示：%1 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Privacy masks…</source>
        <translation>隐私遮挡…</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>1 min</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>10 min</source>
        <translation>10 分钟</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>6 h</source>
        <translation>6 小时</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
</context>
<context>
    <name>TrackPanel</name>
    <message>
        <source>Track playback</source>
        <translation>轨迹回放</translation>
    </message>
    <message>
        <source>Unit whose track is replayed</source>
        <translation>要回放轨迹的单位</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Replay the last %1 minutes</source>
        <translation>回放最近 %1 分钟</translation>
    </message>
    <message>
        <source>Close track playback</source>
        <translation>关闭轨迹回放</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>Pick a unit on the map or in the list.</source>
        <translation>请在地图上或列表中选择一个单位。</translation>
    </message>
    <message>
        <source>No positions recorded for this unit in the last %1 minutes.</source>
        <translation>该单位最近 %1 分钟内没有记录到位置。</translation>
    </message>
    <message>
        <source>%1 – %2 · %3 positions · %4 km</source>
        <translation>%1 – %2 · %3 个位置点 · %4 公里</translation>
    </message>
    <message>
        <source>Reading the track history…</source>
        <translation>正在读取轨迹历史…</translation>
    </message>
</context>
<context>
    <name>UsersAuditView</name>
    <message>
        <source>Login</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Wall</source>
        <translation>电视墙</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>云台</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Every kind</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>Vigil asks for a login at start. Administrators manage users; operators steer, play back and export; viewers watch.</source>
        <translation>Vigil 启动时要求登录。管理员管理用户；操作员可控制云台、回放和导出；观看者只能观看。</translation>
    </message>
    <message>
        <source>No users yet: Vigil starts without a login. Add an administrator first; from then on Vigil asks for a login at start.</source>
        <translation>尚无用户：Vigil 启动时无需登录。请先添加一名管理员；此后 Vigil 启动时将要求登录。</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1（您）</translation>
    </message>
    <message>
        <source>“%1” is now: %2.</source>
        <translation>“%1”现在是：%2。</translation>
    </message>
    <message>
        <source>Password…</source>
        <translation>密码…</translation>
    </message>
    <message>
        <source>Set a new password for this user</source>
        <translation>为此用户设置新密码</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>User “%1” removed.</source>
        <translation>已删除用户“%1”。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>New user&apos;s name</source>
        <translation>新用户名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>至少 8 个字符</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User “%1” added.</source>
        <translation>已添加用户“%1”。</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>从 … 到 …</translation>
    </message>
    <message>
        <source>2026-12-01 08:00</source>
        <translation>2026-12-01 08:00</translation>
    </message>
    <message>
        <source>2026-12-02 08:00</source>
        <translation>2026-12-02 08:00</translation>
    </message>
    <message>
        <source>Any user</source>
        <translation>任意用户</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Every entry that matches the filters, as a CSV file for a spreadsheet</source>
        <translation>将符合筛选条件的全部记录导出为可用表格软件打开的 CSV 文件</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>Reading the audit log…</source>
        <translation>正在读取审计日志…</translation>
    </message>
    <message>
        <source>No entries match the filters.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>The newest 2000 entries are shown; narrow the filters or export CSV for all of them.</source>
        <translation>仅显示最新 2000 条；请缩小筛选范围，或导出 CSV 查看全部。</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>Export the audit log as CSV</source>
        <translation>将审计日志导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>New password for “%1”</source>
        <translation>“%1”的新密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>The password of “%1” was changed.</source>
        <translation>“%1”的密码已更改。</translation>
    </message>
</context>
<context>
    <name>VillageBar</name>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Last %1 minutes</source>
        <translation>最近 %1 分钟</translation>
    </message>
    <message>
        <source>%1 cameras at once</source>
        <translation>同时显示 %1 路</translation>
    </message>
    <message>
        <source>Exit full screen</source>
        <translation>退出全屏</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>● Recording %1 cameras</source>
        <translation>● 正在录像 %1 路</translation>
    </message>
</context>
<context>
    <name>WallWindow</name>
    <message>
        <source>Vigil — %1</source>
        <translation>Vigil — %1</translation>
    </message>
</context>
<context>
    <name>vigil::access</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>观看者</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>展示模式</translation>
    </message>
</context>
<context>
    <name>vigil::access::AccessController</name>
    <message>
        <source>change the wall</source>
        <translation>更改电视墙</translation>
    </message>
    <message>
        <source>steer cameras</source>
        <translation>控制云台</translation>
    </message>
    <message>
        <source>play back recordings</source>
        <translation>回放录像</translation>
    </message>
    <message>
        <source>export recordings</source>
        <translation>导出录像</translation>
    </message>
    <message>
        <source>change the settings or the cameras</source>
        <translation>更改设置或摄像机</translation>
    </message>
    <message>
        <source>close Vigil</source>
        <translation>关闭 Vigil</translation>
    </message>
    <message>
        <source>handle alarms</source>
        <translation>处理告警</translation>
    </message>
    <message>
        <source>manage users or read the audit log</source>
        <translation>管理用户或查看审计日志</translation>
    </message>
    <message>
        <source>Log in first: nobody is logged in, so nobody may %1.</source>
        <translation>请先登录：当前无人登录，无法%1。</translation>
    </message>
    <message>
        <source>A user with the role “%1” may not %2. Log in as an operator or administrator, or ask one.</source>
        <translation>角色为“%1”的用户不能%2。请以操作员或管理员身份登录，或请他们操作。</translation>
    </message>
    <message>
        <source>Wrong user name or password. Check them and try again.</source>
        <translation>用户名或密码错误。请检查后重试。</translation>
    </message>
    <message>
        <source>Choose a role for the user.</source>
        <translation>请为该用户选择角色。</translation>
    </message>
    <message>
        <source>You cannot remove the user you are logged in as.</source>
        <translation>不能删除当前登录的用户。</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>请选择导出文件。</translation>
    </message>
    <message numerus="yes">
        <source>%n audit entries written to %1.</source>
        <translation>
            <numerusform>已将 %n 条审计记录写入 %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong logins. Try again in %n second(s).</source>
        <translation>
            <numerusform>登录失败次数过多，请 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrong user name or password. Too many wrong tries: wait %n second(s) before the next.</source>
        <translation>
            <numerusform>用户名或密码错误。错误次数过多：请等待 %n 秒后再试。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::access::AuditDatabase</name>
    <message>
        <source>The audit log %1 is damaged (%2) and could not be moved aside. Move it away, then start Vigil again.</source>
        <translation>审计日志 %1 已损坏（%2）且无法移走。请将其移走后重新启动 Vigil。</translation>
    </message>
    <message>
        <source>The audit log was damaged (%1); it was kept as %2 and a new one was started.</source>
        <translation>审计日志已损坏（%1）；已保存为 %2，并新建了一个日志。</translation>
    </message>
</context>
<context>
    <name>vigil::access::AuditLog</name>
    <message>
        <source>The audit log %1 cannot be opened (%2): actions are not being recorded. Check the folder and the disk.</source>
        <translation>无法打开审计日志 %1（%2）：操作未被记录。请检查文件夹和磁盘。</translation>
    </message>
    <message>
        <source>Audit entries could not be written (%1). Check the disk; actions are not being recorded.</source>
        <translation>无法写入审计记录（%1）。请检查磁盘；操作未被记录。</translation>
    </message>
    <message>
        <source>The CSV file %1 could not be written (%2). Choose another folder.</source>
        <translation>无法写入 CSV 文件 %1（%2）。请选择其他文件夹。</translation>
    </message>
</context>
<context>
    <name>vigil::access::UserStore</name>
    <message>
        <source>The users file was damaged (%1); Vigil used its backup copy. Users added or changed since then must be set again. The damaged file was kept as %2.</source>
        <translation>用户文件已损坏（%1）；Vigil 已使用其备份。此后新增或修改的用户需要重新设置。损坏的文件已保存为 %2。</translation>
    </message>
    <message>
        <source>The users file %1 is damaged (%2) and has no usable backup, so nobody can log in. It was kept as %3: restore it from a backup, or remove users.json and users.json.bak to start again without users.</source>
        <translation>用户文件 %1 已损坏（%2）且没有可用备份，因此无人能登录。该文件已保存为 %3：请从备份恢复，或删除 users.json 和 users.json.bak 以无用户状态重新开始。</translation>
    </message>
    <message>
        <source>The password must have at least %1 characters.</source>
        <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
        <source>Enter a user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>The user name is too long (at most %1 characters).</source>
        <translation>用户名过长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <source>The user name cannot contain control characters.</source>
        <translation>用户名不能包含控制字符。</translation>
    </message>
    <message>
        <source>The password could not be hashed (not enough memory). Close other programs and try again.</source>
        <translation>无法计算密码哈希（内存不足）。请关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>The users could not be saved to %1 (%2). Check that the folder is writable and the disk is not full, then try again.</source>
        <translation>无法将用户保存到 %1（%2）。请检查文件夹是否可写、磁盘是否已满，然后重试。</translation>
    </message>
    <message>
        <source>A user named “%1” exists already.</source>
        <translation>名为“%1”的用户已存在。</translation>
    </message>
    <message>
        <source>The first user must be an administrator, so that someone can manage the users.</source>
        <translation>第一个用户必须是管理员，以便有人管理用户。</translation>
    </message>
    <message>
        <source>There is no user named “%1”.</source>
        <translation>没有名为“%1”的用户。</translation>
    </message>
    <message>
        <source>“%1” is the last administrator: make another user an administrator first.</source>
        <translation>“%1”是最后一名管理员：请先将其他用户设为管理员。</translation>
    </message>
</context>
<context>
    <name>vigil::alarms::AlarmCenter</name>
    <message>
        <source>The alarm rules could not be read (%1). Fix or remove %2; until then no rule acts.</source>
        <translation>无法读取告警联动规则（%1）。请修正或删除 %2；在此之前没有规则生效。</translation>
    </message>
    <message>
        <source>The alarm rules could not be saved (%1). They act until Vigil is closed; check that the folder is writable.</source>
        <translation>告警联动规则无法保存（%1）。规则在 Vigil 关闭前仍然生效；请检查文件夹是否可写。</translation>
    </message>
    <message>
        <source>Dispatched %1</source>
        <translation>已派 %1</translation>
    </message>
</context>
<context>
    <name>vigil::alarms::AlarmRuleModel</name>
    <message>
        <source>The console&apos;s wall</source>
        <translation>控制台电视墙</translation>
    </message>
    <message>
        <source>Wall screen %1</source>
        <translation>电视墙屏幕 %1</translation>
    </message>
    <message>
        <source>Give the rule a name: it is shown in the list and in the audit log.</source>
        <translation>请为规则命名：名称显示在列表和审计日志中。</translation>
    </message>
    <message>
        <source>Another rule is already called “%1”: choose another name.</source>
        <translation>已有名为“%1”的规则：请换一个名称。</translation>
    </message>
    <message>
        <source>The least priority must be 1 to 5.</source>
        <translation>最低优先级必须为 1 到 5。</translation>
    </message>
    <message>
        <source>The rule would act on every alarm: choose an alarm type, a source, a camera or a zone, or a least priority above 1.</source>
        <translation>此规则会作用于所有报警：请选择报警类型、来源、摄像机或防区，或将最低优先级设为 1 以上。</translation>
    </message>
    <message>
        <source>Camera “%1” of the match is no longer in the camera list: remove it or choose another camera.</source>
        <translation>匹配条件中的摄像机“%1”已不在摄像机列表中：请移除或选择其他摄像机。</translation>
    </message>
    <message>
        <source>Add at least one action: a scene, cameras on a screen, a PTZ preset or a recording.</source>
        <translation>请至少添加一个动作：场景、屏幕上的摄像机、云台预置位或录像。</translation>
    </message>
    <message>
        <source>Action %1: camera “%2” is no longer in the camera list. Remove it or choose another camera.</source>
        <translation>动作 %1：摄像机“%2”已不在摄像机列表中。请移除或选择其他摄像机。</translation>
    </message>
    <message>
        <source>Action %1: choose the scene to recall.</source>
        <translation>动作 %1：请选择要调用的场景。</translation>
    </message>
    <message>
        <source>Action %1: scene “%2” no longer exists. Choose a saved scene, or save the wall as “%2” first.</source>
        <translation>动作 %1：场景“%2”已不存在。请选择已保存的场景，或先将电视墙保存为“%2”。</translation>
    </message>
    <message>
        <source>Action %1: screen “%2” is not one of the wall screens. Choose the console&apos;s wall or a wall screen (start Vigil with --wall-screens to have them).</source>
        <translation>动作 %1：屏幕“%2”不是电视墙屏幕。请选择控制台电视墙或某个电视墙屏幕（用 --wall-screens 启动 Vigil 以使用电视墙屏幕）。</translation>
    </message>
    <message>
        <source>Action %1: the first tile must be 1 to 64.</source>
        <translation>动作 %1：起始窗格必须为 1 到 64。</translation>
    </message>
    <message>
        <source>Action %1: choose the PTZ camera to move.</source>
        <translation>动作 %1：请选择要转动的云台摄像机。</translation>
    </message>
    <message>
        <source>Action %1: PTZ camera “%2” is no longer in the camera list. Choose another camera.</source>
        <translation>动作 %1：云台摄像机“%2”已不在摄像机列表中。请选择其他摄像机。</translation>
    </message>
    <message>
        <source>Action %1: enter the preset the camera goes to (its number or token).</source>
        <translation>动作 %1：请输入摄像机要转到的预置位（编号或令牌）。</translation>
    </message>
    <message>
        <source>Action %1: record for 1 to 1440 minutes.</source>
        <translation>动作 %1：录像时长须为 1 到 1440 分钟。</translation>
    </message>
    <message>
        <source>Action %1: the time before the alarm must be 0 to 3600 seconds.</source>
        <translation>动作 %1：报警前时长须为 0 到 3600 秒。</translation>
    </message>
    <message>
        <source>the console&apos;s wall</source>
        <translation>控制台电视墙</translation>
    </message>
    <message>
        <source>wall screen %1</source>
        <translation>电视墙屏幕 %1</translation>
    </message>
    <message>
        <source>screen %1</source>
        <translation>屏幕 %1</translation>
    </message>
    <message>
        <source>Any alarm</source>
        <translation>任意报警</translation>
    </message>
    <message>
        <source>Alarm “%1”</source>
        <translation>报警“%1”</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>来自 %1</translation>
    </message>
    <message>
        <source>zone %1</source>
        <translation>防区 %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>位于 %1</translation>
    </message>
    <message>
        <source>priority %1 or more</source>
        <translation>优先级 %1 及以上</translation>
    </message>
    <message>
        <source>the alarm&apos;s camera</source>
        <translation>报警所在摄像机</translation>
    </message>
    <message>
        <source>Recall scene “%1”</source>
        <translation>调用场景“%1”</translation>
    </message>
    <message>
        <source>Show %1 on %2 from tile %3</source>
        <translation>在%2从窗格 %3 起显示 %1</translation>
    </message>
    <message>
        <source>Move PTZ camera %1 to preset %2</source>
        <translation>云台摄像机 %1 转到预置位 %2</translation>
    </message>
    <message>
        <source>Record %1 for %2 min, from %3 s before the alarm</source>
        <translation>录制 %1 %2 分钟，从报警前 %3 秒开始</translation>
    </message>
    <message>
        <source>There is no rule %1 in the list: choose one of the rules shown.</source>
        <translation>列表中没有规则 %1：请选择列表中的规则。</translation>
    </message>
    <message>
        <source>The alarm rules cannot be changed here: the alarm flow is not running.</source>
        <translation>此处无法修改报警规则：报警流程未运行。</translation>
    </message>
    <message>
        <source>Only an administrator may change the alarm rules. Log in as one.</source>
        <translation>只有管理员可以修改报警规则。请以管理员身份登录。</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>%1 (copy %2)</source>
        <translation>%1（副本 %2）</translation>
    </message>
    <message>
        <source>This alarm does not match the rule: nothing would happen.</source>
        <translation>此报警不匹配该规则：不会有任何动作。</translation>
    </message>
    <message>
        <source>The alarm matches, but every action needs the alarm&apos;s camera and this alarm has none.</source>
        <translation>报警匹配，但所有动作都需要报警所在摄像机，而此报警没有摄像机。</translation>
    </message>
    <message numerus="yes">
        <source>The alarm matches: %n action(s) would fire.</source>
        <translation>
            <numerusform>报警匹配：将执行 %n 个动作。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vigil::alarms::AlarmStore</name>
    <message>
        <source>The alarm database was damaged; it was kept as %1 and a new, empty one was started. Earlier alarms are in the kept file.</source>
        <translation>告警数据库已损坏，已保留为 %1，并新建了一个空数据库。之前的告警在保留的文件中。</translation>
    </message>
    <message>
        <source>The alarm database cannot be opened (%1). Alarms are shown but not kept; check that the folder is writable and start Vigil again.</source>
        <translation>无法打开告警数据库（%1）。告警会显示但不会保存；请检查文件夹是否可写，然后重新启动 Vigil。</translation>
    </message>
    <message>
        <source>An alarm could not be stored (%1). Check that the disk is not full.</source>
        <translation>告警无法保存（%1）。请检查磁盘是否已满。</translation>
    </message>
    <message>
        <source>The change of alarm %1 could not be saved (%2). Try again.</source>
        <translation>告警 %1 的状态更改无法保存（%2）。请重试。</translation>
    </message>
    <message>
        <source>An acknowledgement for the platform could not be kept for later (%1): it is sent again only while Vigil runs. Check that the disk is not full.</source>
        <translation>无法保存待发给平台的确认（%1）：只会在 Vigil 运行期间重发。请检查磁盘是否已满。</translation>
    </message>
</context>
<context>
    <name>vigil::alarms::OnvifAlarmModel</name>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Subscribing</source>
        <translation>正在订阅</translation>
    </message>
    <message>
        <source>Listening</source>
        <translation>正在监听</translation>
    </message>
    <message>
        <source>Retrying: %1</source>
        <translation>正在重试：%1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
</context>
<context>
    <name>vigil::alarms::PlatformAlarms</name>
    <message>
        <source>The platform was not told that alarm %1 is acknowledged: %2</source>
        <translation>未能通知平台告警 %1 已确认：%2</translation>
    </message>
</context>
<context>
    <name>vigil::app::CameraDrag</name>
    <message>
        <source>%1 on screen %2, tile %3</source>
        <translation>%1 已上墙：屏幕 %2，窗口 %3</translation>
    </message>
</context>
<context>
    <name>vigil::app::KioskLock</name>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>PIN 码错误次数过多。请在 %n 秒后重试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>PIN accepted. Leaving kiosk mode…</source>
        <translation>PIN 码正确。正在退出展示模式…</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. Too many wrong PINs: wait %n second(s) before the next try.</source>
        <translation>
            <numerusform>PIN 码错误。错误次数过多：请等待 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong PIN. Try again.</source>
        <translation>PIN 码错误。请重试。</translation>
    </message>
    <message>
        <source>You can try again.</source>
        <translation>现在可以重试。</translation>
    </message>
</context>
<context>
    <name>vigil::app::RecordingService</name>
    <message>
        <source>Camera %1 cannot be recorded: its id is not usable as a folder name.</source>
        <translation>无法录制摄像机 %1：其编号不能用作文件夹名。</translation>
    </message>
    <message>
        <source>Camera %1 cannot be recorded: it is not in the camera list (or has no stream).</source>
        <translation>无法录制摄像机 %1：它不在摄像机列表中（或没有视频流）。</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>录像中</translation>
    </message>
    <message>
        <source>Recording: connecting…</source>
        <translation>录像：正在连接…</translation>
    </message>
    <message>
        <source>Recording: reconnecting…</source>
        <translation>录像：正在重新连接…</translation>
    </message>
    <message>
        <source>Recording: reconnecting — %1</source>
        <translation>录像：正在重新连接 — %1</translation>
    </message>
    <message>
        <source>An export is running; wait for it or cancel it first.</source>
        <translation>正在导出；请等待完成或先取消。</translation>
    </message>
    <message>
        <source>Mark the start and the end of what to export (at most 24 hours), then export.</source>
        <translation>请先标记要导出的开始和结束（最长 24 小时），再导出。</translation>
    </message>
    <message>
        <source>The export folder %1 cannot be created. Check the disk and its permissions.</source>
        <translation>无法创建导出文件夹 %1。请检查磁盘及其权限。</translation>
    </message>
    <message>
        <source>Export cancelled. Files already written stay in %1.</source>
        <translation>导出已取消。已写入的文件保留在 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1, each with a SHA-256 checksum file beside it.</source>
        <translation>
            <numerusform>已导出 %n 个文件到 %1，每个文件旁附有 SHA-256 校验文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported %1 of %2 cameras to %3. Not exported: %4</source>
        <translation>已将 %2 台摄像机中的 %1 台导出到 %3。未导出：%4</translation>
    </message>
    <message>
        <source>Exporting %1 (%2 of %3)…</source>
        <translation>正在导出 %1（第 %2 个，共 %3 个）…</translation>
    </message>
    <message>
        <source>%1 has no recording in that range</source>
        <translation>%1 在该时间范围内没有录像</translation>
    </message>
    <message>
        <source>%1 could not be started</source>
        <translation>%1 无法开始导出</translation>
    </message>
</context>
<context>
    <name>vigil::app::Session</name>
    <message>
        <source>Starting the demo site…</source>
        <translation>正在启动演示站点…</translation>
    </message>
    <message>
        <source>Preparing demo cameras (%1 of %2): %3</source>
        <translation>正在准备演示摄像机（%1/%2）：%3</translation>
    </message>
    <message>
        <source>The demo site could not start: %1. Check that the packages from scripts/setup-deps.sh are installed, then restart Vigil.</source>
        <translation>演示站点无法启动：%1。请确认已安装 scripts/setup-deps.sh 中列出的软件包，然后重新启动 Vigil。</translation>
    </message>
    <message>
        <source>Reading the demo platform&apos;s cameras…</source>
        <translation>正在读取演示平台的摄像机…</translation>
    </message>
</context>
<context>
    <name>vigil::app::WallWindows</name>
    <message>
        <source>Screen %1</source>
        <translation>屏幕 %1</translation>
    </message>
</context>
<context>
    <name>vigil::backend::Adapters</name>
    <message>
        <source>the answer is %1 MB, more than the %2 MB Vigil accepts</source>
        <translation>应答大小为 %1 MB，超过 Vigil 可接受的 %2 MB</translation>
    </message>
    <message>
        <source>the answer is not valid JSON (%1 at byte %2)</source>
        <translation>应答不是有效的 JSON（第 %2 字节处：%1）</translation>
    </message>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>应答不是 JSON 对象</translation>
    </message>
    <message>
        <source>Cannot reach %1 at %2: %3. Check the address, that the platform is running, and the network or firewall.</source>
        <translation>无法连接 %2 上的 %1：%3。请检查地址、平台是否在运行，以及网络或防火墙。</translation>
    </message>
    <message>
        <source>%1 at %2 did not answer %3 in time (%4). It may be overloaded; try again.</source>
        <translation>%2 上的 %1 未及时响应%3（%4）。平台可能负载过高，请重试。</translation>
    </message>
    <message>
        <source>The answer of %1 at %2 to %3 is too large: %4. Check the platform.</source>
        <translation>%2 上的 %1 对%3的应答过大：%4。请检查平台。</translation>
    </message>
    <message>
        <source>%1 at %2 did not answer %3 like a %1 platform (%4). Check the address, port and kind of the site.</source>
        <translation>%2 上的 %1 对%3的应答不像 %1 平台（%4）。请检查站点的地址、端口和类型。</translation>
    </message>
    <message>
        <source>%1 at %2 sent %3 that Vigil cannot read: %4. Check the address and the kind of the site.</source>
        <translation>%2 上的 %1 发送的%3 Vigil 无法读取：%4。请检查站点的地址和类型。</translation>
    </message>
    <message>
        <source>Check that the platform offers HTTPS on this port, or use its http:// address.</source>
        <translation>请确认平台在此端口提供 HTTPS，或改用其 http:// 地址。</translation>
    </message>
    <message>
        <source>%1 at %2: %3.</source>
        <translation>位于 %2 的 %1：%3。</translation>
    </message>
    <message>
        <source>The platform at %1 presented a certificate that is not trusted (SHA-256 %2). If that is your platform&apos;s certificate, trust it in the site&apos;s settings.</source>
        <translation>位于 %1 的平台出示的证书不受信任（SHA-256 %2）。如果这正是您平台的证书，请在该站点的设置中信任它。</translation>
    </message>
    <message>
        <source>%1 at %2 presented a certificate that is not trusted (SHA-256 %3). If that is your platform&apos;s certificate, trust it in the site&apos;s settings.</source>
        <translation>位于 %2 的 %1 出示的证书不受信任（SHA-256 %3）。如果这正是您平台的证书，请在该站点的设置中信任它。</translation>
    </message>
</context>
<context>
    <name>vigil::backend::ArtemisClient</name>
    <message>
        <source>the answer has no &quot;code&quot;</source>
        <translation>应答中没有 &quot;code&quot;</translation>
    </message>
    <message>
        <source>code %1 (%2)</source>
        <translation>错误码 %1（%2）</translation>
    </message>
    <message>
        <source>&quot;data&quot; is not an object</source>
        <translation>&quot;data&quot; 不是对象</translation>
    </message>
    <message>
        <source>&quot;data.total&quot; is missing or not a count</source>
        <translation>&quot;data.total&quot; 缺失或不是计数</translation>
    </message>
    <message>
        <source>&quot;data.list&quot; is not a list</source>
        <translation>&quot;data.list&quot; 不是列表</translation>
    </message>
    <message>
        <source>camera %1 of the page has no &quot;cameraIndexCode&quot;</source>
        <translation>本页第 %1 个摄像机缺少 &quot;cameraIndexCode&quot;</translation>
    </message>
    <message>
        <source>region %1 of the page has no &quot;indexCode&quot;</source>
        <translation>本页第 %1 个区域缺少 &quot;indexCode&quot;</translation>
    </message>
    <message>
        <source>&quot;data.url&quot; is missing or not a URL</source>
        <translation>&quot;data.url&quot; 缺失或不是 URL</translation>
    </message>
    <message>
        <source>recording %1 has no valid &quot;beginTime&quot;/&quot;endTime&quot; (ISO 8601, end after begin)</source>
        <translation>第 %1 段录像没有有效的 &quot;beginTime&quot;/&quot;endTime&quot;（ISO 8601，结束须晚于开始）</translation>
    </message>
    <message>
        <source>Hikvision Artemis at %1 refused AppKey &quot;%2&quot; when asked for %3%4. Check the AppKey and AppSecret in the site&apos;s settings, the partner&apos;s rights on the platform, and that this PC&apos;s clock is right.</source>
        <translation>%1 上的海康 Artemis 在请求%3时拒绝了 AppKey &quot;%2&quot;%4。请检查站点设置中的 AppKey 和 AppSecret、合作方在平台上的权限，以及本机时钟是否准确。</translation>
    </message>
    <message>
        <source>Hikvision Artemis at %1 has no API for %2 (HTTP 404). Check the address and the kind of the site.</source>
        <translation>%1 上的海康 Artemis 没有%2的接口（HTTP 404）。请检查站点的地址和类型。</translation>
    </message>
    <message>
        <source>Hikvision Artemis at %1 answered %2 with HTTP %3%4. Try again later.</source>
        <translation>%1 上的海康 Artemis 对%2返回 HTTP %3%4。请稍后重试。</translation>
    </message>
    <message>
        <source>Hikvision Artemis at %1 could not answer %2: %3. Check the id, or try again later.</source>
        <translation>%1 上的海康 Artemis 无法响应%2：%3。请检查编号，或稍后重试。</translation>
    </message>
    <message>
        <source>the region tree</source>
        <translation>区域树</translation>
    </message>
    <message>
        <source>the region tree (page %1)</source>
        <translation>区域树（第 %1 页）</translation>
    </message>
    <message>
        <source>the camera list (page %1)</source>
        <translation>摄像机列表（第 %1 页）</translation>
    </message>
    <message>
        <source>Loading the cameras was cancelled.</source>
        <translation>已取消加载摄像机。</translation>
    </message>
    <message>
        <source>a live URL for camera %1</source>
        <translation>摄像机 %1 的实时视频地址</translation>
    </message>
    <message>
        <source>the recordings of camera %1</source>
        <translation>摄像机 %1 的录像</translation>
    </message>
    <message>
        <source>a playback URL for camera %1</source>
        <translation>摄像机 %1 的回放地址</translation>
    </message>
    <message>
        <source>Hikvision Artemis at %1 has no recording of camera %2 between %3 and %4. Pick another time.</source>
        <translation>%1 上的海康 Artemis 在 %3 至 %4 之间没有摄像机 %2 的录像。请选择其他时间。</translation>
    </message>
</context>
<context>
    <name>vigil::backend::OursClient</name>
    <message>
        <source>Cannot reach the platform at %1: %2. Check the address, that the platform is running, and the network or firewall.</source>
        <translation>无法连接平台 %1：%2。请检查地址、平台是否在运行，以及网络或防火墙。</translation>
    </message>
    <message>
        <source>The platform at %1 did not answer %2 in time (%3). It may be overloaded; try again.</source>
        <translation>平台 %1 未能及时应答%2（%3）。平台可能负载过高；请重试。</translation>
    </message>
    <message>
        <source>The platform&apos;s answer to %1 is too large: %2. Ask for smaller pages or check the platform.</source>
        <translation>平台对%1的应答过大：%2。请减小分页大小或检查平台。</translation>
    </message>
    <message>
        <source>The platform at %1 did not answer %2 like a Vigil API platform (%3). Check the address and port.</source>
        <translation>平台 %1 对%2的应答不符合 Vigil API（%3）。请检查地址和端口。</translation>
    </message>
    <message>
        <source>the login</source>
        <translation>登录请求</translation>
    </message>
    <message>
        <source>The platform at %1 refused user &quot;%2&quot;: wrong user name or password. Check them in the site&apos;s settings.</source>
        <translation>平台 %1 拒绝了用户“%2”：用户名或密码错误。请在站点设置中检查。</translation>
    </message>
    <message>
        <source>The platform at %1 has no Vigil API login (HTTP 404). Check the address and the kind of platform.</source>
        <translation>平台 %1 没有 Vigil API 登录接口（HTTP 404）。请检查地址和平台类型。</translation>
    </message>
    <message>
        <source>The platform at %1 answered the login with HTTP %2%3.</source>
        <translation>平台 %1 对登录请求返回 HTTP %2%3。</translation>
    </message>
    <message>
        <source>The platform at %1 answered the login with data Vigil cannot read: %2.</source>
        <translation>平台 %1 对登录请求返回了 Vigil 无法读取的数据：%2。</translation>
    </message>
    <message>
        <source>The platform at %1 refused a fresh login as expired when asked for %2%3. Check that the clocks of this PC and the platform agree, then reconnect.</source>
        <translation>请求%2时，平台 %1 认为刚获得的登录已过期%3。请检查本机与平台的时钟是否一致，然后重新连接。</translation>
    </message>
    <message>
        <source>The platform at %1 refused user &quot;%2&quot; access to %3%4. Check the user&apos;s rights on the platform.</source>
        <translation>平台 %1 拒绝用户“%2”访问%3%4。请检查该用户在平台上的权限。</translation>
    </message>
    <message>
        <source>The platform at %1 could not answer %2: not found%3. Check the id, or the address and kind of the site.</source>
        <translation>平台 %1 无法应答%2：未找到%3。请检查编号，或站点的地址和类型。</translation>
    </message>
    <message>
        <source>The platform at %1 does not offer %2%3.</source>
        <translation>平台 %1 不提供%2%3。</translation>
    </message>
    <message>
        <source>The platform at %1 answered %2 with HTTP %3%4. Try again later.</source>
        <translation>平台 %1 对%2返回 HTTP %3%4。请稍后重试。</translation>
    </message>
    <message>
        <source>The platform at %1 sent %2 that Vigil cannot read: %3. Check that the address points at a platform speaking the Vigil API.</source>
        <translation>平台 %1 发送的%2 Vigil 无法读取：%3。请确认该地址指向支持 Vigil API 的平台。</translation>
    </message>
    <message>
        <source>the region tree</source>
        <translation>区域树</translation>
    </message>
    <message>
        <source>the camera list (page %1)</source>
        <translation>摄像机列表（第 %1 页）</translation>
    </message>
    <message>
        <source>The platform at %1 answered %2 with &quot;not modified&quot; although Vigil has no copy of it.</source>
        <translation>平台 %1 对%2返回“未修改”，但 Vigil 并没有其副本。</translation>
    </message>
    <message>
        <source>Loading the cameras was cancelled.</source>
        <translation>加载摄像机已取消。</translation>
    </message>
    <message>
        <source>The platform at %1 sent an empty first page of cameras but announced more pages.</source>
        <translation>平台 %1 发送的摄像机第一页为空，却声明还有更多页。</translation>
    </message>
    <message>
        <source>The camera list of the platform at %1 kept changing while Vigil read it. Try again in a moment.</source>
        <translation>Vigil 读取期间，平台 %1 的摄像机列表一直在变化。请稍后重试。</translation>
    </message>
    <message>
        <source>a live URL for camera %1</source>
        <translation>摄像机 %1 的实时地址</translation>
    </message>
    <message>
        <source>the patrol units</source>
        <translation>巡逻单位</translation>
    </message>
    <message>
        <source>the recordings of camera %1</source>
        <translation>摄像机 %1 的录像</translation>
    </message>
    <message>
        <source>a playback URL for camera %1</source>
        <translation>摄像机 %1 的回放地址</translation>
    </message>
    <message>
        <source>The platform at %1 gave no refresh token; log in again.</source>
        <translation>平台 %1 没有给出刷新令牌；请重新登录。</translation>
    </message>
    <message>
        <source>the token refresh</source>
        <translation>令牌刷新</translation>
    </message>
    <message>
        <source>The platform at %1 refused the token refresh (HTTP %2%3).</source>
        <translation>平台 %1 拒绝了令牌刷新（HTTP %2%3）。</translation>
    </message>
</context>
<context>
    <name>vigil::backend::OursPush</name>
    <message>
        <source>The platform&apos;s live positions and alarms are off: %1</source>
        <translation>平台的实时位置和报警已关闭：%1</translation>
    </message>
    <message>
        <source>Cannot log in for live positions and alarms: %1 Vigil keeps trying.</source>
        <translation>无法登录以接收实时位置和报警：%1 Vigil 将继续尝试。</translation>
    </message>
    <message>
        <source>The platform refused live positions and alarms even after a fresh login%1. Check the site&apos;s user in the site settings, or ask the platform&apos;s administrator.</source>
        <translation>重新登录后平台仍拒绝推送实时位置和报警%1。请在站点设置中检查该站点的用户，或联系平台管理员。</translation>
    </message>
    <message>
        <source>Live positions and alarms are off: %1. Check the site&apos;s address and settings.</source>
        <translation>实时位置和报警已关闭：%1。请检查站点地址和设置。</translation>
    </message>
    <message>
        <source>Live positions and alarms paused: %1. Reconnecting…</source>
        <translation>实时位置和报警已暂停：%1。正在重新连接…</translation>
    </message>
    <message>
        <source>Cannot reach the platform at %1 to acknowledge alarm %2: %3. Vigil tries again when the platform is back.</source>
        <translation>无法连接平台 %1 以确认告警 %2：%3。平台恢复后 Vigil 会再次尝试。</translation>
    </message>
    <message>
        <source>The platform at %1 does not know alarm %2 (it may have restarted): acknowledge it there by hand if it still shows it.</source>
        <translation>平台 %1 上没有告警 %2（平台可能已重启）：如平台上仍显示该告警，请在平台上手动确认。</translation>
    </message>
    <message>
        <source>The platform at %1 refused to acknowledge alarm %2 (HTTP %3%4). Check the site&apos;s user in the site settings.</source>
        <translation>平台 %1 拒绝确认告警 %2（HTTP %3%4）。请在站点设置中检查该站点的用户。</translation>
    </message>
    <message>
        <source>The platform at %1 could not take the acknowledgement of alarm %2 now (HTTP %3%4). Vigil tries again.</source>
        <translation>%1 上的平台暂时无法接受报警 %2 的确认（HTTP %3%4）。Vigil 会再次尝试。</translation>
    </message>
    <message>
        <source>Live positions and alarms are off: %1. If this is the platform&apos;s certificate, trust it in the site&apos;s row of the Platforms dialog.</source>
        <translation>实时位置和报警已关闭：%1。如果这是该平台的证书，请在“平台”对话框中该站点一行里信任它。</translation>
    </message>
</context>
<context>
    <name>vigil::backend::Parsers</name>
    <message>
        <source>the answer is %1 MB, more than the %2 MB Vigil accepts</source>
        <translation>应答大小为 %1 MB，超过 Vigil 可接受的 %2 MB</translation>
    </message>
    <message>
        <source>the answer is not valid JSON (%1 at byte %2)</source>
        <translation>应答不是有效的 JSON（第 %2 字节：%1）</translation>
    </message>
    <message>
        <source>the answer is not a JSON object</source>
        <translation>应答不是 JSON 对象</translation>
    </message>
    <message>
        <source>is not a string</source>
        <translation>不是字符串</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not an integer or a string</source>
        <translation>不是整数或字符串</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>is %1, outside %2..%3</source>
        <translation>为 %1，超出 %2..%3</translation>
    </message>
    <message>
        <source>is not true or false</source>
        <translation>不是 true 或 false</translation>
    </message>
    <message>
        <source>is not an ISO 8601 time (&quot;%1&quot;)</source>
        <translation>不是 ISO 8601 时间（“%1”）</translation>
    </message>
    <message>
        <source>is not a URL</source>
        <translation>不是 URL</translation>
    </message>
    <message>
        <source>is not an object</source>
        <translation>不是对象</translation>
    </message>
    <message>
        <source>is not an array</source>
        <translation>不是数组</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is missing</source>
        <translation>缺少“%1”</translation>
    </message>
    <message>
        <source>&apos;datum&apos; is &quot;%1&quot;; Vigil knows &quot;wgs84&quot; and &quot;gcj02&quot;</source>
        <translation>“datum”为“%1”；Vigil 只支持“wgs84”和“gcj02”</translation>
    </message>
    <message>
        <source>has &apos;%1&apos; but no &apos;%2&apos;</source>
        <translation>有“%1”但没有“%2”</translation>
    </message>
    <message>
        <source>&apos;status&apos; is &quot;%1&quot;; expected &quot;online&quot; or &quot;offline&quot;</source>
        <translation>“status”为“%1”；应为“online”或“offline”</translation>
    </message>
    <message>
        <source>%1 #%2 is %3, not an object</source>
        <translation>%1 第 %2 项为 %3，不是对象</translation>
    </message>
    <message>
        <source>the id appears twice</source>
        <translation>编号重复出现</translation>
    </message>
    <message>
        <source>&apos;nextPage&apos; (%1) does not come after &apos;page&apos; (%2)</source>
        <translation>“nextPage”（%1）没有在“page”（%2）之后</translation>
    </message>
    <message>
        <source>topic #%1 is not a string</source>
        <translation>主题第 %1 项不是字符串</translation>
    </message>
    <message>
        <source>recording #%1 ends before it starts</source>
        <translation>第 %1 段录像的结束时间早于开始时间</translation>
    </message>
</context>
<context>
    <name>vigil::backend::PlatformClient</name>
    <message>
        <source>patrol units</source>
        <translation>巡逻车辆</translation>
    </message>
    <message>
        <source>%1 at %2 does not provide %3.</source>
        <translation>%2 上的 %1 不提供%3。</translation>
    </message>
</context>
<context>
    <name>vigil::backend::RelayClient</name>
    <message>
        <source>%1 at %2 answered the request to relay stream %3 with something Vigil cannot read (%4). Check the relay&apos;s address, port and kind.</source>
        <translation>%2 上的 %1 对转发流 %3 的请求返回了 Vigil 无法读取的内容（%4）。请检查转发服务器的地址、端口和类型。</translation>
    </message>
    <message>
        <source>the request to relay stream %1</source>
        <translation>转发流 %1 的请求</translation>
    </message>
    <message>
        <source>ZLMediaKit at %1 could not pull the camera for stream %2: %3. Check that the relay can reach the camera (address, user and password) and the relay&apos;s log.</source>
        <translation>%1 上的 ZLMediaKit 无法为流 %2 拉取摄像机：%3。请检查转发服务器能否访问该摄像机（地址、用户名和密码），并查看转发服务器的日志。</translation>
    </message>
    <message>
        <source>MediaMTX at %1 refused the API user or password (HTTP %2). Check them in the relay settings, and that this user has the &quot;api&quot; permission in MediaMTX&apos;s authInternalUsers.</source>
        <translation>%1 上的 MediaMTX 拒绝了 API 用户名或密码（HTTP %2）。请在转发设置中检查，并确认该用户在 MediaMTX 的 authInternalUsers 中拥有 &quot;api&quot; 权限。</translation>
    </message>
    <message>
        <source>MediaMTX at %1 has no API v3 (HTTP 404). Check the address and port (apiAddress, 9997 by default), that &quot;api: yes&quot; is set, and that MediaMTX is version 1.0 or newer.</source>
        <translation>%1 上的 MediaMTX 没有 v3 API（HTTP 404）。请检查地址和端口（apiAddress，默认 9997）、是否设置了 &quot;api: yes&quot;，以及 MediaMTX 是否为 1.0 或更高版本。</translation>
    </message>
    <message>
        <source>HTTP %1 without an &quot;error&quot; text</source>
        <translation>HTTP %1，没有 &quot;error&quot; 说明</translation>
    </message>
    <message>
        <source>MediaMTX at %1 refused to relay stream %2 (HTTP %3: %4). Check the relay&apos;s configuration and log.</source>
        <translation>%1 上的 MediaMTX 拒绝转发流 %2（HTTP %3：%4）。请检查转发服务器的配置和日志。</translation>
    </message>
</context>
<context>
    <name>vigil::backend::WvpClient</name>
    <message>
        <source>&quot;code&quot; is not a number</source>
        <translation>&quot;code&quot; 不是数字</translation>
    </message>
    <message>
        <source>code %1 (%2)</source>
        <translation>错误码 %1（%2）</translation>
    </message>
    <message>
        <source>the page has no &quot;total&quot;</source>
        <translation>该页没有 &quot;total&quot;</translation>
    </message>
    <message>
        <source>&quot;list&quot; is not a list</source>
        <translation>&quot;list&quot; 不是列表</translation>
    </message>
    <message>
        <source>the login answer has no &quot;accessToken&quot;</source>
        <translation>登录应答中没有 &quot;accessToken&quot;</translation>
    </message>
    <message>
        <source>device %1 of the page has no &quot;deviceId&quot;</source>
        <translation>本页第 %1 个设备缺少 &quot;deviceId&quot;</translation>
    </message>
    <message>
        <source>channel %1 of device %2 has no &quot;channelId&quot;</source>
        <translation>设备 %2 的第 %1 个通道缺少 &quot;channelId&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a URL</source>
        <translation>&quot;%1&quot; 不是 URL</translation>
    </message>
    <message>
        <source>the answer names no stream URL</source>
        <translation>应答中没有流地址</translation>
    </message>
    <message>
        <source>&quot;data&quot; is not an object</source>
        <translation>&quot;data&quot; 不是对象</translation>
    </message>
    <message>
        <source>&quot;recordList&quot; is not a list</source>
        <translation>&quot;recordList&quot; 不是列表</translation>
    </message>
    <message>
        <source>recording %1 has no valid &quot;startTime&quot;/&quot;endTime&quot; (yyyy-MM-dd HH:mm:ss, end after start)</source>
        <translation>第 %1 段录像没有有效的 &quot;startTime&quot;/&quot;endTime&quot;（yyyy-MM-dd HH:mm:ss，结束须晚于开始）</translation>
    </message>
    <message>
        <source>WVP-GB28181-pro at %1 could not answer %2: %3. Check that the device is online, or try again later.</source>
        <translation>%1 上的 WVP-GB28181-pro 无法响应%2：%3。请确认设备在线，或稍后重试。</translation>
    </message>
    <message>
        <source>the login</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>WVP-GB28181-pro at %1 refused user &quot;%2&quot;: wrong user name or password. Check them in the site&apos;s settings.</source>
        <translation>%1 上的 WVP-GB28181-pro 拒绝了用户 &quot;%2&quot;：用户名或密码错误。请在站点设置中检查。</translation>
    </message>
    <message>
        <source>WVP-GB28181-pro at %1 has no login API (HTTP 404). Check the address and the kind of the site.</source>
        <translation>%1 上的 WVP-GB28181-pro 没有登录接口（HTTP 404）。请检查站点的地址和类型。</translation>
    </message>
    <message>
        <source>WVP-GB28181-pro at %1 refused a fresh login when asked for %2. Check that the clocks of this PC and the platform agree and the user&apos;s rights, then reconnect.</source>
        <translation>%1 上的 WVP-GB28181-pro 在请求%2时拒绝了刚完成的登录。请检查本机与平台的时钟是否一致以及用户权限，然后重新连接。</translation>
    </message>
    <message>
        <source>WVP-GB28181-pro at %1 refused user &quot;%2&quot; access to %3. Check the user&apos;s rights on the platform.</source>
        <translation>%1 上的 WVP-GB28181-pro 拒绝用户 &quot;%2&quot; 访问%3。请检查该用户在平台上的权限。</translation>
    </message>
    <message>
        <source>WVP-GB28181-pro at %1 could not answer %2: not found (HTTP 404). Check the id, or the address and kind of the site.</source>
        <translation>%1 上的 WVP-GB28181-pro 无法响应%2：未找到（HTTP 404）。请检查编号，或站点的地址和类型。</translation>
    </message>
    <message>
        <source>WVP-GB28181-pro at %1 answered %2 with HTTP %3. Try again later.</source>
        <translation>%1 上的 WVP-GB28181-pro 对%2返回 HTTP %3。请稍后重试。</translation>
    </message>
    <message>
        <source>the device list (page %1)</source>
        <translation>设备列表（第 %1 页）</translation>
    </message>
    <message>
        <source>the channels of device %1 (page %2)</source>
        <translation>设备 %1 的通道（第 %2 页）</translation>
    </message>
    <message>
        <source>Loading the cameras was cancelled.</source>
        <translation>已取消加载摄像机。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a WVP-GB28181-pro channel id (deviceId/channelId). Reload the camera list of %2.</source>
        <translation>&quot;%1&quot; 不是 WVP-GB28181-pro 通道编号（deviceId/channelId）。请重新加载 %2 的摄像机列表。</translation>
    </message>
    <message>
        <source>a live URL for camera %1</source>
        <translation>摄像机 %1 的实时视频地址</translation>
    </message>
    <message>
        <source>the recordings of camera %1</source>
        <translation>摄像机 %1 的录像</translation>
    </message>
    <message>
        <source>a playback URL for camera %1</source>
        <translation>摄像机 %1 的回放地址</translation>
    </message>
</context>
<context>
    <name>vigil::backend::ZlmClient</name>
    <message>
        <source>the answer has no numeric &quot;code&quot;</source>
        <translation>应答中没有数值型 &quot;code&quot;</translation>
    </message>
    <message>
        <source>code %1 (%2)</source>
        <translation>错误码 %1（%2）</translation>
    </message>
    <message>
        <source>&quot;data&quot; is not a list</source>
        <translation>&quot;data&quot; 不是列表</translation>
    </message>
    <message>
        <source>stream %1 of the list has no &quot;app&quot; or &quot;stream&quot;</source>
        <translation>列表中第 %1 路流缺少 &quot;app&quot; 或 &quot;stream&quot;</translation>
    </message>
    <message>
        <source>&quot;data&quot; is not the server&apos;s settings</source>
        <translation>&quot;data&quot; 不是服务器配置</translation>
    </message>
    <message>
        <source>&quot;data.paths&quot; is not a list</source>
        <translation>&quot;data.paths&quot; 不是列表</translation>
    </message>
    <message>
        <source>&quot;data.paths&quot; holds a non-string</source>
        <translation>&quot;data.paths&quot; 含有非字符串项</translation>
    </message>
    <message>
        <source>ZLMediaKit at %1 has no API %2 (HTTP 404). Check the address and port (the server&apos;s http.port) and the kind of the site.</source>
        <translation>%1 上的 ZLMediaKit 没有接口 %2（HTTP 404）。请检查地址和端口（服务器的 http.port）以及站点类型。</translation>
    </message>
    <message>
        <source>ZLMediaKit at %1 answered %2 with HTTP %3. Try again later.</source>
        <translation>%1 上的 ZLMediaKit 对%2返回 HTTP %3。请稍后重试。</translation>
    </message>
    <message>
        <source>ZLMediaKit at %1 refused the API secret when asked for %2 (%3). Check the secret in the site&apos;s settings (api.secret in the server&apos;s config.ini) and that the server allows this PC&apos;s address.</source>
        <translation>%1 上的 ZLMediaKit 在请求%2时拒绝了 API 密钥（%3）。请检查站点设置中的密钥（服务器 config.ini 中的 api.secret），并确认服务器允许本机地址访问。</translation>
    </message>
    <message>
        <source>ZLMediaKit at %1 found nothing for %2 (%3). Check the camera id.</source>
        <translation>%1 上的 ZLMediaKit 未找到%2（%3）。请检查摄像机编号。</translation>
    </message>
    <message>
        <source>ZLMediaKit at %1 could not answer %2: %3. Try again later, or check the server&apos;s log.</source>
        <translation>%1 上的 ZLMediaKit 无法响应%2：%3。请稍后重试，或查看服务器日志。</translation>
    </message>
    <message>
        <source>its settings</source>
        <translation>其配置</translation>
    </message>
    <message>
        <source>the stream list</source>
        <translation>流列表</translation>
    </message>
    <message>
        <source>Loading the cameras was cancelled.</source>
        <translation>已取消加载摄像机。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a ZLMediaKit stream id (app/stream). Reload the camera list of %2.</source>
        <translation>&quot;%1&quot; 不是 ZLMediaKit 流编号（app/stream）。请重新加载 %2 的摄像机列表。</translation>
    </message>
    <message>
        <source>The time span asked for is empty.</source>
        <translation>所请求的时间段为空。</translation>
    </message>
    <message>
        <source>ZLMediaKit lists recordings one day at a time; ask for at most 62 days at once.</source>
        <translation>ZLMediaKit 按天列出录像；一次最多查询 62 天。</translation>
    </message>
    <message>
        <source>the recordings of %1 on %2</source>
        <translation>%1 在 %2 的录像</translation>
    </message>
    <message>
        <source>ZLMediaKit at %1 has no recording of %2 between %3 and %4. Pick another time or check that the server records this stream (enable_mp4).</source>
        <translation>%1 上的 ZLMediaKit 在 %3 至 %4 之间没有 %2 的录像。请选择其他时间，或确认服务器在录制此流（enable_mp4）。</translation>
    </message>
</context>
<context>
    <name>vigil::cameras::CameraDirectory</name>
    <message>
        <source>The camera list %1 was damaged (%2). Vigil loaded the previous copy from its backup, so cameras added or changed since the last save may be missing; the damaged file was kept as %3. Check the camera list and add any missing camera again.</source>
        <translation>摄像机列表 %1 已损坏（%2）。Vigil 已从备份载入上一版本，上次保存之后添加或修改的摄像机可能缺失；损坏的文件已另存为 %3。请核对摄像机列表，并重新添加缺失的摄像机。</translation>
    </message>
    <message>
        <source>The camera list %1 was damaged (%2) and no usable backup exists, so Vigil started without configured cameras. The damaged file was kept as %3: repair it, or add the cameras again.</source>
        <translation>摄像机列表 %1 已损坏（%2），且没有可用的备份，因此 Vigil 启动时未载入任何已配置的摄像机。损坏的文件已另存为 %3：请修复该文件，或重新添加摄像机。</translation>
    </message>
    <message>
        <source>The camera list %1 was missing; Vigil loaded it from its backup. Check that all cameras are there.</source>
        <translation>摄像机列表 %1 丢失，Vigil 已从备份载入。请核对摄像机是否齐全。</translation>
    </message>
    <message>
        <source>Vigil could not save the camera list to %1 (%2). Check that the folder is writable and the disk is not full, then try again.</source>
        <translation>Vigil 无法将摄像机列表保存到 %1（%2）。请确认该文件夹可写且磁盘未满，然后重试。</translation>
    </message>
    <message>
        <source>The camera could not be added because its identifier is empty or already used.</source>
        <translation>无法添加摄像机：其标识为空或已被占用。</translation>
    </message>
    <message>
        <source>Enter a name for the camera.</source>
        <translation>请输入摄像机名称。</translation>
    </message>
    <message>
        <source>The main stream address must start with rtsp:// or rtsps:// and name the camera, for example rtsp://192.168.1.10:554/stream1.</source>
        <translation>主码流地址必须以 rtsp:// 或 rtsps:// 开头并包含摄像机地址，例如 rtsp://192.168.1.10:554/stream1。</translation>
    </message>
    <message>
        <source>The sub-stream address must start with rtsp:// or rtsps:// and name the camera, for example rtsp://192.168.1.10:554/stream2. Leave it empty if the camera has none.</source>
        <translation>子码流地址必须以 rtsp:// 或 rtsps:// 开头并包含摄像机地址，例如 rtsp://192.168.1.10:554/stream2。如摄像机没有子码流，请留空。</translation>
    </message>
    <message>
        <source>This camera is no longer in the camera list.</source>
        <translation>该摄像机已不在摄像机列表中。</translation>
    </message>
    <message>
        <source>Could not store the camera password: %1</source>
        <translation>无法保存摄像机密码：%1</translation>
    </message>
    <message>
        <source>The system keyring did not answer, so camera passwords are kept in the file %1, readable only by you. To keep them in the keyring, unlock it (or start it) and restart Vigil.</source>
        <translation>系统密钥环没有响应，摄像机密码暂存于仅您可读的文件 %1 中。若要保存在密钥环中，请解锁（或启动）密钥环后重启 Vigil。</translation>
    </message>
    <message>
        <source>The favourite cameras %1 were damaged (%2); Vigil loaded the previous copy from its backup and kept the damaged file as %3. Star any missing favourite again.</source>
        <translation>收藏的摄像机文件 %1 已损坏（%2）；Vigil 已从备份载入上一版本，损坏的文件保存为 %3。如有遗漏的收藏，请重新加星标。</translation>
    </message>
    <message>
        <source>The favourite cameras %1 were damaged (%2) and no usable backup exists, so no camera is starred. The damaged file was kept as %3.</source>
        <translation>收藏的摄像机文件 %1 已损坏（%2），且没有可用的备份，因此当前没有收藏的摄像机。损坏的文件保存为 %3。</translation>
    </message>
    <message>
        <source>The favourite cameras could not be saved to %1 (%2). Check that the folder is writable and has free space.</source>
        <translation>收藏的摄像机无法保存到 %1（%2）。请检查该文件夹是否可写、磁盘是否有剩余空间。</translation>
    </message>
    <message>
        <source>The privacy masks %1 were damaged (%2); Vigil loaded the previous copy from its backup and kept the damaged file as %3. Check each platform or demo camera&apos;s masks (tile menu, Privacy masks) before the wall is shown to anyone.</source>
        <translation>隐私遮挡文件 %1 已损坏（%2）；Vigil 已从备份加载上一版本，损坏的文件保留为 %3。在向任何人展示电视墙之前，请检查每个平台或演示摄像机的遮挡（画面菜单 → 隐私遮挡）。</translation>
    </message>
    <message>
        <source>The privacy masks %1 were damaged (%2) and no usable backup exists, so platform and demo cameras show without masks. The damaged file was kept as %3: repair it, or draw the masks again (tile menu, Privacy masks).</source>
        <translation>隐私遮挡文件 %1 已损坏（%2）且没有可用的备份，因此平台和演示摄像机的画面没有遮挡。损坏的文件保留为 %3：请修复它，或重新绘制遮挡（画面菜单 → 隐私遮挡）。</translation>
    </message>
    <message>
        <source>The privacy masks could not be saved to %1 (%2). Check that the folder is writable and has free space.</source>
        <translation>隐私遮挡无法保存到 %1（%2）。请检查该文件夹是否可写且有可用空间。</translation>
    </message>
</context>
<context>
    <name>vigil::cameras::FileCredentialStore</name>
    <message>
        <source>The saved camera passwords were damaged; Vigil used the backup copy. Passwords changed since then must be entered again.</source>
        <translation>已保存的摄像机密码文件损坏，Vigil 已使用备份。此后修改过的密码需要重新输入。</translation>
    </message>
    <message>
        <source>The saved camera passwords were damaged and no backup could be read. Enter the camera passwords again; the damaged file was kept as %1.</source>
        <translation>已保存的摄像机密码文件损坏，且无法读取备份。请重新输入摄像机密码；损坏的文件已另存为 %1。</translation>
    </message>
    <message>
        <source>Vigil could not save the camera password to %1 (%2). Check that the folder is writable and the disk is not full, then try again.</source>
        <translation>Vigil 无法将摄像机密码保存到 %1（%2）。请确认该文件夹可写且磁盘未满，然后重试。</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
</context>
<context>
    <name>vigil::cameras::KeyringCredentialStore</name>
    <message>
        <source>The camera passwords could not be saved in the system keyring (%1). They work until Vigil closes; unlock the keyring and change a camera to retry.</source>
        <translation>无法将摄像机密码保存到系统密钥环（%1）。在 Vigil 关闭前这些密码仍可使用；请解锁密钥环，然后修改任一摄像机以重试。</translation>
    </message>
</context>
<context>
    <name>vigil::devices::OnvifDeviceProbe</name>
    <message>
        <source>&quot;%1&quot; is not a camera address. Type an IP address or host name, for example 192.168.1.64.</source>
        <translation>&quot;%1&quot; 不是摄像机地址。请输入 IP 地址或主机名，例如 192.168.1.64。</translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>No camera directory to add the device to.</source>
        <translation>没有可添加设备的摄像机目录。</translation>
    </message>
    <message>
        <source>Test the device first; it must show at least one stream.</source>
        <translation>请先测试设备；它必须至少显示一路码流。</translation>
    </message>
</context>
<context>
    <name>vigil::map::GeoJson</name>
    <message>
        <source>The map data is not a GeoJSON FeatureCollection (%1).</source>
        <translation>地图数据不是 GeoJSON FeatureCollection（%1）。</translation>
    </message>
</context>
<context>
    <name>vigil::map::MbTilesReader</name>
    <message>
        <source>The map file %1 does not exist. Check the map source path in the settings, or choose another tile source.</source>
        <translation>地图文件 %1 不存在。请检查设置中的地图源路径，或选择其他瓦片源。</translation>
    </message>
    <message>
        <source>The map file %1 cannot be read (permission denied). Give your user read access to it.</source>
        <translation>无法读取地图文件 %1（权限被拒绝）。请为当前用户授予读取权限。</translation>
    </message>
    <message>
        <source>The map file %1 could not be opened (%2). Replace it with a valid MBTiles file.</source>
        <translation>无法打开地图文件 %1（%2）。请换成有效的 MBTiles 文件。</translation>
    </message>
    <message>
        <source>The map file %1 is damaged or is not an MBTiles tile set (%2). Replace it with a valid MBTiles file.</source>
        <translation>地图文件 %1 已损坏或不是 MBTiles 瓦片集（%2）。请换成有效的 MBTiles 文件。</translation>
    </message>
    <message>
        <source>The map file %1 is damaged or has no tiles table (%2). Replace it with a valid MBTiles file.</source>
        <translation>地图文件 %1 已损坏或缺少瓦片表（%2）。请换成有效的 MBTiles 文件。</translation>
    </message>
    <message>
        <source>The map file %1 contains no tiles. Replace it with a tile set that covers your area.</source>
        <translation>地图文件 %1 不含任何瓦片。请换成覆盖本辖区的瓦片集。</translation>
    </message>
    <message>
        <source>Reading tile %1 from %2 failed (%3).</source>
        <translation>从 %2 读取瓦片 %1 失败（%3）。</translation>
    </message>
    <message>
        <source>Tile %1 in %2 is not a PNG or JPEG image.</source>
        <translation>%2 中的瓦片 %1 不是 PNG 或 JPEG 图像。</translation>
    </message>
</context>
<context>
    <name>vigil::map::MbTilesWriter</name>
    <message>
        <source>Cannot create the map file %1 (%2). Check that the folder is writable.</source>
        <translation>无法创建地图文件 %1（%2）。请检查文件夹是否可写。</translation>
    </message>
    <message>
        <source>Cannot write the map file %1 (%2).</source>
        <translation>无法写入地图文件 %1（%2）。</translation>
    </message>
    <message>
        <source>Cannot write tile %1 to %2 (%3).</source>
        <translation>无法将瓦片 %1 写入 %2（%3）。</translation>
    </message>
    <message>
        <source>Cannot move the new map file into place at %1. Check that the folder is writable.</source>
        <translation>无法将新地图文件移动到 %1。请检查文件夹是否可写。</translation>
    </message>
</context>
<context>
    <name>vigil::map::TileLoader</name>
    <message>
        <source>The map file is not open.</source>
        <translation>地图文件未打开。</translation>
    </message>
    <message>
        <source>Loading map tile %1 from %2 failed: %3. Check the network connection or switch to an offline MBTiles map.</source>
        <translation>从 %2 加载地图瓦片 %1 失败：%3。请检查网络连接，或切换到离线 MBTiles 地图。</translation>
    </message>
    <message>
        <source>Map tile %1 from %2 is not an image.</source>
        <translation>来自 %2 的地图瓦片 %1 不是图像。</translation>
    </message>
</context>
<context>
    <name>vigil::map::TileSourceSpec</name>
    <message>
        <source>Tianditu needs a key: write the source as &quot;tianditu:YOUR_KEY&quot; (get a key at console.tianditu.gov.cn).</source>
        <translation>天地图需要密钥：请将地图源写成 &quot;tianditu:您的密钥&quot;（在 console.tianditu.gov.cn 申请）。</translation>
    </message>
    <message>
        <source>The tile URL template must contain {x}, {y} (or {-y}) and {z}; with {s} add the subdomains after a bar, e.g. &quot;https://{s}.example.org/{z}/{x}/{y}.png|a,b,c&quot;.</source>
        <translation>瓦片 URL 模板必须包含 {x}、{y}（或 {-y}）和 {z}；使用 {s} 时在竖线后列出子域名，例如 &quot;https://{s}.example.org/{z}/{x}/{y}.png|a,b,c&quot;。</translation>
    </message>
    <message>
        <source>Unknown map source &quot;%1&quot;. Use an .mbtiles file, &quot;osm&quot;, &quot;amap&quot;, &quot;tencent&quot;, &quot;tianditu:KEY&quot; or an http(s) URL template.</source>
        <translation>未知的地图源 &quot;%1&quot;。请使用 .mbtiles 文件、&quot;osm&quot;、&quot;amap&quot;、&quot;tencent&quot;、&quot;tianditu:密钥&quot; 或 http(s) URL 模板。</translation>
    </message>
</context>
<context>
    <name>vigil::map::TrackHistory</name>
    <message>
        <source>The track history was damaged (%1); it was kept as %2 and a new, empty one was started. Earlier tracks are in the kept file.</source>
        <translation>轨迹历史数据库已损坏（%1）；已保留为 %2，并新建了一个空数据库。之前的轨迹在保留的文件中。</translation>
    </message>
    <message>
        <source>The track history %1 is damaged (%2) and could not be moved aside: tracks are not being kept. Move the file away, then start Vigil again.</source>
        <translation>轨迹历史数据库 %1 已损坏（%2），且无法移到一旁：轨迹未被保存。请将该文件移走，然后重新启动 Vigil。</translation>
    </message>
    <message>
        <source>The track history %1 cannot be opened (%2): tracks are not being kept. Check that the folder is writable and the disk has room, then start Vigil again.</source>
        <translation>无法打开轨迹历史数据库 %1（%2）：轨迹未被保存。请检查文件夹可写且磁盘有空间，然后重新启动 Vigil。</translation>
    </message>
    <message>
        <source>Track fixes could not be written to %1 (%2). Check that the disk has room; tracks are kept for the last two hours only until then.</source>
        <translation>轨迹定位点无法写入 %1（%2）。请检查磁盘空间；在此之前仅保留最近两小时的轨迹。</translation>
    </message>
</context>
<context>
    <name>vigil::mqtt::MqttClient</name>
    <message>
        <source>The MQTT broker at %1 did not answer within %2 s. Vigil keeps trying; check that an MQTT broker (not another service) listens there and that it is not overloaded.</source>
        <translation>MQTT 消息服务器 %1 在 %2 秒内没有应答。Vigil 会继续尝试；请检查该地址上运行的确实是 MQTT 服务器（而非其他服务），且没有过载。</translation>
    </message>
    <message>
        <source>The TLS connection to the MQTT broker at %1 failed (%2). Check that the broker&apos;s certificate is signed by the CA file given to Vigil (or by a system CA) and that it names this host.</source>
        <translation>与 MQTT 消息服务器 %1 的 TLS 连接失败（%2）。请检查服务器证书是否由提供给 Vigil 的 CA 文件（或系统 CA）签发，且证书中的主机名正确。</translation>
    </message>
    <message>
        <source>Vigil cannot reach the MQTT broker at %1 (%2). It keeps trying; check that the broker is running and that the address and port are right.</source>
        <translation>Vigil 无法连接 MQTT 消息服务器 %1（%2）。Vigil 会继续尝试；请检查服务器是否在运行、地址和端口是否正确。</translation>
    </message>
    <message>
        <source>The MQTT broker at %1 refused Vigil&apos;s user name or password (%2). Check the user and password given to Vigil against the broker&apos;s password file and access rules; Vigil keeps retrying.</source>
        <translation>MQTT 消息服务器 %1 拒绝了 Vigil 的用户名或密码（%2）。请对照服务器的密码文件和访问规则检查提供给 Vigil 的用户名和密码；Vigil 会继续重试。</translation>
    </message>
    <message>
        <source>The MQTT broker at %1 refused the connection (%2). Vigil keeps trying; check the broker&apos;s configuration and its log.</source>
        <translation>MQTT 消息服务器 %1 拒绝了连接（%2）。Vigil 会继续尝试；请检查服务器的配置和日志。</translation>
    </message>
    <message>
        <source>The connection to the MQTT broker at %1 was lost (%2). Vigil is reconnecting; the wall keeps showing what it showed.</source>
        <translation>与 MQTT 消息服务器 %1 的连接已断开（%2）。Vigil 正在重新连接；电视墙保持原有画面。</translation>
    </message>
    <message>
        <source>Vigil could not create its MQTT client (%1).</source>
        <translation>Vigil 无法创建 MQTT 客户端（%1）。</translation>
    </message>
    <message>
        <source>Vigil cannot use the CA file %1 for the MQTT broker at %2 (%3). Check the path and that the file is a PEM certificate.</source>
        <translation>Vigil 无法使用 CA 文件 %1 连接 MQTT 消息服务器 %2（%3）。请检查路径，并确认该文件是 PEM 格式的证书。</translation>
    </message>
    <message>
        <source>Connecting to the MQTT broker at %1…</source>
        <translation>正在连接 MQTT 消息服务器 %1…</translation>
    </message>
    <message>
        <source>Connected to the MQTT broker at %1.</source>
        <translation>已连接到 MQTT 消息服务器 %1。</translation>
    </message>
</context>
<context>
    <name>vigil::network::HttpClient</name>
    <message>
        <source>Not an http:// or https:// address: %1</source>
        <translation>不是 http:// 或 https:// 地址：%1</translation>
    </message>
    <message>
        <source>Cannot resolve %1: %2</source>
        <translation>无法解析 %1：%2</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>no answer within %1 ms</source>
        <translation>%1 毫秒内无应答</translation>
    </message>
    <message>
        <source>Secure connection (HTTPS) to %1 failed: %2</source>
        <translation>与 %1 的安全连接（HTTPS）失败：%2</translation>
    </message>
    <message>
        <source>%1 did not answer within %2 ms</source>
        <translation>%1 在 %2 毫秒内无应答</translation>
    </message>
    <message>
        <source>%1 closed the connection in the middle of its answer</source>
        <translation>%1 在应答过程中关闭了连接</translation>
    </message>
    <message>
        <source>%1 closed the connection without answering</source>
        <translation>%1 未应答就关闭了连接</translation>
    </message>
    <message>
        <source>Bad HTTP answer from %1: %2</source>
        <translation>%1 返回的 HTTP 应答有误：%2</translation>
    </message>
    <message>
        <source>%1 redirected to %2; Vigil only follows redirects on the same host</source>
        <translation>%1 重定向到 %2；Vigil 只跟随同一主机上的重定向</translation>
    </message>
    <message>
        <source>the network thread has stopped</source>
        <translation>网络线程已停止</translation>
    </message>
    <message>
        <source>The answer from %1 is longer than the %2 MB Vigil accepts</source>
        <translation>来自 %1 的应答超过了 Vigil 可接受的 %2 MB</translation>
    </message>
    <message>
        <source>The trusted certificate fingerprint for %1 is not a SHA-256 fingerprint (64 hexadecimal digits)</source>
        <translation>为 %1 设置的受信任证书指纹不是 SHA-256 指纹（应为 64 位十六进制数字）</translation>
    </message>
    <message>
        <source>The HTTPS certificate of %1 (SHA-256 %2) is not the trusted one (SHA-256 %3)</source>
        <translation>%1 的 HTTPS 证书（SHA-256 %2）不是受信任的证书（SHA-256 %3）</translation>
    </message>
    <message>
        <source>The HTTPS certificate of %1 (SHA-256 %2) is not trusted: %3</source>
        <translation>%1 的 HTTPS 证书（SHA-256 %2）不受信任：%3</translation>
    </message>
</context>
<context>
    <name>vigil::network::WebSocketClient</name>
    <message>
        <source>Not a ws:// or wss:// address: %1</source>
        <translation>不是 ws:// 或 wss:// 地址：%1</translation>
    </message>
    <message>
        <source>Cannot resolve %1: %2</source>
        <translation>无法解析 %1：%2</translation>
    </message>
    <message>
        <source>Cannot connect to %1: %2</source>
        <translation>无法连接到 %1：%2</translation>
    </message>
    <message>
        <source>no answer within %1 ms</source>
        <translation>%1 毫秒内无应答</translation>
    </message>
    <message>
        <source>Secure connection (WSS) to %1 failed: %2</source>
        <translation>到 %1 的安全连接（WSS）失败：%2</translation>
    </message>
    <message>
        <source>%1 refused the WebSocket connection (HTTP %2)</source>
        <translation>%1 拒绝了 WebSocket 连接（HTTP %2）</translation>
    </message>
    <message>
        <source>%1 accepted the connection but did not answer the WebSocket upgrade within %2 ms</source>
        <translation>%1 接受了连接，但在 %2 毫秒内未响应 WebSocket 升级请求</translation>
    </message>
    <message>
        <source>%1 is not a WebSocket server: %2</source>
        <translation>%1 不是 WebSocket 服务器：%2</translation>
    </message>
    <message>
        <source>%1 stopped answering (no reply to pings within %2 ms)</source>
        <translation>%1 已停止响应（%2 毫秒内未回应心跳）</translation>
    </message>
    <message>
        <source>%1 sent a message longer than the %2 MB Vigil accepts</source>
        <translation>%1 发送的消息超过了 Vigil 可接受的 %2 MB</translation>
    </message>
    <message>
        <source>%1 closed the WebSocket connection</source>
        <translation>%1 关闭了 WebSocket 连接</translation>
    </message>
    <message>
        <source>The WebSocket connection to %1 broke: %2</source>
        <translation>与 %1 的 WebSocket 连接中断：%2</translation>
    </message>
    <message>
        <source>Could not send to %1: %2</source>
        <translation>无法向 %1 发送：%2</translation>
    </message>
    <message>
        <source>The WSS certificate of %1 (SHA-256 %2) is not the trusted one (SHA-256 %3)</source>
        <translation>%1 的 WSS 证书（SHA-256 %2）不是受信任的证书（SHA-256 %3）</translation>
    </message>
    <message>
        <source>The WSS certificate of %1 (SHA-256 %2) is not trusted: %3</source>
        <translation>%1 的 WSS 证书（SHA-256 %2）不受信任：%3</translation>
    </message>
</context>
<context>
    <name>vigil::onvif::Discovery</name>
    <message>
        <source>Bad port in &quot;%1&quot;.</source>
        <translation>“%1”中的端口无效。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address or range.</source>
        <translation>“%1”不是 IPv4 地址或地址范围。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a range like 10.1.2.10-20.</source>
        <translation>“%1”不是有效的地址范围，应类似 10.1.2.10-20。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address.</source>
        <translation>“%1”不是 IPv4 地址。</translation>
    </message>
    <message>
        <source>Could not send any discovery probe: no network interface with IPv4 multicast is up. Type the camera&apos;s address instead.</source>
        <translation>无法发送任何发现探测：没有已启用 IPv4 组播的网络接口。请直接输入摄像机地址。</translation>
    </message>
</context>
<context>
    <name>vigil::onvif::OnvifClient</name>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>Cannot reach the camera: %1. Check the address, that the camera is on, and the network or firewall.</source>
        <translation>无法连接摄像机：%1。请检查地址、摄像机是否已通电，以及网络或防火墙。</translation>
    </message>
    <message>
        <source>The camera did not answer %1 in time (%2). It may be overloaded or the network is slow; try again.</source>
        <translation>摄像机应答 %1 超时（%2）。摄像机可能负载过高或网络较慢，请重试。</translation>
    </message>
    <message>
        <source>%1. Check that the camera offers HTTPS on this port, or use its http:// address.</source>
        <translation>%1。请确认摄像机在此端口上提供 HTTPS，或改用其 http:// 地址。</translation>
    </message>
    <message>
        <source>The camera&apos;s answer to %1 was cut short (%2). Try again; if it persists, update its firmware.</source>
        <translation>摄像机对 %1 的应答不完整（%2）。请重试；如果问题持续，请升级其固件。</translation>
    </message>
    <message>
        <source>The address did not answer %1 like an ONVIF device (%2). Check the address and port.</source>
        <translation>该地址未按 ONVIF 设备的方式应答 %1（%2），可能不是 ONVIF 设备。请检查地址和端口。</translation>
    </message>
    <message>
        <source>The camera asks for a user name and password for %1.</source>
        <translation>摄像机要求输入用户名和密码才能执行 %1。</translation>
    </message>
    <message>
        <source>The camera refused the login and its clock is %1 ahead of ours. Set the camera&apos;s date and time (or NTP), then try again; if it still fails, check the user name and password.</source>
        <translation>摄像机拒绝登录，且其设备时钟比本机快 %1。请设置摄像机的日期和时间（或 NTP）后重试；如果仍然失败，请检查用户名和密码。</translation>
    </message>
    <message>
        <source>The camera refused the login and its clock is %1 behind ours. Set the camera&apos;s date and time (or NTP), then try again; if it still fails, check the user name and password.</source>
        <translation>摄像机拒绝登录，且其设备时钟比本机慢 %1。请设置摄像机的日期和时间（或 NTP）后重试；如果仍然失败，请检查用户名和密码。</translation>
    </message>
    <message>
        <source>The camera refused the user name or password for %1. Check them.</source>
        <translation>用户名或密码错误（摄像机在 %1 时拒绝登录）。请检查用户名和密码。</translation>
    </message>
    <message>
        <source>The camera offers no ONVIF media service, so it has no streams Vigil can show.</source>
        <translation>摄像机未提供 ONVIF 媒体服务，因此没有 Vigil 可显示的码流。</translation>
    </message>
    <message>
        <source>The camera has no service for %1.</source>
        <translation>摄像机没有提供 %1 的服务。</translation>
    </message>
    <message>
        <source>The camera has no PTZ service.</source>
        <translation>摄像机没有云台（PTZ）服务。</translation>
    </message>
    <message>
        <source>The camera has no ONVIF event service.</source>
        <translation>摄像机没有 ONVIF 事件服务。</translation>
    </message>
    <message>
        <source>The device has no ONVIF recording service (Profile G).</source>
        <translation>设备没有 ONVIF 录像服务（Profile G）。</translation>
    </message>
    <message>
        <source>The device has no ONVIF search service (Profile G).</source>
        <translation>设备没有 ONVIF 录像检索服务（Profile G）。</translation>
    </message>
    <message>
        <source>The device has no ONVIF replay service (Profile G).</source>
        <translation>设备没有 ONVIF 回放服务（Profile G）。</translation>
    </message>
    <message>
        <source>The camera did not tell its UTC time (no UTCDateTime).</source>
        <translation>摄像机未提供其 UTC 时间（缺少 UTCDateTime）。</translation>
    </message>
    <message>
        <source>The camera sent an invalid UTC time.</source>
        <translation>摄像机发送的 UTC 时间无效。</translation>
    </message>
    <message>
        <source>The camera&apos;s capabilities are empty (no Capabilities).</source>
        <translation>摄像机的能力信息为空（缺少 Capabilities）。</translation>
    </message>
    <message>
        <source>The camera&apos;s answer to %1 holds no usable URI.</source>
        <translation>摄像机对 %1 的应答中没有可用的 URI。</translation>
    </message>
    <message>
        <source>The camera created an event subscription without an address.</source>
        <translation>摄像机创建的事件订阅没有地址。</translation>
    </message>
    <message>
        <source>The recorder started a search without a token.</source>
        <translation>录像机启动了检索，但未返回检索令牌。</translation>
    </message>
    <message>
        <source>The recorder&apos;s replay answer holds no URI.</source>
        <translation>录像机的回放应答中没有 URI。</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
    <message>
        <source>The camera refused the user name or password (%1). Check them, and that the user has ONVIF rights on the camera.</source>
        <translation>用户名或密码错误，摄像机拒绝登录（%1）。请检查用户名和密码，并确认该用户在摄像机上拥有 ONVIF 权限。</translation>
    </message>
    <message>
        <source>The camera does not support %1 (%2).</source>
        <translation>摄像机不支持 %1（%2）。</translation>
    </message>
    <message>
        <source>The camera rejected %1: %2</source>
        <translation>摄像机拒绝了 %1：%2</translation>
    </message>
    <message>
        <source>The camera refused the user name or password (HTTP %1). Check them.</source>
        <translation>用户名或密码错误，摄像机拒绝登录（HTTP %1）。请检查用户名和密码。</translation>
    </message>
    <message>
        <source>The device sent an empty answer to %1 (HTTP %2); it may not be an ONVIF device, or ONVIF is turned off on it.</source>
        <translation>设备对 %1 返回了空应答（HTTP %2）；它可能不是 ONVIF 设备，或其 ONVIF 功能已关闭。</translation>
    </message>
    <message>
        <source>The address answered %1 with a web page, not ONVIF (HTTP %2). Check the address: the ONVIF service is usually http://CAMERA/onvif/device_service.</source>
        <translation>该地址对 %1 返回的是网页，不是 ONVIF 应答（HTTP %2）。请检查地址：ONVIF 服务通常位于 http://CAMERA/onvif/device_service。</translation>
    </message>
    <message>
        <source>The camera&apos;s answer to %1 was cut short (%2). Try again; if it persists, the camera&apos;s firmware may need an update.</source>
        <translation>摄像机对 %1 的应答不完整（%2）。请重试；如果问题持续，摄像机的固件可能需要升级。</translation>
    </message>
    <message>
        <source>The camera answered %1 with malformed XML (%2). Its firmware may need an update.</source>
        <translation>摄像机对 %1 返回了格式错误的 XML（%2）。其固件可能需要升级。</translation>
    </message>
    <message>
        <source>The device answered %1 with XML that is not a SOAP envelope (&lt;%2&gt;); it is probably not an ONVIF service.</source>
        <translation>设备对 %1 返回的 XML 不是 SOAP 信封（&lt;%2&gt;）；它很可能不是 ONVIF 服务。</translation>
    </message>
    <message>
        <source>The camera&apos;s answer to %1 has no SOAP Body.</source>
        <translation>摄像机对 %1 的应答中没有 SOAP Body。</translation>
    </message>
    <message>
        <source>The camera answered %1 with HTTP %2.</source>
        <translation>摄像机对 %1 返回了 HTTP %2。</translation>
    </message>
    <message>
        <source>The camera answered %1 in an unknown namespace (%2); Vigil expects %3.</source>
        <translation>摄像机对 %1 的应答使用了未知的命名空间（%2）；Vigil 期望的是 %3。</translation>
    </message>
    <message>
        <source>The camera&apos;s answer to %1 lacks &lt;%2&gt;.</source>
        <translation>摄像机对 %1 的应答中缺少 &lt;%2&gt;。</translation>
    </message>
</context>
<context>
    <name>vigil::playback::PlaybackSession</name>
    <message>
        <source>Looking for recordings…</source>
        <translation>正在查找录像…</translation>
    </message>
    <message>
        <source>No recordings are set up for this camera.</source>
        <translation>此摄像机没有设置录像。</translation>
    </message>
    <message>
        <source>No recording at %1 — the next one starts at %2</source>
        <translation>%1 没有录像 — 下一段从 %2 开始</translation>
    </message>
    <message>
        <source>No recording at %1</source>
        <translation>%1 没有录像</translation>
    </message>
</context>
<context>
    <name>vigil::ptz::OnvifPtzController</name>
    <message>
        <source>The password of this camera is still being read from the keyring. Try again in a moment.</source>
        <translation>正在从密钥环读取该摄像机的密码，请稍后再试。</translation>
    </message>
    <message>
        <source>This camera has no ONVIF address, so it cannot be steered from Vigil.</source>
        <translation>该摄像机没有 ONVIF 地址，无法在 Vigil 中控制云台。</translation>
    </message>
    <message>
        <source>This camera has no PTZ, so it cannot be steered from Vigil.</source>
        <translation>该摄像机没有云台功能，无法在 Vigil 中控制。</translation>
    </message>
</context>
<context>
    <name>vigil::recording::Exporter</name>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Nothing is recorded in the chosen time range. Pick a range that the timeline shows as recorded.</source>
        <translation>所选时间段内没有录像。请选择时间轴上显示有录像的时间段。</translation>
    </message>
    <message>
        <source>Out of memory while exporting.</source>
        <translation>导出时内存不足。</translation>
    </message>
    <message>
        <source>Could not open %1 for export (%2). Check that the file or stream is there and reachable.</source>
        <translation>无法打开 %1 进行导出（%2）。请检查文件或视频流是否存在且可访问。</translation>
    </message>
    <message>
        <source>Could not read %1 (%2). The file may be damaged.</source>
        <translation>无法读取 %1（%2）。文件可能已损坏。</translation>
    </message>
    <message>
        <source>%1 has no video to export.</source>
        <translation>%1 中没有可导出的视频。</translation>
    </message>
    <message>
        <source>Could not write %1 (%2). Check that the folder exists, the disk is not full and Vigil may write there.</source>
        <translation>无法写入 %1（%2）。请检查文件夹是否存在、磁盘是否已满，以及 Vigil 是否有权在此写入。</translation>
    </message>
    <message>
        <source>%1 video cannot be exported to MP4 without re-encoding.</source>
        <translation>%1 视频无法在不重新编码的情况下导出为 MP4。</translation>
    </message>
    <message>
        <source>The %1 audio was left out: MP4 cannot carry it.</source>
        <translation>未包含 %1 音频：MP4 不支持该格式。</translation>
    </message>
    <message>
        <source>The recording changes its video format inside the range (%1, then %2). Export the parts before and after the change separately.</source>
        <translation>录像在所选时间段内更换了视频格式（先 %1，后 %2）。请将变更前后的部分分别导出。</translation>
    </message>
    <message>
        <source>Could not copy %1 (%2). The source may be damaged, or the disk full.</source>
        <translation>无法复制 %1（%2）。源文件可能已损坏，或磁盘已满。</translation>
    </message>
    <message>
        <source>No video was found in the chosen range. Check the range against the recording&apos;s length.</source>
        <translation>所选时间段内没有找到视频。请对照录像时长检查时间段。</translation>
    </message>
    <message>
        <source>Could not read back %1 to checksum it.</source>
        <translation>无法读回 %1 以计算校验和。</translation>
    </message>
    <message>
        <source>Could not name the export %1. Check that the folder is writable.</source>
        <translation>无法将导出文件命名为 %1。请检查文件夹是否可写。</translation>
    </message>
    <message>
        <source>Could not write the checksum file %1. Check that the folder is writable.</source>
        <translation>无法写入校验文件 %1。请检查文件夹是否可写。</translation>
    </message>
    <message>
        <source>Export failed unexpectedly.</source>
        <translation>导出意外失败。</translation>
    </message>
</context>
<context>
    <name>vigil::recording::Recorder</name>
    <message>
        <source>Could not write the recording %1 (%2). Check that the disk is not full and that Vigil may write to this folder.</source>
        <translation>无法写入录像 %1（%2）。请检查磁盘是否已满，以及 Vigil 是否有权写入此文件夹。</translation>
    </message>
</context>
<context>
    <name>vigil::sites::SiteManager</name>
    <message>
        <source>The site list %1 was damaged (%2). Vigil loaded the previous copy from its backup; the damaged file was kept as %3. Check the sites and add any missing one again.</source>
        <translation>站点列表 %1 已损坏（%2）。Vigil 已从备份载入上一份副本；损坏的文件保存为 %3。请检查站点，并重新添加缺少的站点。</translation>
    </message>
    <message>
        <source>The site list %1 was damaged (%2) and no backup was usable; it was kept as %3. Add the sites again.</source>
        <translation>站点列表 %1 已损坏（%2），且没有可用的备份；该文件保存为 %3。请重新添加站点。</translation>
    </message>
    <message>
        <source>Waiting to connect…</source>
        <translation>等待连接…</translation>
    </message>
    <message>
        <source>Off.</source>
        <translation>已关闭。</translation>
    </message>
    <message>
        <source>This camera&apos;s platform is no longer configured.</source>
        <translation>此摄像机所属的平台已不在配置中。</translation>
    </message>
    <message>
        <source>This version of Vigil cannot read %1 platforms yet. Choose another kind of platform for this site.</source>
        <translation>此版本的 Vigil 尚不能读取 %1 平台。请为此站点选择其他平台类型。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>Reading cameras: %1 of %2…</source>
        <translation>正在读取摄像机：%1 / %2…</translation>
    </message>
    <message>
        <source>Reading cameras: %1…</source>
        <translation>正在读取摄像机：%1…</translation>
    </message>
    <message numerus="yes">
        <source>Online: %n camera(s), read at %1.</source>
        <translation>
            <numerusform>在线：%n 台摄像机，读取于 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Vigil will not retry on its own: edit the site to correct the user name and password, or press Retry.</source>
        <translation>Vigil 不会自动重试：请编辑站点以更正用户名和密码，或点击“重试”。</translation>
    </message>
    <message numerus="yes">
        <source>Its last camera list (%n camera(s)) stays in the list.</source>
        <translation>
            <numerusform>其上次的摄像机列表（%n 台）仍保留在列表中。</numerusform>
        </translation>
    </message>
    <message>
        <source>Retrying in %1 s.</source>
        <translation>%1 秒后重试。</translation>
    </message>
    <message>
        <source>Choose the kind of platform.</source>
        <translation>请选择平台类型。</translation>
    </message>
    <message>
        <source>The address must look like http://host:port or https://host:port.</source>
        <translation>地址格式应为 http://主机:端口 或 https://主机:端口。</translation>
    </message>
    <message>
        <source>Type the user name and password in their own fields, not in the address.</source>
        <translation>请在各自的输入框中填写用户名和密码，不要写在地址中。</translation>
    </message>
    <message>
        <source>The site&apos;s password could not be stored: %1</source>
        <translation>无法保存站点的密码：%1</translation>
    </message>
    <message>
        <source>The site could not be saved to %1: %2</source>
        <translation>无法将站点保存到 %1：%2</translation>
    </message>
    <message>
        <source>This site is no longer in the list.</source>
        <translation>此站点已不在列表中。</translation>
    </message>
    <message>
        <source>The site could not be removed from %1: %2</source>
        <translation>无法从 %1 中删除站点：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 certificate fingerprint (64 hexadecimal digits).</source>
        <translation>“%1”不是 SHA-256 证书指纹（应为 64 位十六进制数字）。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 platforms give Vigil no live positions or alarms: only cameras and recordings.</source>
        <translation>%1 平台不向 Vigil 提供实时位置或报警，只提供摄像机和录像。</translation>
    </message>
    <message>
        <source>Live positions and alarms: start once the site is online.</source>
        <translation>实时位置和报警：站点上线后开始。</translation>
    </message>
    <message>
        <source>Live positions and alarms: off.</source>
        <translation>实时位置和报警：已关闭。</translation>
    </message>
    <message>
        <source>Live positions and alarms: connecting…</source>
        <translation>实时位置和报警：正在连接…</translation>
    </message>
    <message numerus="yes">
        <source>Live positions and alarms: connected, %n patrol unit(s) on the map.</source>
        <translation>
            <numerusform>实时位置和报警：已连接，地图上有 %n 个巡逻单位。</numerusform>
        </translation>
    </message>
    <message>
        <source>Live positions and alarms: reconnecting (%1)</source>
        <translation>实时位置和报警：正在重新连接（%1）</translation>
    </message>
    <message>
        <source>Choose the kind of relay (ZLMediaKit or MediaMTX), or None.</source>
        <translation>请选择转发服务器类型（ZLMediaKit 或 MediaMTX），或选择“无”。</translation>
    </message>
    <message>
        <source>The relay&apos;s address must look like http://host:port (its HTTP API: ZLMediaKit&apos;s http.port, MediaMTX&apos;s apiAddress, 9997 by default).</source>
        <translation>转发服务器地址应形如 http://主机:端口（其 HTTP API：ZLMediaKit 的 http.port，MediaMTX 的 apiAddress，默认 9997）。</translation>
    </message>
    <message>
        <source>Type the relay&apos;s user name and secret in their own fields, not in the address.</source>
        <translation>请在各自的输入框中填写转发服务器的用户名和密钥，不要写在地址里。</translation>
    </message>
    <message>
        <source>The relay&apos;s RTSP port must be between 1 and 65535 (or empty for the default).</source>
        <translation>转发服务器的 RTSP 端口必须在 1 到 65535 之间（留空则使用默认值）。</translation>
    </message>
    <message>
        <source>The relay&apos;s secret could not be stored: %1</source>
        <translation>无法保存转发服务器的密钥：%1</translation>
    </message>
    <message>
        <source>The relay could not be saved to %1: %2</source>
        <translation>无法将转发设置保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>vigil::sites::StreamRelays</name>
    <message>
        <source>The relay could not take this camera, so it plays directly: %1</source>
        <translation>转发服务器无法接管此摄像机，现直接播放：%1</translation>
    </message>
</context>
<context>
    <name>vigil::video</name>
    <message>
        <source>Wrong user name or password for %1. Check the camera&apos;s credentials in its settings.</source>
        <translation>%1 的用户名或密码错误。请在摄像机设置中检查登录凭据。</translation>
    </message>
    <message>
        <source>%1 refused access to this stream (403). Check that the user may view it.</source>
        <translation>%1 拒绝访问该码流（403）。请确认该用户有预览权限。</translation>
    </message>
    <message>
        <source>%1 has no stream at this path (404). Check the stream URL or channel number.</source>
        <translation>%1 在此路径下没有码流（404）。请检查码流地址或通道号。</translation>
    </message>
    <message>
        <source>The stream uses the %1 codec, which this installation cannot decode. Switch the camera to H.264 or H.265.</source>
        <translation>该码流使用 %1 编码，本机无法解码。请将摄像机编码设置为 H.264 或 H.265。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 answered but offers no video track. Check the stream URL.</source>
        <translation>%1 有响应，但没有视频流。请检查码流地址。</translation>
    </message>
    <message>
        <source>%1 refused the connection. Check that the device is on and the RTSP port is right. Retrying.</source>
        <translation>%1 拒绝连接。请确认设备已开机且 RTSP 端口正确。正在重试。</translation>
    </message>
    <message>
        <source>No answer from %1 in time. Check the network and the address. Retrying.</source>
        <translation>%1 响应超时。请检查网络和地址。正在重试。</translation>
    </message>
    <message>
        <source>%1 cannot be reached. Check the network cable, routing and the address. Retrying.</source>
        <translation>无法访问 %1。请检查网线、路由和地址。正在重试。</translation>
    </message>
    <message>
        <source>%1 closed the stream. Reconnecting.</source>
        <translation>%1 关闭了码流。正在重连。</translation>
    </message>
    <message>
        <source>%1 sent data that is not a valid stream. Check the URL; retrying.</source>
        <translation>%1 发送的数据不是有效的码流。请检查地址；正在重试。</translation>
    </message>
    <message>
        <source>%1 rejected the request (%2). Check the stream URL.</source>
        <translation>%1 拒绝了请求（%2）。请检查码流地址。</translation>
    </message>
    <message>
        <source>Stream from %1 failed: %2. Retrying.</source>
        <translation>来自 %1 的码流出错：%2。正在重试。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>The recording %1 does not exist. Check the path, or choose another recording.</source>
        <translation>录像 %1 不存在。请检查路径，或选择其他录像。</translation>
    </message>
    <message>
        <source>%1 cannot be played: it is damaged or not a video Vigil can read. Check the file, or choose another recording.</source>
        <translation>%1 无法播放：文件已损坏，或不是 Vigil 能读取的视频。请检查文件，或选择其他录像。</translation>
    </message>
</context>
<context>
    <name>vigil::video::VideoPlayer</name>
    <message>
        <source>This is not a stream address. Type it like rtsp://192.168.1.64:554/Streaming/Channels/101.</source>
        <translation>这不是有效的码流地址。请按 rtsp://192.168.1.64:554/Streaming/Channels/101 的格式输入。</translation>
    </message>
    <message>
        <source>No stream is selected for this tile.</source>
        <translation>该窗口未选择码流。</translation>
    </message>
    <message>
        <source>No picture for %1 s. The last frame is shown; reconnecting.</source>
        <translation>已 %1 秒无画面。当前显示最后一帧，正在重连。</translation>
    </message>
    <message>
        <source>This is not a recording. Give a video file or an http(s) or rtsp address of a recording.</source>
        <translation>这不是录像。请提供视频文件，或录像的 http(s) 或 rtsp 地址。</translation>
    </message>
</context>
<context>
    <name>vigil::video::VlcSource</name>
    <message>
        <source>libVLC could not start; install the VLC plugins (vlc-plugin-base)</source>
        <translation>libVLC 无法启动；请安装 VLC 插件（vlc-plugin-base）</translation>
    </message>
    <message>
        <source>libVLC could not create the media</source>
        <translation>libVLC 无法创建媒体</translation>
    </message>
    <message>
        <source>libVLC could not create a player</source>
        <translation>libVLC 无法创建播放器</translation>
    </message>
    <message>
        <source>the recording could not be opened or played</source>
        <translation>无法打开或播放该录像</translation>
    </message>
</context>
<context>
    <name>vigil::wall::WallScreenSet</name>
    <message>
        <source>Screen %1</source>
        <translation>屏幕 %1</translation>
    </message>
    <message>
        <source>The saved scenes %1 were damaged (%2). Vigil restored them from their backup, so the latest changes may be missing; the damaged file was kept as %3.</source>
        <translation>已保存的预案文件 %1 已损坏（%2）。Vigil 已从备份恢复，最近的修改可能丢失；损坏的文件保留为 %3。</translation>
    </message>
    <message>
        <source>The saved scenes %1 were damaged (%2) and no usable backup exists, so there are no scenes. The damaged file was kept as %3; save the scenes again.</source>
        <translation>已保存的预案文件 %1 已损坏（%2），且没有可用的备份，因此当前没有预案。损坏的文件保留为 %3；请重新保存预案。</translation>
    </message>
    <message>
        <source>Vigil could not save the scenes to %1 (%2). The change was not kept: check that the folder is writable and the disk is not full.</source>
        <translation>Vigil 无法将预案保存到 %1（%2）。此次修改未保留：请检查文件夹是否可写、磁盘是否已满。</translation>
    </message>
</context>
<context>
    <name>vigil::wall::WallStore</name>
    <message>
        <source>The saved wall %1 was damaged (%2). Vigil restored the previous wall from its backup, so the latest changes may be missing; the damaged file was kept as %3.</source>
        <translation>已保存的电视墙布局 %1 已损坏（%2）。Vigil 已从备份恢复上一版本，最近的修改可能缺失；损坏的文件已另存为 %3。</translation>
    </message>
    <message>
        <source>The saved wall %1 was damaged (%2) and no usable backup exists, so Vigil started with an empty wall. The damaged file was kept as %3; drag the cameras onto the wall again.</source>
        <translation>已保存的电视墙布局 %1 已损坏（%2），且没有可用的备份，因此 Vigil 以空白电视墙启动。损坏的文件已另存为 %3；请重新将摄像机拖到电视墙上。</translation>
    </message>
    <message>
        <source>The saved wall %1 was missing; Vigil restored it from its backup.</source>
        <translation>已保存的电视墙布局 %1 丢失，Vigil 已从备份恢复。</translation>
    </message>
    <message>
        <source>Vigil could not save the wall to %1 (%2). The wall works, but this arrangement will be lost at the next start: check that the folder is writable and the disk is not full.</source>
        <translation>Vigil 无法将电视墙布局保存到 %1（%2）。电视墙仍可正常使用，但下次启动时当前布局将丢失：请确认该文件夹可写且磁盘未满。</translation>
    </message>
</context>
<context>
    <name>vigil::wallnet::RemoteScreens</name>
    <message>
        <source>%1 · Screen %2</source>
        <translation>%1 · 屏幕 %2</translation>
    </message>
</context>
</TS>
