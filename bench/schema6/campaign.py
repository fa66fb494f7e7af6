# SPDX-License-Identifier: GPL-3.0-or-later
"""The messages of bench/sb-bench-campaign.c, composed again in Python.

The fragments, greetings, senders, offices and detainees are read from that file,
so both generators write the same kinds of message; the choices follow the same
rules and weights (languages, countries, 50–400 characters, half the messages to
all five, 80 % approved, older ones largely delivered). The random numbers differ:
the figures match in distribution, not message for message.
"""

import re

N_DAYS = 320  # 2016-08-08 → 2017-06-24, as in sb-bench-campaign.c


def _strings(body):
    return [bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            for s in re.findall(r'"((?:[^"\\]|\\.)*)"', body)]


class Source:
    def __init__(self, c_path, h_path):
        c = open(c_path, encoding="utf-8").read()
        h = open(h_path, encoding="utf-8").read()
        self.rare_khmer = re.search(r'SB_BENCH_RARE_KHMER\s+"([^"]*)"', h).group(1)
        c = c.replace('"ពីខេត្ត" SB_BENCH_RARE_KHMER " ', '"ពីខេត្ត' + self.rare_khmer + ' ')

        def array(name):
            body = re.search(r"\b%s\[\]\s*=\s*\{(.*?)\n\};" % name, c, re.S).group(1)
            return _strings(body)

        self.fragments = {}
        self.greetings = {}
        for lang in ("km", "en", "fr", "de", "es", "ja", "th", "it"):
            self.fragments[lang] = array(lang + "_fragments")
            self.greetings[lang] = array(lang + "_greetings") if lang in ("km", "en", "fr") else []
        body = re.search(r"languages\[\]\s*=\s*\{(.*?)\n\};", c, re.S).group(1)
        self.languages = [(m.group(1), int(m.group(2)))
                          for m in re.finditer(r'\{\s*"(\w+)",.*?,\s*(\d+)\s*\}', body)]
        body = re.search(r"countries\[\]\s*=\s*\{(.*?)\n\};", c, re.S).group(1)
        self.countries = []
        for m in re.finditer(r'\{\s*"(\w\w)",\s*\{(.*?)\},\s*\{(.*?)\},\s*\{(.*?)\},\s*(\d+)\s*\}', body, re.S):
            self.countries.append((m.group(1), _strings(m.group(2)), _strings(m.group(3)),
                                   _strings(m.group(4)), int(m.group(5))))
        self.hold_reasons = array("hold_reasons")
        body = re.search(r"offices\[\]\[3\]\s*=\s*\{(.*?)\n\};", c, re.S).group(1)
        s = _strings(body)
        self.offices = [tuple(s[i:i + 3]) for i in range(0, len(s), 3)]
        body = re.search(r"detainees\[\]\[4\]\s*=\s*\{(.*?)\n\};", c, re.S).group(1)
        s = _strings(body)
        self.detainees = [tuple(s[i:i + 4]) for i in range(0, len(s), 4)]
        assert len(self.languages) == 8 and len(self.countries) >= 16
        assert len(self.detainees) == 5 and len(self.offices) == 8


class Composer:
    def __init__(self, source, rand):
        self.s = source
        self.r = rand

    def pick(self, n):
        return self.r.randrange(n)

    def chance(self, p):
        return self.r.random() < p

    def language(self):
        r = self.pick(1000)
        for lang, weight in self.s.languages:
            if r < weight:
                return lang
            r -= weight
        return "km"

    def country(self):
        total = sum(c[4] for c in self.s.countries)
        r = self.pick(total)
        for c in self.s.countries:
            if r < c[4]:
                return c
            r -= c[4]
        return self.s.countries[0]

    def compose(self, lang, greeted):
        """A text of 50–400 characters, as compose() in sb-bench-campaign.c."""
        text = ""
        target = 50 + self.pick(351)
        greetings = self.s.greetings[lang]
        if greetings and self.chance(0.6):
            greeting = greetings[self.pick(len(greetings))]
            km = lang == "km"
            if greeted >= 0:
                name = self.s.detainees[greeted][1 if km else 0]
            else:
                name = "បងប្អូន" if km else "friends"
            text += greeting.replace("%s", name) if "%s" in greeting else greeting
        if lang == "km" and self.chance(1e-4):
            text += "ពីខេត្ត" + self.s.rare_khmer + " យើងផ្ញើការគាំទ្រមកអ្នក។ "
        fragments = self.s.fragments[lang]
        while len(text) < target:
            fragment = fragments[self.pick(len(fragments))]
            if len(text) + len(fragment) > 400 and len(text) >= 50:
                break
            if len(text) + len(fragment) > 400:
                text += fragment[:400 - len(text)]
                break
            text += fragment
        return text.rstrip(" ")

    def message(self, i, n):
        """One message as sb_bench_add_messages() makes it: a dict of its fields,
        its detainees (indexes), its review (approved, held, transcribed, new) and,
        for each copy, what happened to it: None, ('delivered', day) or ('rejected', day)."""
        lang = self.language()
        country = self.country()
        received = min(i * N_DAYS // max(n, 1) + self.pick(4), N_DAYS)
        if lang == "km":
            country = self.s.countries[0]
        elif country is self.s.countries[0] and self.chance(0.7):
            country = self.s.countries[1 + self.pick(len(self.s.countries) - 1)]
        recipients = 0
        if self.chance(0.5):
            recipients = 0x1f
        else:
            for _ in range(1 + self.pick(4)):
                recipients |= 1 << self.pick(5)
        greeted = -1
        for d in range(5):
            if recipients & (1 << d) and greeted < 0 and recipients != 0x1f:
                greeted = d
        r = self.pick(100)
        channel = "postcard" if r < 60 else "online" if r < 95 else "other"
        office = None
        if channel == "postcard" and country is self.s.countries[0]:
            office = self.pick(len(self.s.offices))
        name = "%s %s" % (country[1][self.pick(8)], country[2][self.pick(8)])
        city = "Ouagadougou" if self.chance(1e-4) else country[3][self.pick(6)]
        cc = "BF" if city == "Ouagadougou" else country[0]
        contact = "sender%u@example.org" % i if channel == "online" else ""
        r = self.pick(10)
        consent = "none" if r < 3 else "detainee" if r < 7 else "public"
        text = self.compose(lang, greeted)
        r = self.pick(100)
        review = "approved" if r < 80 else "held" if r < 85 else "transcribed" if r < 95 else "new"
        tr_km = tr_en = ""
        if r < 80 and lang != "km":
            tr_km = self.compose("km", greeted)
        elif lang == "km" and self.chance(0.3):
            tr_en = self.compose("en", greeted)
        detainees = [d for d in range(5) if recipients & (1 << d)]
        hold_reason = ""
        if review == "held":
            hold_reason = self.s.hold_reasons[self.pick(len(self.s.hold_reasons))]
        fates = [None] * len(detainees)
        if review == "approved" and received < N_DAYS - 30:
            d = self.pick(100)
            if d < 65:
                for k in range(len(detainees)):
                    day = min(received + 7 + self.pick(35), N_DAYS)
                    if d >= 55 and self.chance(0.5):
                        continue
                    fates[k] = ("rejected", day) if self.chance(0.03) else ("delivered", day)
        return {
            "received": received, "language": lang, "channel": channel, "office": office,
            "sender_name": name, "sender_city": city, "sender_country": cc,
            "sender_contact": contact, "consent": consent, "original_text": text,
            "translation_km": tr_km, "translation_en": tr_en, "review": review,
            "hold_reason": hold_reason, "detainees": detainees, "fates": fates,
        }
