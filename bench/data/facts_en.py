"""Hand-written memories and labelled queries for the four English-speaking users.

Each user is a dict:
  facts    key -> memory text (every hand-written memory; unreferenced ones are hard negatives)
  queries  (kind, query text, [fact keys that answer it])
  persona  words the distractor generator weaves in (names, places) so distractors overlap topically

Rules kept while writing: a query's answer is in the labelled memories only; hard
negatives share words or topic with a query but do not answer it.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# maya: backend engineer in Portland, partner Sam, beagle Biscuit
# ---------------------------------------------------------------------------
MAYA = {
    "id": "maya",
    "lang": "en",
    "persona": {
        "self": "Maya", "partner": "Sam", "pet": "Biscuit", "city": "Portland", "work": "Ledgerly",
        "friends": ["Jen", "Nina", "Tasha", "Kevin", "Rosa", "Ethan", "Lena", "Marcus"],
        "work_topics": ["the payments API", "the ledger service", "webhook retries", "the invoicing cron job",
                        "the Atlas migration", "rate limiting", "the fraud rules engine", "the admin panel"],
        "hobbies": ["hiking", "baking sourdough", "playing board games", "thrift shopping", "watching anime"],
    },
    "facts": {
        "allergy": "I'm allergic to peanuts — even a little peanut oil gives me hives, so I always ask restaurants how they cook.",
        "allergy2": "Maya has a peanut allergy and carries an EpiPen in her climbing bag.",
        "n_allergy_jen": "My coworker Jen can't eat gluten, so team lunches are usually from the Vietnamese place on Alder.",
        "n_allergy_kids": "Asked which food allergies are most common in toddlers for a friend's birthday party menu.",
        "dog": "My dog Biscuit is a four-year-old beagle who hides in the bathtub during thunderstorms.",
        "dog_food": "Biscuit is allergic to chicken, so his kibble is salmon-based.",
        "partner": "Sam and I have been together for six years and got engaged last October at Cannon Beach.",
        "job": "I'm a backend engineer at Ledgerly, a small fintech startup, and I mostly work on the payments API.",
        "home": "We live in the Sellwood neighborhood, a few blocks from the Willamette river.",
        "climb": "I go bouldering at the Circuit gym on Tuesday and Thursday evenings after work.",
        "japanese": "I'm studying Japanese — Duolingo every day plus a one-hour lesson with my tutor Keiko on Saturday mornings.",
        "parents": "My parents retired to Tucson, Arizona, and we fly down to see them every Thanksgiving.",
        "brother": "My younger brother Diego works as an ER nurse in Sacramento.",
        "wfh": "I work from home Mondays and Fridays because the office is too loud for deep work.",
        "n_wfh_sam": "Sam's company went fully remote in 2022 and he converted the spare room into an office.",
        "sleep": "I can only fall asleep with the white-noise machine on and the bedroom at about 66°F.",
        "car": "I drive a 2016 Subaru Outback; it has about 87,400 miles on it.",
        "n_car_sam": "Sam keeps talking about trading his Civic for an electric car next year.",
        "podcast": "Big fan of the Acquired podcast — I listen to it on long drives.",
        "plants": "I keep killing my fiddle-leaf fig; the monstera in the living room is the only plant thriving.",
        # keyword
        "build": "build-7731 on the payments-api pipeline fails at the integration stage with 'connection reset by peer' from the ledger mock.",
        "n_build1": "build-7713 was just a flaky lint step; rerunning it fixed it.",
        "n_build2": "build-7730 passed after I bumped the test timeout to 90 seconds.",
        "ssl": "Staging deploys fail with ERR_SSL_VERSION_OR_CIPHER_MISMATCH when the admin panel is opened through the old load balancer.",
        "n_ssl": "Got ERR_CONNECTION_REFUSED on localhost because the docker container for the admin panel wasn't running.",
        "ticket": "Ticket PAY-2291 tracks duplicate refunds when a Stripe webhook is retried.",
        "n_ticket": "PAY-2219 is the ticket for the currency rounding bug on invoices in yen.",
        "pgbouncer": "We run pgbouncer in transaction mode in front of the payments database; session mode broke prepared statements.",
        "namespace": "The ledger service is deployed in the k8s namespace ledger-prod-usw2, owned by the platform team.",
        "n_namespace": "The staging copy of the ledger service lives in ledger-stg-usw2 and gets reset every Sunday.",
        "aeropress": "I bought an AeroPress Go for camping trips and it's the best coffee gear I own.",
        "n_aeropress": "Sam wants a Chemex for the kitchen but we have nowhere to put it.",
        "shoes": "My climbing shoes are La Sportiva Solution Comps, size 38.5.",
        "running_shoes": "My running shoes are Brooks Ghost 15, US women's size 8.",
        "oom": "The nightly reconciliation job got OOMKilled twice last week, so we raised its memory limit to 2Gi.",
        "tflock": "When terraform says 'Error acquiring the state lock', delete the stale entry in the DynamoDB table tf-locks-payments.",
        # names
        "manager": "My manager at Ledgerly is Farah Siddiqui; our one-on-ones are Wednesdays at 10.",
        "omar_book": "Omar from the data team recommended 'Designing Data-Intensive Applications' and lent me his copy.",
        "n_omar": "Omar is on paternity leave until June, so his on-call shifts are covered by Kevin.",
        "derm": "Dr. Whitfield is my dermatologist at OHSU; she prescribed a tretinoin cream for my skin.",
        "venue": "We put down a deposit for the wedding reception at Castaway, an event space in northwest Portland.",
        "n_venue": "Looked at the Abernethy Center for the wedding but it was booked through next summer.",
        "vet": "Biscuit's vet is Dr. Lin at Sellwood Animal Hospital.",
        "sam_restaurant": "Sam's favorite restaurant is Khao San on Belmont; he orders the khao soi every single time.",
        # numbers / dates
        "dentist": "Dentist cleaning at Bright Smiles on April 17 at 8:15 am.",
        "dentist_sam": "Sam's dentist appointment is also April 17, at 10:00 am, same office.",
        "vet_appt": "Biscuit's annual vet checkup is on April 24 at 9:00.",
        "rent": "Our rent is $2,350 a month, due on the 1st; the lease renews in August.",
        "rent_old": "At our old apartment in Hollywood district the rent was $1,900 a month.",
        "passport": "My passport expires on 9 February 2027.",
        "postgres": "The payments Postgres cluster runs version 14.9 on RDS; the upgrade to 16 is planned for Q3.",
        "cabin": "Cabin host in Welches is Linda, phone 503-555-0187; the key is in the lockbox.",
        "sam_bday": "Sam's birthday is July 22 and he wants a low-key dinner this year.",
        "standup": "The payments team standup is at 9:30 am Pacific, except Fridays.",
        "standup_platform": "The platform team's standup is at 10:15 am Pacific and I join it on Thursdays.",
        "retro": "The payments retro is every other Thursday at 2 pm.",
        "bike": "Paid $1,240 for a used Specialized Sirrus commuter bike off Craigslist.",
        "moved_me": "I moved to Portland from Denver in 2019 for the Ledgerly job.",
        "moved_sam": "Sam moved to Portland from Boise in 2017, two years before me.",
        "biscuit_w_now": "Biscuit weighed 27 lb at this spring's checkup.",
        "biscuit_w_old": "Biscuit weighed 24 lb at last year's checkup.",
        "flight_out": "Outbound flight to Tokyo: Delta DL 167 on November 3, departing PDX at 11:40.",
        "flight_back": "Return flight from Tokyo: Delta DL 166 on November 17, departing Haneda at 17:05.",
        "coffee1": "I take my coffee with oat milk and no sugar.",
        "coffee2": "Maya switched from dairy to oat milk in her coffee last year; she never adds sugar.",
        "n_coffee": "Sam drinks his coffee black with two sugars.",
        "n_coffee2": "Sam's mom takes her tea with whole milk and honey.",
        # long
        "retro_long": ("Notes from the Atlas migration retrospective: the cutover took 6 hours instead of 2 because the "
                       "backfill job hit row locks on the transactions table. What went well: the dual-write shim caught "
                       "three schema mismatches before launch, and support was briefed in advance. What went badly: "
                       "nobody owned the rollback runbook and the dashboards lagged by 15 minutes. Decisions: every "
                       "feature flag for Atlas gets removed within two sprints of full rollout, Farah owns the rollback "
                       "runbook from now on, and future backfills run in batches of 5,000 rows with a sleep between "
                       "batches. Action items were filed under the ATLAS epic."),
        "japan_long": ("Japan trip plan for November: land at Haneda on the 4th and spend four nights in Tokyo at a "
                       "business hotel in Asakusa, then take the shinkansen to Kyoto. In Kyoto we stay three nights "
                       "at a small ryokan called Yoshida-sanso near Ginkakuji, with kaiseki dinner included one night. "
                       "After that, a day trip to Nara for the deer park and two nights in Osaka near Namba for street "
                       "food. Sam wants a day at teamLab, I want to visit the Nintendo store. We need JR passes "
                       "ordered by October 1 and a pocket Wi-Fi reserved for pickup at the airport."),
        "vet_long": ("Biscuit's checkup summary: heart and lungs sound fine, ears a bit red so we got drops for a "
                     "week. The vet said he is slightly overweight for his frame and we should cut his kibble to one "
                     "cup a day, split between breakfast and dinner, and replace biscuits with green beans as treats. "
                     "He is due for his bordetella booster in September. A dental cleaning under anesthesia was "
                     "quoted at $480 and recommended within the next six months because of tartar on the back molars."),
        "tamale_long": ("Sam's mom's tamale recipe as she dictated it: soak the corn husks for an hour. For the filling "
                        "simmer pork shoulder with garlic, onion and bay leaves for three hours, shred it, then cook it "
                        "in a red sauce made from guajillo and ancho chiles, cumin and a little Mexican oregano. Beat "
                        "the masa with lard and the pork broth until a spoonful floats in water. Spread masa thin, add "
                        "filling, fold, and steam standing up for about 75 minutes. She makes 60 at a time every Christmas Eve."),
        "house_long": ("House-hunting criteria we agreed on: max budget $650,000 with at least 10% down, three "
                       "bedrooms so one can be an office, a fenced yard for Biscuit, under 30 minutes by bike to "
                       "downtown, and no HOA. Nice-to-haves are a gas stove, a garage for the bikes and climbing "
                       "gear, and a basement. Dealbreakers: knob-and-tube wiring, oil heat, and anything on a busy "
                       "arterial. Our agent is Priscilla at Windermere and we are pre-approved with our credit union."),
        "review_long": ("My self-review for this cycle: I led the payments API v2 rollout, cut p99 latency of the "
                        "refund endpoint from 900 ms to 220 ms, and mentored two new hires through their first "
                        "on-call rotation. Where I want to grow: writing design docs earlier instead of prototyping "
                        "first, and getting more comfortable presenting to the exec team. Next cycle I'd like to own "
                        "the fraud rules engine rewrite and take the internal incident-commander training."),
        "locker": "Circuit gym locker combo: 24-11-38.",
        "n_locker_long": ("Climbing session recap: warmed up on V1s in the cave, then spent an hour projecting the "
                          "pink V4 on the overhang wall. I finally stuck the heel hook but kept slipping off the last "
                          "sloper. Tasha showed me a drop-knee beta that made the crux easier. Finished with "
                          "hangboard repeaters and stretching. My forearms were wrecked and I skipped the lockers "
                          "and walked home in my chalky clothes."),
        "n_gym_long": ("Thinking about switching gyms: Circuit is close and has good setting but it gets packed after "
                       "6 pm. The new Movement gym in the Pearl has more rope walls, a sauna and yoga classes, but "
                       "the membership is $30 more per month and it's a 25-minute bike ride. Sam said he would join "
                       "if we switch. Undecided until the spring membership renewal."),
        "icecream": "Favorite ice cream: Salt & Straw's honey lavender.",
        "n_dessert_long": ("Dessert crawl with Rosa on Saturday: started at Blue Star for the blueberry bourbon basil "
                           "donut, then Pip's for tiny donuts and chai, then Fifty Licks for ice cream where I had the "
                           "burnt sugar flavor, which was good but too sweet. We ended at a bakery on Division for "
                           "macarons. Rosa wants to repeat it in the fall with a different list of places."),
        "n_dog_long": ("Long walk with Biscuit around Oaks Bottom: he chased two ducks, rolled in something awful and "
                       "needed a bath. Afterward I fed him dinner and gave him a dental chew. He's been pulling on the "
                       "leash more lately, so I ordered a front-clip harness and signed up for a leash-manners class "
                       "that starts in three weeks on Sunday mornings."),
    },
    "queries": [
        ("paraphrase", "What foods should I stay away from?", ["allergy", "allergy2"]),
        ("paraphrase", "What kind of animal do I have at home?", ["dog", "n_dog_long"]),
        ("paraphrase", "How long has my relationship lasted so far?", ["partner"]),
        ("paraphrase", "What do I do for a living?", ["job"]),
        ("paraphrase", "Which part of town is our place in?", ["home"]),
        ("paraphrase", "What sport do I do during the week?", ["climb"]),
        ("paraphrase", "Which foreign language am I picking up?", ["japanese"]),
        ("paraphrase", "Where are mom and dad living these days?", ["parents"]),
        ("paraphrase", "Do I prefer working in the office or remotely, and why?", ["wfh"]),
        ("paraphrase", "What conditions do I need to get to sleep at night?", ["sleep"]),
        ("keyword", "build-7731", ["build"]),
        ("keyword", "ERR_SSL_VERSION_OR_CIPHER_MISMATCH", ["ssl"]),
        ("keyword", "What is PAY-2291 about?", ["ticket"]),
        ("keyword", "pgbouncer pool mode", ["pgbouncer"]),
        ("keyword", "Which team owns ledger-prod-usw2?", ["namespace"]),
        ("keyword", "AeroPress Go", ["aeropress"]),
        ("keyword", "OOMKilled reconciliation job", ["oom"]),
        ("keyword", "Error acquiring the state lock", ["tflock"]),
        ("keyword", "Solution Comp size", ["shoes"]),
        ("name", "Who is Keiko?", ["japanese"]),
        ("name", "What does Diego do?", ["brother"]),
        ("name", "Who is Priscilla?", ["house_long"]),
        ("name", "Who is my manager?", ["manager"]),
        ("name", "What did Omar recommend to me?", ["omar_book"]),
        ("name", "Who is Dr. Whitfield?", ["derm"]),
        ("name", "Where is our wedding reception going to be?", ["venue"]),
        ("name", "Which vet does Biscuit see?", ["vet"]),
        ("name", "What's the name of Sam's favorite restaurant?", ["sam_restaurant"]),
        ("number_date", "When is my dentist appointment?", ["dentist"]),
        ("number_date", "What do we pay for housing each month these days?", ["rent"]),
        ("number_date", "When does my passport expire?", ["passport"]),
        ("number_date", "What version of Postgres does payments run?", ["postgres"]),
        ("number_date", "What's the phone number for the cabin host?", ["cabin"]),
        ("number_date", "When is Sam's birthday?", ["sam_bday"]),
        ("number_date", "What time is the payments standup?", ["standup"]),
        ("number_date", "How much did I pay for my bike?", ["bike"]),
        ("number_date", "How far has my car been driven?", ["car"]),
        ("long", "What did we decide about feature flags in the Atlas retro?", ["retro_long"]),
        ("long", "Where are we staying in Kyoto?", ["japan_long"]),
        ("long", "How much kibble should Biscuit get per day?", ["vet_long"]),
        ("long", "What chiles go into the tamale filling?", ["tamale_long"]),
        ("long", "How much can we spend on a home?", ["house_long"]),
        ("long", "What are my growth areas according to my own performance review?", ["review_long"]),
        ("long", "What's the combination for my gym locker?", ["locker"]),
        ("long", "What protein can't my dog eat?", ["dog_food"]),
        ("long", "What's my favorite ice cream flavor?", ["icecream"]),
        ("near_duplicate", "How do I take my coffee?", ["coffee1", "coffee2"]),
        ("near_duplicate", "When did Sam move to Portland?", ["moved_sam"]),
        ("near_duplicate", "How much did Biscuit weigh last year?", ["biscuit_w_old"]),
        ("near_duplicate", "What's our return flight number from Japan?", ["flight_back"]),
        ("near_duplicate", "When is Sam's dentist appointment?", ["dentist_sam"]),
        ("near_duplicate", "What time is the platform team's standup?", ["standup_platform"]),
        ("near_duplicate", "What was the rent at our old apartment?", ["rent_old"]),
        ("near_duplicate", "What size are my running shoes?", ["running_shoes"]),
        ("near_duplicate", "When did I move to Portland, and from where?", ["moved_me"]),
    ],
}

# ---------------------------------------------------------------------------
# daniel: chemistry teacher in Leeds, wife Grace, kids Ada and Tobi, cat Pepper
# ---------------------------------------------------------------------------
DANIEL = {
    "id": "daniel",
    "lang": "en",
    "persona": {
        "self": "Daniel", "partner": "Grace", "pet": "Pepper", "city": "Leeds", "work": "Roundhay High",
        "friends": ["Callum", "Nadia", "Steve", "Bola", "Harriet", "Imran", "Fiona", "Gareth"],
        "work_topics": ["Year 10 mock exams", "the titration practical", "parents' evening", "the science fair",
                        "lab safety training", "the GCSE revision plan", "marking coursework", "the sixth-form open day"],
        "hobbies": ["doing the pub quiz", "doing DIY", "watching rugby", "geocaching", "cooking"],
    },
    "facts": {
        "job": "I teach chemistry at Roundhay High School in Leeds, mostly Year 10 and Year 11.",
        "kids": "Our kids are Ada, who is 9, and Tobi, who is 6.",
        "wife": "My wife Grace is a midwife at St James's Hospital and works a lot of night shifts.",
        "cat": "Pepper is our black cat; she only eats the wet food from Lily's Kitchen.",
        "band": "I play bass in a covers band called The Half-Lifes; we rehearse on Wednesday nights.",
        "diabetes": "My GP told me I'm prediabetic, so I'm cutting down on white bread and sugary drinks.",
        "diabetes2": "Daniel was diagnosed as prediabetic in January and is trying to keep his HbA1c below 42.",
        "allotment": "We have an allotment plot at Meanwood where I grow runner beans, courgettes and rhubarb.",
        "football": "I support Leeds United and have a season ticket in the Kop with my dad.",
        "dad": "My dad, Emmanuel, lives in Harehills and still insists on taking the bus everywhere.",
        "mum_passed": "My mum passed away in 2018; her birthday on 3 May is always a hard day.",
        "heritage": "My parents came to Leeds from Lagos in the 1980s.",
        "commute": "I cycle to school along the Meanwood Valley trail when it isn't raining.",
        "dislike_meetings": "I find long staff meetings a waste of time and would rather get an email summary.",
        "reading": "I'm slowly reading through all of Terry Pratchett's Discworld novels with Ada at bedtime.",
        # keyword
        "kmno4": "Ordered 500 g of potassium permanganate (KMnO4) for the redox practical; it arrives on the 14th.",
        "n_kmno4": "Ran out of potassium iodide for the iodine clock demo; need to reorder from Timstar.",
        "coshh": "The COSHH risk assessment for the thermite demo is filed as RA-2024-017 on the shared drive.",
        "n_coshh": "RA-2024-071 is the risk assessment for the Year 7 Bunsen burner practical.",
        "aqa": "We follow the AQA 8462 GCSE chemistry specification; the required practicals list is in section 8.",
        "n_aqa": "The combined science students follow AQA 8464 trilogy instead of separate chemistry.",
        "bass": "My bass is a 2009 Fender Jazz Bass in sunburst, strung with Ernie Ball Slinky flatwounds.",
        "n_bass": "Callum keeps trying to sell me his Ibanez SR300 as a backup bass.",
        "router": "If the home broadband drops, the BT Smart Hub 2 needs a factory reset with a paperclip for 15 seconds.",
        "lexus": "The car is a 2015 Toyota Auris hybrid; the hybrid battery warning light came on as error P0A80.",
        "n_lexus": "The P0420 code on Steve's Golf turned out to be the catalytic converter.",
        "sims": "School uses SIMS for registers; my login name is d.okafor.rhs.",
        "zwift": "I ride on Zwift in the winter on a Wahoo KICKR Core turbo trainer.",
        # names
        "head": "The headteacher at Roundhay is Mrs. Pemberton; she wants the science results analysis by half term.",
        "hod": "My head of department is Rashid, who is retiring at the end of the summer term.",
        "n_hod": "Rashid's leaving do will probably be at the Mustard Pot pub.",
        "ada_teacher": "Ada's class teacher this year is Miss Carrow, who runs the chess club too.",
        "tobi_friend": "Tobi's best friend is a boy called Reuben who lives two doors down.",
        "gp": "Our GP is Dr. Haddad at the Chapel Allerton surgery.",
        "band_singer": "The singer in The Half-Lifes is Nadia; she picks most of the setlist.",
        "grace_sister": "Grace's sister Abena lives in Accra and visits us every other Christmas.",
        "pub": "The band's regular gig spot is The Brudenell Social Club's games room.",
        # numbers
        "hba1c": "My last HbA1c result was 44 mmol/mol in March.",
        "hba1c_old": "My HbA1c was 46 mmol/mol when I was first tested in January.",
        "salary": "My teacher salary is £41,300 a year on the main pay scale point M6.",
        "mortgage": "Our mortgage is £812 a month, fixed at 4.1% until October 2026.",
        "parents_eve": "Year 10 parents' evening is on Thursday 7 March from 4:30 to 7:30 pm.",
        "parents_eve11": "Year 11 parents' evening is on Thursday 14 March from 4:30 to 7 pm.",
        "ada_bday": "Ada's birthday is 12 September; she wants a science-themed party.",
        "tobi_bday": "Tobi's birthday is 28 June.",
        "season_ticket": "The Leeds United season ticket renewal is £689 and the deadline is 30 April.",
        "bike_weight": "My road bike, a Ribble Endurance AL, weighs 9.4 kg.",
        "school_phone": "The school office number is 0113 496 0712.",
        "allotment_fee": "The allotment rent is £38 a year, paid each January to the Meanwood allotment society.",
        "band_gig": "The Half-Lifes' next gig is Saturday 20 April at 9 pm.",
        "band_gig_old": "The Half-Lifes played a wedding gig on 2 March that paid £450 for the band.",
        # long
        "mock_long": ("Year 10 mock exam debrief: the average grade was a 5, with 40% of students at grade 6 or above. "
                      "The weakest topic by far was quantitative chemistry — moles, concentration and yield — and the "
                      "six-mark electrolysis question was left blank by almost a third of the group. Plan for spring: "
                      "two retrieval-practice starters a week on moles, a revision session on Tuesday lunchtimes, "
                      "and re-teaching electrolysis with the Hofmann voltameter demo. Rashid wants the intervention "
                      "list of the fifteen lowest-scoring students by Friday."),
        "holiday_long": ("Summer holiday plan: we drive down to Cornwall on 27 July and stay ten nights in a cottage "
                         "in St Ives booked through Classic Cottages. Grace wants beach days at Porthmeor and Porthminster; "
                         "I want a day on the Camel Trail bike path with the kids on the tag-along. Ada wants to see the "
                         "Eden Project. Pepper stays with Callum's family. The cottage has no dishwasher, so pack "
                         "tea towels, and the key safe code will be emailed a week before arrival."),
        "diet_long": ("Notes from the diabetes prevention course, week 3: swap white bread for wholemeal or rye, aim "
                      "for 30 g of fibre a day, keep portions of rice to one fist, walk at least 8,000 steps, and cut "
                      "fizzy drinks completely — diet versions are okay in moderation. The dietitian, Jo, suggested "
                      "eating protein first at dinner and having plantain boiled rather than fried. Next weigh-in is in two weeks."),
        "jollof_long": ("My jollof rice method, written down for Ada: blend red peppers, scotch bonnet, tomatoes and "
                        "onion. Fry more onion in oil, add tomato paste and fry it until it darkens, then pour in the "
                        "blend and reduce for 30 minutes. Season with thyme, curry powder, bay leaves and stock cubes. "
                        "Add washed long-grain rice and stock, cover with foil and a lid, and cook on the lowest heat "
                        "without stirring. The smoky bottom layer is the best bit — that's the party jollof taste."),
        "cpd_long": ("CPD day on assessment: the speaker argued that marking every book in detail has almost no impact "
                     "compared with whole-class feedback. We're trialling a whole-class feedback sheet in chemistry "
                     "from next half term: common errors, model answers, and a 'fix it' task at the start of the next "
                     "lesson. I volunteered to make the template for Year 11 and share it in the department meeting on the 18th."),
        "locker_code": "The prep room chemical store padlock code is 5172.",
        "n_prep_long": ("Spent the whole free period sorting the prep room with the technician, Jan: threw out expired "
                        "indicator solutions, relabelled the acids cabinet, found three unopened boxes of magnesium "
                        "ribbon, and made a list of glassware to reorder. The fume cupboard in lab 4 failed its airflow "
                        "test again, so no halogen demos there until the contractor comes back."),
        "tyre": "The car tyres need 36 psi front and 33 psi rear.",
        "n_car_long": ("Car trouble this week: the Auris wouldn't start on Monday morning, the AA man said the 12 V "
                       "battery was flat because the boot light had stayed on. He jump-started it and recommended a new "
                       "battery before winter. While he was there he also said the wipers are worn and the MOT is due "
                       "in August. Grace took the bus to the hospital so I could get the kids to school."),
        "tea": "I take my tea strong with a splash of milk and no sugar these days.",
        "tea2": "Daniel drinks builder's tea with milk, and gave up sugar in it after the prediabetes news.",
        "n_tea": "Grace drinks green tea with honey, never milk.",
        "n_tea2": "Dad still takes three sugars in his tea despite the GP's warnings.",
        "n_band_long": ("Band practice notes: we finally nailed the ending of 'Seven Nation Army', but the bridge "
                        "of 'Valerie' is still a mess and Nadia wants to drop the key down a tone. Steve's drum kit "
                        "is too loud for the rehearsal room so he's trying hot rods. We agreed to learn two new songs "
                        "for the autumn set and to record practice on my phone so we can hear the mistakes."),
        "n_mum_long": ("Took Dad to visit Mum's grave at Lawnswood cemetery on Sunday. We cleaned the headstone, "
                       "left yellow roses because they were her favourite, and Dad told the story of how they met "
                       "at a church dance in Surulere. Ada asked lots of questions about her grandma and wants to "
                       "learn to cook Mum's egusi soup, so I promised to find the recipe in the old notebook."),
        "gig_fee": "Band gigs are split equally between the four of us after paying for the van.",
    },
    "queries": [
        ("paraphrase", "What is my job?", ["job"]),
        ("paraphrase", "How old are my children?", ["kids"]),
        ("paraphrase", "What does my partner do for work?", ["wife"]),
        ("paraphrase", "Is there any health condition I'm watching out for?", ["diabetes", "diabetes2"]),
        ("paraphrase", "What vegetables am I growing?", ["allotment"]),
        ("paraphrase", "Which football club do I follow?", ["football"]),
        ("paraphrase", "How do I get to work?", ["commute"]),
        ("paraphrase", "Where is my family originally from?", ["heritage"]),
        ("paraphrase", "How do I feel about long meetings at school?", ["dislike_meetings"]),
        ("paraphrase", "What books are we reading together before bed?", ["reading"]),
        ("keyword", "KMnO4 order", ["kmno4"]),
        ("keyword", "RA-2024-017", ["coshh"]),
        ("keyword", "Which spec code do we teach, 8462?", ["aqa"]),
        ("keyword", "Fender Jazz strings", ["bass"]),
        ("keyword", "BT Smart Hub 2 reset", ["router"]),
        ("keyword", "P0A80", ["lexus"]),
        ("keyword", "What's my SIMS login?", ["sims"]),
        ("keyword", "Wahoo KICKR", ["zwift"]),
        ("keyword", "Lily's Kitchen", ["cat"]),
        ("name", "Who is Mrs. Pemberton?", ["head"]),
        ("name", "Who is Rashid?", ["hod"]),
        ("name", "Who is Ada's teacher?", ["ada_teacher"]),
        ("name", "Who is Reuben?", ["tobi_friend"]),
        ("name", "What's our doctor's name?", ["gp"]),
        ("name", "Who sings in my band?", ["band_singer"]),
        ("name", "Who is Abena?", ["grace_sister"]),
        ("name", "Who is Emmanuel?", ["dad"]),
        ("name", "Where does Dad live?", ["dad"]),
        ("number_date", "What was my latest HbA1c?", ["hba1c"]),
        ("number_date", "How much do I earn a year?", ["salary"]),
        ("number_date", "What do we pay on the house loan each month?", ["mortgage"]),
        ("number_date", "When is Year 10 parents' evening?", ["parents_eve"]),
        ("number_date", "When is Ada's birthday?", ["ada_bday"]),
        ("number_date", "How much is the season ticket renewal and when is it due?", ["season_ticket"]),
        ("number_date", "What's the phone number of the school office?", ["school_phone"]),
        ("number_date", "How much do we pay for the allotment?", ["allotment_fee"]),
        ("number_date", "When is the band's next gig?", ["band_gig"]),
        ("long", "What was the weakest topic in the Year 10 mocks?", ["mock_long"]),
        ("long", "Who is looking after Pepper during the summer holiday?", ["holiday_long"]),
        ("long", "How much fibre should I aim for each day?", ["diet_long"]),
        ("long", "What spices go in my jollof?", ["jollof_long"]),
        ("long", "What are we trialling instead of detailed marking?", ["cpd_long"]),
        ("long", "What's the code for the prep room chemical store?", ["locker_code"]),
        ("long", "What pressure should the car tyres be?", ["tyre"]),
        ("long", "What day does the band rehearse?", ["band"]),
        ("long", "When did my mum pass away?", ["mum_passed"]),
        ("near_duplicate", "How do I take my tea?", ["tea", "tea2"]),
        ("near_duplicate", "What was my HbA1c when I was first tested?", ["hba1c_old"]),
        ("near_duplicate", "When is Year 11 parents' evening?", ["parents_eve11"]),
        ("near_duplicate", "When is Tobi's birthday?", ["tobi_bday"]),
        ("near_duplicate", "How much did the wedding gig pay?", ["band_gig_old"]),
        ("near_duplicate", "Which AQA spec do the combined science students follow?", ["n_aqa"]),
        ("near_duplicate", "Which risk assessment covers the Bunsen burner practical?", ["n_coshh"]),
        ("near_duplicate", "What's the deal with the prediabetes diagnosis?", ["diabetes", "diabetes2"]),
        ("near_duplicate", "How much does my road bike weigh?", ["bike_weight"]),
    ],
}

# ---------------------------------------------------------------------------
# priya: product manager in Toronto, boyfriend Marco, runner, vegetarian
# ---------------------------------------------------------------------------
PRIYA = {
    "id": "priya",
    "lang": "en",
    "persona": {
        "self": "Priya", "partner": "Marco", "pet": "Mochi", "city": "Toronto", "work": "Wayfare",
        "friends": ["Aisha", "Jordan", "Chloe", "Ravi", "Noor", "Ben", "Sofia", "Tyler"],
        "work_topics": ["the booking funnel", "the Q3 roadmap", "user interviews", "the pricing experiment",
                        "the mobile onboarding flow", "the OKR review", "the loyalty program", "search ranking"],
        "hobbies": ["doing yoga", "reading", "indoor climbing", "journaling", "thrifting"],
    },
    "facts": {
        "job": "I'm a senior product manager at Wayfare, a travel-booking startup, leading the checkout team.",
        "veg": "I've been vegetarian since I was 15, but I still eat eggs and dairy.",
        "veg2": "Priya doesn't eat meat or fish; eggs and cheese are fine.",
        "n_veg": "Marco is trying to eat less red meat but still loves his Sunday steak.",
        "marathon": "I'm training for the Toronto Waterfront Marathon in October, my first full marathon.",
        "plants": "My apartment has about 30 houseplants; my favorite is a variegated pink princess philodendron.",
        "sister": "My older sister Kavya is a dentist in Vancouver and has twin boys.",
        "marco": "Marco, my boyfriend, is an architect from Milan; we met at a pottery class in 2021.",
        "apt": "I rent a one-bedroom condo near Trinity Bellwoods Park.",
        "hate_cilantro": "Cilantro tastes like soap to me, so I always ask for it to be left out.",
        "anxiety": "I get anxious before big presentations, so I rehearse out loud at least three times.",
        "budget": "I'm saving for a down payment and put 20% of every paycheque into a TFSA.",
        "lang": "I speak Malayalam with my parents, English at work, and I'm learning Italian for Marco's family.",
        "morning": "I'm a morning person — I run at 6 am and do my hardest work before lunch.",
        "pottery": "I take a wheel-throwing pottery class at Clay Studio on Sunday afternoons.",
        # keyword
        "jira": "The checkout redesign epic is WF-1184; the Apple Pay story is WF-1201.",
        "n_jira": "WF-1148 is the old epic for the search filters, closed last year.",
        "amplitude": "Our funnel dashboards are in Amplitude under the space 'Checkout Health v3'.",
        "n_amplitude": "Marketing has its own Looker dashboards for campaign attribution.",
        "garmin": "I track runs with a Garmin Forerunner 265 and sync to Strava.",
        "n_garmin": "Aisha swears by her Apple Watch Ultra for trail runs.",
        "shoes": "My long-run shoes are Saucony Endorphin Speed 3, size 7.5.",
        "presto": "My PRESTO card number ends in 4471; auto-load is set to $40.",
        "n_presto": "Marco lost his PRESTO card on the streetcar last month and had to replace it.",
        "error_stripe": "Checkout errors spiked with 'card_declined: do_not_honor' from Stripe after the 3DS change.",
        "n_error": "'insufficient_funds' declines are normal and we don't alert on them.",
        "figma": "The final checkout designs are in the Figma file 'CHK-2024-Flows', page 'Payment sheet'.",
        "ab_test": "Experiment EXP-319 tests a one-page checkout against the three-step flow.",
        "n_ab_test": "EXP-391 was the failed experiment with a countdown timer on hotel pages.",
        # names
        "manager": "My manager is Heather Lau, the VP of Product; we meet every Monday at 11.",
        "designer": "The designer on my team is Jun, who is amazing at prototyping in Figma.",
        "eng_lead": "The checkout engineering lead is Ravi Menon.",
        "n_ravi": "Ravi from my running club is a different Ravi — he's the one who paces at 5:00/km.",
        "coach": "My running coach is Denise from the Parkdale Roadrunners club.",
        "therapist": "I see a therapist named Dr. Okonkwo every other Thursday.",
        "mochi": "Mochi is Kavya's cat; I cat-sit whenever she visits Toronto.",
        "marco_mum": "Marco's mother is called Giulia and she makes the best risotto.",
        "brunch": "My favorite brunch place is Mildred's Temple Kitchen; the blueberry pancakes are unreal.",
        # numbers
        "pb_half": "My half-marathon personal best is 1:52:40 from the Around the Bay race.",
        "pb_10k": "My 10K personal best is 49:15.",
        "goal": "My goal for the marathon is to finish under 4 hours, around 5:40 per km.",
        "rent": "My rent is $2,480 a month including parking I don't use.",
        "flight": "Flight to Milan for Marco's sister's wedding is Air Canada AC 894 on June 6.",
        "wedding": "Marco's sister Chiara's wedding is on June 8 in Bergamo.",
        "mom_bday": "Mom's 60th birthday is on 19 August; we're planning a party in Mississauga.",
        "dad_bday": "Dad's birthday is 2 December.",
        "salary": "My base salary is $142,000 plus 0.05% equity.",
        "tfsa": "I've saved $38,500 toward the down payment so far.",
        "sin": "My Wayfare employee ID is WF-00821.",
        "yoga_time": "Hot yoga at 7:30 pm on Wednesdays at Moksha.",
        "long_run": "Long runs are Saturdays at 7 am from the Sunnyside Pavilion.",
        "n_long_run": "Tempo runs are Tuesdays at 6 am on the Martin Goodman trail.",
        # long
        "interview_long": ("User interview synthesis for checkout, round 2: we talked to 12 travellers. The biggest "
                           "complaint was surprise fees appearing only at the last step — 9 of 12 mentioned it "
                           "unprompted. Second was having to re-enter passport details for every traveller on "
                           "family bookings. People liked the price-lock feature but didn't understand that it "
                           "costs $5. Recommendation: show the all-in price from the search results page, save "
                           "traveller profiles, and rename price-lock to make the fee obvious. Jun will mock up "
                           "the saved-profiles flow for next week's review."),
        "training_long": ("Marathon training block, weeks 9 to 12: peak mileage is 70 km in week 11, with the "
                          "longest run 32 km on the Saturday. Denise wants two quality sessions a week — tempo on "
                          "Tuesday and 6 x 1 km at goal-minus-10-seconds on Thursday. Fuelling practice: a gel "
                          "every 35 minutes from minute 45 during long runs, using Maurten 100s. Taper starts in "
                          "week 13 and I should skip the hot yoga during the taper."),
        "italy_long": ("Italy trip for Chiara's wedding: land in Milan on June 7, take the train to Bergamo and "
                       "stay with Marco's parents for three nights. The wedding is in the upper town, Città Alta, "
                       "with the reception at a villa on Lake Iseo. After the wedding we rent a car and drive to "
                       "the Dolomites for four days of hiking around Val Gardena, staying at a rifugio the first "
                       "night. Need a gift — Marco suggested something handmade, so I'm throwing a set of pottery bowls."),
        "okr_long": ("Q3 OKRs for checkout: Objective — make paying effortless. KR1: raise checkout conversion from "
                     "61% to 66%. KR2: cut payment errors per 1,000 attempts from 14 to 8. KR3: launch Apple Pay "
                     "and Google Pay on web. Non-goals this quarter: loyalty points at checkout and buy-now-pay-later. "
                     "Heather asked for a mid-quarter check-in with the exec team in mid-August."),
        "plant_long": ("Plant care cheat sheet: water the monstera and pothos when the top two inches are dry; "
                       "the calatheas need filtered water and high humidity, so they live in the bathroom. The "
                       "fiddle-leaf fig hates being moved. Fertilise everything monthly from April to September "
                       "with half-strength fertiliser, and none in winter. Repot the pink princess next spring. "
                       "Noor waters them when I travel."),
        "locker": "Spare key for the condo is with the concierge under the name Nair.",
        "n_key_long": ("Locked myself out of the condo on Friday night after the team dinner: my phone was dead, the "
                       "concierge desk had changed shifts and the new guard didn't know me, so I waited 40 minutes "
                       "in the lobby until Marco came over. Lesson learned: keep a portable charger in my bag and "
                       "write down Marco's number somewhere other than my phone."),
        "bloodtype": "My blood type is B positive.",
        "n_blood_long": ("Annual physical results: iron was low again, so the doctor wants me on a supplement every "
                         "other day and a retest in three months; vitamin D was also borderline, which is typical for "
                         "a Toronto winter. Cholesterol and blood sugar were fine. She reminded me that as a "
                         "vegetarian runner I should pair iron-rich foods like lentils with vitamin C."),
        "ring_size": "My ring size is 5.5.",
        "n_kavya_long": ("My sister Kavya visited for the long weekend with the twins: we took the boys to the "
                         "Science Centre and the Island ferry, had dinner at my parents' place in Mississauga, and "
                         "stayed up late talking about whether she should move back to Ontario. The twins broke a "
                         "pot of my pothos and Mochi hid under the bed the entire time."),
        "coffee": "I drink an oat flat white every morning.",
        "coffee2": "Priya's usual coffee order is a flat white with oat milk.",
        "n_coffee": "Marco only drinks espresso, standing up, like a true Milanese.",
        "n_coffee3": "Kavya drinks an iced vanilla latte with almond milk.",
    },
    "queries": [
        ("paraphrase", "What's my role at work?", ["job"]),
        ("paraphrase", "Are there any dietary restrictions I follow?", ["veg", "veg2"]),
        ("paraphrase", "What race am I preparing for this fall?", ["marathon"]),
        ("paraphrase", "How did my partner and I first meet?", ["marco"]),
        ("paraphrase", "Which herb do I hate?", ["hate_cilantro"]),
        ("paraphrase", "How do I cope with nerves before public speaking?", ["anxiety"]),
        ("paraphrase", "How much of my income do I put aside?", ["budget"]),
        ("paraphrase", "What languages can I speak?", ["lang"]),
        ("paraphrase", "When in the day am I most productive?", ["morning"]),
        ("paraphrase", "What's my weekend craft class?", ["pottery"]),
        ("keyword", "WF-1201", ["jira"]),
        ("keyword", "Checkout Health v3", ["amplitude"]),
        ("keyword", "Forerunner 265", ["garmin"]),
        ("keyword", "Endorphin Speed", ["shoes"]),
        ("keyword", "PRESTO auto-load", ["presto"]),
        ("keyword", "do_not_honor declines", ["error_stripe"]),
        ("keyword", "CHK-2024-Flows", ["figma"]),
        ("keyword", "EXP-319", ["ab_test"]),
        ("keyword", "What's my employee ID?", ["sin"]),
        ("name", "Who is Heather Lau?", ["manager"]),
        ("name", "Who is Jun?", ["designer"]),
        ("name", "Who leads checkout engineering?", ["eng_lead"]),
        ("name", "Who is Denise?", ["coach"]),
        ("name", "What's my therapist's name?", ["therapist"]),
        ("name", "Whose cat is Mochi?", ["mochi"]),
        ("name", "What is Marco's mom called?", ["marco_mum"]),
        ("name", "Where's my favorite brunch spot?", ["brunch"]),
        ("name", "Who is Kavya?", ["sister", "n_kavya_long"]),
        ("number_date", "What's my half marathon PB?", ["pb_half"]),
        ("number_date", "What's my target marathon time?", ["goal"]),
        ("number_date", "What does my apartment cost me monthly?", ["rent"]),
        ("number_date", "When is Chiara's wedding?", ["wedding"]),
        ("number_date", "When is mom's 60th?", ["mom_bday"]),
        ("number_date", "How much am I paid at Wayfare?", ["salary"]),
        ("number_date", "How much have I saved for the down payment?", ["tfsa"]),
        ("number_date", "What time is hot yoga?", ["yoga_time"]),
        ("number_date", "What's our flight number to Milan?", ["flight"]),
        ("long", "What was the top complaint in the checkout user interviews?", ["interview_long"]),
        ("long", "How frequently should I refuel during long runs?", ["training_long"]),
        ("long", "Where is the wedding reception in Italy?", ["italy_long"]),
        ("long", "What are the non-goals for checkout this quarter?", ["okr_long"]),
        ("long", "Which plants live in the bathroom and why?", ["plant_long"]),
        ("long", "Who has the spare key to my condo?", ["locker"]),
        ("long", "What's my blood type?", ["bloodtype"]),
        ("long", "What's my ring size?", ["ring_size"]),
        ("long", "What does my sister do for work?", ["sister"]),
        ("near_duplicate", "What's my usual coffee order?", ["coffee", "coffee2"]),
        ("near_duplicate", "What's my 10K personal best?", ["pb_10k"]),
        ("near_duplicate", "When are my tempo runs?", ["n_long_run"]),
        ("near_duplicate", "When is Dad's birthday?", ["dad_bday"]),
        ("near_duplicate", "What was EXP-391?", ["n_ab_test"]),
        ("near_duplicate", "Which epic was for the search filters?", ["n_jira"]),
        ("near_duplicate", "Which Ravi paces at 5:00/km?", ["n_ravi"]),
        ("near_duplicate", "Do I eat eggs and cheese?", ["veg", "veg2"]),
        ("near_duplicate", "When and where are my long runs?", ["long_run"]),
    ],
}

# ---------------------------------------------------------------------------
# tom: bakery owner in Milwaukee, wife Linda, son Jake
# ---------------------------------------------------------------------------
TOM = {
    "id": "tom",
    "lang": "en",
    "persona": {
        "self": "Tom", "partner": "Linda", "pet": "Duke", "city": "Milwaukee", "work": "Rise & Crumb",
        "friends": ["Gary", "Denise", "Rick", "Maria", "Pete", "Carol", "Hector", "Barb"],
        "work_topics": ["the holiday pre-orders", "the flour invoice", "the new oven install", "weekend staffing",
                        "the farmers market stall", "the health inspection", "the wholesale café accounts", "payroll"],
        "hobbies": ["woodworking", "bowling", "grilling", "doing crosswords", "polka dancing"],
    },
    "facts": {
        "bakery": "I own Rise & Crumb, a bakery on Kinnickinnic Avenue in Bay View, open since 2009.",
        "wife": "Linda, my wife, does the bakery's books and runs the front counter on weekends.",
        "son": "Our son Jake is a junior at UW–Madison studying mechanical engineering.",
        "back": "I have a herniated disc at L4-L5; lifting flour sacks is the worst for it.",
        "back2": "Tom's lower back flares up when he lifts the 50 lb sacks, so the delivery guy now stacks them on the cart.",
        "n_back": "Gary hurt his shoulder shoveling snow and has been out of the bowling league for a month.",
        "fishing": "Every January I go ice fishing on Lake Winnebago with my brother-in-law Rick.",
        "wake": "I get up at 3:30 am six days a week to start the bread.",
        "packers": "Die-hard Packers fan; we host everyone for the Thanksgiving game.",
        "kringle": "Our best seller is the Danish kringle; we sell around 400 a week in December.",
        "retire": "I'd like to sell the bakery and retire by 62, maybe to Door County.",
        "dog": "Duke is our 10-year-old golden retriever with bad hips.",
        "hate_tech": "I hate dealing with the point-of-sale software — Linda handles all of that.",
        "church": "We go to St. Augustine's on Sundays after the morning bake.",
        "cholesterol": "Doctor put me on atorvastatin for high cholesterol last fall.",
        # keyword
        "oven": "The deck oven is a Bongard Omega 4-deck; error code E47 means the steam generator is low on water.",
        "n_oven": "The convection oven threw E74 once, which was a door sensor, fixed by cleaning it.",
        "flour": "We buy King Arthur Sir Galahad flour in 50 lb sacks from Sysco, account #SY-88213.",
        "n_flour": "The rye flour comes from Great River Milling in smaller 25 lb bags.",
        "square": "Square POS: the kitchen printer stops when the receipt says 'Printer offline — code 2107'.",
        "permit": "The health department permit number is BV-FD-20931, renewed every July.",
        "n_permit": "The farmers market vendor license is separate, number MKE-FM-4412.",
        "hobart": "The Hobart HL600 mixer needs its gear oil changed every 2,000 hours.",
        "n_hobart": "Pete offered to sell us his old Hobart A200 for the cookie dough.",
        "wifi": "Bakery Wi-Fi network is RiseCrumb-Guest, password kringle2009.",
        "f150": "My truck is a 2014 Ford F-150 with the 5.0 V8.",
        "quickbooks": "Linda keeps the books in QuickBooks Online; the accountant logs in as cpa-harmon.",
        # names
        "accountant": "Our accountant is Bill Harmon from Harmon & Kraus; taxes are due to him by March 1.",
        "manager": "Maria is my morning shift lead; she has worked at the bakery for eight years.",
        "n_maria": "Maria's daughter is getting married in September, so she needs that whole week off.",
        "supplier": "The butter comes from Hillside Dairy; the sales rep is a guy named Kurt.",
        "landlord": "Our landlord is Mr. Zielinski, who owns the whole building and lives upstairs.",
        "doctor": "My doctor is Dr. Patel at Aurora St. Luke's.",
        "rick": "Rick is Linda's brother; he runs a bait shop in Oshkosh.",
        "jake_gf": "Jake's girlfriend is named Emily; she's studying nursing.",
        "cafe_account": "Our biggest wholesale customer is Colectivo, which takes 80 loaves a day.",
        # numbers
        "rent": "Bakery rent is $4,200 a month; the lease runs through 2027.",
        "tuition": "Jake's tuition is about $11,200 a semester before the scholarship.",
        "scholarship": "Jake gets a $3,000 per year engineering scholarship.",
        "insp": "The next health inspection window opens on 15 May.",
        "bday_linda": "Linda's birthday is October 3.",
        "anniv": "Our wedding anniversary is June 14; we married in 1996.",
        "kringle_price": "A kringle sells for $16.50; the pecan one is $18.",
        "staff": "We have 11 employees, 6 of them part-time.",
        "revenue": "Last year's revenue was about $910,000, with December alone at $140,000.",
        "ldl": "My LDL cholesterol came down to 112 in February.",
        "ldl_old": "My LDL was 168 before I started the statin.",
        "phone_kurt": "Kurt at Hillside Dairy: 414-555-0142.",
        "mixer_hours": "The Hobart mixer is at 1,760 hours as of last month.",
        # long
        "staff_meeting_long": ("Staff meeting notes: starting in November the bakery opens at 6 am instead of 6:30 to "
                               "catch the commuter crowd. Maria will run the opening shift with two people; Hector moves "
                               "to the afternoon. We're dropping the cranberry scones because they don't sell and adding "
                               "a cardamom bun on weekends. Everyone gets a $1 raise in January. Holiday pre-orders open "
                               "on November 1 and close December 18; Linda will print the order forms. Reminder that "
                               "phones stay in the lockers during shifts."),
        "kringle_long": ("Kringle process as I taught it to Hector: the dough is a laminated yeast dough, three "
                         "letter folds with an hour rest in the walk-in between each. Roll to 3 mm, cut strips 10 cm "
                         "wide, pipe almond or pecan filling down the middle, fold, shape into an oval and seal "
                         "the ends with egg wash. Proof 45 minutes, bake at 375°F for 22 minutes, cool, then ice "
                         "with a thin fondant glaze. The filling ratio is 1 part almond paste to 1 part butter to "
                         "half a part sugar."),
        "sale_long": ("Conversation with the business broker about selling the bakery: she estimates a value of two "
                      "to three times seller's discretionary earnings, so roughly $450,000 to $650,000 including the "
                      "equipment but not the building. Buyers will want three years of clean books and the Colectivo "
                      "contract to transfer. She suggested I start documenting all recipes and train Maria to run "
                      "things without me so the business doesn't depend on one person. Listing in 2027 at the earliest."),
        "duke_long": ("Duke's vet visit: the X-ray shows hip dysplasia on both sides and arthritis starting in the "
                      "left elbow. The vet prescribed carprofen 75 mg twice a day with food and a joint supplement "
                      "with glucosamine. Short, frequent walks instead of one long one, no stairs, and we should get "
                      "a ramp for the truck. If he gets worse, they can try Librela injections once a month."),
        "fishing_long": ("Ice fishing trip recap: Rick and I set up the shanty on Lake Winnebago off Stockbridge. "
                         "The ice was 14 inches. We caught nine walleye and a bunch of perch, mostly on jigging "
                         "raps in the early morning. Rick's new auger kept stalling in the cold. We want to come "
                         "back the third weekend in February for the sturgeon spearing season if Rick gets a tag."),
        "alarm": "The bakery alarm code is 0914.",
        "n_alarm_long": ("The alarm went off at 2 am on Tuesday and the monitoring company called me: a raccoon had "
                         "gotten into the back hallway through the vent by the dumpster. Police came, found nothing, "
                         "and I drove over to reset everything. We need to get the vent cover fixed and maybe call "
                         "a wildlife removal company if it comes back."),
        "coffee": "I drink my coffee black, about four cups before noon.",
        "coffee2": "Tom takes coffee black — no cream, no sugar — and drinks a pot before lunch.",
        "n_coffee": "Linda likes hazelnut creamer in her coffee.",
        "n_coffee2": "Jake drinks those giant iced caramel things from Starbucks.",
        "shoe": "I wear Birkenstock Profi clogs at the bakery, size 45.",
        "n_shoe_long": ("Foot pain after the Saturday rush: I was on my feet for 13 hours with the holiday orders and "
                        "my heels are killing me. Linda thinks I need new insoles and that I should sit down during "
                        "the lunch lull. The podiatrist appointment is in two weeks and I'm supposed to stretch my "
                        "calves against the wall every morning until then."),
    },
    "queries": [
        ("paraphrase", "What kind of business do I run?", ["bakery"]),
        ("paraphrase", "What's wrong with my spine?", ["back", "back2"]),
        ("paraphrase", "What do I do every winter on a frozen lake?", ["fishing", "fishing_long"]),
        ("paraphrase", "What time does my day start?", ["wake"]),
        ("paraphrase", "Which NFL team do I root for?", ["packers"]),
        ("paraphrase", "What's our most popular pastry?", ["kringle"]),
        ("paraphrase", "What are my plans for the future when I stop working?", ["retire"]),
        ("paraphrase", "Who takes care of the register software?", ["hate_tech"]),
        ("paraphrase", "Where do we worship?", ["church"]),
        ("paraphrase", "What medication do I take for my heart health?", ["cholesterol"]),
        ("keyword", "Bongard E47", ["oven"]),
        ("keyword", "Sir Galahad Sysco account", ["flour"]),
        ("keyword", "code 2107", ["square"]),
        ("keyword", "BV-FD-20931", ["permit"]),
        ("keyword", "Hobart HL600 gear oil", ["hobart"]),
        ("keyword", "RiseCrumb-Guest password", ["wifi"]),
        ("keyword", "What engine does the F-150 have?", ["f150"]),
        ("keyword", "cpa-harmon", ["quickbooks"]),
        ("keyword", "atorvastatin", ["cholesterol"]),
        ("name", "Who is Bill Harmon?", ["accountant"]),
        ("name", "Who is my morning shift lead?", ["manager"]),
        ("name", "Who is Kurt?", ["supplier"]),
        ("name", "What's the landlord's name?", ["landlord"]),
        ("name", "Who is my doctor?", ["doctor"]),
        ("name", "Who is Rick?", ["rick"]),
        ("name", "What's Jake's girlfriend's name?", ["jake_gf"]),
        ("name", "Who is our largest wholesale customer?", ["cafe_account"]),
        ("name", "What breed is Duke?", ["dog"]),
        ("number_date", "How much is the bakery's rent?", ["rent"]),
        ("number_date", "How much is Jake's tuition per semester?", ["tuition"]),
        ("number_date", "When does the health inspection window open?", ["insp"]),
        ("number_date", "When is Linda's birthday?", ["bday_linda"]),
        ("number_date", "When is our wedding anniversary?", ["anniv"]),
        ("number_date", "How much does a kringle cost?", ["kringle_price"]),
        ("number_date", "How big is our staff?", ["staff"]),
        ("number_date", "How much did the bakery bring in last year?", ["revenue"]),
        ("number_date", "What's Kurt's phone number?", ["phone_kurt"]),
        ("long", "What time will the bakery open starting in November?", ["staff_meeting_long"]),
        ("long", "What temperature do I bake the kringle at?", ["kringle_long"]),
        ("long", "What did the broker say the bakery might sell for?", ["sale_long"]),
        ("long", "What dose of carprofen is Duke on?", ["duke_long"]),
        ("long", "How thick was the ice on our fishing trip?", ["fishing_long"]),
        ("long", "What's the bakery alarm code?", ["alarm"]),
        ("long", "What shoes do I wear at work?", ["shoe"]),
        ("long", "How many walleye did we catch?", ["fishing_long"]),
        ("long", "When do holiday pre-orders close?", ["staff_meeting_long"]),
        ("near_duplicate", "How do I take my coffee?", ["coffee", "coffee2"]),
        ("near_duplicate", "What was my LDL before the statin?", ["ldl_old"]),
        ("near_duplicate", "What's my current LDL?", ["ldl"]),
        ("near_duplicate", "How much is Jake's scholarship?", ["scholarship"]),
        ("near_duplicate", "Where does the rye flour come from?", ["n_flour"]),
        ("near_duplicate", "What does E74 mean on the oven?", ["n_oven"]),
        ("near_duplicate", "What's the farmers market license number?", ["n_permit"]),
        ("near_duplicate", "How many hours are on the mixer?", ["mixer_hours"]),
        ("near_duplicate", "How much is the pecan kringle?", ["kringle_price"]),
    ],
}

USERS = [MAYA, DANIEL, PRIYA, TOM]
