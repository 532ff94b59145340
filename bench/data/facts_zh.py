"""Hand-written memories and labelled queries for the two Chinese-speaking users.

Same layout as facts_en.py. Queries are mostly Chinese (kind `chinese` for
paraphrase and two-character words inside longer sentences, plus the other
kinds in Chinese); `cross_lingual` queries are English questions an agent might
ask about these Chinese memories.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# lina: 王丽娜, UI designer in Shanghai, boyfriend 周浩, cat 年糕
# ---------------------------------------------------------------------------
LINA = {
    "id": "lina",
    "lang": "zh",
    "persona": {
        "self": "丽娜", "partner": "周浩", "pet": "年糕", "city": "上海", "work": "公司",
        "friends": ["小美", "阿杰", "陈晨", "莉莉", "大伟", "思思", "老赵", "婷婷"],
        "work_topics": ["登录页改版", "会员中心", "设计规范", "用户访谈", "首页运营位", "支付流程", "图标库", "暗黑模式"],
        "hobbies": ["追剧", "逛展", "做手账", "拼乐高", "看脱口秀"],
    },
    "facts": {
        "fruit": "夏天我最爱吃冰镇西瓜，一次能吃掉小半个。",
        "n_fruit": "周浩买西瓜总是挑不好，上次买回来的是生的。",
        "n_fruit2": "问了一下怎么挑西瓜，说是拍起来声音发闷的比较熟。",
        "allergy": "我对芒果过敏，吃一口嘴唇就会肿起来。",
        "allergy2": "丽娜芒果过敏，点甜品时要避开芒果班戟和杨枝甘露。",
        "n_allergy": "同事小美对花粉过敏，春天出门都要戴口罩。",
        "cat": "我家的猫叫年糕，是一只三岁的橘猫，特别能吃。",
        "bf": "男朋友周浩是做后端开发的，在一家大厂上班，经常加班到很晚。",
        "parents": "我爸妈住在成都，每年春节我都会回去过年。",
        "swim": "我最近在学游泳，每周六上午去小区附近的游泳馆上课。",
        "job": "我在一家互联网公司做UI设计师，主要负责App的界面设计。",
        "rent": "我在静安区租了一室一厅，月租6500元，押一付三。",
        "rent_old": "之前在徐汇区合租的时候，房租是每月3200元。",
        "commute": "我每天坐地铁2号线通勤，单程大概40分钟。",
        "sleep": "我晚上经常失眠，下午三点以后就不敢喝咖啡了。",
        "spicy": "我是四川人，特别能吃辣，吃火锅一定要点牛油锅底。",
        "cilantro": "我最讨厌香菜，点外卖都会备注不要放香菜。",
        "n_cilantro": "周浩超级喜欢香菜，吃面要加一大把。",
        "diet": "我想在年底前减掉5公斤，现在每天晚饭后跑步30分钟。",
        "jlpt": "我打算明年7月考日语N2，现在每天背五十个单词。",
        "mom_health": "我妈去年做了甲状腺手术，现在每天早上空腹吃优甲乐。",
        "gift": "周浩生日想要一个机械键盘，我看中了Keychron K8。",
        "bday_zh": "周浩的生日是11月8日。",
        "my_bday": "我的生日是9月23日。",
        "coffee": "我每天早上都要喝一杯冰美式，不加糖。",
        "coffee2": "丽娜只喝冰美式，从来不加糖也不加奶。",
        "n_coffee": "周浩喜欢喝拿铁，还要加双份焦糖糖浆。",
        "hobby_bake": "周末有空我喜欢在家烤戚风蛋糕和曲奇。",
        "fear": "我特别怕狗，路上看到大型犬都会绕着走。",
        "music": "最近单曲循环陈奕迅的《富士山下》。",
        "dislike_meeting": "我不喜欢开长会，觉得有事直接在群里说更高效。",
        "plant": "阳台上养了一盆龟背竹和两盆绿萝，每周浇一次水。",
        "tea_mom": "我妈只喝峨眉山的竹叶青。",
        # keyword
        "ticket": "工单 UX-4521 是登录页改版的需求，下周三评审。",
        "n_ticket": "UX-4512 是去年的老需求，做的是注册流程，已经关闭了。",
        "figma": "最终的支付页设计稿在Figma文件“Pay_Flow_v7”里。",
        "wifi": "家里的Wi-Fi名字是NianGao_5G，密码是nian2023gao。",
        "sf": "给我妈寄的中秋月饼，顺丰单号SF1402938817。",
        "n_sf": "上次退货的快递单号是YT8830216455，圆通的。",
        "phone_model": "我的手机是iPhone 15 Pro，256G，原色钛金属。",
        "ipad": "画图用的是iPad Air 5配Apple Pencil二代，软件是Procreate。",
        # names
        "boss": "我们部门的设计总监是王姐，全名王蕾，要求特别严格。",
        "n_boss": "王蕾的女儿今年刚上小学，她最近经常请假接孩子。",
        "coach": "游泳教练姓孙，大家都叫他孙教练，教得很耐心。",
        "bestie": "我最好的朋友是莉莉，我们是大学室友，她现在在杭州。",
        "n_lili": "莉莉推荐了一家杭州的杭帮菜馆，叫外婆家。",
        "doctor": "我看失眠是在瑞金医院，主治医生是李医生。",
        "landlord": "房东是一位姓黄的阿姨，住在楼下，人很好。",
        # numbers
        "salary": "我现在的月薪是税前22000元，年底有两个月奖金。",
        "swim_fee": "游泳课一共20节，学费是2800元。",
        "flight": "去大阪的机票是东方航空MU515，10月2日早上8点15分从浦东起飞。",
        "flight_back": "从大阪回来的航班是MU516，10月7日下午3点40分起飞。",
        "weight_now": "这周称体重是54.5公斤。",
        "weight_start": "开始减肥的时候体重是58公斤。",
        "cat_vaccine": "年糕的猫三联疫苗要在每年3月打加强针。",
        "cat_weight": "年糕上次体检体重7.2公斤，医生说太胖了。",
        "moved": "我2019年从成都搬到上海工作。",
        "moved_bf": "周浩2016年从武汉来上海读研究生。",
        # long
        "japan_long": ("国庆去日本的行程：10月2日飞大阪，先在大阪住两晚，去环球影城和道顿堀；10月4日坐新干线去京都，"
                       "住在祇园附近的民宿，计划去清水寺、伏见稻荷和岚山看竹林；10月6日去奈良喂小鹿，晚上回大阪，"
                       "第二天下午回上海。周浩负责订酒店，我负责做攻略和换日元，预算两个人一共两万元。"
                       "记得提前买好ICOCA卡，还要给年糕找好上门喂猫的人。"),
        "review_long": ("今年的年终总结：上半年主导了会员中心的改版，新版上线后付费转化率提升了12%；"
                        "下半年搭建了公司第一套设计规范，整理了三百多个组件。需要改进的地方是和开发沟通不够早，"
                        "有两次需求返工。明年的目标是学习动效设计，争取带一个实习生，并且推动暗黑模式上线。"),
        "vet_long": ("带年糕去宠物医院体检的记录：牙齿有点牙结石，医生建议半年内洗牙，费用大概800元；"
                     "耳朵干净，心肺正常。因为太胖，医生让把猫粮减到每天60克，分两次喂，零食冻干每天不超过三颗，"
                     "平时多用逗猫棒陪它玩十五分钟。下次复查是三个月以后。"),
        "recipe_long": ("我妈教的回锅肉做法：五花肉冷水下锅，加姜片和料酒煮二十分钟，捞出来放凉切薄片。"
                        "锅里少放油，先把肉片煸到出油卷边，再加一勺郫县豆瓣酱炒出红油，放一点甜面酱和豆豉，"
                        "最后下青蒜苗大火翻炒几下就出锅。她说关键是豆瓣一定要用郫县的，蒜苗不能炒太久。"),
        "key": "家门钥匙备用的一把放在楼下黄阿姨那里。",
        "n_key_long": ("上周五加班到十一点才回家，结果发现钥匙落在公司了，手机也快没电。打电话给周浩，"
                       "他还在公司开会，我只好在小区门口的便利店坐了一个小时等他过来。以后一定要在包里放个充电宝，"
                       "还要记得出门前检查一下包。"),
        "blood": "我的血型是A型。",
        "n_blood_long": ("今年公司体检的结果：轻度贫血，血红蛋白偏低，医生建议多吃红肉和动物肝脏，三个月后复查；"
                         "甲状腺有一个小结节，需要每年做一次B超；视力又下降了，左眼四百五十度，右眼五百度。"
                         "其他指标都正常，就是颈椎有点生理曲度变直，要少低头看手机。"),
    },
    "queries": [
        ("chinese", "我夏天最喜欢吃什么水果？", ["fruit"]),
        ("chinese", "我对什么过敏？", ["allergy", "allergy2"]),
        ("chinese", "有哪些东西我不能吃？", ["allergy", "allergy2"]),
        ("chinese", "我家养的宠物是什么？", ["cat", "cat_vaccine", "vet_long"]),
        ("chinese", "我男朋友做什么工作？", ["bf"]),
        ("chinese", "我父母住在哪个城市？", ["parents"]),
        ("chinese", "我周末在学什么运动？", ["swim"]),
        ("chinese", "我的职业是什么？", ["job"]),
        ("chinese", "我平时怎么去上班？", ["commute"]),
        ("chinese", "我为什么下午不喝咖啡？", ["sleep"]),
        ("chinese", "吃火锅我喜欢什么锅底？", ["spicy"]),
        ("chinese", "点外卖的时候我会备注什么？", ["cilantro"]),
        ("chinese", "我的减肥目标是多少？", ["diet"]),
        ("chinese", "我在准备什么考试？", ["jlpt"]),
        ("chinese", "我妈妈生了什么病？", ["mom_health"]),
        ("chinese", "周浩生日想要什么礼物？", ["gift"]),
        ("chinese", "我周末喜欢做什么甜点？", ["hobby_bake"]),
        ("chinese", "我害怕什么动物？", ["fear"]),
        ("chinese", "我最近爱听哪首歌？", ["music"]),
        ("chinese", "我对开会有什么看法？", ["dislike_meeting"]),
        ("chinese", "阳台上种了哪些植物？", ["plant"]),
        ("chinese", "我妈喝什么茶？", ["tea_mom"]),
        ("keyword", "UX-4521", ["ticket"]),
        ("keyword", "Pay_Flow_v7", ["figma"]),
        ("keyword", "家里Wi-Fi密码", ["wifi"]),
        ("keyword", "SF1402938817", ["sf"]),
        ("keyword", "iPhone 15 Pro 多大内存", ["phone_model"]),
        ("keyword", "Procreate", ["ipad"]),
        ("name", "王蕾是谁？", ["boss"]),
        ("name", "孙教练是谁？", ["coach"]),
        ("name", "我最好的朋友是谁？", ["bestie"]),
        ("name", "我看失眠找的是哪位医生？", ["doctor"]),
        ("name", "房东是谁？", ["landlord"]),
        ("name", "我家猫叫什么名字？", ["cat", "cat_vaccine", "vet_long"]),
        ("number_date", "我的月薪是多少？", ["salary"]),
        ("number_date", "游泳课学费多少钱？", ["swim_fee"]),
        ("number_date", "去大阪的航班几点起飞？", ["flight"]),
        ("number_date", "我现在的房租是多少？", ["rent"]),
        ("number_date", "周浩的生日是哪天？", ["bday_zh"]),
        ("number_date", "我这周体重多少？", ["weight_now"]),
        ("long", "在京都住在哪里？", ["japan_long"]),
        ("long", "明年工作上的目标是什么？", ["review_long"]),
        ("long", "年糕每天应该吃多少猫粮？", ["vet_long"]),
        ("long", "备用钥匙放在哪里？", ["key"]),
        ("long", "我是什么血型？", ["blood"]),
        ("near_duplicate", "我喝咖啡的习惯是什么？", ["coffee", "coffee2"]),
        ("near_duplicate", "以前合租的时候房租多少？", ["rent_old"]),
        ("near_duplicate", "从大阪回来的航班号是多少？", ["flight_back"]),
        ("near_duplicate", "开始减肥时我多重？", ["weight_start"]),
        ("near_duplicate", "周浩是哪年来上海的？", ["moved_bf"]),
        ("cross_lingual", "What is the user's cat called?", ["cat", "cat_vaccine", "vet_long"]),
        ("cross_lingual", "Which fruit does Lina love in summer?", ["fruit"]),
        ("cross_lingual", "Is Lina allergic to any food?", ["allergy", "allergy2"]),
        ("cross_lingual", "Where do Lina's parents live?", ["parents"]),
        ("cross_lingual", "How much is Lina's monthly rent?", ["rent"]),
    ],
}

# ---------------------------------------------------------------------------
# chenwei: 陈伟, production manager in Shenzhen, wife 刘芳, son 陈小宇
# ---------------------------------------------------------------------------
CHENWEI = {
    "id": "chenwei",
    "lang": "zh",
    "persona": {
        "self": "老陈", "partner": "刘芳", "pet": "旺财", "city": "深圳", "work": "厂里",
        "friends": ["老李", "张总", "小王", "阿强", "老周", "黄工", "老刘", "小何"],
        "work_topics": ["SMT产线", "良率报表", "月度盘点", "客户验厂", "新员工培训", "设备保养", "出货计划", "ISO审核"],
        "hobbies": ["下象棋", "看球赛", "爬山", "听评书", "修家电"],
    },
    "facts": {
        "job": "我在龙华一家电子厂当生产经理，管着三条SMT产线和一百多号人。",
        "wife": "老婆刘芳是小学语文老师，在福田区一所小学教三年级。",
        "son": "儿子陈小宇今年读初二，数学不错，英语比较弱。",
        "bp": "我有高血压，每天早上吃一片氨氯地平。",
        "bp2": "老陈血压偏高，医生让他少吃咸的，每天按时吃降压药。",
        "n_bp": "我爸血糖高，在老家一直打胰岛素。",
        "fishing": "周末最大的爱好就是去石岩水库钓鱼，一坐就是一整天。",
        "car": "家里开的是比亚迪汉EV，2022年买的，白色。",
        "hometown": "我老家是湖南邵阳的，在深圳已经待了十几年。",
        "father": "我爸叫陈建国，今年72岁，腿脚不太好，一个人住在老家。",
        "quit_smoke": "我去年三月份戒的烟，到现在一根都没碰过。",
        "tea": "我只喝普洱熟茶，办公室常备一饼大益7572。",
        "badminton": "每周三晚上和厂里几个同事打羽毛球。",
        "stock": "我炒股主要买银行股，不碰题材股，亏过一次就长记性了。",
        "son_goal": "希望小宇中考能考上深圳中学，现在每周六上午补数学。",
        "n_son": "小宇的同学家长群里都在讨论暑假去哪里研学。",
        "diet": "我不吃羊肉，闻到膻味就受不了。",
        "sleep": "我习惯晚上十一点睡，早上六点起床去公园走路。",
        "wife_like": "刘芳喜欢养花，阳台上全是她种的月季。",
        "worry": "最担心的是我爸一个人在老家没人照顾。",
        "dislike": "我最烦开会的时候有人看手机。",
        "dialect": "在家里跟老婆说邵阳话，孩子只会听不会说。",
        # keyword
        "machine": "产线上的贴片机是松下NPM-W2，报警代码E-1032是吸嘴堵了。",
        "n_machine": "报警代码E-1302是供料器没装好，重新卡一下就行。",
        "order": "客户订单号PO-20240517-088，交期是6月20日，数量五万片。",
        "n_order": "订单PO-20240517-080已经出货了，客户签收没问题。",
        "erp": "工厂用的ERP是金蝶K/3 Cloud，我的账号是chenw_prod。",
        "iso": "今年的ISO 9001监督审核安排在11月第二周。",
        "n_iso": "IATF 16949认证还在准备中，明年才审。",
        "fishing_gear": "新买的鱼竿是光威的“战将”4.5米，线组用的是2.0主线配1.0子线。",
        "plate": "车牌号是粤B·D82K71。",
        # names
        "boss": "厂长是黄志明，大家都叫他黄总，管得很细。",
        "n_boss": "黄总的儿子在英国读书，他经常半夜开视频会议。",
        "friend_fish": "一起钓鱼的搭子是老周，他是开五金店的。",
        "teacher": "小宇的班主任是杨老师，教英语的。",
        "doctor": "我在北大深圳医院看心内科，医生是赵主任。",
        "qc": "品质部的负责人是小何，做事很靠谱。",
        # numbers
        "bp_now": "这个月量的血压是132/85。",
        "bp_old": "上个月量的血压是145/95，比较高。",
        "salary": "我的月薪税后两万八左右。",
        "mortgage": "房贷每个月还9800元，还有18年才还完。",
        "yield": "三号线上个月的良率是98.7%。",
        "yield1": "一号线上个月的良率是96.2%，要重点盯一下。",
        "son_score": "小宇期中考试数学考了112分，满分120。",
        "son_score_en": "小宇期中考试英语只考了86分，满分120。",
        "anniv": "我和刘芳是2005年10月1日结婚的。",
        "dad_bday": "我爸的生日是农历七月初九。",
        "moved": "我2008年从长沙来深圳打工。",
        "moved_old": "2003年我从邵阳到长沙读的大专。",
        "phone_dad": "我爸的手机号是139 7390 2215。",
        # long
        "audit_long": ("客户验厂的总结：这次是德国客户来审核，一共看了两天。主要问题有三个：一是仓库的湿敏元件没有按规定"
                       "存放在防潮柜里；二是二号线的静电手环点检记录有漏填；三是新员工培训记录签字不全。"
                       "整改要求在两周内完成，小何负责仓库和静电的问题，培训记录由人事补齐。"
                       "客户对我们的首件检验流程评价很高，说比上一家供应商做得好。"),
        "trip_long": ("今年暑假的家庭旅行计划：7月15日开车回邵阳看我爸，住一个星期，顺便带他去医院复查腿。"
                      "然后从邵阳去张家界玩三天，住在武陵源，门票要提前在网上预约，天门山要坐索道上去。"
                      "最后绕道长沙吃几顿好的，7月26日回深圳。刘芳负责订酒店，小宇的暑假作业要带上。"),
        "dad_long": ("带我爸去县医院看腿的情况：拍片子显示是膝关节退行性病变，就是老年人常见的骨关节炎。"
                     "医生开了硫酸氨基葡萄糖胶囊，一天三次，每次两粒，还建议他不要爬楼梯、少蹲下，"
                     "平时可以贴膏药。如果以后疼得厉害，可以考虑打玻璃酸钠。我们商量着给他买个助行器。"),
        "fish_long": ("上周日去石岩水库钓鱼的情况：早上五点半就到了，打窝用的是玉米粒加酒米，"
                      "钓到中午一共上了六条鲫鱼和一条两斤多的鲤鱼，下午太热就没口了。老周那边钓到一条四斤的草鱼，"
                      "把我羡慕坏了。下次打算试试用蚯蚓钓罗非。"),
        "locker": "厂里更衣柜的密码是0618。",
        "n_locker_long": ("今天早上到厂里发现更衣室的灯坏了，好几个员工反映柜子门关不上，衣服被弄湿了。"
                          "我让行政尽快找人来修，并且在群里通知大家贵重物品不要放在更衣室里。"
                          "顺便提醒安全主管这周要检查一下消防通道有没有被堵。"),
        "shoe": "我穿42码的鞋。",
        "n_shoe_long": ("在车间站了一整天，脚后跟疼得厉害。刘芳说是鞋底太硬了，让我去买双软底的工作鞋，"
                        "再配个足弓垫。她还说我年纪大了，不能像年轻时一样一天走两万步，要注意休息。"
                        "下周有空去医院看看是不是足底筋膜炎。"),
        "tea2": "老陈喝茶只认普洱熟茶，绿茶一口都不喝。",
        "n_tea": "刘芳喜欢喝菊花茶，说是降火。",
        "n_tea2": "黄总爱喝单丛，办公室里摆着一整套潮汕工夫茶具。",
    },
    "queries": [
        ("chinese", "我是做什么工作的？", ["job"]),
        ("chinese", "我老婆在哪里上班？", ["wife"]),
        ("chinese", "儿子哪门功课比较差？", ["son"]),
        ("chinese", "我有什么慢性病？", ["bp", "bp2"]),
        ("chinese", "我每天吃什么药？", ["bp", "bp2"]),
        ("chinese", "周末我一般去哪里放松？", ["fishing"]),
        ("chinese", "我家开的什么车？", ["car"]),
        ("chinese", "我是哪里人？", ["hometown", "dialect", "moved_old"]),
        ("chinese", "我什么时候戒的烟？", ["quit_smoke"]),
        ("chinese", "我平时喝什么茶？", ["tea", "tea2"]),
        ("chinese", "我周三晚上做什么运动？", ["badminton"]),
        ("chinese", "我买股票的原则是什么？", ["stock"]),
        ("chinese", "我希望儿子考哪所高中？", ["son_goal"]),
        ("chinese", "我有什么忌口？", ["diet"]),
        ("chinese", "我几点起床？", ["sleep"]),
        ("chinese", "我老婆有什么爱好？", ["wife_like"]),
        ("chinese", "我最放心不下的事情是什么？", ["worry"]),
        ("chinese", "开会时我最讨厌什么？", ["dislike"]),
        ("chinese", "在家里我们说什么方言？", ["dialect"]),
        ("chinese", "小宇补习什么科目？", ["son_goal"]),
        ("chinese", "我爸身体有什么问题？", ["father", "dad_long", "n_bp", "trip_long"]),
        ("chinese", "钓鱼用的鱼竿是什么牌子？", ["fishing_gear"]),
        ("keyword", "E-1032", ["machine"]),
        ("keyword", "PO-20240517-088", ["order"]),
        ("keyword", "金蝶账号", ["erp"]),
        ("keyword", "ISO 9001审核", ["iso"]),
        ("keyword", "NPM-W2", ["machine"]),
        ("keyword", "粤B车牌", ["plate"]),
        ("name", "黄志明是谁？", ["boss"]),
        ("name", "老周是做什么的？", ["friend_fish"]),
        ("name", "小宇的班主任是谁？", ["teacher"]),
        ("name", "赵主任是哪个科的医生？", ["doctor"]),
        ("name", "小何负责什么？", ["qc"]),
        ("name", "我爸叫什么名字？", ["father"]),
        ("number_date", "这个月血压多少？", ["bp_now"]),
        ("number_date", "每个月房贷还多少？", ["mortgage"]),
        ("number_date", "三号线的良率是多少？", ["yield"]),
        ("number_date", "小宇数学考了多少分？", ["son_score"]),
        ("number_date", "我们哪天结婚的？", ["anniv"]),
        ("number_date", "我爸的电话号码是多少？", ["phone_dad"]),
        ("long", "验厂发现了哪些问题？", ["audit_long"]),
        ("long", "张家界住在哪里？", ["trip_long"]),
        ("long", "医生给我爸开了什么药？", ["dad_long"]),
        ("long", "更衣柜密码是多少？", ["locker"]),
        ("long", "我穿多大的鞋？", ["shoe"]),
        ("near_duplicate", "上个月血压多少？", ["bp_old"]),
        ("near_duplicate", "一号线良率多少？", ["yield1"]),
        ("near_duplicate", "小宇英语考了几分？", ["son_score_en"]),
        ("near_duplicate", "我哪年来的深圳？", ["moved"]),
        ("near_duplicate", "E-1302是什么报警？", ["n_machine"]),
        ("cross_lingual", "What medication does Chen take every morning?", ["bp", "bp2"]),
        ("cross_lingual", "What car does the family drive?", ["car"]),
        ("cross_lingual", "Where is Chen's hometown?", ["hometown", "dialect", "moved_old"]),
        ("cross_lingual", "What tea does Chen drink?", ["tea", "tea2"]),
        ("cross_lingual", "What does Chen's wife do for a living?", ["wife"]),
    ],
}

USERS = [LINA, CHENWEI]
