"""Templated distractor memories, English and Chinese, filled from a seeded RNG.

Distractors are the everyday chatter an assistant stores — errands, plans,
meals, work tasks, things friends said, things the user looked up — written in
the same domains as the hand-written facts and reusing each user's own names
(partner, pet, friends, city, work topics), so they share words and topics with
the queries without answering them. Templates never state one of the user's own
attributes that a query asks about (allergies, birthdays of family, their own
appointments for the services queried, prices of things queried, and so on);
pet sentences never reveal the pet's species.

About one distractor in seven is long (a multi-sentence recap), so long and
short answers both sit among long and short neighbours.
"""

from __future__ import annotations

import random
import re

# --------------------------------------------------------------------------- English
EN_VOCAB = {
    "restaurant": ["Tusk", "Nong's", "Pine State", "Lardo", "Mama Lin's", "Olympia Provisions", "Bamboo Sushi",
                   "Ava Gene's", "Por Qué No", "the Ethiopian place on Main", "Golden Dragon", "Casa Verde",
                   "the ramen bar downtown", "Luigi's", "Spice Route", "the noodle house by the station"],
    "dish": ["lamb shawarma", "mushroom risotto", "spicy tuna roll", "chicken pho", "margherita pizza",
             "green curry", "fish tacos", "pad see ew", "shakshuka", "beef bulgogi", "falafel plate",
             "carbonara", "butter chicken", "eggplant parm", "miso ramen", "veggie burger"],
    "cafe": ["Heart Coffee", "Blue Bottle", "the corner café", "Starbucks", "Stumptown", "the bakery café",
             "the kiosk at the station", "Case Study"],
    "drink": ["cortado", "matcha latte", "chai latte", "cold brew", "mocha", "hibiscus iced tea",
              "turmeric latte", "americano", "hot chocolate", "kombucha"],
    "store": ["Amazon", "Target", "Costco", "IKEA", "Best Buy", "REI", "Home Depot", "Uniqlo", "Etsy",
              "the hardware store", "Trader Joe's", "a local shop"],
    "item": ["a desk lamp", "noise-cancelling headphones", "a rain jacket", "a cast-iron skillet", "a standing desk mat",
             "hiking boots", "a phone case", "a bookshelf", "a blender", "wool socks", "a backpack",
             "a yoga mat", "a label maker", "bed sheets", "a toaster", "a picture frame", "a water bottle",
             "a space heater", "an air purifier", "a kettle"],
    "problem": ["arrived scratched", "was the wrong size", "stopped working after a week", "was too loud",
                "looked different from the photos", "didn't fit under the desk"],
    "movie": ["Dune: Part Two", "Past Lives", "Oppenheimer", "The Holdovers", "Everything Everywhere All at Once",
              "Spirited Away", "Knives Out", "Arrival", "The Bear season 2", "Severance", "Top Gun: Maverick"],
    "opinion": ["fantastic", "overrated", "pretty good", "a bit bland", "way too salty", "surprisingly great",
                "just okay", "worth the hype", "disappointing"],
    "book": ["Project Hail Mary", "Atomic Habits", "Tomorrow, and Tomorrow, and Tomorrow", "The Midnight Library",
             "Sapiens", "Educated", "Klara and the Sun", "Thinking, Fast and Slow", "Pachinko", "The Overstory"],
    "topic": ["sleep hygiene", "index funds", "composting", "the history of jazz", "electric cars", "meal prep",
              "learning to code", "intermittent fasting", "home insurance", "solar panels", "climate change",
              "productivity systems", "sourdough starters", "remote work", "the housing market", "ancient Rome",
              "vitamin supplements", "cold plunges", "chess openings", "birdwatching"],
    "howto": ["unclog a bathroom sink", "remove a red wine stain", "set up a VPN on a router", "descale a kettle",
              "fold a fitted sheet", "jump-start a car", "make cold brew at home", "clean a cast-iron pan",
              "freeze fresh herbs", "patch a hole in drywall", "change a bike tube", "block spam calls"],
    "city2": ["Lisbon", "Mexico City", "Chicago", "Montreal", "Barcelona", "Seoul", "Denver", "Austin",
              "New Orleans", "Reykjavik", "Vancouver", "Edinburgh", "Copenhagen", "Buenos Aires", "Hanoi"],
    "weather": ["rainy and cold", "unusually warm", "foggy", "windy", "perfect", "gray and drizzly", "snowy"],
    "appt": ["haircut", "eye exam", "oil change", "massage", "physio session", "passport photo",
             "tax appointment", "car wash", "chimney inspection"],
    "chore": ["call the insurance company", "clean out the fridge", "file the receipts", "take the recycling out",
              "book the carpet cleaners", "replace the smoke detector batteries", "renew the library books",
              "back up the laptop", "water the garden", "return the library books", "pick up the dry cleaning",
              "sort the garage", "cancel the unused streaming service"],
    "chore_past": ["cleaned out the garage", "sorted the tax receipts", "fixed the squeaky door",
                   "donated two bags of clothes", "backed up all the photos", "defrosted the freezer"],
    "feeling": ["exhausted", "really energized", "a bit anxious", "relieved", "proud", "frustrated", "calm"],
    "event": ["the long week", "the team offsite", "a late night", "the open house", "the neighborhood cleanup",
              "a rough commute", "the family video call", "the charity 5K"],
    "bill": ["electricity", "water", "internet", "phone", "gas", "car insurance", "streaming"],
    "course": ["watercolor", "first aid", "public speaking", "Spanish", "photography", "wine tasting", "salsa"],
    "subscription": ["Spotify", "Netflix", "The Atlantic", "iCloud", "NYT Cooking", "Audible", "Duolingo Max"],
    "appliance": ["dishwasher", "dryer", "fridge", "furnace", "microwave", "garage door opener"],
    "app": ["Slack", "Firefox", "Notion", "Zoom", "the banking app", "Spotify", "VS Code", "iOS"],
    "movie_opinion": ["brilliant", "too long", "boring", "a masterpiece", "fun but forgettable", "confusing"],
    "drink_opinion": ["too sweet", "really good", "weirdly bitter", "fine but overpriced", "lukewarm", "the best in town"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "question": ["it's safe to leave a laptop plugged in overnight", "oat milk has more sugar than dairy milk",
                 "houseplants really clean the air", "you can freeze cooked rice", "coffee dehydrates you",
                 "a heat pump works in freezing weather", "credit card points are worth it",
                 "stretching before running prevents injuries"],
    "show": ["a comedy show", "the symphony", "a jazz night", "a hockey game", "a musical", "an indie concert"],
}

EN_SHORT = [
    "Had dinner at {restaurant} with {friend} on {weekday}; the {dish} was {opinion}.",
    "{friend} recommended {restaurant} for the {dish}, but we haven't been yet.",
    "Tried the {drink} at {cafe} — {drink_opinion}.",
    "Noted that {friend} always orders a {drink}.",
    "Asked for a summary of an article about {topic}.",
    "Looked up how to {howto}.",
    "Wanted {n} gift ideas for {friend}'s birthday, budget around ${price}.",
    "{friend}'s birthday dinner is on {month} {day} at {restaurant}.",
    "Booked a {appt} for {month} {day} at {time}.",
    "Ordered {item} from {store} for ${price}.",
    "Returned {item} to {store} because it {problem}.",
    "Watched {movie} with {partner}; {partner} thought it was {movie_opinion}.",
    "Started reading {book} on {friend}'s recommendation.",
    "{partner} wants to visit {city2} sometime in {month}.",
    "Looking at flights to {city2} for {month}; the cheapest fare was ${price}.",
    "{friend} just got back from {city2} and can't stop talking about the food.",
    "Spent the afternoon on {work_topic}; it took longer than expected.",
    "{friend} asked me to look over the plan for {work_topic} by {weekday}.",
    "The meeting about {work_topic} moved to {weekday} at {time}.",
    "Need to {chore} before the weekend.",
    "Reminder: {chore} on {weekday}.",
    "{pet} knocked a glass off the counter again this morning.",
    "Bought a new bed for {pet} from {store} for ${price}.",
    "{pet} was sick on the rug on {weekday}, seems fine now.",
    "The weather in {city} was {weather} all weekend.",
    "{friend} and I spent {weekday} afternoon {hobby}.",
    "Thinking about {hobby} more seriously this year.",
    "Asked whether {question}.",
    "{friend} is moving to {city2} in {month}.",
    "{friend} and {friend2} are organizing a group trip to {city2}.",
    "Felt {feeling} after {event}.",
    "Listened to a podcast episode about {topic} on the way home.",
    "Compared prices for {item}: {store} had it for ${price}.",
    "Paid the {bill} bill: ${price}.",
    "Signed up for a {course} class that starts in {month}.",
    "{friend} lent me {book}; need to give it back by {month}.",
    "{partner} booked tickets for {show} on {month} {day}.",
    "Renewed the {subscription} subscription for ${price} a year.",
    "The {appliance} started making a weird noise; might need a repair.",
    "Wants to learn more about {topic}.",
    "Saved {friend}'s new phone number: {phone}.",
    "Updated {app} to version {version}; nothing obvious changed.",
    "Order #{order} from {store} shipped and should arrive {weekday}.",
    "Ticket {ticket} is about {work_topic}.",
    "{friend} said {work_topic} is blocked until {weekday}.",
    "Asked for a recipe for {dish} that serves {n}.",
    "{partner} and I argued about whether to go to {city2} or {city3} for the holidays.",
    "Made {dish} for dinner on {weekday}; {partner} had seconds.",
    "Set a timer for {n} minutes to focus on {work_topic}.",
    "{friend} is training for a {n}K and asked for advice on shoes.",
    "Cancelled the {appt} on {weekday} because of {event}.",
    "Walked {n},{steps} steps today according to the phone.",
    "Wrote a thank-you note to {friend} for the {item}.",
    "Asked for a comparison of {book} and {book2}.",
    "{friend} sent photos from {city2}; the weather there was {weather}.",
]

EN_LONG_PREFIX = ["Weekly recap: ", "Notes from {weekday}: ", "Journal: ", "Catch-up summary: ", "",
                  "Things to remember from this week: "]
EN_LONG = [
    "On {weekday} I spent most of the day on {work_topic} and barely had time for lunch.",
    "{friend} came over for dinner and we talked about {topic} until late.",
    "The weather in {city} was {weather}, so we stayed in and watched {movie}.",
    "I ordered {item} from {store}, which should arrive by {weekday}.",
    "{partner} has been busy and we keep postponing the trip to {city2}.",
    "I finally {chore_past}, which had been on my list for weeks.",
    "{pet} has been extra clingy lately and follows me from room to room.",
    "I want to get back into {hobby} next month.",
    "We tried {restaurant} and the {dish} was {opinion}, though the service was slow.",
    "{friend} called to vent about work for almost an hour.",
    "I read a few chapters of {book} before bed and it's starting to pick up.",
    "The {appliance} is acting up again, so I need to find a repair person.",
    "There was a long discussion about {work_topic} and we still haven't agreed on a plan.",
    "I signed up for a {course} class with {friend2}, starting in {month}.",
    "{friend} recommended a podcast about {topic} that I want to try on the next long drive.",
    "I paid the {bill} bill, which was higher than usual at ${price}.",
    "I felt {feeling} most of the week, probably because of {event}.",
    "{partner} made the {dish} on {weekday} and it was {opinion}.",
]

# --------------------------------------------------------------------------- Chinese
ZH_VOCAB = {
    "restaurant": ["海底捞", "西贝莜面村", "太二酸菜鱼", "鼎泰丰", "楼下的兰州拉面", "外婆家", "绿茶餐厅",
                   "一家新开的日料店", "小区门口的潮汕牛肉火锅", "点都德", "大董", "南京大牌档", "木屋烧烤"],
    "dish": ["酸菜鱼", "小龙虾", "红烧肉", "麻婆豆腐", "烤鸭", "牛肉面", "糖醋排骨", "水煮鱼", "虾饺",
             "宫保鸡丁", "煲仔饭", "鱼香肉丝", "羊肉串", "清蒸鲈鱼", "螺蛳粉"],
    "cafe": ["星巴克", "瑞幸", "Manner", "楼下的便利店", "公司楼下的咖啡店", "Tims"],
    "drink": ["生椰拿铁", "燕麦拿铁", "抹茶拿铁", "柠檬茶", "奶茶", "杨梅冰饮", "热可可", "鸳鸯奶茶"],
    "store": ["淘宝", "京东", "拼多多", "盒马", "山姆", "宜家", "优衣库", "小米之家", "超市", "得物"],
    "item": ["一个台灯", "降噪耳机", "一件羽绒服", "一口铁锅", "空气炸锅", "一双运动鞋", "手机壳", "书架",
             "破壁机", "电动牙刷", "一个双肩包", "瑜伽垫", "四件套", "扫地机器人", "加湿器", "保温杯",
             "电热毯", "净水器"],
    "problem": ["有划痕", "尺码不对", "用了一周就坏了", "声音太吵", "和图片差别太大", "颜色不喜欢"],
    "movie": ["《流浪地球2》", "《满江红》", "《热辣滚烫》", "《繁花》", "《漫长的季节》", "《狂飙》",
              "《第二十条》", "《封神》", "《消失的她》", "《长安三万里》"],
    "opinion": ["很好吃", "一般般", "太咸了", "有点贵", "超出预期", "不值这个价", "还不错", "特别惊艳"],
    "book": ["《活着》", "《三体》", "《人类简史》", "《被讨厌的勇气》", "《平凡的世界》", "《置身事内》",
             "《原则》", "《围城》", "《额尔古纳河右岸》"],
    "topic": ["睡眠", "基金定投", "垃圾分类", "电动车", "备餐", "间歇性断食", "保险", "房价", "养生",
              "人工智能", "育儿", "时间管理", "理财", "护肤", "健身", "中医调理", "新能源车"],
    "howto": ["疏通下水道", "去除衣服上的油渍", "给路由器设置密码", "清洗空调滤网", "叠床单",
              "除去水壶里的水垢", "冷冻保存青菜", "补墙上的洞", "关闭骚扰电话"],
    "city2": ["杭州", "成都", "西安", "厦门", "青岛", "大理", "北京", "重庆", "三亚", "长沙", "苏州", "南京",
              "昆明", "哈尔滨"],
    "weather": ["一直下雨", "特别闷热", "有雾", "刮大风", "天气很好", "阴天", "降温了"],
    "appt": ["理发", "配眼镜", "汽车保养", "按摩", "办护照", "体检", "洗牙"],
    "chore": ["交物业费", "清理冰箱", "整理发票", "倒垃圾", "换空调滤网", "给电动车充电", "取快递",
              "去银行办卡", "交水电费", "洗车", "打扫阳台"],
    "chore_past": ["把衣柜整理了一遍", "把发票都整理好了", "修好了漏水的水龙头", "捐了两袋旧衣服",
                   "把照片都备份了", "给冰箱除了霜"],
    "feeling": ["特别累", "很有干劲", "有点焦虑", "松了一口气", "挺自豪", "很烦躁", "心情平静"],
    "event": ["忙了一整周", "团建", "熬夜", "搬家", "加班", "家庭视频通话", "参加婚礼"],
    "bill": ["电费", "水费", "宽带费", "话费", "燃气费", "物业费", "停车费"],
    "course": ["书法", "急救", "演讲", "英语口语", "摄影", "插花", "瑜伽"],
    "subscription": ["爱奇艺会员", "腾讯视频会员", "QQ音乐会员", "京东Plus", "百度网盘会员", "B站大会员"],
    "appliance": ["洗衣机", "冰箱", "热水器", "空调", "微波炉", "油烟机"],
    "app": ["微信", "支付宝", "钉钉", "飞书", "抖音", "淘宝"],
    "movie_opinion": ["特别好看", "太长了", "有点无聊", "是神作", "一般般", "看不太懂"],
    "drink_opinion": ["太甜了", "很好喝", "有点苦", "性价比不高", "一般", "是附近最好喝的"],
    "weekday": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    "question": ["手机充电一整晚会不会伤电池", "燕麦奶是不是比牛奶含糖高", "绿植能不能净化空气",
                 "米饭能不能冷冻保存", "喝咖啡会不会脱水", "信用卡积分值不值得攒", "跑步前拉伸有没有用"],
    "show": ["脱口秀", "音乐会", "话剧", "演唱会", "篮球赛", "相声专场"],
}

ZH_SHORT = [
    "{weekday}和{friend}去{restaurant}吃饭，{dish}{opinion}。",
    "{friend}推荐了{restaurant}的{dish}，还没去吃过。",
    "在{cafe}试了一杯{drink}，{drink_opinion}。",
    "记一下：{friend}每次都点{drink}。",
    "让我总结了一篇关于{topic}的文章。",
    "查了一下怎么{howto}。",
    "{friend}过生日，想要几个礼物建议，预算{price}元左右。",
    "{friend}的生日聚餐定在{month}月{day}日，在{restaurant}。",
    "约了{month}月{day}日{time}去{appt}。",
    "在{store}买了{item}，花了{price}元。",
    "{item}退回{store}了，因为{problem}。",
    "和{partner}一起看了{movie}，{partner}觉得{movie_opinion}。",
    "听{friend}的推荐开始看{book}。",
    "{partner}想{month}月去{city2}玩。",
    "看了去{city2}的机票，{month}月最便宜的要{price}元。",
    "{friend}刚从{city2}回来，一直在夸那边的小吃。",
    "一下午都在弄{work_topic}，比预想的慢。",
    "{friend}让我{weekday}之前看一下{work_topic}的方案。",
    "{work_topic}的会改到{weekday}{time}了。",
    "周末之前要{chore}。",
    "提醒：{weekday}要{chore}。",
    "{pet}今天早上又把杯子碰到地上了。",
    "在{store}给{pet}买了个新窝，{price}元。",
    "{pet}{weekday}吐了一次，现在看起来没事了。",
    "{city}这个周末{weather}。",
    "{weekday}和{friend}一起{hobby}。",
    "今年想认真培养一下{hobby}这个爱好。",
    "问了{question}。",
    "{friend}{month}月要搬去{city2}了。",
    "{friend}和{friend2}在组织大家一起去{city2}旅游。",
    "{event}之后感觉{feeling}。",
    "下班路上听了一期讲{topic}的播客。",
    "比了一下{item}的价格，{store}卖{price}元。",
    "交了{bill}，一共{price}元。",
    "报了一个{course}课，{month}月开课。",
    "{friend}借了我一本{book}，{month}月之前要还。",
    "{partner}订了{month}月{day}日的{show}票。",
    "续费了{subscription}，一年{price}元。",
    "{appliance}开始有奇怪的声音，可能要修了。",
    "想多了解一些关于{topic}的知识。",
    "存了{friend}的新手机号：{phone_zh}。",
    "{app}更新到了{version}版本，没感觉有什么变化。",
    "{store}的订单{order}已经发货，预计{weekday}到。",
    "单号{ticket}是关于{work_topic}的。",
    "{friend}说{work_topic}要等到{weekday}才能继续。",
    "问了一个{dish}的做法，要够{n}个人吃。",
    "和{partner}商量过年去{city2}还是{city3}，没谈拢。",
    "{weekday}晚上做了{dish}，{partner}吃了两碗饭。",
    "定了{n}分钟的番茄钟专心弄{work_topic}。",
    "{weekday}的{appt}取消了，因为{event}。",
    "今天走了{n}千多步。",
    "给{friend}发了消息，谢谢送的{item}。",
    "{friend}发来了{city2}的照片，那边{weather}。",
]

ZH_LONG_PREFIX = ["本周小结：", "{weekday}的记录：", "日记：", "近况整理：", "", "这周要记住的事："]
ZH_LONG = [
    "{weekday}一整天都在忙{work_topic}，午饭都没顾上吃。",
    "{friend}来家里吃饭，我们聊{topic}聊到很晚。",
    "{city}{weather}，我们就在家看了{movie}。",
    "在{store}买了{item}，{weekday}应该能到。",
    "{partner}最近很忙，去{city2}的计划一拖再拖。",
    "终于{chore_past}，拖了好几个星期了。",
    "{pet}最近特别黏人，走到哪儿跟到哪儿。",
    "下个月想重新开始{hobby}。",
    "去吃了{restaurant}，{dish}{opinion}，就是上菜有点慢。",
    "{friend}打电话来吐槽工作，说了快一个小时。",
    "睡前看了几章{book}，越来越好看了。",
    "{appliance}又出问题了，得找人来修。",
    "关于{work_topic}讨论了很久，还是没定下方案。",
    "和{friend2}一起报了{course}课，{month}月开始。",
    "这个月{bill}交了{price}元，比平时高。",
    "这周一直{feeling}，可能是因为{event}。",
    "{partner}{weekday}做了{dish}，{opinion}。",
]

_SLOT = re.compile(r"\{(\w+)\}")


def _fill(template: str, rng: random.Random, vocab: dict, persona: dict, lang: str, taken_numbers: set[str]) -> str:
    friends = persona["friends"]
    f1, f2 = rng.sample(friends, 2)
    c2, c3 = rng.sample(vocab["city2"], 2)
    b1, b2 = rng.sample(vocab["book"], 2)
    values: dict[str, str] = {
        "friend": f1, "friend2": f2, "partner": persona["partner"], "pet": persona["pet"], "city": persona["city"],
        "city2": c2, "city3": c3, "book": b1, "book2": b2,
        "work_topic": rng.choice(persona["work_topics"]), "hobby": rng.choice(persona["hobbies"]),
        "n": str(rng.choice([2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25])),
        "day": str(rng.randint(1, 28)),
        "month": (str(rng.randint(1, 12)) if lang == "zh" else rng.choice(vocab["month"])),
        "price": str(rng.choice([12, 18, 25, 29, 35, 42, 49, 59, 65, 79, 89, 99, 120, 149, 180, 199, 240, 299, 350,
                                 420, 499, 650, 899, 1200, 1599])),
        "steps": f"{rng.randint(0, 999):03d}",
        "version": f"{rng.randint(1, 19)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}",
    }
    if lang == "zh":
        values["time"] = rng.choice(["上午9点", "上午10点半", "中午12点", "下午2点", "下午3点半", "下午4点", "晚上7点", "晚上8点"])
        values["phone_zh"] = f"1{rng.choice([3, 5, 8])}{rng.randint(0, 9)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
    else:
        hour = rng.randint(7, 19)
        values["time"] = f"{(hour - 1) % 12 + 1}:{rng.choice(['00', '15', '30', '45'])} {'am' if hour < 12 else 'pm'}"
        values["phone"] = f"{rng.choice([206, 312, 416, 503, 414, 617])}-555-{rng.randint(100, 9999):04d}"
    # codes that never collide with a number used in the hand-written facts
    while True:
        num = str(rng.randint(1000, 9999))
        if num not in taken_numbers:
            break
    prefix = rng.choice(persona.get("ticket_prefixes", ["TASK"]))
    values["ticket"] = f"{prefix}-{num}"
    values["order"] = f"{rng.choice(['A', 'B', 'W', 'X'])}{rng.randint(10, 99)}-{rng.randint(100000, 999999)}"

    def pick(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        return rng.choice(vocab[name])

    return _SLOT.sub(pick, template)


def generate(persona: dict, lang: str, count: int, rng: random.Random, avoid: set[str],
             taken_numbers: set[str]) -> list[str]:
    """`count` distinct distractor texts for one user; none equal to a text in `avoid`."""
    vocab, short, long_, prefixes = (
        (ZH_VOCAB, ZH_SHORT, ZH_LONG, ZH_LONG_PREFIX) if lang == "zh" else (EN_VOCAB, EN_SHORT, EN_LONG, EN_LONG_PREFIX)
    )
    joiner = "" if lang == "zh" else " "
    out: list[str] = []
    seen = set(avoid)
    while len(out) < count:
        if rng.random() < 0.14:
            parts = rng.sample(long_, rng.randint(3, 6))
            text = _fill(rng.choice(prefixes), rng, vocab, persona, lang, taken_numbers) + joiner.join(
                _fill(p, rng, vocab, persona, lang, taken_numbers) for p in parts
            )
        else:
            text = _fill(rng.choice(short), rng, vocab, persona, lang, taken_numbers)
        text = text[0].upper() + text[1:] if lang == "en" else text
        if text in seen:
            continue
        seen.add(text)
        out.append(text)
    return out
